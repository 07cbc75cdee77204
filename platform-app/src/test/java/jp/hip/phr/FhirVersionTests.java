package jp.hip.phr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import jp.hip.PlatformTest;

/**
 * Observation versions (issue 10, item 5; ADR 0048): the Location of a create or update is readable (vread), the
 * instance history lists every version in pages, both under the legal basis of a read and logged like one; the
 * CapabilityStatement declares exactly the interactions that work.
 */
@PlatformTest
class FhirVersionTests extends FhirMemberTest {

    static final String SCOPES = "system/Patient.rs system/Patient.c system/Observation.rs system/Observation.c system/Observation.u"
            + " system/Consent.rs system/MedicationStatement.rs system/MedicationStatement.c";

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired jp.hip.phr.rights.PhrRights rights;

    @Override
    String scopes() {
        return SCOPES;
    }

    MockHttpServletResponse perform(MockHttpServletRequestBuilder request, String bearer) throws Exception {
        return mvc.perform(request.header("Authorization", "Bearer " + bearer)).andReturn().getResponse();
    }

    String weight(String value) {
        return FhirApiTests.observation(member.personId(), "9N006000000000001", value, "kg", Instant.parse("2025-06-01T01:00:00Z"), null);
    }

    /** The path of a Location header (MockMvc answers http://localhost/fhir/...). */
    static String path(String location) {
        return location.replaceFirst("^https?://[^/]+", "");
    }

    long reads(String action) {
        return jdbc.sql("select count(*) from phr_access_log where person_id = ? and action = ?")
                .params(member.personId(), action).query(Long.class).single();
    }

    @Test
    void theLocationOfACreateAndOfAnUpdateIsReadableAndEveryVersionStaysReadable() throws Exception {
        MockHttpServletResponse created = perform(post("/fhir/Observation").contentType("application/fhir+json").content(weight("70.1")), token);
        assertThat(created.getStatus()).isEqualTo(201);
        String first = path(created.getHeader("Location"));
        assertThat(first).matches("/fhir/Observation/[0-9a-f-]+/_history/1");
        String id = first.split("/")[3];
        long before = reads("Observation.read");
        MockHttpServletResponse v1 = perform(get(first), token);
        assertThat(v1.getStatus()).isEqualTo(200);
        assertThat(v1.getHeader("ETag")).isEqualTo("W/\"1\"");
        assertThat(reads("Observation.read")).isEqualTo(before + 1);

        MockHttpServletResponse updated = perform(put("/fhir/Observation/" + id).contentType("application/fhir+json")
                .header("If-Match", "W/\"1\"").content(weight("70.9").replace("{\"resourceType\":\"Observation\",",
                        "{\"resourceType\":\"Observation\",\"id\":\"" + id + "\",")), token);
        assertThat(updated.getStatus()).as(updated.getContentAsString()).isEqualTo(200);
        String second = path(updated.getHeader("Location"));
        assertThat(second).isEqualTo("/fhir/Observation/" + id + "/_history/2");
        Observation two = FhirTestClient.parse(perform(get(second), token), Observation.class);
        Observation one = FhirTestClient.parse(perform(get(first), token), Observation.class);
        assertThat(two.getValueQuantity().getValue()).isEqualByComparingTo("70.9");
        assertThat(two.getMeta().getVersionId()).isEqualTo("2");
        assertThat(one.getValueQuantity().getValue()).isEqualByComparingTo("70.1");
        assertThat(one.getMeta().getVersionId()).isEqualTo("1");
        // versions that do not exist, and addresses that name none
        for (String missing : List.of("/_history/3", "/_history/0", "/_history/abc")) {
            MockHttpServletResponse response = perform(get("/fhir/Observation/" + id + missing), token);
            assertThat(response.getStatus()).as(missing).isEqualTo(404);
            assertThat(FhirTestClient.parse(response, OperationOutcome.class).getIssueFirstRep().getCode())
                    .isEqualTo(OperationOutcome.IssueType.NOTFOUND);
        }

        // the history: newest first, each with the request that made it
        Bundle history = FhirTestClient.parse(perform(get("/fhir/Observation/" + id + "/_history"), token), Bundle.class);
        assertThat(history.getType()).isEqualTo(Bundle.BundleType.HISTORY);
        assertThat(history.getTotal()).isEqualTo(2);
        assertThat(history.getEntry()).extracting(e -> ((Observation) e.getResource()).getMeta().getVersionId()).containsExactly("2", "1");
        assertThat(history.getEntry()).extracting(e -> e.getRequest().getMethod()).containsExactly(Bundle.HTTPVerb.PUT, Bundle.HTTPVerb.POST);
        assertThat(history.getEntry()).extracting(e -> e.getResponse().getStatus()).containsExactly("200 OK", "201 Created");
        // in pages with a next link
        Bundle page = FhirTestClient.parse(perform(get("/fhir/Observation/" + id + "/_history?_count=1"), token), Bundle.class);
        assertThat(page.getEntry()).hasSize(1);
        Bundle next = FhirTestClient.parse(perform(get(path(page.getLink("next").getUrl())), token), Bundle.class);
        assertThat(next.getEntry()).extracting(e -> ((Observation) e.getResource()).getMeta().getVersionId()).containsExactly("1");
        assertThat(next.getLink("next")).isNull();
        // strict like a search
        MockHttpServletResponse unknown = perform(get("/fhir/Observation/" + id + "/_history?_list=recent"), token);
        assertThat(unknown.getStatus()).isEqualTo(400);
        assertThat(FhirTestClient.parse(unknown, OperationOutcome.class).getIssueFirstRep().getDiagnostics()).contains("_list");
        assertThat(perform(get("/fhir/Observation/" + UUID.randomUUID() + "/_history"), token).getStatus()).isEqualTo(404);
        // versions are not written: 405 naming GET
        MockHttpServletResponse notAllowed = perform(delete("/fhir/Observation/" + id + "/_history/1"), token);
        assertThat(notAllowed.getStatus()).isEqualTo(405);
        assertThat(notAllowed.getHeader("Allow")).isEqualTo("GET");
    }

