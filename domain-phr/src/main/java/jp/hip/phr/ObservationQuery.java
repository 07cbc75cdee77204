package jp.hip.phr;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Observation search parameters (FHIR: subject, code, category, date ranges, _count paging). */
public record ObservationQuery(
        Optional<UUID> subject, Optional<String> codeSystem, Optional<String> code, Optional<String> category,
        Optional<Instant> from, boolean fromInclusive, Optional<Instant> to, boolean toInclusive, int count, int offset) {

    public static final int MAX_COUNT = 500;

    public ObservationQuery {
        if (count < 1 || count > MAX_COUNT) {
            throw PhrException.of(PhrException.Kind.INVALID, "phr.error.count", MAX_COUNT);
        }
        if (offset < 0) {
            throw PhrException.of(PhrException.Kind.INVALID, "phr.error.offset");
        }
    }
}
