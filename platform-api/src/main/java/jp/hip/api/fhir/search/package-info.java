/**
 * FHIR search (issue 10, ADR 0045): the one list of accepted parameters per resource ({@code FhirSearchParameters},
 * from which the CapabilityStatement is written), the strict check of a request against it ({@code FhirSearchCheck},
 * also for history parameters), their translation to the domain's criteria ({@code FhirSearch}), running a search
 * ({@code FhirSearchRunner}, also for Bundle entries), the type-search and {@code $everything} endpoints, {@code _elements}
 * and the raw {@code |} refusal.
 */
package jp.hip.api.fhir.search;
