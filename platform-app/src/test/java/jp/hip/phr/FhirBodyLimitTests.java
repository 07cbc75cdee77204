package jp.hip.phr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import jp.hip.PlatformTest;
import jp.hip.api.fhir.format.FhirBodyLimit;

/**
 * The FHIR body cap (ADR 0103, {@code hip.fhir.max-body-bytes}): a JSON or XML body, single resource or Bundle,
 * over the cap is a 413 OperationOutcome and nothing is written; a transaction Bundle of 500 observations fits the
 * default in JSON and in XML; $bulk-ingest keeps its own limits.
 */
@PlatformTest
class FhirBodyLimitTests {

    static final String SCOPES = "system/Observation.rs system/Observation.c system/Observation.u";

    @Autowired PhrFixture fixture;
    @Autowired FhirTestClient fhir;
    @Autowired JdbcClient jdbc;
    @Autowired FhirBodyLimit limit;

    PhrFixture.Member member;
    String token;
    long defaultMax;

    @BeforeEach
    void setUp() throws Exception {
        UUID insurer = fixture.insurer();
        member = fixture.member(insurer);
        token = fhir.tokenFor(insurer, SCOPES);
        defaultMax = limit.maxBytes();
    }

    @AfterEach
    void restore() {
        limit.set(defaultMax);
    }

    MockHttpServletResponse perform(MockHttpServletRequestBuilder request) throws Exception {
        return fhir.perform(request, token);
    }

    String weight(String value, int minute) {
        return FhirApiTests.observation(member.personId(), "9N006000000000001", value, "kg", Instant.parse("2025-06-01T01:00:00Z").plusSeconds(60L * minute), null);
    }

    String transaction(int entries) {
        StringBuilder bundle = new StringBuilder("{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[");
        for (int i = 0; i < entries; i++) {
            bundle.append(i > 0 ? "," : "").append("{\"resource\":").append(weight("6" + (i % 10) + ".5", i))
                    .append(",\"request\":{\"method\":\"POST\",\"url\":\"Observation\"}}");
        }
        return bundle.append("]}").toString();
    }

    static String xml(String json) {
        var context = PhrFhir.fhirContext();
        return context.newXmlParser().encodeResourceToString(context.newJsonParser().parseResource(json));
    }

    long stored() {
        return jdbc.sql("select count(*) from phr_observation where person_id = ?").param(member.personId()).query(Long.class).single();
    }

    static void assertTooLarge(MockHttpServletResponse response, OperationOutcome outcome, long max) {
        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(outcome.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.TOOLONG);
        assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains(String.format(java.util.Locale.ROOT, "%,d", max)).contains("hip.fhir.max-body-bytes").doesNotContain("Exception");
    }

    @Test
    void aBundleOrResourceOverTheCapIs413AndNothingIsWritten() throws Exception {
        limit.set(2_000);
        String bundle = transaction(10);
        assertThat(bundle.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(2_000);
        MockHttpServletResponse json = perform(post("/fhir").contentType("application/fhir+json").content(bundle));
        assertTooLarge(json, FhirTestClient.parse(json, OperationOutcome.class), 2_000);
        MockHttpServletResponse asXml = perform(post("/fhir").contentType("application/fhir+xml").content(xml(bundle)));
        assertThat(asXml.getContentType()).startsWith("application/fhir+xml");
        assertTooLarge(asXml, PhrFhir.fhirContext().newXmlParser().parseResource(OperationOutcome.class, asXml.getContentAsString()), 2_000);
        assertThat(stored()).isZero();

        // a single resource: created under the cap, then an update over it is refused and the version stays
        limit.set(1_000);
        MockHttpServletResponse created = perform(post("/fhir/Observation").contentType("application/fhir+json").content(weight("70.0", 0)));
        assertThat(created.getStatus()).isEqualTo(201);
        String id = FhirTestClient.parse(created, Observation.class).getIdElement().getIdPart();
        String padded = weight("71.0", 0).replace("{\"resourceType\":\"Observation\",",
                "{\"resourceType\":\"Observation\",\"id\":\"" + id + "\",\"note\":[{\"text\":\"" + "x".repeat(1_000) + "\"}],");
        MockHttpServletResponse updated = perform(put("/fhir/Observation/" + id).contentType("application/fhir+json").content(padded));
        assertTooLarge(updated, FhirTestClient.parse(updated, OperationOutcome.class), 1_000);
        assertThat(jdbc.sql("select version_id from phr_observation where id = ?").param(UUID.fromString(id)).query(Integer.class).single())
                .isEqualTo(1);
        MockHttpServletResponse single = perform(post("/fhir/Observation").contentType("application/fhir+xml").content(xml(padded)));
        assertThat(single.getStatus()).isEqualTo(413);
        assertThat(stored()).isEqualTo(1);
    }

    @Test
    void aBodyWithoutContentLengthIsCappedWhileRead() throws Exception {
        limit.set(100);
        MockHttpServletRequest over = chunked("x".repeat(101));
        MockHttpServletResponse refused = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        limit.doFilter(over, refused, chain);
        assertThat(refused.getStatus()).isEqualTo(413);
        assertThat(chain.getRequest()).isNull();

        MockHttpServletRequest under = chunked("y".repeat(100));
        MockFilterChain passed = new MockFilterChain();
        limit.doFilter(under, new MockHttpServletResponse(), passed);
        assertThat(passed.getRequest()).isNotNull();
        assertThat(new String(passed.getRequest().getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("y".repeat(100));
    }

    static MockHttpServletRequest chunked(String body) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/fhir/Observation") {
            @Override
            public long getContentLengthLong() {
                return -1;
            }

            @Override
            public int getContentLength() {
                return -1;
            }
        };
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        request.setContentType("application/fhir+json");
        return request;
    }

    @Test
    void aTransactionOfFiveHundredFitsTheDefaultInJsonAndXml() throws Exception {
        String bundle = transaction(500);
        assertThat((long) xml(bundle).getBytes(StandardCharsets.UTF_8).length).isLessThan(defaultMax / 4);
        MockHttpServletResponse response = perform(post("/fhir").contentType("application/fhir+json").header("Prefer", "return=minimal")
                .content(bundle));
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
        assertThat(FhirTestClient.parse(response, Bundle.class).getEntry()).hasSize(500);
        assertThat(stored()).isEqualTo(500);
    }

    @Test
    void bulkIngestKeepsItsOwnLimits() throws Exception {
        limit.set(100);
        String ndjson = weight("70.0", 1).replace("\n", "") + "\n" + weight("70.5", 2).replace("\n", "") + "\n";
        MockHttpServletResponse response = perform(post("/fhir/Observation/$bulk-ingest").contentType("application/fhir+ndjson").content(ndjson));
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
        assertThat(stored()).isEqualTo(2);
    }
}
