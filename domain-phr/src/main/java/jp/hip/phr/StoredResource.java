package jp.hip.phr;

import java.util.List;

import org.hl7.fhir.r4.model.Resource;

/**
 * A resource as the store returns it: {@code created} is false when a conditional create found an existing one;
 * {@code notices} are what the response must tell besides (a tombstone met, ADR 0046), as message keys.
 */
public record StoredResource<R extends Resource>(R resource, int versionId, boolean created, List<PhrException.Problem> notices) {

    public StoredResource {
        notices = List.copyOf(notices);
    }

    public StoredResource(R resource, int versionId, boolean created) {
        this(resource, versionId, created, List.of());
    }
}
