package jp.hip.api.fhir;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import org.hl7.fhir.r4.model.Enumerations.SearchParamType;
import org.springframework.web.util.UriComponentsBuilder;

import jp.hip.phr.ObservationQuery;
import jp.hip.phr.PhrException;

/**
 * The one list of search parameters the FHIR server accepts, per resource (issue 10). The search endpoints check every
 * request against it and the CapabilityStatement is written from it, so the two cannot disagree.
 * <p>Strict by default: an unknown parameter or modifier is a 400 naming it; with {@code Prefer: handling=lenient}
 * it is ignored and reported in the searchset Bundle. Malformed values are a 400 in both modes.
 */
final class FhirSearchParameters {

    /** One accepted parameter: its type, whether it may repeat (AND), and the prefixes a date value may carry. */
    record Parameter(String name, SearchParamType type, boolean repeats, Set<String> prefixes, String documentation) {
        static Parameter of(String name, SearchParamType type, String documentation) {
            return new Parameter(name, type, false, Set.of(), documentation);
        }
    }

    /** Date prefixes the Observation query applies (FhirSearch); sa, eb, ap and ne are not. */
    static final Set<String> DATE_PREFIXES = Set.of("eq", "ge", "gt", "le", "lt");

    private static final Parameter COUNT = Parameter.of("_count", SearchParamType.NUMBER,
            "page size, 1 to " + ObservationQuery.MAX_COUNT + " (default " + FhirSearch.DEFAULT_COUNT + ")");
    private static final Parameter OFFSET = Parameter.of("_offset", SearchParamType.NUMBER,
            "paging position written into next links, 0 to " + FhirSearch.MAX_OFFSET);
    private static final Parameter SUBJECT = Parameter.of("subject", SearchParamType.REFERENCE, "Patient/[id] or [id]; no modifiers");
    private static final Parameter PATIENT = Parameter.of("patient", SearchParamType.REFERENCE, "Patient/[id] or [id]; no modifiers");

    private static final Map<String, List<Parameter>> BY_RESOURCE = new LinkedHashMap<>();
    static {
        BY_RESOURCE.put("Patient", List.of(
                Parameter.of("identifier", SearchParamType.TOKEN, "[system]|[value] or [value]; one value, no modifiers"),
                COUNT, OFFSET));
        BY_RESOURCE.put("Observation", List.of(SUBJECT, PATIENT,
                Parameter.of("code", SearchParamType.TOKEN, "[system]|[code] or [code]; one value (no comma OR), no modifiers"),
                Parameter.of("category", SearchParamType.TOKEN, "[code] (a system part is accepted, the code alone is matched); no modifiers"),
                new Parameter("date", SearchParamType.DATE, true, DATE_PREFIXES,
                        "prefixes eq ge gt le lt; YYYY, YYYY-MM, YYYY-MM-DD or a dateTime with seconds; may repeat for a range; a value without a zone is Japan time"),
                COUNT, OFFSET));
        BY_RESOURCE.put("Consent", List.of(PATIENT, COUNT, OFFSET));
        BY_RESOURCE.put("MedicationStatement", List.of(SUBJECT, PATIENT, COUNT, OFFSET));
    }

    /** Parameters that are about the response, not the search: accepted everywhere, never listed per resource. */
    private static final Set<String> RESULT_FORMAT = Set.of("_format");

    private static final Pattern DATE = Pattern.compile(
            "\\d{4}(-\\d{2}(-\\d{2}(T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})?)?)?)?");

    private FhirSearchParameters() {}

    static Map<String, List<Parameter>> all() {
        return BY_RESOURCE;
    }

    /** What a search request applied: the parameters kept (for the self link) and those a lenient request ignored. */
    record Checked(String resourceType, Map<String, List<String>> applied, List<String> ignored) {
        String self(String base) {
            UriComponentsBuilder builder = UriComponentsBuilder.fromUriString(base + "/" + resourceType);
            applied.forEach((name, values) -> values.forEach(value -> builder.queryParam(name, value)));
            return builder.encode().build().toUriString();
        }
    }

