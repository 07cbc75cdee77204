package jp.hip.api.fhir.search;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.hl7.fhir.r4.model.DateTimeType;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import jp.hip.phr.ObservationQuery;
import jp.hip.phr.PhrException;
import jp.hip.phr.search.ObservationSearch;
import jp.hip.phr.search.PatientSearch;
import jp.hip.phr.search.QuantityBound;
import jp.hip.phr.search.RangeBound;
import jp.hip.phr.search.SearchPrefix;
import jp.hip.phr.search.SortKey;
import jp.hip.phr.search.Token;

/** Turns checked FHIR search parameters into the domain's searches. Dates without a zone are Japan time. */
public final class FhirSearch {

    static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    static final int DEFAULT_COUNT = 50;

    private FhirSearch() {}

    public static int count(String count) {
        if (count == null) {
            return DEFAULT_COUNT;
        }
        try {
            return Integer.parseInt(count);
        } catch (NumberFormatException e) {
            throw PhrException.of(PhrException.Kind.INVALID, "phr.error.count", ObservationQuery.MAX_COUNT);
        }
    }

    /** The largest {@code _offset} accepted: far beyond any page a client walks, and {@code offset + count} cannot overflow. */
    static final int MAX_OFFSET = 1_000_000_000;

    /** {@code _offset}: 0 to {@value #MAX_OFFSET}; a negative, huge or non-numeric one is a 400, never a 500 (issue 16 L4). */
    public static int offset(String offset) {
        int value;
        try {
            value = offset == null ? 0 : Integer.parseInt(offset.strip());
        } catch (NumberFormatException e) {
            throw PhrException.of(PhrException.Kind.INVALID, "phr.error.offset");
        }
        if (value < 0 || value > MAX_OFFSET) {
            throw PhrException.of(PhrException.Kind.INVALID, "phr.error.offset");
        }
        return value;
    }

