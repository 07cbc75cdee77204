package jp.hip.phr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

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
 * POST Consent entries in transaction and batch Bundles: the createConsent mapping and rules (ADR 0031), all or
 * nothing with the other entries of a transaction, a status per entry in a batch, scope system/Consent.c per entry.
 */
@PlatformTest
class FhirConsentBundleTests extends FhirConsentPartiesTest {

    static final String SCOPES = "system/Patient.c system/Observation.rs system/Observation.c system/Consent.c";

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
    }

    MockHttpServletResponse postBundle(String body, String bearer) throws Exception {
        return fhir.perform(post("/fhir").contentType("application/fhir+json").content(body), bearer);
    }

    static String bundle(String type, String... entries) {
        return "{\"resourceType\":\"Bundle\",\"type\":\"" + type + "\",\"entry\":[" + String.join(",", entries) + "]}";
    }

    static String entry(String url, String resource) {
        return "{\"fullUrl\":\"urn:uuid:" + UUID.randomUUID() + "\",\"resource\":" + resource
                + ",\"request\":{\"method\":\"POST\",\"url\":\"" + url + "\"}}";
    }

    String grant(String category) {
        return FhirConsentCreateTests.consent("active", member.personId().toString(), "permit", employer.toString(), category, "2000-01-01", null);
    }

    int employerSees() throws Exception {
        MockHttpServletResponse found = fhir.perform(get("/fhir/Observation?patient=Patient/" + member.personId()), employerToken);
        assertThat(found.getStatus()).isEqualTo(200);
        return FhirTestClient.parse(found, Bundle.class).getEntry().size();
    }

    long consentRows(UUID person) {
        return jdbc.sql("select count(*) from phr_consent where person_id = ?").param(person).query(Long.class).single();
    }

    long observationRows(UUID person) {
        return jdbc.sql("select count(*) from phr_observation where person_id = ?").param(person).query(Long.class).single();
    }

    @Test
    void transactionStoresObservationAndConsentTogetherAndTheRecipientReadsOnTheNextRequest() throws Exception {
        MockHttpServletResponse response = postBundle(bundle("transaction",
                entry("Observation", FhirApiTests.bmi(member.personId(), "b-1")),
                entry("Consent", grant("CHECKUP"))), insurerToken);
        assertThat(response.getStatus()).isEqualTo(200);
        Bundle result = FhirTestClient.parse(response, Bundle.class);
        assertThat(result.getEntry()).extracting(e -> e.getResponse().getStatus()).containsExactly("201 Created", "201 Created");
        Bundle.BundleEntryComponent consentEntry = result.getEntry().get(1);
        assertThat(consentEntry.getResponse().getLocation()).startsWith("Consent/").endsWith("/_history/1");
        assertThat(consentEntry.getResource()).isInstanceOf(Consent.class);
        Consent stored = (Consent) consentEntry.getResource();
        assertThat(stored.getStatus()).isEqualTo(Consent.ConsentState.ACTIVE);
        assertThat(stored.getProvision().getActorFirstRep().getReference().getReference()).isEqualTo("Organization/" + employer);
        assertThat(validation.errors(result)).isEmpty();
        assertThat(employerSees()).isEqualTo(1);
        assertThat(consents.myConsents(PhrFixture.individual(member))).singleElement()
                .satisfies(c -> assertThat(c.recipientTenantId()).isEqualTo(employer));
    }

    @Test
    void aConsentForAPatientCreatedInTheSameTransactionResolvesItsUrnUuid() throws Exception {
        String patientUrn = "urn:uuid:" + UUID.randomUUID();
        String patient = """
                {"fullUrl":"%s","resource":{"resourceType":"Patient","identifier":[{"system":"urn:oid:1.2.392.200119.6.205","value":"記号7:%s"}],
                  "name":[{"family":"高橋","given":["一郎"]}],"gender":"male","birthDate":"1970-01-02"},
                 "request":{"method":"POST","url":"Patient"}}""".formatted(patientUrn, Math.abs(UUID.randomUUID().getLeastSignificantBits() % 1_000_000));
        String consent = FhirConsentCreateTests.consent("active", "X", "permit", insurer.toString(), "LIFELOG", "2020-04-01", null)
                .replace("\"Patient/X\"", "\"" + patientUrn + "\"");
        // the Consent entry comes first: processing order (POST Patient before POST Consent) resolves the reference
        MockHttpServletResponse response = postBundle(bundle("transaction", entry("Consent", consent),
                patient), insurerToken);
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
        Bundle result = FhirTestClient.parse(response, Bundle.class);
        String person = result.getEntry().get(1).getResponse().getLocation().split("/")[1];
        Consent stored = (Consent) result.getEntry().get(0).getResource();
        assertThat(stored.getPatient().getReference()).isEqualTo("Patient/" + person);
        assertThat(consentRows(UUID.fromString(person))).isEqualTo(1);
        assertThat(validation.errors(result)).isEmpty();
    }

    @Test
    void oneBadConsentRollsBackTheWholeTransactionAndTheOutcomeNamesTheEntry() throws Exception {
        String badCategory = grant("GENOME");
        MockHttpServletResponse response = postBundle(bundle("transaction",
                entry("Observation", FhirApiTests.bmi(member.personId(), "b-2")),
                entry("Consent", grant("CHECKUP")),
                entry("Consent", badCategory)), insurerToken);
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentType()).startsWith("application/fhir+json");
        OperationOutcome outcome = FhirTestClient.parse(response, OperationOutcome.class);
        assertThat(outcome.getIssue()).extracting(i -> i.getDetails().getCodingFirstRep().getCode())
                .containsExactly("phr.error.consentDataCategory");
        assertThat(outcome.getIssueFirstRep().getExpression()).singleElement()
                .satisfies(e -> assertThat(e.getValue()).startsWith("Bundle.entry[2].Consent.provision"));
        assertThat(observationRows(member.personId())).isZero();
        assertThat(consentRows(member.personId())).isZero();

        // a Consent for a patient the caller does not hold: 404, and the Observation entry is rolled back as well
        String foreign = FhirConsentCreateTests.consent("active", UUID.randomUUID().toString(), "permit", employer.toString(), "CHECKUP", "2000-01-01", null);
        MockHttpServletResponse notFound = postBundle(bundle("transaction",
                entry("Observation", FhirApiTests.bmi(member.personId(), "b-3")), entry("Consent", foreign)), insurerToken);
        assertThat(notFound.getStatus()).isEqualTo(404);
        assertThat(FhirTestClient.parse(notFound, OperationOutcome.class).getIssueFirstRep().getExpression().get(0).getValue())
                .isEqualTo("Bundle.entry[1].Consent.patient");
        assertThat(observationRows(member.personId())).isZero();

        // and a bad Observation rolls back a good Consent
        String badUnit = FhirApiTests.observation(member.personId(), "9N011000000000001", "24.9", "cm",
                java.time.Instant.parse("2025-06-01T01:00:00Z"), null);
        MockHttpServletResponse badObservation = postBundle(bundle("transaction",
                entry("Consent", grant("CHECKUP")), entry("Observation", badUnit)), insurerToken);
        assertThat(badObservation.getStatus()).isEqualTo(400);
        assertThat(consentRows(member.personId())).isZero();
        assertThat(employerSees()).isZero();
    }

    @Test
    void batchAnswersEachConsentEntryWithItsOwnStatus() throws Exception {
        MockHttpServletResponse response = postBundle(bundle("batch",
                entry("Observation", FhirApiTests.bmi(member.personId(), "b-4")),
                entry("Consent", grant("GENOME")),
                entry("Consent", grant("CHECKUP"))), insurerToken);
        assertThat(response.getStatus()).isEqualTo(200);
        Bundle result = FhirTestClient.parse(response, Bundle.class);
        assertThat(result.getType()).isEqualTo(Bundle.BundleType.BATCHRESPONSE);
        assertThat(result.getEntry()).extracting(e -> e.getResponse().getStatus())
                .containsExactly("201 Created", "400 Bad Request", "201 Created");
        OperationOutcome refused = (OperationOutcome) result.getEntry().get(1).getResponse().getOutcome();
        assertThat(refused.getIssueFirstRep().getDetails().getCodingFirstRep().getCode()).isEqualTo("phr.error.consentDataCategory");
        assertThat(validation.errors(result)).isEmpty();
        assertThat(consentRows(member.personId())).isEqualTo(1);
        assertThat(employerSees()).isEqualTo(1);

        // a withdrawal in a batch: the next request of the recipient no longer sees the data
        String withdraw = FhirConsentCreateTests.consent("inactive", member.personId().toString(), "permit", employer.toString(), "CHECKUP", "2000-01-01", null);
        Bundle withdrawn = FhirTestClient.parse(postBundle(bundle("batch", entry("Consent", withdraw)), insurerToken), Bundle.class);
        assertThat(withdrawn.getEntryFirstRep().getResponse().getStatus()).isEqualTo("201 Created");
        assertThat(withdrawn.getEntryFirstRep().getResponse().getLocation()).endsWith("/_history/2");
        assertThat(employerSees()).isZero();
    }

    @Test
    void aConsentEntryNeedsTheConsentCreateScope() throws Exception {
        String withoutConsent = fhir.tokenFor(insurer, "system/Observation.rs system/Observation.c system/Consent.rs");
        // a transaction: 403 for the whole, the refused entry located, nothing written
        MockHttpServletResponse forbidden = postBundle(bundle("transaction",
                entry("Observation", FhirApiTests.bmi(member.personId(), null)), entry("Consent", grant("CHECKUP"))), withoutConsent);
        assertThat(forbidden.getStatus()).isEqualTo(403);
        OperationOutcome outcome = FhirTestClient.parse(forbidden, OperationOutcome.class);
        assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains("system/Consent.c");
        assertThat(outcome.getIssueFirstRep().getExpression().get(0).getValue()).isEqualTo("Bundle.entry[1]");
        assertThat(observationRows(member.personId())).isZero();
        assertThat(consentRows(member.personId())).isZero();
        // a batch (issue 10): the Consent entry answers 403 naming the scope, the Observation entry is carried out
        MockHttpServletResponse batch = postBundle(bundle("batch",
                entry("Observation", FhirApiTests.bmi(member.personId(), null)), entry("Consent", grant("CHECKUP"))), withoutConsent);
        assertThat(batch.getStatus()).isEqualTo(200);
        Bundle answered = FhirTestClient.parse(batch, Bundle.class);
        assertThat(answered.getEntry()).extracting(e -> e.getResponse().getStatus()).containsExactly("201 Created", "403 Forbidden");
        assertThat(((OperationOutcome) answered.getEntry().get(1).getResponse().getOutcome()).getIssueFirstRep().getDiagnostics())
                .contains("system/Consent.c");
        assertThat(observationRows(member.personId())).isEqualTo(1);
        assertThat(consentRows(member.personId())).isZero();
    }
}
