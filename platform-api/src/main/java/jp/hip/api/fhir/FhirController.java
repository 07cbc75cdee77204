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
import jp.hip.phr.observations.BulkReport;
import jp.hip.phr.observations.PhrObservations;
import jp.hip.phr.persons.PatientStore;
import jp.hip.phr.StoredResource;

/**
 * FHIR R4 REST API (Spring MVC; HAPI's model, parser and validator only — ref-phr.md §3.1): Patient and Observation
 * reads and writes, $bulk-ingest and $validate; searches and $everything are {@link jp.hip.api.fhir.search.FhirSearchController},
 * Consent and MedicationStatement {@link FhirConsentMedicationController}, Bundles {@link jp.hip.api.fhir.bundles.FhirBundleController},
 * versions {@link FhirHistoryController}, the shared parsing and responses
 * {@link FhirResponses}. JSON only
 * ({@code application/fhir+json}); errors are OperationOutcome ({@link FhirExceptionHandler}). Each handler is
 * one call to a PHR capability's facade, which applies membership and consent inside its SQL.
 */
@RestController
@RequestMapping("/fhir")
class FhirController {

    private final PatientStore patients;
    private final PhrObservations observations;
    private final BulkIngest bulk;
    private final PhrMedications medications;
    private final FhirOutcomes outcomes;
    private final FhirValidation validation;
    private final FhirBulkLimits limits;
    private final FhirResponses responses;

    FhirController(PatientStore patients, PhrObservations observations, BulkIngest bulk, PhrMedications medications,
            FhirOutcomes outcomes, FhirValidation validation, FhirBulkLimits limits,
            FhirResponses responses) {
        this.patients = patients;
        this.observations = observations;
        this.bulk = bulk;
        this.medications = medications;
        this.outcomes = outcomes;
        this.validation = validation;
        this.limits = limits;
        this.responses = responses;
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

    // ------------------------------------------------------------------ Patient

    @GetMapping("/Patient/{id}")
    ResponseEntity<String> readPatient(@AuthenticationPrincipal ApiClient client, @PathVariable String id) {
        Patient patient = patients.readPatient(accessor(client), uuid(id, "Patient"));
        return ok(patient, Integer.valueOf(patient.getMeta().getVersionId()));
    }

    @PostMapping("/Patient")
    ResponseEntity<String> createPatient(@AuthenticationPrincipal ApiClient client,
            @RequestHeader(name = "Prefer", required = false) String prefer, @RequestBody(required = false) String body) {
        StoredResource<Patient> stored = patients.createPatient(accessor(client), parse(body, Patient.class));
        return responses.written(stored, prefer, false);
    }

    // ------------------------------------------------------------------ Observation

    @PostMapping("/Observation")
    ResponseEntity<String> createObservation(@AuthenticationPrincipal ApiClient client,
            @RequestHeader(name = "If-None-Exist", required = false) String ifNoneExist,
            @RequestHeader(name = "Prefer", required = false) String prefer,
            @RequestBody(required = false) String body) {
        StoredResource<Observation> stored = observations.createObservation(accessor(client), parse(body, Observation.class),
                Optional.ofNullable(ifNoneExist).filter(s -> !s.isBlank()));
        return responses.written(stored, prefer, false);
    }

    /**
     * Bulk ingest: NDJSON, one Observation per line, for the client's own members; all or nothing, problems located
     * by line ({@link BulkIngest}). Size limits from {@link FhirBulkLimits}.
     */
    @PostMapping(path = "/Observation/$bulk-ingest", consumes = {"application/fhir+ndjson", "application/ndjson", "application/x-ndjson"})
    ResponseEntity<String> bulkIngest(@AuthenticationPrincipal ApiClient client, HttpServletRequest request) throws java.io.IOException {
        long maxBytes = limits.maxBytes();
        if (request.getContentLengthLong() > maxBytes) {
            throw PhrException.of(PhrException.Kind.INVALID, "phr.error.bulkBytes", maxBytes);
        }
        var body = new java.io.BufferedReader(new java.io.InputStreamReader(
                new LimitedInputStream(request.getInputStream(), maxBytes), java.nio.charset.StandardCharsets.UTF_8), 1 << 16);
        // the report: how many were stored, then the lines of persons who asked for deletion (ADR 0046)
        BulkReport report = bulk.bulkIngestReport(accessor(client), body, limits.maxLines());
        return ok(outcomes.notices(outcomes.message("phr.fhir.bulkStored", report.stored()), report.notices()), null);
    }

    /** Refuses a body longer than its limit while it is read (chunked requests have no Content-Length). */
    private static final class LimitedInputStream extends java.io.FilterInputStream {
        private final long max;
        private long read;

        LimitedInputStream(java.io.InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws java.io.IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws java.io.IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > max) {
                throw PhrException.of(PhrException.Kind.INVALID, "phr.error.bulkBytes", max);
            }
        }
    }

    @GetMapping("/Observation/{id}")
    ResponseEntity<String> readObservation(@AuthenticationPrincipal ApiClient client, @PathVariable String id) {
        StoredResource<Observation> stored = observations.readObservation(accessor(client), uuid(id, "Observation"));
        return ok(stored.resource(), stored.versionId());
    }

    @PutMapping("/Observation/{id}")
    ResponseEntity<String> updateObservation(@AuthenticationPrincipal ApiClient client, @PathVariable String id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @RequestHeader(name = "Prefer", required = false) String prefer, @RequestBody(required = false) String body) {
        StoredResource<Observation> stored = observations.updateObservation(accessor(client), uuid(id, "Observation"),
                parse(body, Observation.class), Optional.ofNullable(ifMatch).map(PhrHttp::etagVersion));
        return responses.written(stored, prefer, true);
    }

    @PostMapping({"/Observation/$validate", "/Patient/$validate"})
    ResponseEntity<String> validate(@RequestBody(required = false) String body) {
        IBaseResource resource = parse(body, Resource.class);
        OperationOutcome outcome = new OperationOutcome();
        validation.errors(resource).forEach(text -> outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(OperationOutcome.IssueType.INVALID).setDiagnostics(text));
        if (!outcome.hasIssue()) {
            outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
                    .setCode(OperationOutcome.IssueType.INFORMATIONAL).setDiagnostics(outcomes.message("phr.fhir.valid"));
        }
        return ok(outcome, null);
    }
}
