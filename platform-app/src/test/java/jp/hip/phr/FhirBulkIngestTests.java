package jp.hip.phr;

import static jp.hip.phr.FhirTestClient.outcome;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Instant;
import java.util.UUID;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import jp.hip.PlatformTest;
import jp.hip.api.fhir.FhirBulkLimits;

/** POST /fhir/Observation/$bulk-ingest: NDJSON, the single-create rules per line, all or nothing, line numbers. */
@PlatformTest
class FhirBulkIngestTests extends FhirMemberTest {

    static final String URL = "/fhir/Observation/$bulk-ingest";
    static final String NDJSON = "application/fhir+ndjson";

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired FhirBulkLimits limits;

    @Override
    String scopes() {
        return "system/Observation.c system/Observation.rs";
    }

    static String line(UUID person, String value, Instant when, String identifier) {
        return FhirApiTests.observation(person, "9N011000000000001", value, "kg/m2", when, identifier).replace("\n", "") + "\n";
    }

    static String lines(UUID person, int count, String prefix) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < count; i++) {
            body.append(line(person, "2" + (i % 10) + ".5", Instant.parse("2025-06-01T01:00:00Z").plusSeconds(i * 86_400L), prefix + i));
        }
        return body.toString();
    }

    MockHttpServletResponse bulk(String body, String bearer) throws Exception {
        var request = post(URL).contentType(NDJSON).content(body);
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    long stored(UUID person) {
        return jdbc.sql("select count(*) from phr_observation where person_id = ?").param(person).query(Long.class).single();
    }

    @Test
    void linesAreStoredSearchableByTheirSupplierAndNeedConsentForAnotherHolder() throws Exception {
        MockHttpServletResponse response = bulk(lines(member.personId(), 25, "ok-"), token);
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
        assertThat(outcome(response).getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.INFORMATION);
        assertThat(stored(member.personId())).isEqualTo(25);

        String search = "/fhir/Observation?subject=Patient/" + member.personId() + "&_count=100";
        Bundle own = PhrFhir.fhirContext().newJsonParser().parseResource(Bundle.class,
                mvc.perform(get(search).header("Authorization", "Bearer " + token)).andReturn().getResponse().getContentAsString());
        assertThat(own.getEntry()).hasSize(25);

        UUID employer = fixture.employerOf(member);
        String employerToken = fhir.tokenFor(employer, "system/Observation.rs");
        Bundle hidden = PhrFhir.fhirContext().newJsonParser().parseResource(Bundle.class,
                mvc.perform(get(search).header("Authorization", "Bearer " + employerToken)).andReturn().getResponse().getContentAsString());
        assertThat(hidden.getEntry()).isEmpty();

        fixture.consent(member, employer, DataCategory.CHECKUP);
        Bundle found = PhrFhir.fhirContext().newJsonParser().parseResource(Bundle.class,
                mvc.perform(get(search).header("Authorization", "Bearer " + employerToken)).andReturn().getResponse().getContentAsString());
        assertThat(found.getEntry()).hasSize(25);
        assertThat(found.getEntry()).allSatisfy(e -> assertThat(e.getResource().getMeta().getVersionId()).isEqualTo("1"));
    }

    @Test
    void oneBadLineRollsBackEveryLineAndIsReportedByItsLineNumber() throws Exception {
        String body = lines(member.personId(), 3, "a-")
                + line(member.personId(), "999", Instant.parse("2025-06-01T01:00:00Z"), "bad-range")
                + lines(member.personId(), 2, "b-")
                + "{not json\n"
                + line(member.personId(), "22.0", Instant.now().plusSeconds(86_400 * 30), "future");
        MockHttpServletResponse response = bulk(body, token);
        assertThat(response.getStatus()).isEqualTo(400);
        OperationOutcome outcome = outcome(response);
        assertThat(outcome.getIssue()).extracting(i -> i.getExpression().get(0).getValue())
                .anySatisfy(e -> assertThat(e).startsWith("line 4"))
                .anySatisfy(e -> assertThat(e).startsWith("line 7"))
                .anySatisfy(e -> assertThat(e).startsWith("line 8"));
        assertThat(outcome.getIssue()).extracting(i -> i.getDetails().getCodingFirstRep().getCode())
                .contains("phr.error.range", "phr.error.parse", "phr.error.future");
        assertThat(stored(member.personId())).isZero();
    }

    @Test
    void aSubjectWhoIsNotAMemberOfTheCallersTenantIsRefusedAndNothingIsWritten() throws Exception {
        UUID otherInsurer = fixture.insurer();
        PhrFixture.Member stranger = fixture.member(otherInsurer);
        String body = lines(member.personId(), 2, "m-") + line(stranger.personId(), "23.0", Instant.parse("2025-07-01T00:00:00Z"), "s-1");
        MockHttpServletResponse response = bulk(body, token);
        assertThat(response.getStatus()).isEqualTo(400);
        OperationOutcome.OperationOutcomeIssueComponent issue = outcome(response).getIssueFirstRep();
        assertThat(issue.getDetails().getCodingFirstRep().getCode()).isEqualTo("phr.error.subjectUnknown");
        assertThat(issue.getExpression().get(0).getValue()).isEqualTo("line 3: Observation.subject");
        assertThat(stored(member.personId()) + stored(stranger.personId())).isZero();
    }

    @Test
    void identifiersAlreadyStoredOrRepeatedInTheRequestAreRefused() throws Exception {
        assertThat(bulk(lines(member.personId(), 2, "dup-"), token).getStatus()).isEqualTo(200);
        // lines 1 and 3 were stored by the first request, line 2 is new: both old ones are named, with their lines
        String mixed = lines(member.personId(), 1, "dup-")
                + line(member.personId(), "22.0", Instant.parse("2025-08-01T00:00:00Z"), "fresh-1")
                + line(member.personId(), "21.5", Instant.parse("2025-06-02T01:00:00Z"), "dup-1");
        MockHttpServletResponse again = bulk(mixed, token);
        assertThat(again.getStatus()).isEqualTo(409);
        assertThat(outcome(again).getIssue()).extracting(i -> i.getExpression().get(0).getValue())
                .containsExactly("line 1: Observation.identifier", "line 3: Observation.identifier");
        assertThat(outcome(again).getIssue()).allSatisfy(i ->
                assertThat(i.getDetails().getCodingFirstRep().getCode()).isEqualTo("phr.error.duplicateIdentifier"));
        MockHttpServletResponse repeated = bulk(lines(member.personId(), 1, "rep-") + lines(member.personId(), 1, "rep-"), token);
        assertThat(repeated.getStatus()).isEqualTo(409);
        assertThat(outcome(repeated).getIssueFirstRep().getExpression().get(0).getValue()).startsWith("line 2");
        assertThat(stored(member.personId())).isEqualTo(2);
    }

    @Test
    void theCreateScopeIsRequired() throws Exception {
        String readOnly = fhir.tokenFor(insurer, "system/Observation.rs");
        assertThat(bulk(lines(member.personId(), 1, "s-"), readOnly).getStatus()).isEqualTo(403);
        assertThat(bulk(lines(member.personId(), 1, "s-"), null).getStatus()).isEqualTo(401);
        assertThat(stored(member.personId())).isZero();
    }

    @Test
    void requestsOverTheLineOrByteLimitAreRefusedWhole() throws Exception {
        long bytes = limits.maxBytes();
        int maxLines = limits.maxLines();
        try {
            limits.set(bytes, 3);
            MockHttpServletResponse tooMany = bulk(lines(member.personId(), 4, "l-"), token);
            assertThat(tooMany.getStatus()).isEqualTo(400);
            assertThat(outcome(tooMany).getIssueFirstRep().getDetails().getCodingFirstRep().getCode()).isEqualTo("phr.error.bulkLines");
            assertThat(bulk(lines(member.personId(), 3, "l-"), token).getStatus()).isEqualTo(200);

            limits.set(1_000, maxLines);
            MockHttpServletResponse tooBig = bulk(lines(member.personId(), 5, "b-"), token);
            assertThat(tooBig.getStatus()).isEqualTo(400);
            assertThat(outcome(tooBig).getIssueFirstRep().getDetails().getCodingFirstRep().getCode()).isEqualTo("phr.error.bulkBytes");
        } finally {
            limits.set(bytes, maxLines);
        }
        assertThat(stored(member.personId())).isEqualTo(3);
    }

    @Test
    void onlyNdjsonIsAccepted() throws Exception {
        var response = mvc.perform(post(URL).contentType("application/fhir+json").content(lines(member.personId(), 1, "j-"))
                .header("Authorization", "Bearer " + token)).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(415);
        assertThat(stored(member.personId())).isZero();
    }
}
