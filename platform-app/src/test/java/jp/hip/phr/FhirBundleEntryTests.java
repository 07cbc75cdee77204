package jp.hip.phr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import jp.hip.ApiTokens;
import jp.hip.PlatformTest;

/**
 * Bundles per entry (issue 10, item 4): a batch checks and answers each entry (400, 403, 404, 405 in the entry's
 * response, the others carried out); a transaction fails whole, located, writing nothing; GET entries search with a
 * query string in both.
 */
@PlatformTest
class FhirBundleEntryTests extends FhirMemberTest {

    static final String SCOPES = "system/Patient.rs system/Observation.rs system/Observation.c system/Observation.u";

    @Autowired MockMvc mvc;
    @Autowired ApiTokens tokens;
    @Autowired JdbcClient jdbc;

    @Override
    String scopes() {
        return SCOPES;
    }

    MockHttpServletResponse postBundle(String body) throws Exception {
        return mvc.perform(post("/fhir").header("Authorization", "Bearer " + token).contentType("application/fhir+json").content(body))
                .andReturn().getResponse();
    }

    static String bundle(String type, String... entries) {
        return "{\"resourceType\":\"Bundle\",\"type\":\"" + type + "\",\"entry\":[" + String.join(",", entries) + "]}";
    }

    static String request(String method, String url) {
        return "{\"request\":{\"method\":\"" + method + "\",\"url\":\"" + url + "\"}}";
    }

    static String create(String resource) {
        return "{\"fullUrl\":\"urn:uuid:" + UUID.randomUUID() + "\",\"resource\":" + resource
                + ",\"request\":{\"method\":\"POST\",\"url\":\"Observation\"}}";
    }

    String weight(String value) {
        return FhirApiTests.observation(member.personId(), "9N006000000000001", value, "kg", Instant.parse("2025-06-01T01:00:00Z"), null);
    }

    long stored() {
        return jdbc.sql("select count(*) from phr_observation where person_id = ?").param(member.personId()).query(Long.class).single();
    }

    static OperationOutcome outcomeOf(Bundle.BundleEntryComponent entry) {
        return (OperationOutcome) entry.getResponse().getOutcome();
    }

