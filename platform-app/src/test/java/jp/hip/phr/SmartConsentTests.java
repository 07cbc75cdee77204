package jp.hip.phr;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

import jp.hip.Accounts;
import jp.hip.TestDatabase;
import jp.hip.api.SmartApps;
import jp.hip.identity.Role;
import jp.hip.phr.SmartLaunchTests.Pkce;
import jp.hip.phr.access.PhrConsents;

/**
 * Issue 17 item 2: consent comes from the person, on their page "or through an app they authorised". A SMART app
 * with {@code patient/Consent.c} grants and withdraws the person's own consent (no evidence: it is the person's
 * own act), for a holder of their data only; never for another person; without the scope, 403. The page shows the
 * result; the insurer's statutory reading is untouched. Over real HTTP, through the real authorize flow.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "server.servlet.session.cookie.secure=false")
@ContextConfiguration(initializers = TestDatabase.class)
class SmartConsentTests {

    @LocalServerPort int port;
    @Autowired PhrFixture fixture;
    @Autowired Accounts accounts;
    @Autowired SmartApps apps;
    @Autowired PhrConsents consents;
    @Autowired JdbcClient jdbc;

    final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
    String clientId;

    static String consent(UUID person, UUID recipient, String status) {
        return """
                {"resourceType":"Consent","status":"%s",
                 "scope":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/consentscope","code":"patient-privacy"}]},
                 "category":[{"coding":[{"system":"http://loinc.org","code":"59284-0"}]}],
                 "patient":{"reference":"Patient/%s"},
                 "provision":{"type":"permit","period":null,
                   "actor":[{"role":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ParticipationType","code":"IRCP"}]},
                             "reference":{"reference":"Organization/%s"}}],
                   "code":[{"coding":[{"system":"https://hip.example.jp/fhir/CodeSystem/phr-data-category","code":"LIFELOG"}]}],
                   "dataPeriod":{"start":"2024-04-01"}}}""".formatted(status, person, recipient).replace("\"period\":null,", "");
    }

    @Test
    void anAuthorisedAppGrantsAndWithdrawsThePersonsOwnConsentForAHolderOnly() throws Exception {
        UUID insurer = fixture.insurer();
        PhrFixture.Member member = fixture.member(insurer);
        PhrFixture.Member other = fixture.member(insurer);
        UUID employer = fixture.employerOf(member);
        UUID stranger = accounts.tenant(jp.hip.identity.TenantKind.COMPANY);
        Accounts.Account individual = accounts.user(member.personalTenantId(), Role.INDIVIDUAL);
        clientId = "consent-app-" + UUID.randomUUID();
        apps.register(clientId, "同意アプリ " + clientId.substring(12, 20), List.of(SmartLaunchTests.REDIRECT), SmartApps.SCOPES);

        signIn(individual.email());
        String withConsent = token("launch/patient patient/Consent.rs patient/Consent.c");
        HttpResponse<String> granted = fhir("POST", "/fhir/Consent", consent(member.personId(), employer, "active"), withConsent);
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(201);
        String id = SmartLaunchTests.parse(granted.body(), org.hl7.fhir.r4.model.Consent.class).getIdElement().getIdPart();
        assertThat(consents.myConsents(PhrFixture.individual(member))).anySatisfy(c -> {
            assertThat(c.id().toString()).isEqualTo(id);
            assertThat(c.status()).isEqualTo("active");
            assertThat(c.recipientTenantId()).isEqualTo(employer);
        });
        assertThat(jdbc.sql("select count(*) from plat_audit_event where action = 'PHR_CONSENT_GRANTED' and record_id = ?")
                .param(id).query(Long.class).single()).isEqualTo(1);
        // the person's page shows it, and the app reads it back
        HttpResponse<String> page = get("/me/consents");
        assertThat(page.body()).contains("ライフログ");
        assertThat(fhir("GET", "/fhir/Consent/" + id, null, withConsent).statusCode()).isEqualTo(200);

        // withdrawal through the app: a new inactive version, effective at once
        HttpResponse<String> withdrawn = fhir("POST", "/fhir/Consent", consent(member.personId(), employer, "inactive"), withConsent);
        assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(201);
        assertThat(consents.myConsents(PhrFixture.individual(member))).filteredOn(c -> c.id().toString().equals(id))
                .singleElement().satisfies(c -> assertThat(c.status()).isEqualTo("inactive"));

        // never for another person, never for a tenant that does not hold the person's data; nothing written
        long before = jdbc.sql("select count(*) from phr_consent").query(Long.class).single();
        assertThat(fhir("POST", "/fhir/Consent", consent(other.personId(), employer, "active"), withConsent).statusCode()).isEqualTo(404);
        HttpResponse<String> notHolder = fhir("POST", "/fhir/Consent", consent(member.personId(), stranger, "active"), withConsent);
        assertThat(notHolder.statusCode()).isEqualTo(400);
        assertThat(notHolder.body()).contains("OperationOutcome", "Consent.provision.actor");
        assertThat(jdbc.sql("select count(*) from phr_consent").query(Long.class).single()).isEqualTo(before);

        // a token without patient/Consent.c may read consents but not write them
        String readOnly = token("launch/patient patient/Consent.rs");
        HttpResponse<String> refused = fhir("POST", "/fhir/Consent", consent(member.personId(), employer, "active"), readOnly);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("OperationOutcome");
        assertThat(jdbc.sql("select count(*) from phr_consent").query(Long.class).single()).isEqualTo(before);
    }

    // ------------------------------------------------------------------ the SMART flow (as SmartLaunchTests)

    void signIn(String email) throws Exception {
        HttpResponse<String> login = get("/login");
        post("/login", "email=" + SmartLaunchTests.enc(email) + "&password=" + SmartLaunchTests.enc(Accounts.PASSWORD)
                + "&_csrf=" + SmartLaunchTests.enc(SmartLaunchTests.hidden(login.body(), "_csrf")));
    }

    String token(String scopes) throws Exception {
        Pkce pkce = Pkce.create();
        HttpResponse<String> response = get("/oauth2/authorize?response_type=code&client_id=" + SmartLaunchTests.enc(clientId)
                + "&redirect_uri=" + SmartLaunchTests.enc(SmartLaunchTests.REDIRECT) + "&scope=" + SmartLaunchTests.enc(scopes)
                + "&state=s&code_challenge=" + pkce.challenge() + "&code_challenge_method=S256");
        if (location(response).getPath().equals("/smart/consent")) {
            response = post("/oauth2/authorize", SmartLaunchTests.consentForm(get(location(response).toString()).body(), true));
        }
        String code = SmartLaunchTests.query(location(response)).get("code");
        String form = "grant_type=authorization_code&code=" + SmartLaunchTests.enc(code) + "&redirect_uri="
                + SmartLaunchTests.enc(SmartLaunchTests.REDIRECT) + "&client_id=" + SmartLaunchTests.enc(clientId)
                + "&code_verifier=" + SmartLaunchTests.enc(pkce.verifier());
        HttpResponse<String> token = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri("/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        return SmartLaunchTests.field(token.body(), "access_token");
    }

    HttpResponse<String> fhir(String method, String path, String body, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + bearer)
                .header("Accept", "application/fhir+json");
        if (body != null) {
            request.header("Content-Type", "application/fhir+json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String pathOrUrl) throws Exception {
        return browser.send(HttpRequest.newBuilder(pathOrUrl.startsWith("http") ? URI.create(pathOrUrl) : uri(pathOrUrl)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String form) throws Exception {
        return browser.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    URI location(HttpResponse<?> response) {
        return uri("").resolve(response.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no Location: " + response.statusCode())));
    }
}
