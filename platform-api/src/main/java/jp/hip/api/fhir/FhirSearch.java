package jp.hip.api.fhir;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.hl7.fhir.r4.model.DateTimeType;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import jp.hip.phr.ObservationQuery;
import jp.hip.phr.PhrException;

/** Turns FHIR search parameters into an {@link ObservationQuery}. Dates without a zone are Japan time. */
final class FhirSearch {

    static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    static final int DEFAULT_COUNT = 50;

    private FhirSearch() {}

    static int count(String count) {
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
    static int offset(String offset) {
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

    static ObservationQuery observations(String subject, String patient, String code, String category,
            List<String> dates, String count, String offset) {
        Optional<String> codeSystem = Optional.empty();
        Optional<String> codeValue = Optional.empty();
        if (code != null) {
            int bar = code.indexOf('|');
            codeValue = Optional.of(bar >= 0 ? code.substring(bar + 1) : code);
            codeSystem = bar > 0 ? Optional.of(code.substring(0, bar)) : Optional.empty();
        }
        Optional<String> categoryValue = Optional.ofNullable(category).map(c -> c.contains("|") ? c.substring(c.indexOf('|') + 1) : c);
        Instant from = null;
        boolean fromInclusive = true;
        Instant to = null;
        boolean toInclusive = false;
        for (String date : dates == null ? List.<String>of() : dates) {
            String prefix = date.length() > 2 && Character.isLetter(date.charAt(0)) ? date.substring(0, 2) : "eq";
            String value = date.length() > 2 && Character.isLetter(date.charAt(0)) ? date.substring(2) : date;
            Instant[] range = range(value);
            switch (prefix) {
                case "ge" -> { from = range[0]; fromInclusive = true; }
                case "gt" -> { from = range[1]; fromInclusive = true; }
                case "le" -> { to = range[1]; toInclusive = false; }
                case "lt" -> { to = range[0]; toInclusive = false; }
                case "eq" -> { from = range[0]; fromInclusive = true; to = range[1]; toInclusive = false; }
                default -> throw PhrException.of(PhrException.Kind.INVALID, "phr.error.dateParam", date);
            }
        }
        return new ObservationQuery(subject(subject, patient), codeSystem, codeValue, categoryValue,
                Optional.ofNullable(from), fromInclusive, Optional.ofNullable(to), toInclusive, count(count), offset(offset));
    }

    /** [start, end) of the instant or period a FHIR date value names. */
    private static Instant[] range(String value) {
        DateTimeType parsed;
        try {
            parsed = new DateTimeType(value);
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