    @Test
    void aBatchAnswersEachEntryAndCarriesOutTheOthers() throws Exception {
        String search = "Observation?subject=Patient/" + member.personId() + "&code=urn:oid:1.2.392.200119.6.1005|9N006000000000001";
        MockHttpServletResponse response = postBundle(bundle("batch",
                create(weight("61.5")),
                request("GET", search),
                request("DELETE", "Observation/" + UUID.randomUUID()),
                request("PATCH", "Observation/" + UUID.randomUUID()),
                request("GET", "Foo/1"),
                request("GET", "Consent?patient=Patient/" + member.personId()),
                "{\"resource\":{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"x\"}]},\"request\":{\"method\":\"POST\",\"url\":\"Patient\"}}",
                request("FOO", "Observation"),
                request("GET", "Observation?subjet=Patient/" + member.personId()),
                request("GET", "Observation/" + UUID.randomUUID())));
        assertThat(response.getStatus()).isEqualTo(200);
        Bundle result = FhirTestClient.parse(response, Bundle.class);
        assertThat(result.getType()).isEqualTo(Bundle.BundleType.BATCHRESPONSE);
        assertThat(result.getEntry()).extracting(e -> e.getResponse().getStatus()).containsExactly(
                "201 Created", "200 OK", "405 Method Not Allowed", "405 Method Not Allowed", "404 Not Found", "403 Forbidden",
                "403 Forbidden", "400 Bad Request", "400 Bad Request", "404 Not Found");
        // the write is carried out, and the search (run after the writes) finds it
        assertThat(stored()).isEqualTo(1);
        Bundle searchset = (Bundle) result.getEntry().get(1).getResource();
        assertThat(searchset.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
        assertThat(searchset.getEntry()).singleElement().satisfies(e ->
                assertThat(((Observation) e.getResource()).getValueQuantity().getValue()).isEqualByComparingTo("61.5"));
        assertThat(searchset.getLink("self").getUrl()).contains("subject=Patient/" + member.personId()).contains("code=");
        // each refusal is an OperationOutcome that says why
        assertThat(outcomeOf(result.getEntry().get(2)).getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.NOTSUPPORTED);
        assertThat(outcomeOf(result.getEntry().get(2)).getIssueFirstRep().getDiagnostics()).contains("GET, PUT");
        // the scope named is a real one, not the entry's url
        assertThat(outcomeOf(result.getEntry().get(5)).getIssueFirstRep().getDiagnostics()).contains("system/Consent.rs")
                .doesNotContain("?");
        assertThat(outcomeOf(result.getEntry().get(6)).getIssueFirstRep().getDiagnostics()).contains("system/Patient.c");
        assertThat(outcomeOf(result.getEntry().get(7)).getIssueFirstRep().getDiagnostics()).contains("FOO");
        assertThat(outcomeOf(result.getEntry().get(8)).getIssueFirstRep().getDiagnostics()).contains("subjet");
    }

    @Test
    void aSearchEntryWithoutItsScopeNamesTheScope() throws Exception {
        String onlyCreate = ApiTokens.token(mvc, tokens.register(insurer, "system/Observation.c"), "system/Observation.c");
        MockHttpServletResponse response = mvc.perform(post("/fhir").header("Authorization", "Bearer " + onlyCreate)
                .contentType("application/fhir+json").content(bundle("batch",
                        request("GET", "Observation?subject=Patient/" + member.personId() + "&code=9N006000000000001"),
                        create(weight("60"))))).andReturn().getResponse();
        Bundle result = FhirTestClient.parse(response, Bundle.class);
        assertThat(result.getEntry()).extracting(e -> e.getResponse().getStatus()).containsExactly("403 Forbidden", "201 Created");
        String diagnostics = outcomeOf(result.getEntry().get(0)).getIssueFirstRep().getDiagnostics();
        assertThat(diagnostics).contains("system/Observation.rs").doesNotContain("subject");
    }

    @Test
    void aTransactionFailsWholeWithTheRefusedEntryLocatedAndWritesNothing() throws Exception {
        record Case(String refused, int status, String says) {}
        for (Case c : List.of(
                new Case(request("DELETE", "Observation/" + UUID.randomUUID()), 405, "GET, PUT"),
                new Case(request("FOO", "Observation"), 400, "FOO"),
                new Case(request("GET", "Consent?patient=Patient/" + member.personId()), 403, "system/Consent.rs"),
                new Case(request("GET", "Foo/1"), 404, "Foo"),
                new Case(request("GET", "Observation?date=2024-13-01"), 400, "date"),
                new Case(request("GET", "Observation?_count=-1"), 400, "_count"),
                new Case(request("GET", "Observation/" + UUID.randomUUID()), 404, "Observation/"))) {
            MockHttpServletResponse response = postBundle(bundle("transaction", create(weight("62")), c.refused()));
            assertThat(response.getStatus()).as(c.refused()).isEqualTo(c.status());
            OperationOutcome outcome = FhirTestClient.parse(response, OperationOutcome.class);
            assertThat(outcome.getIssueFirstRep().getDiagnostics()).as(c.refused()).contains(c.says());
            assertThat(outcome.getIssueFirstRep().getExpression().get(0).getValue()).as(c.refused()).startsWith("Bundle.entry[1]");
            assertThat(stored()).as(c.refused()).isZero();
        }
    }

    @Test
    void aTransactionSearchesAfterItsWritesInsideIt() throws Exception {
        MockHttpServletResponse response = postBundle(bundle("transaction",
                request("GET", "Observation?subject=Patient/" + member.personId() + "&code=9N006000000000001&_summary=count"),
                create(weight("63")), create(weight("64"))));
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
        Bundle result = FhirTestClient.parse(response, Bundle.class);
        assertThat(result.getType()).isEqualTo(Bundle.BundleType.TRANSACTIONRESPONSE);
        assertThat(result.getEntry()).extracting(e -> e.getResponse().getStatus()).containsExactly("200 OK", "201 Created", "201 Created");
        assertThat(((Bundle) result.getEntry().get(0).getResource()).getTotal()).isEqualTo(2);
        assertThat(stored()).isEqualTo(2);
    }

    @Test
    void aBundleEntryCanReadAVersion() throws Exception {
        Bundle created = FhirTestClient.parse(postBundle(bundle("batch", create(weight("65")))), Bundle.class);
        String location = created.getEntryFirstRep().getResponse().getLocation();
        assertThat(location).matches("Observation/[0-9a-f-]+/_history/1");
        String id = location.split("/")[1];
        Bundle read = FhirTestClient.parse(postBundle(bundle("batch", request("GET", location),
                request("GET", "Observation/" + id + "/_history"), request("GET", "Observation/" + id + "/_history/7"))), Bundle.class);
        assertThat(read.getEntry()).extracting(e -> e.getResponse().getStatus()).containsExactly("200 OK", "200 OK", "404 Not Found");
        assertThat(((Observation) read.getEntry().get(0).getResource()).getMeta().getVersionId()).isEqualTo("1");
        assertThat(((Bundle) read.getEntry().get(1).getResource()).getType()).isEqualTo(Bundle.BundleType.HISTORY);
    }

    @Test
    void preferReturnMinimalAnswersWrittenEntriesWithoutTheirResource() throws Exception {
        String body = bundle("transaction", create(weight("66")), create(weight("67")));
        Bundle minimal = FhirTestClient.parse(mvc.perform(post("/fhir").header("Authorization", "Bearer " + token)
                .header("Prefer", "return=minimal").contentType("application/fhir+json").content(body)).andReturn().getResponse(), Bundle.class);
        assertThat(minimal.getEntry()).hasSize(2).allSatisfy(entry -> {
            assertThat(entry.getResponse().getStatus()).isEqualTo("201 Created");
            assertThat(entry.getResponse().getLocation()).matches("Observation/[0-9a-f-]+/_history/1");
            assertThat(entry.hasResource()).isFalse();
        });
        assertThat(stored()).isEqualTo(2);
        Bundle full = FhirTestClient.parse(postBundle(bundle("transaction", create(weight("68")))), Bundle.class);
        assertThat(full.getEntryFirstRep().getResource()).isInstanceOf(Observation.class);
    }
}
