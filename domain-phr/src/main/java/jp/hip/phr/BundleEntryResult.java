package jp.hip.phr;

import java.util.List;

import org.hl7.fhir.r4.model.Resource;

/**
 * The outcome of one Bundle entry: {@code created} (a new resource) and a resource, or the refusal that a batch
 * reports per entry; {@code notices} go into the entry's response outcome (a tombstone met, ADR 0046). The HTTP
 * status of the entry is platform-api's mapping of these. {@code json}, when given, is the resource exactly as it
 * was encoded for storage (the same content as {@code resource}), so the response can carry it without encoding it
 * again (ADR 0103); null where the entry did not encode it.
 */
public record BundleEntryResult(boolean created, String location, Integer versionId, Resource resource, PhrException error,
        List<PhrException.Problem> notices, String json) {

    public BundleEntryResult {
        notices = notices == null ? List.of() : List.copyOf(notices);
    }

    public BundleEntryResult(boolean created, String location, Integer versionId, Resource resource, PhrException error,
            List<PhrException.Problem> notices) {
        this(created, location, versionId, resource, error, notices, null);
    }

    public BundleEntryResult(boolean created, String location, Integer versionId, Resource resource, PhrException error) {
        this(created, location, versionId, resource, error, List.of(), null);
    }
}