    static Optional<UUID> subject(String subject, String patient) {
        String value = subject != null ? subject : patient;
        if (value == null) {
            return Optional.empty();
        }
        String id = value.startsWith("Patient/") ? value.substring("Patient/".length()) : value;
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            throw PhrException.of(PhrException.Kind.INVALID, "phr.error.subjectParam", value);
        }
    }

    /** The Observation search a checked request asks for. */
    static ObservationSearch observations(FhirSearchCheck.Checked checked, Instant now) {
        List<List<Token>> codes = tokens(checked.values("code"));
        List<List<Token>> notCodes = tokens(checked.values("code:not"));
        List<List<Token>> categories = tokens(checked.values("category"));
        List<List<Token>> identifiers = tokens(checked.values("identifier"));
        List<RangeBound> dates = checked.values("date").stream().map(v -> instants(v, now)).toList();
        List<RangeBound> updated = checked.values("_lastUpdated").stream().map(v -> instants(v, now)).toList();
        List<List<QuantityBound>> quantities = checked.values("value-quantity").stream()
                .map(v -> java.util.Arrays.stream(v.split(",")).map(FhirSearch::quantity).toList()).toList();
        List<SortKey> sort = sort(checked.first("_sort"), Map.of("date", SortKey.Field.DATE, "_lastUpdated", SortKey.Field.LAST_UPDATED));
        return new ObservationSearch(subject(checked.first("subject"), checked.first("patient")), codes, notCodes, categories,
                identifiers, dates, updated, quantities, Optional.empty(), sort, count(checked.first("_count")),
                offset(checked.first("_offset")));
    }

    /** The Patient search a checked request asks for; an _id that is no UUID matches nothing. */
    static PatientSearch patients(FhirSearchCheck.Checked checked, Instant now) {
        List<String> nameKeys = List.of("name", "name:exact", "name:contains");
        List<String> used = nameKeys.stream().filter(k -> !checked.values(k).isEmpty()).toList();
        if (used.size() > 1) {
            throw PhrException.of(PhrException.Kind.INVALID, "phr.error.searchNameModes", String.join(", ", used));
        }
        String nameKey = used.isEmpty() ? "name" : used.get(0);
        PatientSearch.NameMatch match = switch (nameKey) {
            case "name:exact" -> PatientSearch.NameMatch.EXACT;
            case "name:contains" -> PatientSearch.NameMatch.CONTAINS;
            default -> PatientSearch.NameMatch.STARTS;
        };
        List<List<String>> names = checked.values(nameKey).stream().map(v -> List.of(v.split(","))).toList();
        List<RangeBound> birthdates = checked.values("birthdate").stream().map(v -> days(instants(v, now))).toList();
        List<List<String>> genders = new ArrayList<>();
        for (String value : checked.values("gender")) {
            List<String> any = new ArrayList<>();
            for (Token t : tokenList(value)) {
                if (!GENDERS.contains(t.code()) || t.system().filter(s -> !s.equals(GENDER_SYSTEM)).isPresent()) {
                    throw new PhrException(PhrException.Kind.INVALID,
                            List.of(PhrException.Problem.of("phr.error.searchValue", "gender", "gender", value)));
                }
                any.add(t.code());
            }
            genders.add(any);
        }
        List<List<UUID>> ids = checked.values("_id").stream().map(v -> java.util.Arrays.stream(v.split(","))
                .map(FhirSearch::uuidOrNull).filter(java.util.Objects::nonNull).toList()).toList();
        List<RangeBound> updated = checked.values("_lastUpdated").stream().map(v -> instants(v, now)).toList();
        List<SortKey> sort = sort(checked.first("_sort"),
                Map.of("_lastUpdated", SortKey.Field.PATIENT_LAST_UPDATED, "birthdate", SortKey.Field.BIRTHDATE));
        return new PatientSearch(tokens(checked.values("identifier")), names, match, birthdates, genders, ids, updated, sort,
                count(checked.first("_count")), offset(checked.first("_offset")));
    }

    static final String GENDER_SYSTEM = "http://hl7.org/fhir/administrative-gender";
    private static final java.util.Set<String> GENDERS = java.util.Set.of("male", "female", "other", "unknown");

    private static UUID uuidOrNull(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static List<Token> tokenList(String value) {
        return java.util.Arrays.stream(value.split(",")).map(Token::parse).toList();
    }

    private static List<List<Token>> tokens(List<String> values) {
        return values.stream().map(FhirSearch::tokenList).toList();
    }

    private static List<SortKey> sort(String value, Map<String, SortKey.Field> fields) {
        if (value == null) {
            return List.of();
        }
        List<SortKey> keys = new ArrayList<>();
        for (String key : value.split(",")) {
            boolean descending = key.startsWith("-");
            keys.add(new SortKey(fields.get(descending ? key.substring(1) : key), descending));
        }
        return keys;
    }

    /** A checked quantity value: [prefix]number[|system|code]. */
    private static QuantityBound quantity(String value) {
        String prefix = FhirSearchCheck.prefixOf(value);
        String v = prefix == null ? value : value.substring(2);
        String[] parts = v.split("\\|", -1);
        return new QuantityBound(prefix == null ? SearchPrefix.EQ : SearchPrefix.valueOf(prefix.toUpperCase(java.util.Locale.ROOT)),
                new java.math.BigDecimal(parts[0]), parts.length == 3 ? Optional.of(parts[1]) : Optional.empty(),
                parts.length == 3 ? Optional.of(parts[2]) : Optional.empty());
    }

    /** A checked date value as a bound over instants; ap widened by 10% of the value's distance from now. */
    static RangeBound instants(String value, Instant now) {
        String prefix = FhirSearchCheck.prefixOf(value);
        SearchPrefix p = prefix == null ? SearchPrefix.EQ : SearchPrefix.valueOf(prefix.toUpperCase(java.util.Locale.ROOT));
        Instant[] range = range(prefix == null ? value : value.substring(2));
        if (p == SearchPrefix.AP) {
            long gap = Math.abs(java.time.Duration.between(range[0], now).toSeconds()) / 10;
            range = new Instant[] {range[0].minusSeconds(gap), range[1].plusSeconds(gap)};
        }
        return new RangeBound(p, Timestamp.from(range[0]), Timestamp.from(range[1]));
    }

    /** A bound over instants as one over Japan days (a date column such as birth_date). */
    private static RangeBound days(RangeBound bound) {
        LocalDate lo = ((Timestamp) bound.lo()).toInstant().atZone(JAPAN).toLocalDate();
        Instant hiInstant = ((Timestamp) bound.hi()).toInstant();
        LocalDate hi = hiInstant.atZone(JAPAN).toLocalDate();
        if (!hi.atStartOfDay(JAPAN).toInstant().equals(hiInstant)) {
            hi = hi.plusDays(1);
        }
        return new RangeBound(bound.prefix(), java.sql.Date.valueOf(lo), java.sql.Date.valueOf(hi));
    }

    /** Patient/$everything's _since. */
    public static Optional<Instant> since(String value) {
        return value == null ? Optional.empty() : Optional.of(range(value)[0]);
    }

    /** Instance history's {@code _at}: the period the value names, to its precision (seconds at the finest). */
    public static Optional<jp.hip.phr.observations.ObservationVersions.Period> period(String value) {
        if (value == null) {
            return Optional.empty();
        }
        Instant[] range = range(value);
        return Optional.of(new jp.hip.phr.observations.ObservationVersions.Period(range[0], range[1]));
    }

    /** [start, end) of the instant or period a FHIR date value names. */
    private static Instant[] range(String value) {
        DateTimeType parsed;
        try {
            // a dateTime without a zone is Japan time (not the JVM's zone)
            boolean zoned = value.endsWith("Z") || value.matches(".*T.*[+-]\\d{2}:\\d{2}$");
            parsed = new DateTimeType(value.length() > 10 && !zoned ? value + "+09:00" : value);
        } catch (RuntimeException e) {
            throw PhrException.of(PhrException.Kind.INVALID, "phr.error.dateParam", value);
        }
        TemporalPrecisionEnum precision = parsed.getPrecision();
        if (precision.ordinal() <= TemporalPrecisionEnum.DAY.ordinal()) {
            java.time.LocalDate start = java.time.LocalDate.of(parsed.getYear(),
                    precision == TemporalPrecisionEnum.YEAR ? 1 : parsed.getMonth() + 1,
                    precision == TemporalPrecisionEnum.DAY ? parsed.getDay() : 1);
            java.time.LocalDate end = switch (precision) {
                case YEAR -> start.plusYears(1);
                case MONTH -> start.plusMonths(1);
                default -> start.plusDays(1);
            };
            return new Instant[] {start.atStartOfDay(JAPAN).toInstant(), end.atStartOfDay(JAPAN).toInstant()};
        }
        Instant start = parsed.getValue().toInstant();
        return new Instant[] {start, start.plusSeconds(precision == TemporalPrecisionEnum.MINUTE ? 60 : 1)};
    }
}
