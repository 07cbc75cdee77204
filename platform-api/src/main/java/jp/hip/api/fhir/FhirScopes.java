package jp.hip.api.fhir;

import org.hl7.fhir.r4.model.Bundle;

import jp.hip.api.ApiClient;
import jp.hip.phr.PhrException;

/** A Bundle's entries need the same scopes as the single requests they stand for. */
final class FhirScopes {

    private FhirScopes() {}

    static void requireFor(ApiClient client, Bundle bundle) {
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            String url = entry.getRequest().getUrl() == null ? "" : entry.getRequest().getUrl();
            String type = url.contains("/") ? url.substring(0, url.indexOf('/')) : url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
            Bundle.HTTPVerb verb = entry.getRequest().getMethod();
            String interaction = verb == null ? "?" : switch (verb) {
                case POST -> "c";
                case PUT, PATCH -> "u";
                case GET, HEAD -> "rs";
                default -> "d";
            };
            String scope = "system/" + type + "." + interaction;
            // a SMART app's patient-level token: the matching patient scope (ADR 0033)
            if (!client.scopes().contains(scope) && !(client.forPatient() && client.scopes().contains("patient/" + type + "." + interaction))) {
                throw PhrException.of(PhrException.Kind.FORBIDDEN, "phr.error.scope", scope);
            }
        }
    }
}
