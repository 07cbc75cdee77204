package jp.hip.api.fhir.search;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.util.UriComponentsBuilder;

import jp.hip.api.fhir.search.FhirSearchParameters.Parameter;
import jp.hip.phr.ObservationQuery;
import jp.hip.phr.PhrException;

/**
 * Checks a search request against {@link FhirSearchParameters} (issue 10). Strict by default: an unknown parameter
 * or modifier is a 400 naming it; with {@code Prefer: handling=lenient} it is ignored and reported in the searchset
 * Bundle. Malformed values (a bad date or number, a prefix or value the parameter does not take) are a 400 in both
 * modes. Every problem of a request is reported at once.
 */
public final class FhirSearchCheck {

    /** Parameters that are about the response, not the search: accepted everywhere, never listed per resource. */
    private static final java.util.Set<String> RESULT_FORMAT = java.util.Set.of("_format");

    private static final Pattern DATE = Pattern.compile(
            "\\d{4}(-\\d{2}(-\\d{2}(T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})?)?)?)?");
    private static final Pattern NUMBER = Pattern.compile("[+-]?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");

    private FhirSearchCheck() {}

    /** What a search request applied (name with modifier → values; for the self link) and what a lenient one ignored. */
    public record Checked(String path, Map<String, List<String>> applied, List<String> ignored) {
        public String self(String base) {
            UriComponentsBuilder builder = UriComponentsBuilder.fromUriString(base + "/" + path);
            applied.forEach((name, values) -> values.forEach(value -> builder.queryParam(name, value)));
            return builder.encode().build().toUriString();
        }

        /** The values of {@code name} (exactly, modifier included), each split at commas when {@code split}. */
        public List<String> values(String name) {
            return applied.getOrDefault(name, List.of());
        }

        public String first(String name) {
            List<String> values = values(name);
            return values.isEmpty() ? null : values.get(0);
        }
    }

    /** Checks every query parameter of a search on {@code resourceType} ({@code path} is where its self link points). */
    public static Checked check(String resourceType, String path, HttpServletRequest request) {
        return check(resourceType, path, request.getParameterMap(), lenient(request.getHeaders("Prefer")));
    }

    /** As {@link #check(String, String, HttpServletRequest)}, for decoded parameters (a Bundle entry's query). */
    public static Checked check(String resourceType, String path, Map<String, String[]> parameters, boolean lenient) {
        Map<String, Parameter> declared = new LinkedHashMap<>();
        FhirSearchParameters.of(resourceType).forEach(p -> declared.put(p.name(), p));
        Map<String, List<String>> applied = new LinkedHashMap<>();
        List<String> ignored = new ArrayList<>();
        List<PhrException.Problem> problems = new ArrayList<>();
        for (Map.Entry<String, String[]> entry : parameters.entrySet()) {
            String name = entry.getKey();
            if (RESULT_FORMAT.contains(name)) {
                continue;
            }
            int colon = name.indexOf(':');
            String bare = colon < 0 ? name : name.substring(0, colon);
            String modifier = colon < 0 ? null : name.substring(colon + 1);
            Parameter parameter = declared.get(bare);
            if (parameter == null || (modifier != null && !parameter.modifiers().contains(modifier))) {
                if (lenient) {
                    ignored.add(name);
                } else if (parameter == null) {
                    problems.add(PhrException.Problem.of("phr.error.searchParamUnknown", name, name, resourceType,
                            String.join(", ", declared.keySet())));
                } else {
                    problems.add(PhrException.Problem.of("phr.error.searchModifierUnknown", name, name, resourceType,
                            parameter.modifiers().isEmpty() ? "-" : ":" + String.join(" :", parameter.modifiers())));
                }
                continue;
            }
            String[] values = entry.getValue();
            if (values.length > 1 && !parameter.repeats()) {
                problems.add(PhrException.Problem.of("phr.error.searchParamRepeated", name, name));
                continue;
            }
            boolean zeroCount = declared.containsKey("_summary");
            for (String value : values) {
                String problem = malformed(parameter, value, zeroCount, resourceType);
                if (problem != null) {
                    problems.add(PhrException.Problem.of(problem, name, name, value, ObservationQuery.MAX_COUNT));
                }
            }
            applied.put(name, List.of(values));
        }
        if (!problems.isEmpty()) {
            throw new PhrException(PhrException.Kind.INVALID, problems);
        }
        return new Checked(path, applied, ignored);
    }

