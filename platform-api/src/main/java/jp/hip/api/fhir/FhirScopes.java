package jp.hip.api.fhir;

import org.hl7.fhir.r4.model.Bundle;

import jp.hip.api.ApiClient;

/**
 * A Bundle entry needs the scope its single request would need (issue 10, item 4): the interaction of its method
 * ({@code c} for POST, {@code u} for PUT, {@code rs} for a read or search) on its resource type. A SMART app's
 * patient-level token may hold the matching patient scope instead (ADR 0033).
 */
public final class FhirScopes {

    private FhirScopes() {}

    /** The scope an entry lacks, as the token's kind names it ({@code system/Observation.rs}), or null when it has it. */
    public static String missing(ApiClient client, Bundle.HTTPVerb verb, String type) {
        String interaction = switch (verb) {
            case POST -> "c";
            case PUT, PATCH -> "u";
            case DELETE -> "d";
            default -> "rs";
        };
        String system = "system/" + type + "." + interaction;
        String patient = "patient/" + type + "." + interaction;
        if (client.scopes().contains(system) || (client.forPatient() && client.scopes().contains(patient))) {
            return null;
        }
        return client.forPatient() ? patient : system;
    }
}
