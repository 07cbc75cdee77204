package jp.hip.api.fhir;

import java.util.Set;

import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

import jp.hip.phr.PhrException;
import jp.hip.api.fhir.search.FhirSearchParameters;

/**
 * Interactions the server does not offer (DELETE, PATCH, update other than Observation's, {@code _history} other
 * than an Observation's)
 * answer 405 with an {@code Allow} header and an OperationOutcome, not 403 (issue 10, item 5). A client that is
 * authenticated learns what the resource does allow; the scopes still decide everything that is offered.
 */
@RestController
class FhirUnsupportedInteractions {

    private static final Set<String> TYPES = FhirSearchParameters.all().keySet();

    private final FhirOutcomes outcomes;

    FhirUnsupportedInteractions(FhirOutcomes outcomes) {
        this.outcomes = outcomes;
    }

    @RequestMapping(path = "/fhir", method = {RequestMethod.DELETE, RequestMethod.PATCH, RequestMethod.PUT})
    ResponseEntity<String> system() {
        return notAllowed("POST");
    }

    @RequestMapping(path = "/fhir/{type}", method = {RequestMethod.DELETE, RequestMethod.PATCH, RequestMethod.PUT})
    ResponseEntity<String> type(@PathVariable String type) {
        known(type);
        return notAllowed("GET, POST");
    }

    @RequestMapping(path = "/fhir/{type}/{id}", method = {RequestMethod.DELETE, RequestMethod.PATCH, RequestMethod.PUT})
    ResponseEntity<String> instance(@PathVariable String type) {
        known(type);
        return notAllowed(type.equals("Observation") ? "GET, PUT" : "GET");
    }

    /**
     * History: an Observation's versions, and the current version of every resource, are read with GET
     * ({@link FhirHistoryController}); system and type history, and the history of the other resources, name no
     * method they allow.
     */
    @RequestMapping(path = {"/fhir/_history", "/fhir/{type}/_history", "/fhir/{type}/{id}/_history", "/fhir/{type}/{id}/_history/{version}"})
    ResponseEntity<String> history(@PathVariable(required = false) String type, @PathVariable(required = false) String id,
            @PathVariable(required = false) String version) {
        if (type != null) {
            known(type);
        }
        // an Observation's history and every resource's current version (vread, where a Location points) are read with GET
        return notAllowed(id != null && ("Observation".equals(type) || version != null) ? "GET" : "");
    }

    /** Type history, named literally: {@code /fhir/Observation/{id}} would otherwise read "_history" as an id. */
    @RequestMapping(path = {"/fhir/Patient/_history", "/fhir/Observation/_history", "/fhir/Consent/_history",
            "/fhir/MedicationStatement/_history"})
    ResponseEntity<String> typeHistory() {
        return notAllowed("");
    }

    private static void known(String type) {
        if (!TYPES.contains(type)) {
            throw PhrException.of(PhrException.Kind.NOT_FOUND, "phr.error.notFound", type);
        }
    }

    private ResponseEntity<String> notAllowed(String allow) {
        return ResponseEntity.status(405).header(HttpHeaders.ALLOW, allow)
                .header(HttpHeaders.CONTENT_TYPE, FhirOutcomes.FHIR_JSON)
                .body(FhirOutcomes.encode(FhirOutcomes.single(OperationOutcome.IssueType.NOTSUPPORTED,
                        outcomes.message("phr.error.methodNotAllowed", allow.isEmpty() ? "-" : allow))));
    }
}
