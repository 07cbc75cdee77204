package jp.hip.phr;

import org.hl7.fhir.r4.model.Resource;

/** A resource as the store returns it: {@code created} is false when a conditional create found an existing one. */
public record StoredResource<R extends Resource>(R resource, int versionId, boolean created) {}
