package jp.hip.api.fhir;

import java.util.Date;
import java.util.List;

import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Enumerations;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import jp.hip.api.SmartApps;
import jp.hip.api.fhir.search.FhirSearchParameters;

/** What the FHIR server offers: the CapabilityStatement and the SMART App Launch discovery document (public). */
@RestController
@RequestMapping("/fhir")
class FhirMetadataController {

    /** Patient, Consent and MedicationStatement keep only their current version: the one a Location names reads back. */
    static final String CURRENT_ONLY = "the current version only (where a create's Location points); other versions are 404";


    private static String base() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path("/fhir").build().toUriString();
    }

    private static String root() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    }

    private static ResponseEntity<String> ok(CapabilityStatement cs) {
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_TYPE, FhirOutcomes.FHIR_JSON).body(FhirOutcomes.encode(cs));
    }

    @GetMapping("/metadata")
    ResponseEntity<String> metadata() {
        CapabilityStatement cs = new CapabilityStatement();
        cs.setStatus(Enumerations.PublicationStatus.ACTIVE).setDate(new Date())
                .setKind(CapabilityStatement.CapabilityStatementKind.INSTANCE)
                .setFhirVersion(Enumerations.FHIRVersion._4_0_1)
                .setPublisher("健康経営 platform").setName("HipPhrFhirServer");
        cs.addFormat("application/fhir+json");
        cs.addFormat("application/fhir+xml");
        cs.getSoftware().setName("hip-platform PHR");
        cs.getImplementation().setDescription("PHR data exchange").setUrl(base());
        CapabilityStatement.CapabilityStatementRestComponent rest = cs.addRest().setMode(CapabilityStatement.RestfulCapabilityMode.SERVER);
        rest.getSecurity().addService().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/restful-security-service").setCode("SMART-on-FHIR");
        rest.getSecurity().setDescription("OAuth2 client credentials from /oauth2/token; scopes system/Patient.rs, system/Patient.c, system/Observation.rs, system/Observation.c, system/Observation.u, system/Consent.rs, system/Consent.c"
                + ", system/MedicationStatement.rs, system/MedicationStatement.c"
                + ". SMART App Launch (standalone patient launch): authorization_code with PKCE S256 at /oauth2/authorize and /oauth2/token, public clients;"
                + " scopes " + String.join(", ", SmartApps.SCOPES) + "; discovery at " + base() + "/.well-known/smart-configuration");
        var oauthUris = rest.getSecurity().addExtension().setUrl("http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris");
        oauthUris.addExtension("authorize", new org.hl7.fhir.r4.model.UriType(root() + "/oauth2/authorize"));
        oauthUris.addExtension("token", new org.hl7.fhir.r4.model.UriType(root() + "/oauth2/token"));
        rest.addInteraction().setCode(CapabilityStatement.SystemRestfulInteraction.TRANSACTION)
                .setDocumentation("all or nothing: a refused entry fails the Bundle with its status, every refusal located");
        rest.addInteraction().setCode(CapabilityStatement.SystemRestfulInteraction.BATCH)
                .setDocumentation("each entry checked and answered on its own (400, 403, 404, 405 in its response), the others carried out;"
                        + " GET entries may search with a query, vread and read an Observation's history");
        var patient = rest.addResource().setType("Patient");
        patient.addOperation().setName("everything").setDefinition("http://hl7.org/fhir/OperationDefinition/Patient-everything")
                .setDocumentation("paged with next links; parameters: " + String.join("; ", FhirSearchParameters.EVERYTHING.stream()
                        .map(p -> p.name() + " (" + p.describe() + ")").toList()));
        patient.addInteraction().setCode(CapabilityStatement.TypeRestfulInteraction.READ);
        patient.addInteraction().setCode(CapabilityStatement.TypeRestfulInteraction.SEARCHTYPE);
        patient.addInteraction().setCode(CapabilityStatement.TypeRestfulInteraction.CREATE);
        patient.addInteraction().setCode(CapabilityStatement.TypeRestfulInteraction.VREAD).setDocumentation(CURRENT_ONLY);
        var observation = rest.addResource().setType("Observation")
                .setVersioning(CapabilityStatement.ResourceVersionPolicy.VERSIONEDUPDATE)
                .setConditionalCreate(true).setUpdateCreate(false).setReadHistory(true);
        observation.addOperation().setName("bulk-ingest").setDefinition(base() + "/OperationDefinition/Observation-bulk-ingest");
        observation.addInteraction().setCode(CapabilityStatement.TypeRestfulInteraction.READ);
        observation.addInteraction().setCode(CapabilityStatement.TypeRestfulInteraction.SEARCHTYPE);
        observation.addInteraction().setCode(CapabilityStatement.TypeRestfulInteraction.CREATE);
        observation.addInteraction().setCode(CapabilityStatement.TypeRestfulInteraction.UPDATE);
        // versions (ADR 0048): vread where Location points, and the instance history in pages
        observation.addInteraction().setCode(CapabilityStatement.TypeRestfulInteraction.VREAD);
        observation.addInteraction().setCode(CapabilityStatement.TypeRestfulInteraction.HISTORYINSTANCE)
                .setDocumentation("newest first; parameters: " + String.join("; ", FhirSearchParameters.HISTORY.stream()
                        .map(p -> p.name() + " (" + p.describe() + ")").toList()));
        var consent = rest.addResource().setType("Consent");
        consent.addInteraction().setCode(CapabilityStatement.TypeRestfulInteraction.READ);
        consent.addInteraction().setCode(CapabilityStatement.TypeRestfulInteraction.SEARCHTYPE);
        consent.addInteraction().setCode(CapabilityStatement.TypeRestfulInteraction.CREATE);
        consent.addInteraction().setCode(CapabilityStatement.TypeRestfulInteraction.VREAD).setDocumentation(CURRENT_ONLY);
        var medication = rest.addResource().setType("MedicationStatement").setConditionalCreate(true);
        medication.addInteraction().setCode(CapabilityStatement.TypeRestfulInteraction.READ);
        medication.addInteraction().setCode(CapabilityStatement.TypeRestfulInteraction.SEARCHTYPE);
        medication.addInteraction().setCode(CapabilityStatement.TypeRestfulInteraction.CREATE);
        medication.addInteraction().setCode(CapabilityStatement.TypeRestfulInteraction.VREAD).setDocumentation(CURRENT_ONLY);
        // exactly the parameters the search endpoints accept: both read FhirSearchParameters (issue 10)
        for (var resource : rest.getResource()) {
            for (var parameter : FhirSearchParameters.all().getOrDefault(resource.getType(), List.of())) {
                if (parameter.name().equals("_include")) {
                    continue; // declared as searchInclude below
                }
                resource.addSearchParam().setName(parameter.name()).setType(parameter.type())
                        .setDocumentation(parameter.describe());
            }
            FhirSearchParameters.INCLUDES.getOrDefault(resource.getType(), java.util.Set.of()).stream().sorted()
                    .forEach(resource::addSearchInclude);
        }
        return ok(cs);
    }

    /** SMART App Launch 2.x discovery (public): where and how an app gets a patient-level token (ADR 0033). */
    @GetMapping(path = "/.well-known/smart-configuration", produces = "application/json")
    java.util.Map<String, Object> smartConfiguration() {
        java.util.Map<String, Object> configuration = new java.util.LinkedHashMap<>();
        configuration.put("issuer", root());
        configuration.put("authorization_endpoint", root() + "/oauth2/authorize");
        configuration.put("token_endpoint", root() + "/oauth2/token");
        configuration.put("jwks_uri", root() + "/oauth2/jwks");
        configuration.put("grant_types_supported", List.of("authorization_code", "client_credentials"));
        configuration.put("token_endpoint_auth_methods_supported", List.of("none", "client_secret_basic", "client_secret_post"));
        configuration.put("code_challenge_methods_supported", List.of("S256"));
        configuration.put("response_types_supported", List.of("code"));
        List<String> scopes = new java.util.ArrayList<>(SmartApps.SCOPES);
        scopes.addAll(List.of("system/Patient.rs", "system/Patient.c", "system/Observation.rs", "system/Observation.c",
                "system/Observation.u", "system/Consent.rs", "system/Consent.c"));
        scopes.addAll(List.of("system/MedicationStatement.rs", "system/MedicationStatement.c"));
        configuration.put("scopes_supported", scopes);
        configuration.put("capabilities", List.of("launch-standalone", "client-public", "context-standalone-patient",
                "permission-patient", "permission-v2"));
        return configuration;
    }
}