    /** The message key of what is wrong with one value, or null. */
    private static String malformed(Parameter parameter, String value, boolean zeroCount, String resourceType) {
        if (value == null || value.isBlank()) {
            return "phr.error.searchValueEmpty";
        }
        List<String> parts = parameter.commaOr() ? List.of(value.split(",", -1)) : List.of(value);
        if (!parameter.commaOr() && value.contains(",") && parameter.type() != org.hl7.fhir.r4.model.Enumerations.SearchParamType.NUMBER) {
            return "phr.error.searchOrUnsupported";
        }
        for (String part : parts) {
            if (part.isBlank()) {
                return "phr.error.searchValueEmpty";
            }
            String problem = switch (parameter.type()) {
                case NUMBER -> number(parameter.name(), part, zeroCount);
                case DATE -> date(part, parameter);
                case QUANTITY -> quantity(part);
                case SPECIAL -> special(parameter, part, resourceType);
                default -> null;
            };
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private static String number(String name, String value, boolean zeroCount) {
        int max = name.equals("_count") ? ObservationQuery.MAX_COUNT : FhirSearch.MAX_OFFSET;
        int min = name.equals("_count") && !zeroCount ? 1 : 0;
        try {
            int n = Integer.parseInt(value.strip());
            return n < min || n > max ? "phr.error.searchNumber" : null;
        } catch (NumberFormatException e) {
            return "phr.error.searchNumber";
        }
    }

    /** The prefix of a date or quantity value (two lower-case letters), or null when it has none. */
    static String prefixOf(String value) {
        return value.length() > 2 && Character.isLetter(value.charAt(0)) && Character.isLetter(value.charAt(1))
                ? value.substring(0, 2) : null;
    }

    private static String date(String value, Parameter parameter) {
        String prefix = prefixOf(value);
        String v = value;
        if (prefix != null) {
            if (!parameter.prefixes().contains(prefix)) {
                return "phr.error.searchPrefix";
            }
            v = value.substring(2);
        }
        return dateValue(v) ? null : "phr.error.searchDate";
    }

    static boolean dateValue(String v) {
        if (!DATE.matcher(v).matches()) {
            return false;
        }
        try {
            if (v.length() == 7) {
                YearMonth.parse(v);
            } else if (v.length() == 10) {
                LocalDate.parse(v);
            } else if (v.length() > 10) {
                if (v.endsWith("Z") || v.matches(".*[+-]\\d{2}:\\d{2}$")) {
                    OffsetDateTime.parse(v);
                } else {
                    LocalDateTime.parse(v);
                }
            }
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static String quantity(String value) {
        String prefix = prefixOf(value);
        String v = value;
        if (prefix != null) {
            if (!FhirSearchParameters.PREFIXES.contains(prefix)) {
                return "phr.error.searchPrefix";
            }
            v = value.substring(2);
        }
        String[] parts = v.split("\\|", -1);
        if (parts.length != 1 && parts.length != 3) {
            return "phr.error.searchQuantity";
        }
        if (!NUMBER.matcher(parts[0]).matches()) {
            return "phr.error.searchQuantity";
        }
        try {
            new BigDecimal(parts[0]);
        } catch (NumberFormatException e) {
            return "phr.error.searchQuantity";
        }
        return null;
    }

    private static String special(Parameter parameter, String value, String resourceType) {
        return switch (parameter.name()) {
            case "_elements" -> FhirElements.known(resourceType, value) ? null : "phr.error.searchElements";
            default -> parameter.values().contains(value) ? null : "phr.error.searchValue";
        };
    }

    /** {@code Prefer: handling=lenient} (FHIR R4 search 3.1.1.4); strict is the default. */
    public static boolean lenient(java.util.Enumeration<String> prefer) {
        while (prefer != null && prefer.hasMoreElements()) {
            for (String part : prefer.nextElement().split("[,;]")) {
                if (part.strip().toLowerCase(Locale.ROOT).replace(" ", "").equals("handling=lenient")) {
                    return true;
                }
            }
        }
        return false;
    }
}
