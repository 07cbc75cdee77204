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
import jp.hip.api.fhir.search.FhirElements;
import jp.hip.api.fhir.search.FhirSearchCheck;

/**
 * What the FHIR controllers share: who the caller acts as ({@link Accessor}), strict JSON parsing, ids, searchset
 * Bundles (self and next links from the applied parameters only) and the 200/201 responses with ETag and Location.
 */
@org.springframework.stereotype.Component
public class FhirResponses {

    private final FhirOutcomes outcomes;
    private final SmartApps apps;
    private final IdentityManagement identity;

    FhirResponses(FhirOutcomes outcomes, SmartApps apps, IdentityManagement identity) {
        this.outcomes = outcomes;
        this.apps = apps;
        this.identity = identity;
    }

    /**
     * A SMART app with a patient-level token acts as the individual (their own records only, ADR 0033), logged with
     * the app's name; any other client acts for its tenant.
     */
    public Accessor accessor(ApiClient client) {
        if (client.forPatient()) {
            String app = apps.app(client.clientId()).map(SmartApps.SmartApp::name).orElse(client.clientId());
            return Accessor.individual(client.tenantId(), client.clientId(), outcomes.message("phr.fhir.smartActor", app), Accessor.Channel.API);
        }
        return Accessor.tenant(client.tenantId(), client.clientId(), client.clientId(), Accessor.Channel.API);
    }

    /** The accessor, marked when a platform administrator allowed the client to record consents (ADR 0037). */
    public Accessor consentRecorder(ApiClient client) {
        Accessor accessor = accessor(client);
        return accessor.individual() ? accessor : accessor.recordingConsents(identity.apiClientRecordsConsents(client.clientId()));
    }

