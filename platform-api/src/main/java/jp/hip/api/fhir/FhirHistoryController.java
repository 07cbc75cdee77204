package jp.hip.api.fhir;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import jp.hip.api.ApiClient;
import jp.hip.api.PhrHttp;
import jp.hip.phr.PhrException;
import jp.hip.phr.StoredResource;
import jp.hip.phr.access.PhrConsents;
import jp.hip.phr.medication.PhrMedications;
import jp.hip.phr.observations.ObservationVersions;
import jp.hip.phr.persons.PatientStore;
import jp.hip.api.fhir.search.FhirSearch;
import jp.hip.api.fhir.search.FhirSearchCheck;

/**
 * Observation versions (issue 10, item 5; ADR 0048): vread ({@code Observation/[id]/_history/[vid]}, where the
 * {@code Location} of a create or update points) and the instance history, in pages, newest first. Each version
 * goes through the same access join and access log as a read ({@link ObservationVersions}).
 */
@RestController
@RequestMapping("/fhir")
public class FhirHistoryController {

    private final ObservationVersions versions;
    private final FhirResponses responses;
    private final PatientStore patients;
    private final PhrConsents consents;
    private final PhrMedications medications;

    FhirHistoryController(ObservationVersions versions, FhirResponses responses, PatientStore patients, PhrConsents consents,
            PhrMedications medications) {
        this.versions = versions;
        this.responses = responses;
        this.patients = patients;
        this.consents = consents;
        this.medications = medications;
    }

    /**
     * vread of a Patient, Consent or MedicationStatement: only the current version is kept for these, so the version
     * a create's {@code Location} names reads back while it is current (the same read, basis and access log as
     * {@code GET [type]/[id]}); any other version number is 404. Observation keeps every version (below).
     */
    @GetMapping("/Patient/{id}/_history/{version}")
    ResponseEntity<String> vreadPatient(@AuthenticationPrincipal ApiClient client, @PathVariable String id, @PathVariable String version) {
        return current("Patient", id, version, patients.readPatient(responses.accessor(client), FhirResponses.uuid(id, "Patient")));
    }

    @GetMapping("/Consent/{id}/_history/{version}")
    ResponseEntity<String> vreadConsent(@AuthenticationPrincipal ApiClient client, @PathVariable String id, @PathVariable String version) {
        return current("Consent", id, version, consents.readConsentForRecipient(responses.accessor(client), FhirResponses.uuid(id, "Consent")));
    }

    @GetMapping("/MedicationStatement/{id}/_history/{version}")
    ResponseEntity<String> vreadMedicationStatement(@AuthenticationPrincipal ApiClient client, @PathVariable String id,
            @PathVariable String version) {
        StoredResource<MedicationStatement> stored = medications.readMedicationStatement(responses.accessor(client),
                FhirResponses.uuid(id, "MedicationStatement"));
        stored.resource().getMeta().setVersionId(String.valueOf(stored.versionId()));
        return current("MedicationStatement", id, version, stored.resource());
    }

    private static ResponseEntity<String> current(String type, String id, String version, Resource resource) {
        int wanted = versionOf(type, id, version);
        String stored = resource.getMeta().getVersionId();
        if (stored == null || !stored.equals(String.valueOf(wanted))) {
            throw PhrException.of(PhrException.Kind.NOT_FOUND, "phr.error.notFound", type + "/" + id + "/_history/" + version);
        }
        return FhirResponses.ok(resource, wanted);
    }

    @GetMapping("/Observation/{id}/_history/{version}")
    ResponseEntity<String> vread(@AuthenticationPrincipal ApiClient client, @PathVariable String id, @PathVariable String version) {
        StoredResource<Observation> stored = versions.version(responses.accessor(client), FhirResponses.uuid(id, "Observation"),
                versionOf("Observation", id, version));
        return FhirResponses.ok(stored.resource(), stored.versionId());
    }

    /** Versions are numbered from 1; anything else names no version (404, like an unknown one). */
    public static int versionOf(String type, String id, String version) {
        try {
            int value = Integer.parseInt(version);
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        throw PhrException.of(PhrException.Kind.NOT_FOUND, "phr.error.notFound", type + "/" + id + "/_history/" + version);
    }

    @GetMapping("/Observation/{id}/_history")
    ResponseEntity<String> history(@AuthenticationPrincipal ApiClient client, @PathVariable String id, HttpServletRequest request) {
        UUID uuid = FhirResponses.uuid(id, "Observation");
        var checked = FhirSearchCheck.check("$history", "Observation/" + uuid + "/_history", request);
        int count = Math.min(FhirSearch.count(checked.first("_count")), ObservationVersions.MAX_COUNT);
        int offset = FhirSearch.offset(checked.first("_offset"));
        ObservationVersions.History history = versions.history(responses.accessor(client), uuid, count, offset,
                FhirSearch.since(checked.first("_since")).orElse(null), FhirSearch.period(checked.first("_at")).orElse(null));
        return FhirResponses.ok(bundle(checked, history, count, offset), null);
    }

    /** A history Bundle: each version with the request that made it (POST for the first, PUT after) and its response. */
    public static Bundle bundle(FhirSearchCheck.Checked checked, ObservationVersions.History history, int count, int offset) {
        String base = FhirResponses.base();
        Bundle bundle = new Bundle().setType(Bundle.BundleType.HISTORY).setTotal(history.total());
        String self = checked.self(base);
        bundle.addLink().setRelation("self").setUrl(self);
        if (history.more()) {
            bundle.addLink().setRelation("next").setUrl(UriComponentsBuilder.fromUriString(self)
                    .replaceQueryParam("_offset", offset + count).replaceQueryParam("_count", count).build().toUriString());
        }
        for (StoredResource<Observation> version : history.versions()) {
            Observation resource = version.resource();
            String id = resource.getIdElement().getIdPart();
            Bundle.BundleEntryComponent entry = bundle.addEntry()
                    .setFullUrl(base + "/Observation/" + id + "/_history/" + version.versionId()).setResource(resource);
            boolean first = version.versionId() == 1;
            entry.getRequest().setMethod(first ? Bundle.HTTPVerb.POST : Bundle.HTTPVerb.PUT)
                    .setUrl(first ? "Observation" : "Observation/" + id);
            entry.getResponse().setStatus(PhrHttp.statusLine(first ? 201 : 200)).setEtag("W/\"" + version.versionId() + "\"")
                    .setLastModified(resource.getMeta().getLastUpdated());
        }
        return bundle;
    }
}
