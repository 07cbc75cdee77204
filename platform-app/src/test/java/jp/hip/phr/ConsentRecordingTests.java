package jp.hip.phr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import jp.hip.Accounts;
import jp.hip.ApiTokens;
import jp.hip.PlatformTest;
import jp.hip.identity.CurrentTenant;
import jp.hip.identity.IdentityManagement;
import jp.hip.identity.Role;

/**
 * Consent comes only from the person (ADR 0037): a tenant records a consent the person gave elsewhere only when a
 * platform administrator allowed its client and with the evidence attached; otherwise 403/422 and nothing is written.
 * The person sees who recorded it and on what evidence, withdraws it in one click, and gets the evidence in the export.
 */
@PlatformTest
class ConsentRecordingTests extends FhirConsentPartiesTest {

    static final String SCOPES = "system/Consent.c system/Observation.rs";

    @Autowired MockMvc mvc;
    @Autowired ApiTokens tokens;
    @Autowired IdentityManagement identity;
    @Autowired JdbcClient jdbc;

    ApiTokens.Client client;
    String token;

    @BeforeEach
    void setUp() throws Exception {
        client = tokens.register(insurer, SCOPES.split(" "));
        token = ApiTokens.token(mvc, client, SCOPES);
    }

    void allow(boolean allowed) {
        CurrentTenant.runAsSystem(() -> {
            identity.allowConsentRecording(client.clientId(), allowed);
            return null;
        });
    }

    String consent() {
        return FhirConsentCreateTests.consent("active", member.personId().toString(), "permit", employer.toString(), "CHECKUP", "2000-01-01", null);
    }