    public static String base() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path("/fhir").build().toUriString();
    }


    public <T extends IBaseResource> T parse(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            throw PhrException.of(PhrException.Kind.INVALID, "phr.error.emptyBody");
        }
        if (body.stripLeading().startsWith("<")) {
            throw PhrException.of(PhrException.Kind.INVALID, "phr.error.jsonOnly");
        }
        IParser parser = PhrFhir.fhirContext().newJsonParser().setParserErrorHandler(new StrictErrorHandler());
        IBaseResource resource = parser.parseResource(body);
        if (!type.isInstance(resource)) {
            String expected = type == Resource.class ? "Resource" : type.getSimpleName();
            throw PhrException.of(PhrException.Kind.INVALID, "phr.error.resourceType", resource.fhirType(), expected);
        }
        return type.cast(resource);
    }

    public static UUID uuid(String id, String type) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw PhrException.of(PhrException.Kind.NOT_FOUND, "phr.error.notFound", type + "/" + id);
        }
    }

    /** A searchset of one page; {@code checked} limits the self and next links to the applied parameters. */
    public Bundle searchset(HttpServletRequest request, FhirSearchCheck.Checked checked, List<? extends Resource> found,
            int count, int offset) {
        return searchset(checked, found, List.of(), null, count, offset);
    }

    /**
     * A searchset: the matches (subsetted when {@code _elements} was applied), the included resources, the total
     * when one was asked for ({@code _summary=count}, {@code _count=0}; counted under the same access join as the
     * search, so it reveals nothing the pages would not), and a next link whenever the page is full.
     */
    public Bundle searchset(FhirSearchCheck.Checked checked, List<? extends Resource> found, List<? extends Resource> included,
            Long total, int count, int offset) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        if (total != null) {
            bundle.setTotal(total.intValue());
        }
        String self = checked.self(base());
        bundle.addLink().setRelation("self").setUrl(self);
        if (count > 0 && found.size() == count) {
            String next = org.springframework.web.util.UriComponentsBuilder.fromUriString(self).replaceQueryParam("_offset", offset + count)
                    .replaceQueryParam("_count", count).build().toUriString();
            bundle.addLink().setRelation("next").setUrl(next);
        }
        java.util.Set<String> elements = new java.util.LinkedHashSet<>();
        checked.values("_elements").forEach(v -> elements.addAll(List.of(v.split(","))));
        String base = base();
        for (Resource resource : found) {
            Resource shown = elements.isEmpty() ? resource : FhirElements.subset(resource, elements);
            bundle.addEntry().setFullUrl(base + "/" + resource.fhirType() + "/" + resource.getIdElement().getIdPart())
                    .setResource(shown).getSearch().setMode(Bundle.SearchEntryMode.MATCH);
        }
        for (Resource resource : included) {
            bundle.addEntry().setFullUrl(base + "/" + resource.fhirType() + "/" + resource.getIdElement().getIdPart())
                    .setResource(resource).getSearch().setMode(Bundle.SearchEntryMode.INCLUDE);
        }
        if (!checked.ignored().isEmpty()) {
            bundle.addEntry().setResource(outcomes.ignoredParameters(checked.ignored())).getSearch().setMode(Bundle.SearchEntryMode.OUTCOME);
        }
        return bundle;
    }

    public static ResponseEntity<String> ok(IBaseResource resource, Integer version) {
        var response = ResponseEntity.ok().header(HttpHeaders.CONTENT_TYPE, FhirOutcomes.FHIR_JSON);
        if (version != null) {
            response.eTag("W/\"" + version + "\"");
        }
        return response.body(FhirOutcomes.encode(resource));
    }

    /**
     * A create's or update's answer (201 new, 200 matched or updated; Location, ETag) whose body follows the
     * client's {@code Prefer} (FHIR R4 http.html §3.1.0.1.9): {@code return=minimal} none,
     * {@code return=OperationOutcome} the outcome, {@code return=representation} the resource. Where the write met
     * a tombstone (ADR 0046) it is never silent: without {@code Prefer} the body is the OperationOutcome naming it
     * (the server may choose not to return the resource; the Location names it), and every mode carries a
     * {@code Warning: 299} header with the notice's code and date.
     */
    ResponseEntity<String> written(StoredResource<? extends Resource> stored, String prefer, boolean update) {
        Resource resource = stored.resource();
        String path = resource.fhirType() + "/" + resource.getIdElement().getIdPart();
        var response = ResponseEntity.status(stored.created() ? 201 : 200)
                .eTag("W/\"" + stored.versionId() + "\"");
        // a create's and an update's Location both name the version written, and read back (FhirHistoryController)
        response.location(URI.create(base() + "/" + path + "/_history/" + stored.versionId()));
        for (PhrException.Problem notice : stored.notices()) {
            response.header("Warning", "299 - \"" + notice.key() + " " + notice.args().get(0) + "\"");
        }
        String mode = prefer == null ? "" : prefer.replace(" ", "").toLowerCase(java.util.Locale.ROOT);
        if (mode.contains("return=minimal")) {
            return response.body(null);
        }
        response.header(HttpHeaders.CONTENT_TYPE, FhirOutcomes.FHIR_JSON);
        boolean outcome = mode.contains("return=operationoutcome") || (!mode.contains("return=representation") && !stored.notices().isEmpty());
        if (outcome) {
            String key = update ? "phr.fhir.updatedAs" : stored.created() ? "phr.fhir.createdAs" : "phr.fhir.matchedAs";
            return response.body(FhirOutcomes.encode(outcomes.notices(outcomes.message(key, path), stored.notices())));
        }
        return response.body(FhirOutcomes.encode(resource));
    }

    static ResponseEntity<String> created(StoredResource<? extends Resource> stored) {
        Resource resource = stored.resource();
        URI location = URI.create(base() + "/" + resource.fhirType() + "/" + resource.getIdElement().getIdPart()
                + "/_history/" + stored.versionId());
        return ResponseEntity.status(stored.created() ? 201 : 200).location(location)
                .header(HttpHeaders.CONTENT_TYPE, FhirOutcomes.FHIR_JSON)
                .eTag("W/\"" + stored.versionId() + "\"")
                .body(FhirOutcomes.encode(resource));
    }
}
