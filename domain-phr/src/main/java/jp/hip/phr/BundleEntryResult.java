package jp.hip.phr;

import org.hl7.fhir.r4.model.Resource;

/**
 * The outcome of one Bundle entry: {@code created} (a new resource) and a resource, or the refusal that a batch
 * reports per entry. The HTTP status of the entry is platform-api's mapping of these.
 */
public record BundleEntryResult(boolean created, String location, Integer versionId, Resource resource, PhrException error) {}
