package jp.hip.phr;

import static jp.hip.phr.FhirTestClient.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.UUID;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;

import jp.hip.PlatformTest;
import jp.hip.api.fhir.FhirValidation;
import jp.hip.phr.access.PhrConsents;

/**
 * POST /fhir/Consent: a PHR service (here the member's insurer) grants or withdraws on the person's behalf through
 * the same consent versions the individual's page writes, so the recipient's reads follow on the next request.
 */
@PlatformTest
class FhirConsentCreateTests extends FhirConsentPartiesTest {

    static final String SCOPES = "system/Observation.rs system/Observation.c system/Consent.c";

    @Autowired FhirTestClient fhir;
    @Autowired PhrConsents consents;
    @Autowired FhirValidation validation;
    @Autowired JdbcClient jdbc;

    String insurerToken;
    String employerToken;

    @BeforeEach
    void setUp() throws Exception {
        insurerToken = fhir.tokenFor(insurer, SCOPES, true);
        employerToken = fhir.tokenFor(employer, "system/Observation.rs");
        assertThat(fhir.postJson("/fhir/Observation", FhirApiTests.bmi(member.personId(), null), insurerToken).getStatus()).isEqualTo(201);
    }

    /** A small, valid PDF: the evidence a tenant attaches to a consent it records (ADR 0037). */
    static final String PDF_BASE64 = "JVBERi0xLjQKJeLjz9MKMSAwIG9iajw8Pj5lbmRvYmoKdHJhaWxlcjw8Pj4KJSVFT0YK";

    static final String EVIDENCE = ",\"sourceAttachment\":{\"contentType\":\"application/pdf\",\"title\":\"同意書（署名済み）\",\"data\":\""
            + PDF_BASE64 + "\"}";

    static String consent(String status, String patient, String type, String recipient, String category, String start, String end) {
        return consentWithout(status, patient, type, recipient, category, start, end).replace("\"policy\":", EVIDENCE.substring(1) + ",\"policy\":");
    }

    /** The same Consent without evidence. */
    static String consentWithout(String status, String patient, String type, String recipient, String category, String start, String end) {
        String provision = type == null ? "" : """
                ,"provision":{"type":"%s",
                  "actor":[{"role":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ParticipationType","code":"IRCP"}]},
                            "reference":{"reference":"Organization/%s"}}],
                  "code":[{"coding":[{"system":"https://hip.example.jp/fhir/CodeSystem/phr-data-category","code":"%s"}]}],
                  "dataPeriod":{"start":"%s"%s}}
                """.formatted(type, recipient, category, start, end == null ? "" : ",\"end\":\"" + end + "\"");
        return """
                {"resourceType":"Consent","status":"%s",
                 "scope":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/consentscope","code":"patient-privacy"}]},
                 "category":[{"coding":[{"system":"http://loinc.org","code":"59284-0"}]}],
                 "patient":{"reference":"Patient/%s"},
                 "policy":[{"uri":"https://hip.example.jp/policy/phr-consent"}]%s}
                """.formatted(status, patient, provision);
    }

    String grant(String status, String type) {
        return consent(status, member.personId().toString(), type, employer.toString(), "CHECKUP", "2000-01-01", null);
    }

    int employerSees() throws Exception {
        MockHttpServletResponse found = fhir.perform(get("/fhir/Observation?patient=Patient/" + member.personId()), employerToken);
        assertThat(found.getStatus()).isEqualTo(200);
        return parse(found, Bundle.class).getEntry().size();
    }

    long consentRows() {
        return jdbc.sql("select count(*) from phr_consent where person_id = ?").param(member.personId()).query(Long.class).single();
    }

    @Test
    void createdConsentLetsTheRecipientSearchAndIsValidR4() throws Exception {
        assertThat(employerSees()).isZero();
        MockHttpServletResponse created = fhir.postJson("/fhir/Consent", grant("active", "permit"), insurerToken);
        assertThat(created.getStatus()).isEqualTo(201);
        assertThat(created.getContentType()).startsWith("application/fhir+json");
        assertThat(created.getHeader("Location")).contains("/fhir/Consent/").endsWith("/_history/1");
        Consent stored = parse(created, Consent.class);
        assertThat(stored.getStatus()).isEqualTo(Consent.ConsentState.ACTIVE);
        assertThat(stored.getProvision().getType()).isEqualTo(Consent.ConsentProvisionType.PERMIT);
        assertThat(stored.getProvision().getActorFirstRep().getReference().getReference()).isEqualTo("Organization/" + employer);
        assertThat(validation.errors(stored)).isEmpty();
        assertThat(employerSees()).isEqualTo(1);
        assertThat(consents.myConsents(PhrFixture.individual(member))).singleElement()
                .satisfies(c -> assertThat(c.recipientTenantId()).isEqualTo(employer));
    }

