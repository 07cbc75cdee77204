package jp.hip.phr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import jp.hip.PlatformTest;

/**
 * {@code _since} and {@code _at} on an Observation's instance history (FHIR R4 http.html#history): versions written
 * at or after an instant, and the versions current at a moment; malformed values and unknown parameters are a 400
 * naming the parameter; the CapabilityStatement declares both.
 */
@PlatformTest
class FhirHistoryParameterTests {

    static final String SCOPES = "system/Observation.rs system/Observation.c system/Observation.u";

    @Autowired MockMvc mvc;
    @Autowired PhrFixture fixture;
    @Autowired FhirTestClient fhir;
    @Autowired JdbcClient jdbc;

    PhrFixture.Member member;
    String token;
    String id;

    @BeforeEach
    void setUp() throws Exception {
        UUID insurer = fixture.insurer();
        member = fixture.member(insurer);
        token = fhir.tokenFor(insurer, SCOPES);
        // three versions, written (as rewritten below) on 1 January, 1 February and 1 March 2025 (UTC)
        MockHttpServletResponse created = perform(post("/fhir/Observation").contentType("application/fhir+json").content(weight("70.1")));
        assertThat(created.getStatus()).isEqualTo(201);
        id = FhirTestClient.parse(created, Observation.class).getIdElement().getIdPart();
        for (String value : List.of("70.2", "70.3")) {
            MockHttpServletResponse updated = perform(put("/fhir/Observation/" + id).contentType("application/fhir+json")
                    .content(weight(value).replace("{\"resourceType\":\"Observation\",", "{\"resourceType\":\"Observation\",\"id\":\"" + id + "\",")));
            assertThat(updated.getStatus()).as(updated.getContentAsString()).isEqualTo(200);
        }
        written(1, "2025-01-01T00:00:00Z");
        written(2, "2025-02-01T00:00:00Z");
        written(3, "2025-03-01T00:00:00Z");
    }

    void written(int version, String when) {
        String json = "\"" + when.replace("Z", ".000+00:00") + "\"";
        for (String table : List.of("phr_observation", "phr_observation_version")) {
            jdbc.sql("update " + table + " set last_updated = cast(? as timestamptz),"
                    + " resource = jsonb_set(resource, '{meta,lastUpdated}', cast(? as jsonb)) where id = ? and version_id = ?")
                    .params(when, json, UUID.fromString(id), version).update();
        }
    }

    MockHttpServletResponse perform(MockHttpServletRequestBuilder request) throws Exception {
        return fhir.perform(request, token);
    }

    String weight(String value) {
        return FhirApiTests.observation(member.personId(), "9N006000000000001", value, "kg", Instant.parse("2025-06-01T01:00:00Z"), null);
    }

    List<String> versions(String query) throws Exception {
        MockHttpServletResponse response = perform(get("/fhir/Observation/" + id + "/_history?" + query));
        assertThat(response.getStatus()).as(query + " " + response.getContentAsString()).isEqualTo(200);
        Bundle history = FhirTestClient.parse(response, Bundle.class);
        assertThat(history.getTotal()).as(query).isEqualTo(history.getEntry().size());
        assertThat(history.getLink("self").getUrl()).as(query).contains(query.split("=")[0] + "=");
        return history.getEntry().stream().map(e -> ((Observation) e.getResource()).getMeta().getVersionId()).toList();
    }

    @Test
    void sinceKeepsTheVersionsWrittenAtOrAfterTheInstant() throws Exception {
        assertThat(versions("_since=2025-02-01T00:00:00Z")).containsExactly("3", "2");
        assertThat(versions("_since=2025-02-01T00:00:01Z")).containsExactly("3");
        assertThat(versions("_since=2024-12-31T23:59:59Z")).containsExactly("3", "2", "1");
        assertThat(versions("_since=2025-03-01T00:00:01Z")).isEmpty();
        // without a zone, Japan time: 2025-02-01T09:00 JST is 00:00 UTC
        assertThat(versions("_since=2025-02-01T09:00:00")).containsExactly("3", "2");
    }

