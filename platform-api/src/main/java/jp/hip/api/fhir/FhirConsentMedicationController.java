package jp.hip.api.fhir;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import jp.hip.api.ApiClient;
import jp.hip.api.PhrHttp;
import jp.hip.identity.IdentityManagement;
import jp.hip.api.SmartApps;
import jp.hip.phr.Accessor;
import jp.hip.phr.BundleEntryResult;
import jp.hip.phr.ObservationQuery;
import jp.hip.phr.PhrException;
import jp.hip.phr.PhrFhir;
import jp.hip.phr.access.PhrConsents;
import jp.hip.phr.bundles.PhrBundles;
import jp.hip.phr.medication.PhrMedications;
import jp.hip.phr.observations.BulkIngest;
import jp.hip.phr.observations.PhrObservations;
import jp.hip.phr.persons.PatientStore;
import jp.hip.phr.StoredResource;
import jp.hip.api.fhir.search.FhirSearchCheck;
import jp.hip.api.fhir.search.FhirSearchRunner;

/**
 * FHIR R4 Consent (ADR 0031, 0037) and MedicationStatement (ADR 0035): each handler one call to the capability's
 * facade; parsing, accessors and responses are {@link FhirResponses}, shared with {@link FhirController}.
 */
@RestController
@RequestMapping("/fhir")
class FhirConsentMedicationController {

    private final PhrConsents consents;
    private final PhrMedications medications;
    private final FhirResponses responses;
    private final FhirSearchRunner searches;

    FhirConsentMedicationController(PhrConsents consents, PhrMedications medications, FhirResponses responses,
            FhirSearchRunner searches) {
        this.consents = consents;
        this.medications = medications;
        this.responses = responses;
        this.searches = searches;
    }

    private Accessor accessor(ApiClient client) {
        return responses.accessor(client);
    }

    private <T extends IBaseResource> T parse(String body, Class<T> type) {
        return responses.parse(body, type);
    }

    private static UUID uuid(String id, String type) {
        return FhirResponses.uuid(id, type);
    }

    private static ResponseEntity<String> ok(IBaseResource resource, Integer version) {
        return FhirResponses.ok(resource, version);
    }

    private static ResponseEntity<String> created(StoredResource<? extends Resource> stored) {
        return FhirResponses.created(stored);
    }

    // ------------------------------------------------------------------ Consent

    @GetMapping("/Consent/{id}")
    ResponseEntity<String> readConsent(@AuthenticationPrincipal ApiClient client, @PathVariable String id) {
        return ok(consents.readConsentForRecipient(accessor(client), uuid(id, "Consent")), null);
    }

    @PostMapping("/Consent")
    ResponseEntity<String> createConsent(@AuthenticationPrincipal ApiClient client, @RequestBody(required = false) String body) {
        return created(consents.createConsent(responses.consentRecorder(client), parse(body, Consent.class)));
    }

    @GetMapping("/Consent")
    ResponseEntity<String> searchConsents(@AuthenticationPrincipal ApiClient client, HttpServletRequest request) {
        var checked = FhirSearchCheck.check("Consent", "Consent", request);
        return ok(searches.prepare(client, "Consent", checked).get(), null);
    }

    // ------------------------------------------------------------------ MedicationStatement (ADR 0035)

    @PostMapping("/MedicationStatement")
    ResponseEntity<String> createMedicationStatement(@AuthenticationPrincipal ApiClient client,
            @RequestHeader(name = "If-None-Exist", required = false) String ifNoneExist,
            @RequestBody(required = false) String body) {
        StoredResource<MedicationStatement> stored = medications.createMedicationStatement(accessor(client),
                parse(body, MedicationStatement.class), Optional.ofNullable(ifNoneExist).filter(s -> !s.isBlank()));
        return created(stored);
    }

    @GetMapping("/MedicationStatement/{id}")
    ResponseEntity<String> readMedicationStatement(@AuthenticationPrincipal ApiClient client, @PathVariable String id) {
        StoredResource<MedicationStatement> stored = medications.readMedicationStatement(accessor(client), uuid(id, "MedicationStatement"));
        return ok(stored.resource(), stored.versionId());
    }

    @GetMapping("/MedicationStatement")
    ResponseEntity<String> searchMedicationStatements(@AuthenticationPrincipal ApiClient client, HttpServletRequest request) {
        var checked = FhirSearchCheck.check("MedicationStatement", "MedicationStatement", request);
        return ok(searches.prepare(client, "MedicationStatement", checked).get(), null);
    }

}