    /** Checks every query parameter of a search on {@code resourceType}; throws a 400 naming what is not accepted. */
    static Checked check(String resourceType, HttpServletRequest request) {
        boolean lenient = lenient(request.getHeaders("Prefer"));
        Map<String, Parameter> declared = new LinkedHashMap<>();
        BY_RESOURCE.get(resourceType).forEach(p -> declared.put(p.name(), p));
        Map<String, List<String>> applied = new LinkedHashMap<>();
        List<String> ignored = new ArrayList<>();
        List<PhrException.Problem> problems = new ArrayList<>();
        for (Map.Entry<String, String[]> entry : request.getParameterMap().entrySet()) {
            String name = entry.getKey();
            String bare = name.contains(":") ? name.substring(0, name.indexOf(':')) : name;
            if (RESULT_FORMAT.contains(name)) {
                continue;
            }
            Parameter parameter = declared.get(bare);
            if (parameter == null || !bare.equals(name)) {
                if (lenient) {
                    ignored.add(name);
                } else {
                    problems.add(PhrException.Problem.of(parameter == null ? "phr.error.searchParamUnknown" : "phr.error.searchModifierUnknown",
                            name, name, resourceType, String.join(", ", declared.keySet())));
                }
                continue;
            }
            String[] values = entry.getValue();
            if (values.length > 1 && !parameter.repeats()) {
                problems.add(PhrException.Problem.of("phr.error.searchParamRepeated", name, name));
                continue;
            }
            for (String value : values) {
                String problem = malformed(parameter, value);
                if (problem != null) {
                    problems.add(PhrException.Problem.of(problem, name, name, value, ObservationQuery.MAX_COUNT));
                }
            }
            applied.put(name, List.of(values));
        }
        if (!problems.isEmpty()) {
            throw new PhrException(PhrException.Kind.INVALID, problems);
        }
        return new Checked(resourceType, applied, ignored);
    }

    /** The message key of what is wrong with one value, or null. */
    private static String malformed(Parameter parameter, String value) {
        if (value == null || value.isBlank()) {
            return "phr.error.searchValueEmpty";
        }
        return switch (parameter.type()) {
            case NUMBER -> number(parameter.name(), value);
            case DATE -> date(value);
            case TOKEN -> value.contains(",") ? "phr.error.searchOrUnsupported" : null;
            default -> value.contains(",") ? "phr.error.searchOrUnsupported" : null;
        };
    }

    private static String number(String name, String value) {
        int max = name.equals("_count") ? ObservationQuery.MAX_COUNT : FhirSearch.MAX_OFFSET;
        int min = name.equals("_count") ? 1 : 0;
        try {
            int n = Integer.parseInt(value.strip());
            return n < min || n > max ? "phr.error.searchNumber" : null;
        } catch (NumberFormatException e) {
            return "phr.error.searchNumber";
        }
    }

    private static String date(String value) {
        String v = value;
        if (v.length() > 2 && Character.isLetter(v.charAt(0))) {
            if (!DATE_PREFIXES.contains(v.substring(0, 2))) {
                return "phr.error.searchPrefix";
            }
            v = v.substring(2);
        }
        if (!DATE.matcher(v).matches()) {
            return "phr.error.searchDate";
        }
        try {
            if (v.length() == 7) {
                YearMonth.parse(v);
            } else if (v.length() == 10) {
                LocalDate.parse(v);
            } else if (v.length() > 10) {
                String full = v;
                if (full.endsWith("Z") || full.matches(".*[+-]\\d{2}:\\d{2}$")) {
                    OffsetDateTime.parse(full);
                } else {
                    java.time.LocalDateTime.parse(full);
                }
            }
        } catch (DateTimeParseException e) {
            return "phr.error.searchDate";
        }
        return null;
    }

    /** {@code Prefer: handling=lenient} (FHIR R4 search 3.1.1.4); strict is the default. */
    static boolean lenient(java.util.Enumeration<String> prefer) {
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