    @Test
    void atKeepsTheVersionsCurrentAtThatMoment() throws Exception {
        assertThat(versions("_at=2025-01-15T00:00:00Z")).containsExactly("1");
        assertThat(versions("_at=2025-02-01T00:00:00Z")).containsExactly("2");
        assertThat(versions("_at=2025-02-28T23:59:59Z")).containsExactly("2");
        assertThat(versions("_at=2026-01-01T00:00:00Z")).containsExactly("3");
        assertThat(versions("_at=2024-12-31T23:59:59Z")).isEmpty();
        // a date is a period (a Japan day, month or year): every version current during it
        assertThat(versions("_at=2025")).containsExactly("3", "2", "1");
        assertThat(versions("_at=2025-02-15")).containsExactly("2");
        // both narrow together, and pages keep them in the next link
        assertThat(versions("_at=2025&_since=2025-02-01T00:00:00Z")).containsExactly("3", "2");
        Bundle page = FhirTestClient.parse(perform(get("/fhir/Observation/" + id + "/_history?_at=2025&_count=2")), Bundle.class);
        assertThat(page.getTotal()).isEqualTo(3);
        assertThat(page.getLink("next").getUrl()).contains("_at=2025").contains("_offset=2");
    }

    @Test
    void malformedValuesAndUnknownParametersAreRefusedNamingTheParameter() throws Exception {
        for (String query : List.of("_since=2025-13-01", "_since=yesterday", "_at=2025-02-30", "_at=ge2025-01-01",
                "_at=2025&_at=2026", "_since=", "_list=recent", "_at:missing=true")) {
            MockHttpServletResponse response = perform(get("/fhir/Observation/" + id + "/_history?" + query));
            assertThat(response.getStatus()).as(query).isEqualTo(400);
            OperationOutcome outcome = FhirTestClient.parse(response, OperationOutcome.class);
            String name = query.split("[=&]")[0];
            assertThat(outcome.getIssueFirstRep().getExpression()).as(query).extracting(Object::toString).contains(name);
        }
    }

    @Test
    void aBundleEntryTakesThemToo() throws Exception {
        String bundle = "{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"entry\":["
                + "{\"request\":{\"method\":\"GET\",\"url\":\"Observation/" + id + "/_history?_at=2025-01-15T00:00:00Z\"}},"
                + "{\"request\":{\"method\":\"GET\",\"url\":\"Observation/" + id + "/_history?_since=2025-13-01\"}}]}";
        MockHttpServletResponse response = perform(post("/fhir").contentType("application/fhir+json").content(bundle));
        assertThat(response.getStatus()).isEqualTo(200);
        Bundle result = FhirTestClient.parse(response, Bundle.class);
        Bundle history = (Bundle) result.getEntry().get(0).getResource();
        assertThat(history.getEntry()).extracting(e -> ((Observation) e.getResource()).getMeta().getVersionId()).containsExactly("1");
        assertThat(result.getEntry().get(1).getResponse().getStatus()).isEqualTo("400 Bad Request");
    }

    @Test
    void theCapabilityStatementDeclaresThem() throws Exception {
        CapabilityStatement cs = FhirTestClient.parse(mvc.perform(get("/fhir/metadata")).andReturn().getResponse(), CapabilityStatement.class);
        var observation = cs.getRestFirstRep().getResource().stream().filter(r -> r.getType().equals("Observation")).findFirst().orElseThrow();
        String documentation = observation.getInteraction().stream()
                .filter(i -> i.getCode() == CapabilityStatement.TypeRestfulInteraction.HISTORYINSTANCE).findFirst().orElseThrow().getDocumentation();
        assertThat(documentation).contains("_since (").contains("_at (").contains("_count (").contains("_offset (");
    }
}
