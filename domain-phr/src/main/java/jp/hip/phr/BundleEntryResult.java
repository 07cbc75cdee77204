package jp.hip.phr;

import java.util.List;

import org.hl7.fhir.r4.model.Resource;

/**
 * The outcome of one Bundle entry: {@code created} (a new resource) and a resource, or the refusal that a batch
 * reports per entry; {@code notices} go into the entry's response outcome (a tombstone met, ADR 0046). The HTTP
 * status of the entry is platform-api's mapping of these.
 */
public record BundleEntryResult(boolean created, String location, Integer versionId, Resource resource, PhrException error,
        List<PhrException.Problem> notices) {

    public BundleEntryResult {
        notices = notices == null ? List.of() : List.copyOf(notices);
    }

    public BundleEntryResult(boolean created, String location, Integer versionId, Resource resource, PhrException error) {
        this(created, location, versionId, resource, error, List.of());
    }
}