    @Test
    void inactiveOrDenyConsentWithdrawsFromTheNextRequestAndKeepsTheHistory() throws Exception {
        String id = parse(fhir.postJson("/fhir/Consent", grant("active", "permit"), insurerToken), Consent.class).getIdElement().getIdPart();
        assertThat(employerSees()).isEqualTo(1);

        MockHttpServletResponse withdrawn = fhir.postJson("/fhir/Consent", grant("inactive", "permit"), insurerToken);
        assertThat(withdrawn.getStatus()).isEqualTo(201);
        assertThat(withdrawn.getHeader("Location")).endsWith("/fhir/Consent/" + id + "/_history/2");
        Consent stored = parse(withdrawn, Consent.class);
        assertThat(stored.getStatus()).isEqualTo(Consent.ConsentState.INACTIVE);
        assertThat(validation.errors(stored)).isEmpty();
        assertThat(employerSees()).isZero();
        assertThat(jdbc.sql("select count(*) from phr_consent where id = ?").param(UUID.fromString(id)).query(Long.class).single()).isEqualTo(2);

        fhir.postJson("/fhir/Consent", grant("active", "permit"), insurerToken);
        assertThat(employerSees()).isEqualTo(1);
        MockHttpServletResponse denied = fhir.postJson("/fhir/Consent", grant("active", "deny"), insurerToken);
        assertThat(denied.getStatus()).isEqualTo(201);
        assertThat(employerSees()).isZero();
    }

    @Test
    void aDenyWithNothingToWithdrawIsRecordedAsAnInactiveDenyVersion() throws Exception {
        MockHttpServletResponse denied = fhir.postJson("/fhir/Consent", grant("active", "deny"), insurerToken);
        assertThat(denied.getStatus()).isEqualTo(201);
        Consent stored = parse(denied, Consent.class);
        assertThat(stored.getStatus()).isEqualTo(Consent.ConsentState.INACTIVE);
        assertThat(stored.getProvision().getType()).isEqualTo(Consent.ConsentProvisionType.DENY);
        assertThat(validation.errors(stored)).isEmpty();
        assertThat(consentRows()).isEqualTo(1);
        assertThat(employerSees()).isZero();
    }

    @Test
    void badInputIsAnOperationOutcomeAndWritesNoConsent() throws Exception {
        String person = member.personId().toString();
        String recipient = employer.toString();
        record Case(String body, int status) {}
        var cases = new Case[] {
                new Case(FhirApiTests.bmi(member.personId(), null), 400),
                new Case(consent("active", UUID.randomUUID().toString(), "permit", recipient, "CHECKUP", "2000-01-01", null), 404),
                new Case(consent("active", person, "permit", recipient, "GENOME", "2000-01-01", null), 400),
                new Case(consent("active", person, null, recipient, "CHECKUP", "2000-01-01", null), 400),
                new Case(consent("active", person, "permit", recipient, "CHECKUP", "2025-04-01", "2025-03-31"), 400),
                new Case(consent("proposed", person, "permit", recipient, "CHECKUP", "2000-01-01", null), 400),
                new Case(consent("active", person, "permit", UUID.randomUUID().toString(), "CHECKUP", "2000-01-01", null), 400),
                new Case(consent("active", person, "permit", member.personalTenantId().toString(), "CHECKUP", "2000-01-01", null), 400),
                new Case("{\"resourceType\":\"Consent\",", 400),
        };
        for (Case c : cases) {
            MockHttpServletResponse response = fhir.postJson("/fhir/Consent", c.body(), insurerToken);
            assertThat(response.getStatus()).as(c.body()).isEqualTo(c.status());
            assertThat(response.getContentType()).startsWith("application/fhir+json");
            OperationOutcome outcome = parse(response, OperationOutcome.class);
            assertThat(outcome.getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
            assertThat(consentRows()).as(c.body()).isZero();
        }
        MockHttpServletResponse order = fhir.postJson("/fhir/Consent",
                consent("active", person, "permit", recipient, "CHECKUP", "2025-04-01", "2025-03-31"), insurerToken);
        assertThat(parse(order, OperationOutcome.class).getIssue()).extracting(i -> i.getDetails().getCodingFirstRep().getCode())
                .containsExactly("phr.error.consentPeriodOrder");
        assertThat(employerSees()).isZero();
    }

    @Test
    void theConsentCreateScopeIsRequired() throws Exception {
        String readOnly = fhir.tokenFor(insurer, "system/Observation.rs system/Consent.rs");
        MockHttpServletResponse forbidden = fhir.postJson("/fhir/Consent", grant("active", "permit"), readOnly);
        assertThat(forbidden.getStatus()).isEqualTo(403);
        assertThat(forbidden.getContentType()).startsWith("application/fhir+json");
        assertThat(parse(forbidden, OperationOutcome.class).getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.FORBIDDEN);
        assertThat(fhir.postJson("/fhir/Consent", grant("active", "permit"), null).getStatus()).isEqualTo(401);
        assertThat(consentRows()).isZero();
        assertThat(employerSees()).isZero();
    }

    @Test
    void anotherTenantCannotConsentForAPersonItDoesNotHold() throws Exception {
        UUID otherInsurer = fixture.insurer();
        String other = fhir.tokenFor(otherInsurer, SCOPES, true);
        String toItself = consent("active", member.personId().toString(), "permit", otherInsurer.toString(), "CHECKUP", "2000-01-01", null);
        MockHttpServletResponse crossing = fhir.postJson("/fhir/Consent", toItself, other);
        assertThat(crossing.getStatus()).isEqualTo(404);
        assertThat(parse(crossing, OperationOutcome.class).getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.NOTFOUND);
        MockHttpServletResponse forEmployer = fhir.postJson("/fhir/Consent", grant("active", "permit"), other);
        assertThat(forEmployer.getStatus()).isEqualTo(404);
        assertThat(consentRows()).isZero();
        assertThat(employerSees()).isZero();
    }
}