    MockHttpServletResponse record(String body) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/fhir/Consent")
                .contentType("application/fhir+json").content(body).header("Authorization", "Bearer " + token)).andReturn().getResponse();
    }

    long consentRows() {
        return jdbc.sql("select count(*) from phr_consent where person_id = ?").param(member.personId()).query(Long.class).single();
    }

    static OperationOutcome outcome(MockHttpServletResponse response) throws Exception {
        return FhirTestClient.parse(response, OperationOutcome.class);
    }

    static List<String> expressions(OperationOutcome outcome) {
        List<String> found = new ArrayList<>();
        outcome.getIssue().forEach(i -> i.getExpression().forEach(e -> found.add(e.getValue())));
        return found;
    }

    @Test
    void aClientNotAllowedByTheAdministratorIsRefusedWithEvidenceOrNot() throws Exception {
        MockHttpServletResponse refused = record(consent());
        assertThat(refused.getStatus()).isEqualTo(403);
        assertThat(refused.getContentType()).startsWith("application/fhir+json");
        assertThat(outcome(refused).getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.FORBIDDEN);
        assertThat(consentRows()).isZero();
        // In a Bundle too, nothing is written.
        String bundle = FhirConsentBundleTests.bundle("transaction", FhirConsentBundleTests.entry("Consent", consent()));
        MockHttpServletResponse inBundle = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/fhir")
                .contentType("application/fhir+json").content(bundle).header("Authorization", "Bearer " + token)).andReturn().getResponse();
        assertThat(inBundle.getStatus()).isEqualTo(403);
        assertThat(consentRows()).isZero();
    }

    @Test
    void evidenceThatIsMissingNotAPdfOrImageForgedOrTooLargeIs422AndWritesNothing() throws Exception {
        allow(true);
        String without = FhirConsentCreateTests.consentWithout("active", member.personId().toString(), "permit", employer.toString(), "CHECKUP", "2000-01-01", null);
        MockHttpServletResponse missing = record(without);
        assertThat(missing.getStatus()).isEqualTo(422);
        assertThat(expressions(outcome(missing))).containsExactly("Consent.sourceAttachment");

        String text = consent().replace("application/pdf", "text/plain");
        MockHttpServletResponse wrongType = record(text);
        assertThat(wrongType.getStatus()).isEqualTo(422);
        assertThat(expressions(outcome(wrongType))).contains("Consent.sourceAttachment.contentType");

        String forged = consent().replace(FhirConsentCreateTests.PDF_BASE64,
                Base64.getEncoder().encodeToString("not a pdf at all".getBytes(StandardCharsets.UTF_8)));
        assertThat(expressions(outcome(record(forged)))).containsExactly("Consent.sourceAttachment.data");

        byte[] large = new byte[6 * 1024 * 1024];
        System.arraycopy("%PDF-".getBytes(StandardCharsets.US_ASCII), 0, large, 0, 5);
        MockHttpServletResponse tooLarge = record(consent().replace(FhirConsentCreateTests.PDF_BASE64, Base64.getEncoder().encodeToString(large)));
        assertThat(tooLarge.getStatus()).isEqualTo(422);
        assertThat(outcome(tooLarge).getIssueFirstRep().getDiagnostics()).contains("5MB");

        String untitled = consent().replace("\"title\":\"同意書（署名済み）\",", "");
        assertThat(expressions(outcome(record(untitled)))).containsExactly("Consent.sourceAttachment.title");
        assertThat(consentRows()).isZero();
        assertThat(jdbc.sql("select count(*) from phr_consent_evidence where person_id = ?").param(member.personId())
                .query(Long.class).single()).isZero();
    }

    @Test
    void aRecordedConsentIsShownToThePersonWithItsRecorderAndEvidenceRevokedInOneClickExportedAndAudited() throws Exception {
        allow(true);
        MockHttpServletResponse created = record(consent());
        assertThat(created.getStatus()).isEqualTo(201);
        UUID consent = jdbc.sql("select id from phr_consent where person_id = ?").param(member.personId()).query(UUID.class).single();
        assertThat(jdbc.sql("select count(*) from plat_audit_event where action = 'PHR_CONSENT_RECORDED' and record_id = ?")
                .param(consent.toString()).query(Long.class).single()).isEqualTo(1);

        Accounts.Account person = accounts.withRole(Role.INDIVIDUAL);
        persons.linkIndividual(member.personId(), person.tenantId());
        var session = Accounts.signIn(mvc, person.email());
        String insurerName = jdbc.sql("select name from plat_tenant where id = ?").param(insurer).query(String.class).single();
        String page = mvc.perform(get("/me/consents").cookie(session)).andReturn().getResponse().getContentAsString();
        assertThat(page).contains(insurerName + "が記録（根拠: 同意書（署名済み））", "撤回する");

        byte[] zip = mvc.perform(get("/me/export").cookie(session)).andReturn().getResponse().getContentAsByteArray();
        List<String> names = new ArrayList<>();
        byte[] evidence = null;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
                if (e.getName().startsWith("evidence/")) {
                    evidence = in.readAllBytes();
                }
            }
        }
        assertThat(names).contains("evidence/" + consent + "_v1.pdf");
        assertThat(evidence).isEqualTo(Base64.getDecoder().decode(FhirConsentCreateTests.PDF_BASE64));

        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/me/consents/" + consent + "/withdraw").cookie(session).with(csrf()));
        assertThat(jdbc.sql("select status from phr_consent where id = ? and superseded_at is null").param(consent)
                .query(String.class).single()).isEqualTo("inactive");
    }

    @Test
    void onlyAPlatformAdministratorAllowsAClientAndTheChangeIsAudited() throws Exception {
        Accounts.Account admin = accounts.withRole(Role.PLATFORM_ADMIN);
        var session = Accounts.signIn(mvc, admin.email());
        String page = mvc.perform(get("/admin/api-clients").cookie(session)).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("/admin/api-clients/" + client.clientId() + "/consent-recording");
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/admin/api-clients/" + client.clientId() + "/consent-recording").param("allowed", "true")
                .cookie(session).with(csrf()));
        assertThat(record(consent()).getStatus()).isEqualTo(201);
        assertThat(jdbc.sql("select count(*) from plat_audit_event where action = 'API_CLIENT_CONSENT_RECORDING_SET' and record_id = ?")
                .param(client.clientId()).query(Long.class).single()).isEqualTo(1);
        // A tenant administrator cannot reach it.
        Accounts.Account tenantAdmin = accounts.withRole(Role.TENANT_ADMIN);
        int status = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/admin/api-clients/" + client.clientId() + "/consent-recording").param("allowed", "false")
                .cookie(Accounts.signIn(mvc, tenantAdmin.email())).with(csrf())).andReturn().getResponse().getStatus();
        assertThat(status).isEqualTo(403);
        assertThat(record(consent()).getStatus()).isEqualTo(201);
    }
}
