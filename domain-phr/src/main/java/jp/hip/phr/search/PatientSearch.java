package jp.hip.phr.search;

import java.util.List;
import java.util.UUID;

import jp.hip.phr.ObservationQuery;
import jp.hip.phr.PhrException;

/**
 * A Patient search as the FHIR layer parsed it (issue 10): lists are ANDed, inner lists OR (a comma). Names match
 * as FHIR string search does: {@link NameMatch#STARTS} (the default, case-insensitive), {@code :exact} or
 * {@code :contains}. {@code ids} that are not UUIDs were already dropped (they match nothing).
 */
public record PatientSearch(List<List<Token>> identifiers, List<List<String>> names, NameMatch nameMatch,
        List<RangeBound> birthdates, List<List<String>> genders, List<List<UUID>> ids, List<RangeBound> lastUpdated,
        List<SortKey> sort, int count, int offset) {

    public enum NameMatch { STARTS, EXACT, CONTAINS }

    public PatientSearch {
        if (count < 0 || count > ObservationQuery.MAX_COUNT) {
            throw PhrException.of(PhrException.Kind.INVALID, "phr.error.count", ObservationQuery.MAX_COUNT);
        }
        if (offset < 0) {
            throw PhrException.of(PhrException.Kind.INVALID, "phr.error.offset");
        }
    }
}
