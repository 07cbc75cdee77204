package jp.hip.phr.search;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jp.hip.phr.ObservationQuery;
import jp.hip.phr.PhrException;

/**
 * An Observation search as the FHIR layer parsed it (issue 10): every list is ANDed, every inner list ORs its values
 * (a comma in one parameter). {@code notCodes} are {@code code:not} values (a row matches when its code is none of
 * them). {@code count} 0 asks for no rows (a total only).
 */
public record ObservationSearch(Optional<UUID> subject, List<List<Token>> codes, List<List<Token>> notCodes,
        List<List<Token>> categories, List<List<Token>> identifiers, List<RangeBound> dates, List<RangeBound> lastUpdated,
        List<List<QuantityBound>> quantities, Optional<java.time.Instant> since, List<SortKey> sort, int count, int offset) {

    public ObservationSearch {
        if (count < 0 || count > ObservationQuery.MAX_COUNT) {
            throw PhrException.of(PhrException.Kind.INVALID, "phr.error.count", ObservationQuery.MAX_COUNT);
        }
        if (offset < 0) {
            throw PhrException.of(PhrException.Kind.INVALID, "phr.error.offset");
        }
    }

    /** Every observation of the person the accessor may read, newest first (Patient/$everything pages). */
    public static ObservationSearch of(UUID person, Optional<java.time.Instant> since, int count, int offset) {
        return new ObservationSearch(Optional.of(person), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), since, List.of(), count, offset);
    }
}