    @Test
    void versionsNeedTheLegalBasisOfARead() throws Exception {
        MockHttpServletResponse created = perform(post("/fhir/Observation").contentType("application/fhir+json").content(weight("71")), token);
        String id = FhirTestClient.parse(created, Observation.class).getIdElement().getIdPart();
        perform(put("/fhir/Observation/" + id).contentType("application/fhir+json").content(weight("72").replace(
                "{\"resourceType\":\"Observation\",", "{\"resourceType\":\"Observation\",\"id\":\"" + id + "\",")), token);
        // the employer holds the member but has no consent: no version is shown, as for a read
        UUID employer = fixture.employerOf(member);
        String employerToken = fhir.tokenFor(employer, "system/Observation.rs");
        assertThat(perform(get("/fhir/Observation/" + id), employerToken).getStatus()).isEqualTo(404);
        for (String url : List.of("/_history/1", "/_history/2", "/_history")) {
            assertThat(perform(get("/fhir/Observation/" + id + url), employerToken).getStatus()).as(url).isEqualTo(404);
        }
        // another insurer does not hold the person at all
        String stranger = fhir.tokenFor(fixture.insurer(), "system/Observation.rs");
        assertThat(perform(get("/fhir/Observation/" + id + "/_history/1"), stranger).getStatus()).isEqualTo(404);
        // without the read scope: 403, as for a read
        String createOnly = fhir.tokenFor(insurer, "system/Observation.c");
        assertThat(perform(get("/fhir/Observation/" + id + "/_history/1"), createOnly).getStatus()).isEqualTo(403);
        assertThat(perform(get("/fhir/Observation/" + id + "/_history"), createOnly).getStatus()).isEqualTo(403);
    }

    @Test
    void deletionOnRequestRemovesTheEarlierVersionsWithTheirObservation() throws Exception {
        MockHttpServletResponse created = perform(post("/fhir/Observation").contentType("application/fhir+json").content(weight("75")), token);
        String id = FhirTestClient.parse(created, Observation.class).getIdElement().getIdPart();
        perform(put("/fhir/Observation/" + id).contentType("application/fhir+json").content(weight("76").replace(
                "{\"resourceType\":\"Observation\",", "{\"resourceType\":\"Observation\",\"id\":\"" + id + "\",")), token);
        assertThat(versionRows()).isEqualTo(1);
        var deletion = rights.deleteMine(PhrFixture.individual(member));
        long left = jdbc.sql("select count(*) from phr_observation where person_id = ?").param(member.personId()).query(Long.class).single();
        // an observation the law keeps keeps its versions; one that is removed takes them with it
        assertThat(versionRows()).isEqualTo(left == 0 ? 0 : 1);
        assertThat(deletion.removed()).containsEntry("observationVersions", left == 0 ? 1 : 0);
    }

    long versionRows() {
        return jdbc.sql("select count(*) from phr_observation_version where person_id = ?").param(member.personId()).query(Long.class).single();
    }

