package jp.hip.api.fhir;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jp.hip.api.ApiClient;
import jp.hip.phr.Accessor;
import jp.hip.phr.access.StoredRows.Row;
import jp.hip.phr.observations.ObservationSearches;
import jp.hip.phr.everything.PatientEverything;
import jp.hip.phr.persons.PatientStore;

/**
 * FHIR search on Patient and Observation, and Patient/$everything (issue 10): each request is checked against the
 * declared parameters ({@link FhirSearchCheck}), parsed into the domain's search ({@link FhirSearch}) and run by
 * the capability, which applies every criterion, the access join and the access log inside its SQL.
 */
@RestController
@RequestMapping("/fhir")
class FhirSearchController {

    private final PatientStore patients;
    private final ObservationSearches observations;
    private final PatientEverything everything;
    private final FhirResponses responses;
    private final Clock clock;

    FhirSearchController(PatientStore patients, ObservationSearches observations, PatientEverything everything,
            FhirResponses responses, Clock clock) {
        this.patients = patients;
        this.observations = observations;
        this.everything = everything;
        this.responses = responses;
        this.clock = clock;
    }

    /** _summary=count, or _count=0: the total alone. */
    private static boolean totalOnly(FhirSearchCheck.Checked checked, int count) {
        return count == 0 || "count".equals(checked.first("_summary"));
    }

    @GetMapping("/Observation")
    ResponseEntity<String> searchObservations(@AuthenticationPrincipal ApiClient client, HttpServletRequest request) {
        var checked = FhirSearchCheck.check("Observation", "Observation", request);
        var search = FhirSearch.observations(checked, clock.instant());
        Accessor accessor = responses.accessor(client);
        if (totalOnly(checked, search.count())) {
            long total = observations.count(accessor, search);
            return FhirResponses.ok(responses.searchset(checked, List.of(), List.of(), total, 0, search.offset()), null);
        }
        List<Row<Observation>> rows = observations.search(accessor, search, "Observation.search");
        List<Patient> included = checked.values("_include").isEmpty() ? List.of()
                : patients.includePatients(accessor, rows.stream().map(Row::personId).distinct().toList());
        return FhirResponses.ok(responses.searchset(checked, rows.stream().map(Row::resource).toList(), included, null,
                search.count(), search.offset()), null);
    }

    @GetMapping("/Patient")
    ResponseEntity<String> searchPatients(@AuthenticationPrincipal ApiClient client, HttpServletRequest request) {
        var checked = FhirSearchCheck.check("Patient", "Patient", request);
        var search = FhirSearch.patients(checked, clock.instant());
        Accessor accessor = responses.accessor(client);
        if (totalOnly(checked, search.count())) {
            long total = patients.countPatients(accessor, search);
            return FhirResponses.ok(responses.searchset(checked, List.of(), List.of(), total, 0, search.offset()), null);
        }
        List<Patient> found = patients.searchPatients(accessor, search);
        return FhirResponses.ok(responses.searchset(checked, found, List.of(), null, search.count(), search.offset()), null);
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
