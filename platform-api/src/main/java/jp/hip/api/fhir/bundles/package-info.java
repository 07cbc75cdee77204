/**
 * FHIR {@code batch} and {@code transaction} Bundles (ADR 0048): each entry read and checked as its single request
 * ({@code FhirBundleEntry}), run through the domain or the search and history code ({@code FhirBundleController}),
 * and the answer written around the stored JSON ({@code FhirBundleJson}, ADR 0103).
 */
package jp.hip.api.fhir.bundles;
