package jp.hip.api.fhir.search;

import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jp.hip.api.ApiClient;
import jp.hip.phr.everything.PatientEverything;
import jp.hip.api.fhir.FhirResponses;

/**
 * FHIR search on Patient and Observation, and Patient/$everything (issue 10): each request is checked against the
 * declared parameters ({@link FhirSearchCheck}), parsed into the domain's search ({@link FhirSearch}) and run by
 * the capability ({@link FhirSearchRunner}, shared with Bundle entries), which applies every criterion, the access
 * join and the access log inside its SQL.
 */
@RestController
@RequestMapping("/fhir")
class FhirSearchController {

    private final FhirSearchRunner searches;
    private final PatientEverything everything;
    private final FhirResponses responses;

    FhirSearchController(FhirSearchRunner searches, PatientEverything everything, FhirResponses responses) {
        this.searches = searches;
        this.everything = everything;
        this.responses = responses;
    }

    @GetMapping("/Observation")
    ResponseEntity<String> searchObservations(@AuthenticationPrincipal ApiClient client, HttpServletRequest request) {
        var checked = FhirSearchCheck.check("Observation", "Observation", request);
        return FhirResponses.ok(searches.prepare(client, "Observation", checked).get(), null);
    }

    @GetMapping("/Patient")
    ResponseEntity<String> searchPatients(@AuthenticationPrincipal ApiClient client, HttpServletRequest request) {
        var checked = FhirSearchCheck.check("Patient", "Patient", request);
        return FhirResponses.ok(searches.prepare(client, "Patient", checked).get(), null);
    }

    /**
     * Patient/$everything in pages with next links: the Patient, the observations, and the medication statements
     * when the token may read them; {@code _since} keeps resources changed since then.
     */
    @GetMapping("/Patient/{id}/$everything")
    ResponseEntity<String> everything(@AuthenticationPrincipal ApiClient client, HttpServletRequest request, @PathVariable String id) {
        UUID person = FhirResponses.uuid(id, "Patient");
        var checked = FhirSearchCheck.check("$everything", "Patient/" + person + "/$everything", request);
        int count = FhirSearch.count(checked.first("_count"));
        int offset = FhirSearch.offset(checked.first("_offset"));
        boolean medications = client.scopes().contains("system/MedicationStatement.rs")
                || client.scopes().contains("patient/MedicationStatement.rs");
        var page = everything.page(responses.accessor(client), person, medications, FhirSearch.since(checked.first("_since")),
                count, offset);
        return FhirResponses.ok(responses.searchset(checked, page.resources(), List.of(), null, count, offset), null);
    }
}