    /**
     * Generated from the CapabilityStatement: every interaction it declares for a resource is answered (never 405),
     * the Observation ones with success; every one it does not declare is 405 with an Allow header.
     */
    @Test
    void theCapabilityStatementDeclaresExactlyTheInteractionsThatWork() throws Exception {
        CapabilityStatement cs = FhirTestClient.parse(mvc.perform(get("/fhir/metadata")).andReturn().getResponse(), CapabilityStatement.class);
        MockHttpServletResponse created = perform(post("/fhir/Observation").contentType("application/fhir+json").content(weight("73")), token);
        String observation = FhirTestClient.parse(created, Observation.class).getIdElement().getIdPart();
        UUID consent = fixture.consent(member, insurer, DataCategory.CHECKUP);
        Map<String, String> ids = Map.of("Patient", member.personId().toString(), "Observation", observation,
                "Consent", consent.toString(), "MedicationStatement", UUID.randomUUID().toString());
        Map<String, String> bodies = Map.of("Patient", "{\"resourceType\":\"Patient\"}", "Observation", weight("74"),
                "Consent", "{\"resourceType\":\"Consent\"}",
                "MedicationStatement", FhirMedicationStatementTests.carbocisteine(member.personId()));
        var every = List.of(CapabilityStatement.TypeRestfulInteraction.values()).stream()
                .filter(i -> i != CapabilityStatement.TypeRestfulInteraction.NULL).toList();
        int walked = 0;
        for (var resource : cs.getRestFirstRep().getResource()) {
            String type = resource.getType();
            var declared = resource.getInteraction().stream().map(CapabilityStatement.ResourceInteractionComponent::getCode).toList();
            String id = ids.get(type);
            for (var interaction : every) {
                String instance = "/fhir/" + type + "/" + id;
                MockHttpServletRequestBuilder call = switch (interaction) {
                    case READ -> get(instance);
                    case VREAD -> get(instance + "/_history/1");
                    case UPDATE -> put(instance).contentType("application/fhir+json").content(bodies.get(type)
                            .replace("{\"resourceType\":\"" + type + "\",", "{\"resourceType\":\"" + type + "\",\"id\":\"" + id + "\","));
                    case PATCH -> patch(instance).contentType("application/json-patch+json").content("[]");
                    case DELETE -> delete(instance);
                    case HISTORYINSTANCE -> get(instance + "/_history");
                    case HISTORYTYPE -> get("/fhir/" + type + "/_history");
                    case CREATE -> post("/fhir/" + type).contentType("application/fhir+json").content(bodies.get(type));
                    case SEARCHTYPE -> get("/fhir/" + type);
                    default -> request(HttpMethod.GET, "/fhir/" + type);
                };
                MockHttpServletResponse response = perform(call, token);
                String what = type + " " + interaction.toCode() + " → " + response.getStatus() + " " + response.getContentAsString();
                if (declared.contains(interaction)) {
                    walked++;
                    assertThat(response.getStatus()).as(what).isNotEqualTo(405);
                    if (type.equals("Observation") || type.equals("Patient") && interaction != CapabilityStatement.TypeRestfulInteraction.CREATE) {
                        assertThat(response.getStatus()).as(what).isIn(200, 201);
                    }
                } else {
                    assertThat(response.getStatus()).as(what).isEqualTo(405);
                    assertThat(response.getHeader("Allow")).as(what).isNotNull();
                }
            }
        }
        assertThat(walked).isGreaterThanOrEqualTo(14);
        var observationResource = cs.getRestFirstRep().getResource().stream().filter(r -> r.getType().equals("Observation")).findFirst().orElseThrow();
        assertThat(observationResource.getInteraction()).extracting(i -> i.getCode().toCode())
                .contains("vread", "history-instance").doesNotContain("delete", "patch", "history-type");
        assertThat(cs.getRestFirstRep().getInteraction()).extracting(i -> i.getCode().toCode()).containsExactlyInAnyOrder("transaction", "batch");
    }

    /** Issue 10 item 5: the Location of a Patient create reads back (vread of its current version); another version is 404. */
    @Test
    void aPatientCreatesLocationReadsBack() throws Exception {
        String body = FhirJpCoreIdentifierTests.patient("版数", FhirJpCoreIdentifierTests.PLATFORM,
                "06130012:V:" + (System.nanoTime() % 100_000_000) + ":00");
        MockHttpServletResponse created = perform(post("/fhir/Patient").contentType("application/fhir+json").content(body), token);
        assertThat(created.getStatus()).as(created.getContentAsString()).isEqualTo(201);
        String location = created.getHeader("Location");
        assertThat(location).matches(".*/fhir/Patient/[0-9a-f-]+/_history/[0-9]+");
        String path = location.substring(location.indexOf("/fhir/"));
        MockHttpServletResponse read = perform(get(path), token);
        assertThat(read.getStatus()).as(read.getContentAsString()).isEqualTo(200);
        Patient patient = FhirTestClient.parse(read, Patient.class);
        assertThat(path).endsWith("/_history/" + patient.getMeta().getVersionId());
        assertThat(read.getHeader("ETag")).isEqualTo("W/\"" + patient.getMeta().getVersionId() + "\"");
        String other = path.replaceAll("_history/[0-9]+$", "_history/" + (Integer.parseInt(patient.getMeta().getVersionId()) + 1));
        assertThat(perform(get(other), token).getStatus()).isEqualTo(404);
        // another tenant without a basis: 404 for the version, as for the read
        String stranger = fhir.tokenFor(fixture.insurer(), SCOPES);
        assertThat(perform(get(path), stranger).getStatus()).isEqualTo(404);
    }
}
