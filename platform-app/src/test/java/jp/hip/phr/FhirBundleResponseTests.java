package jp.hip.phr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Instant;
import java.util.UUID;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import jp.hip.PlatformTest;

/**
 * The answer to a transaction or batch Bundle is written around the stored JSON of each new Observation (ADR 0103):
 * byte for byte what HAPI writes for the same content, in JSON and (through HAPI) in XML, with each resource as
 * stored (id, meta.versionId, meta.lastUpdated, normalised subject).
 */
@PlatformTest
class FhirBundleResponseTests extends FhirMemberTest {

    static final String SCOPES = "system/Patient.rs system/Patient.c system/Observation.rs system/Observation.c system/Observation.u";

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;

    @Override
    String scopes() {
        return SCOPES;
    }

    MockHttpServletResponse postBundle(String body, String prefer, String format) throws Exception {
        var request = post("/fhir" + (format == null ? "" : "?_format=" + format)).header("Authorization", "Bearer " + token)
                .contentType("application/fhir+json").content(body);
        if (prefer != null) {
            request.header("Prefer", prefer);
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    static String hapiJson(String json) {
        var context = PhrFhir.fhirContext();
        return context.newJsonParser().setPrettyPrint(false).encodeResourceToString(context.newJsonParser().parseResource(json));
    }

    String weight(UUID person, String value, String identifier) {
        return FhirApiTests.observation(person, "9N006000000000001", value, "kg", Instant.parse("2025-06-01T01:00:00Z"), identifier);
    }

    static String postEntry(String fullUrl, String url, String resource, String ifNoneExist) {
        return "{\"fullUrl\":\"" + fullUrl + "\",\"resource\":" + resource + ",\"request\":{\"method\":\"POST\",\"url\":\"" + url + "\""
                + (ifNoneExist == null ? "" : ",\"ifNoneExist\":\"" + ifNoneExist + "\"") + "}}";
    }

    static String get(String url) {
        return "{\"request\":{\"method\":\"GET\",\"url\":\"" + url + "\"}}";
    }

    /** A stored observation with an identifier, for a conditional create that matches it. */
    String existing(String identifier) throws Exception {
        MockHttpServletResponse created = mvc.perform(post("/fhir/Observation").header("Authorization", "Bearer " + token)
                .contentType("application/fhir+json").content(weight(member.personId(), "70.0", identifier))).andReturn().getResponse();
        assertThat(created.getStatus()).isEqualTo(201);
        return FhirTestClient.parse(created, Observation.class).getIdElement().getIdPart();
    }

    String mixed(String type) throws Exception {
        String matched = existing("scale-" + UUID.randomUUID());
        String identifier = jdbc.sql("select identifier_key from phr_observation where id = ?").param(UUID.fromString(matched))
                .query(String.class).single();
        String patientUrl = "urn:uuid:" + UUID.randomUUID();
        String patient = FhirJpCoreIdentifierTests.patient("高橋", FhirJpCoreIdentifierTests.JP,
                "0613" + (int) (Math.random() * 9000 + 1000) + ":記号1:" + (int) (Math.random() * 90000 + 10000) + ":01");
        String newcomer = weight(member.personId(), "61.5", null).replace("Patient/" + member.personId(), patientUrl);
        return "{\"resourceType\":\"Bundle\",\"type\":\"" + type + "\",\"entry\":["
                + String.join(",",
                        postEntry(patientUrl, "Patient", patient, null),
                        postEntry("urn:uuid:" + UUID.randomUUID(), "Observation", newcomer, null),
                        postEntry("urn:uuid:" + UUID.randomUUID(), "Observation", weight(member.personId(), "62.25", "next-" + UUID.randomUUID()), null),
                        postEntry("urn:uuid:" + UUID.randomUUID(), "Observation", weight(member.personId(), "70.0", identifier.substring(identifier.indexOf('|') + 1)),
                                "identifier=" + identifier),
                        get("Observation/" + matched),
                        get("Observation?subject=Patient/" + member.personId() + "&_count=5"),
                        get("Observation/" + matched + "/_history/1"))
                + "]}";
    }

    @Test
    void aMixedTransactionIsAnsweredAsHapiWouldWriteIt() throws Exception {
        MockHttpServletResponse response = postBundle(mixed("transaction"), null, null);
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
        String body = response.getContentAsString();
        assertThat(body).isEqualTo(hapiJson(body));
        Bundle result = FhirTestClient.parse(response, Bundle.class);
        assertThat(result.getEntry()).extracting(e -> e.getResponse().getStatus())
                .containsExactly("201 Created", "201 Created", "201 Created", "200 OK", "200 OK", "200 OK", "200 OK");
        assertThat(result.getEntry()).allSatisfy(e -> assertThat(e.hasResource()).isTrue());
        // each new observation is the stored one: id, meta and the subject resolved from the Patient's urn:uuid
        Patient patient = (Patient) result.getEntry().get(0).getResource();
        for (int i = 1; i <= 2; i++) {
            Bundle.BundleEntryComponent entry = result.getEntry().get(i);
            Observation answered = (Observation) entry.getResource();
            String id = answered.getIdElement().getIdPart();
            assertThat(entry.getFullUrl()).endsWith("/fhir/Observation/" + id);
            assertThat(entry.getResponse().getLocation()).isEqualTo("Observation/" + id + "/_history/1");
            assertThat(entry.getResponse().getEtag()).isEqualTo("W/\"1\"");
            assertThat(answered.getMeta().getVersionId()).isEqualTo("1");
            assertThat(answered.getMeta().getLastUpdated()).isNotNull();
            String stored = jdbc.sql("select resource::text from phr_observation where id = ?").param(UUID.fromString(id))
                    .query(String.class).single();
            assertThat(PhrFhir.parser().encodeResourceToString(answered)).isEqualTo(hapiJson(stored));
        }
        assertThat(((Observation) result.getEntry().get(1).getResource()).getSubject().getReference())
                .isEqualTo("Patient/" + patient.getIdElement().getIdPart());
    }

    @Test
    void aMixedBatchWithRefusalsIsAnsweredAsHapiWouldWriteIt() throws Exception {
        String mixed = mixed("batch");
        String body = mixed.substring(0, mixed.length() - 2) + "," + get("Observation/" + UUID.randomUUID()) + ","
                + "{\"request\":{\"method\":\"DELETE\",\"url\":\"Observation/" + UUID.randomUUID() + "\"}}" + "]}";
        MockHttpServletResponse response = postBundle(body, null, null);
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
        String json = response.getContentAsString();
        assertThat(json).isEqualTo(hapiJson(json));
        Bundle result = FhirTestClient.parse(response, Bundle.class);
        assertThat(result.getType()).isEqualTo(Bundle.BundleType.BATCHRESPONSE);
        assertThat(result.getEntry()).extracting(e -> e.getResponse().getStatus()).endsWith("404 Not Found", "405 Method Not Allowed");
        assertThat(result.getEntry().get(7).getResponse().hasOutcome()).isTrue();
    }

    @Test
    void minimalAnswersCarryNoWrittenResourceAndStayValid() throws Exception {
        MockHttpServletResponse response = postBundle(mixed("transaction"), "return=minimal", null);
        assertThat(response.getStatus()).isEqualTo(200);
        String json = response.getContentAsString();
        assertThat(json).isEqualTo(hapiJson(json));
        Bundle result = FhirTestClient.parse(response, Bundle.class);
        assertThat(result.getEntry().subList(0, 4)).allSatisfy(e -> {
            assertThat(e.hasResource()).isFalse();
            assertThat(e.getResponse().getLocation()).contains("/_history/");
        });
        assertThat(result.getEntry().subList(4, 7)).allSatisfy(e -> assertThat(e.hasResource()).isTrue());
    }

    @Test
    void theXmlAnswerCarriesTheSameContent() throws Exception {
        MockHttpServletResponse response = postBundle(mixed("transaction"), null, "xml");
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentType()).startsWith("application/fhir+xml");
        Bundle result = PhrFhir.fhirContext().newXmlParser().parseResource(Bundle.class, response.getContentAsString());
        assertThat(result.getType()).isEqualTo(Bundle.BundleType.TRANSACTIONRESPONSE);
        assertThat(result.getEntry()).hasSize(7);
        Observation written = (Observation) result.getEntry().get(2).getResource();
        assertThat(written.getValueQuantity().getValue()).isEqualByComparingTo("62.25");
        assertThat(written.getMeta().getVersionId()).isEqualTo("1");
    }
}
