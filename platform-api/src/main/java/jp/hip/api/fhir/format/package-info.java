/**
 * FHIR formats and request bodies under /fhir (ADR 0039, 0103): response negotiation ({@code FhirFormat}, 406), XML
 * answers ({@code FhirXmlResponses}), XML bodies read through HAPI and handed on as JSON ({@code FhirXmlRequests},
 * DOCTYPE refused, 415), and the body size cap ({@code FhirBodyLimit}, 413).
 */
package jp.hip.api.fhir.format;
