package jp.hip.phr;

import org.hl7.fhir.r4.model.Resource;

/** The outcome of one Bundle entry: an HTTP status, and a resource or the refusal that a batch reports per entry. */
public record BundleEntryResult(int status, String location, Integer versionId, Resource resource, PhrException error) {}
