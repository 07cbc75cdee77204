package jp.hip.phr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.test.context.ContextConfiguration;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jp.hip.Accounts;
import jp.hip.ApiTokens;
import jp.hip.TestDatabase;
import jp.hip.api.SmartApps;
import jp.hip.api.fhir.FhirValidation;
import jp.hip.identity.IdentityException;
import jp.hip.identity.Role;
import jp.hip.identity.TenantKind;
import jp.hip.phr.medication.PhrMedications;
import jp.hip.phr.observations.PhrObservations;

/**
 * SMART standalone patient launch over real HTTP against the running app (ADR 0033): authorize → sign-in →
 * consent page → code → token with PKCE → FHIR as the individual, and the refusals around it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "server.servlet.session.cookie.secure=false")
@ContextConfiguration(initializers = TestDatabase.class)
class SmartLaunchTests {

    static final String REDIRECT = "http://127.0.0.1:8765/callback";
    static final String SCOPES = "launch/patient patient/Patient.rs patient/Observation.rs patient/Observation.c patient/Consent.rs";

    @LocalServerPort int port;
    @Autowired PhrFixture fixture;
    @Autowired Accounts accounts;
    @Autowired PhrMedications medications;
    @Autowired PhrObservations observations;
    @Autowired SmartApps apps;
    @Autowired ApiTokens tokens;
    @Autowired FhirValidation validation;
    @Autowired JdbcClient jdbc;
    @Autowired JWKSource<SecurityContext> jwks;

    UUID insurer;
    PhrFixture.Member member;
    PhrFixture.Member other;
    Accounts.Account individual;
    String clientId;
    String appName;
    String ownObservation;
    String othersObservation;

    HttpClient browser;

    @BeforeEach
    void setUp() {
        insurer = fixture.insurer();
        member = fixture.member(insurer);
        other = fixture.member(insurer);
        individual = accounts.user(member.personalTenantId(), Role.INDIVIDUAL);
        Accessor insurerAccessor = Accessor.tenant(insurer, "test", "test", Accessor.Channel.API);
        ownObservation = observations.createObservation(insurerAccessor, parseObservation(FhirApiTests.bmi(member.personId(), null)), Optional.empty())
                .resource().getIdElement().getIdPart();
        othersObservation = observations.createObservation(insurerAccessor, parseObservation(FhirApiTests.bmi(other.personId(), null)), Optional.empty())
                .resource().getIdElement().getIdPart();
        clientId = "test-app-" + UUID.randomUUID();
        appName = "テスト記録アプリ " + clientId.substring(9, 17);
        apps.register(clientId, appName, List.of(REDIRECT), SmartApps.SCOPES);
        browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    static Observation parseObservation(String json) {
        return PhrFhir.fhirContext().newJsonParser().parseResource(Observation.class, json);
    }

    // ------------------------------------------------------------------ the whole flow

    @Test
    void standalonePatientLaunchGivesATokenForTheIndividualsOwnRecordsOnly() throws Exception {
        Pkce pkce = Pkce.create();
        HttpResponse<String> start = get(authorizeUrl(SCOPES, "st-1", pkce.challenge()));
        assertThat(start.statusCode()).isEqualTo(302);
        assertThat(location(start).getPath()).isEqualTo("/login");

        HttpResponse<String> afterLogin = signIn(individual.email());
        assertThat(afterLogin.statusCode()).isEqualTo(302);
        assertThat(location(afterLogin).getPath()).isEqualTo("/smart/continue");
        URI resumed = resume(afterLogin);
        assertThat(resumed.getPath()).isEqualTo("/oauth2/authorize");
        assertThat(query(resumed)).containsEntry("state", "st-1").containsEntry("client_id", clientId);

        HttpResponse<String> toConsent = get(resumed.toString());
        assertThat(toConsent.statusCode()).isEqualTo(302);
        assertThat(location(toConsent).getPath()).isEqualTo("/smart/consent");

        HttpResponse<String> consentPage = get(location(toConsent).toString());
        assertThat(consentPage.statusCode()).isEqualTo(200);
        assertThat(consentPage.body()).contains("アプリへの許可").contains(appName)
                .contains("あなたの健診結果とライフログ").contains("ライフログ（歩数、体重など）を新しく記録する")
                .contains("許可する").contains("許可しない");
        assertThat(consentPage.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("form-action 'self' http://127.0.0.1:8765");

        HttpResponse<String> approved = post("/oauth2/authorize", consentForm(consentPage.body(), true));
        assertThat(approved.statusCode()).isEqualTo(302);
        Map<String, String> callback = query(location(approved));
        assertThat(location(approved).toString()).startsWith(REDIRECT + "?");
        assertThat(callback).containsEntry("state", "st-1").containsKey("code");

        HttpResponse<String> tokenResponse = token(callback.get("code"), pkce.verifier());
        assertThat(tokenResponse.statusCode()).as(tokenResponse.body()).isEqualTo(200);
        assertThat(tokenResponse.headers().firstValue("Set-Cookie")).isEmpty(); // the token endpoint stays stateless
        assertThat(field(tokenResponse.body(), "patient")).isEqualTo(member.personId().toString());
        assertThat(field(tokenResponse.body(), "scope")).contains("patient/Observation.rs");
        String accessToken = field(tokenResponse.body(), "access_token");
        assertThat(claims(accessToken)).contains("\"patient\":\"" + member.personId() + "\"")
                .contains("\"tenant_id\":\"" + member.personalTenantId() + "\"")
                .contains("\"client_id\":\"" + clientId + "\"");

        // search without a subject: only the person's own observations, every entry valid R4
        HttpResponse<String> search = fhir("GET", "/fhir/Observation", null, accessToken);
        assertThat(search.statusCode()).isEqualTo(200);
        Bundle bundle = parse(search.body(), Bundle.class);
        assertThat(bundle.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart()).containsExactly(ownObservation);
        assertThat(bundle.getEntry()).allSatisfy(e ->
                assertThat(((Observation) e.getResource()).getSubject().getReference()).isEqualTo("Patient/" + member.personId()));
        assertThat(validation.errors(bundle)).isEmpty();
        // another person's id is not there, whether read or searched for
        assertThat(fhir("GET", "/fhir/Observation/" + othersObservation, null, accessToken).statusCode()).isEqualTo(404);
        assertThat(parse(fhir("GET", "/fhir/Observation?subject=Patient/" + other.personId(), null, accessToken).body(), Bundle.class)
                .getEntry()).isEmpty();
        HttpResponse<String> otherPatient = fhir("GET", "/fhir/Patient/" + other.personId(), null, accessToken);
        assertThat(otherPatient.statusCode()).isEqualTo(404);
        assertThat(otherPatient.body()).contains("OperationOutcome");
        HttpResponse<String> ownPatient = fhir("GET", "/fhir/Patient/" + member.personId(), null, accessToken);
        assertThat(ownPatient.statusCode()).isEqualTo(200);
        assertThat(validation.errors(parse(ownPatient.body(), Patient.class))).isEmpty();
        assertThat(parse(fhir("GET", "/fhir/Patient", null, accessToken).body(), Bundle.class).getEntry())
                .extracting(e -> e.getResource().getIdElement().getIdPart()).containsExactly(member.personId().toString());

        // the access log names the app as acting for the person
        List<String> readers = jdbc.sql("select accessor_name from phr_access_log where person_id = ? and channel = 'API'")
                .param(member.personId()).query(String.class).list();
        assertThat(readers).isNotEmpty().allSatisfy(name -> assertThat(name).isEqualTo(appName + "（本人が許可したアプリ）"));
        assertThat(jdbc.sql("select count(*) from phr_access_log where person_id = ? and accessor_name like '%本人が許可したアプリ%'")
                .param(other.personId()).query(Long.class).single()).isZero();

        // the app writes the person's own life-log, nothing else
        String steps = steps(member.personId(), "smart-steps-1");
        HttpResponse<String> created = fhir("POST", "/fhir/Observation", steps, accessToken);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Observation stored = parse(created.body(), Observation.class);
        assertThat(validation.errors(stored)).isEmpty();
        assertThat(parse(fhir("GET", "/fhir/Observation?code=41950-7", null, accessToken).body(), Bundle.class).getEntry()).hasSize(1);
        assertThat(fhir("POST", "/fhir/Observation", steps(other.personId(), "smart-steps-2"), accessToken).statusCode()).isEqualTo(400);
        HttpResponse<String> checkup = fhir("POST", "/fhir/Observation", FhirApiTests.bmi(member.personId(), null), accessToken);
        assertThat(checkup.statusCode()).isEqualTo(403);
        assertThat(checkup.body()).contains("phr.error.individualCategory");

        // system-only operations stay closed to a patient token
        assertThat(fhir("POST", "/fhir/Patient", """
                {"resourceType":"Patient","identifier":[{"system":"urn:oid:1.2.392.200119.6.205","value":"健001:99"}],"name":[{"family":"他人"}]}""",
                accessToken).statusCode()).isEqualTo(403);
        HttpRequest bulk = HttpRequest.newBuilder(uri("/fhir/Observation/$bulk-ingest"))
                .header("Authorization", "Bearer " + accessToken).header("Content-Type", "application/fhir+ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(steps(member.personId(), "smart-bulk").replace("\n", " ") + "\n")).build();
        assertThat(browser.send(bulk, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
        assertThat(fhir("PUT", "/fhir/Observation/" + stored.getIdElement().getIdPart(), steps, accessToken).statusCode()).isEqualTo(403);
        assertThat(fhir("GET", "/fhir/Patient/" + member.personId() + "/$everything", null, accessToken).statusCode()).isEqualTo(200);

        // a batch Bundle: entries checked against the patient scopes and the individual's own rules
        String batch = """
                {"resourceType":"Bundle","type":"batch","entry":[
                 {"request":{"method":"GET","url":"Observation/%s"}},
                 {"request":{"method":"GET","url":"Observation/%s"}}]}""".formatted(ownObservation, othersObservation);
        Bundle batchResponse = parse(fhir("POST", "/fhir", batch, accessToken).body(), Bundle.class);
        assertThat(batchResponse.getEntry()).extracting(e -> e.getResponse().getStatus()).containsExactly("200 OK", "404 Not Found");
        String withPatientCreate = """
                {"resourceType":"Bundle","type":"batch","entry":[{"request":{"method":"POST","url":"Patient"},
                 "resource":{"resourceType":"Patient","name":[{"family":"他人"}]}}]}""";
        // a batch answers the entry the token may not run (issue 10); a transaction fails whole
        Bundle refusedEntry = parse(fhir("POST", "/fhir", withPatientCreate, accessToken).body(), Bundle.class);
        assertThat(refusedEntry.getEntry()).extracting(e -> e.getResponse().getStatus()).containsExactly("403 Forbidden");
        assertThat(((org.hl7.fhir.r4.model.OperationOutcome) refusedEntry.getEntryFirstRep().getResponse().getOutcome())
                .getIssueFirstRep().getDiagnostics()).contains("patient/Patient.c");
        assertThat(fhir("POST", "/fhir", withPatientCreate.replace("\"batch\"", "\"transaction\""), accessToken).statusCode()).isEqualTo(403);

        // HAPI's generic client with the same bearer token
        FhirContext context = FhirContext.forR4();
        context.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        IGenericClient client = context.newRestfulGenericClient("http://localhost:" + port + "/fhir");
        client.registerInterceptor(new BearerTokenAuthInterceptor(accessToken));
        Bundle viaHapi = client.search().forResource(Observation.class).returnBundle(Bundle.class).execute();
        assertThat(viaHapi.getEntry()).hasSize(2).allSatisfy(e ->
                assertThat(((Observation) e.getResource()).getSubject().getReference()).isEqualTo("Patient/" + member.personId()));
        assertThatThrownBy(() -> client.read().resource(Patient.class).withId(other.personId().toString()).execute())
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void theSecondAuthorizationReusesTheStoredConsentAndAWrongVerifierGetsNoToken() throws Exception {
        signIn(individual.email());
        String code = approve(SCOPES, Pkce.create()); // first: consent page, approved
        assertThat(code).isNotNull();
        assertThat(jdbc.sql("select count(*) from oauth2_authorization_consent where principal_name = ?")
                .param(individual.userId().toString()).query(Long.class).single()).isEqualTo(1);

        Pkce pkce = Pkce.create();
        HttpResponse<String> again = get(authorizeUrl(SCOPES, "st-2", pkce.challenge()));
        assertThat(again.statusCode()).isEqualTo(302);
        assertThat(location(again).toString()).startsWith(REDIRECT + "?"); // consent stored: straight back with a code
        String secondCode = query(location(again)).get("code");

        HttpResponse<String> wrong = token(secondCode, Pkce.create().verifier());
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("invalid_grant").doesNotContain("access_token");
        // without any verifier a public client gets no token either
        HttpResponse<String> missing = token(code, null);
        assertThat(missing.statusCode()).isIn(400, 401);
        assertThat(missing.body()).doesNotContain("access_token");
    }

    @Test
    void authorizeWithoutPkceIsRefused() throws Exception {
        signIn(individual.email());
        String url = authorizeUrl(SCOPES, "st-3", null);
        HttpResponse<String> response = get(url);
        // PKCE is required for this client: the server answers at the redirect URI with an error, never with a code
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(location(response).toString()).startsWith(REDIRECT).contains("error=invalid_request").doesNotContain("code=");
    }

    @Test
    void denyOnTheConsentPageGivesAccessDenied() throws Exception {
        signIn(individual.email());
        HttpResponse<String> toConsent = get(authorizeUrl(SCOPES, "st-4", Pkce.create().challenge()));
        HttpResponse<String> page = get(location(toConsent).toString());
        HttpResponse<String> denied = post("/oauth2/authorize", consentForm(page.body(), false));
        assertThat(denied.statusCode()).isEqualTo(302);
        assertThat(location(denied).toString()).startsWith(REDIRECT + "?");
        assertThat(query(location(denied))).containsEntry("error", "access_denied").containsEntry("state", "st-4").doesNotContainKey("code");
        assertThat(jdbc.sql("select count(*) from oauth2_authorization_consent where principal_name = ?")
                .param(individual.userId().toString()).query(Long.class).single()).isZero();
    }

    @Test
    void aUserWhoIsNotALinkedIndividualCannotAuthorize() throws Exception {
        Accounts.Account staff = accounts.user(insurer, Role.TENANT_ADMIN); // no second factor needed: the point is the refusal
        get(authorizeUrl(SCOPES, "st-5", Pkce.create().challenge()));
        HttpResponse<String> afterLogin = signIn(staff.email());
        HttpResponse<String> refused = get(resume(afterLogin).toString());
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(location(refused).getPath()).isEqualTo("/smart/refused");
        HttpResponse<String> page = get(location(refused).toString());
        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).contains("アプリを許可できません").contains("「本人」の利用者だけ");

        // an individual whose PERSONAL tenant is linked to no person is refused the same way
        Accounts.Account unlinked = accounts.user(accounts.tenant(TenantKind.PERSONAL), Role.INDIVIDUAL);
        browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        signIn(unlinked.email());
        assertThat(location(get(authorizeUrl(SCOPES, "st-6", Pkce.create().challenge()))).getPath()).isEqualTo("/smart/refused");
    }

    @Test
    void patientScopesNeedTheAuthorizationCodeGrantAndAPatientInTheToken() throws Exception {
        // a client-credentials client is never given patient scopes
        ApiTokens.Client system = tokens.register(insurer, "system/Observation.rs");
        HttpRequest request = HttpRequest.newBuilder(uri("/oauth2/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((system.clientId() + ":" + system.secret()).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=" + enc("patient/Observation.rs"))).build();
        HttpResponse<String> refused = browser.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("invalid_scope").doesNotContain("access_token");
        assertThatThrownBy(() -> apps.register("bad-" + UUID.randomUUID(), "bad", List.of(REDIRECT), List.of("system/Observation.rs")))
                .isInstanceOf(IdentityException.class).hasMessage("identity.smartApp.scopes.invalid");
        assertThatThrownBy(() -> apps.register("bad-" + UUID.randomUUID(), "bad", List.of("http://evil.example/cb"), List.of("patient/Observation.rs")))
                .isInstanceOf(IdentityException.class).hasMessage("identity.smartApp.redirect.invalid");

        // a validly signed token with patient scopes but no patient claim is refused
        NimbusJwtEncoder encoder = new NimbusJwtEncoder(jwks);
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder().subject(individual.userId().toString()).issuedAt(now)
                .expiresAt(now.plus(5, ChronoUnit.MINUTES)).claim("tenant_id", member.personalTenantId().toString())
                .claim("scope", "patient/Observation.rs").build();
        String forged = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims)).getTokenValue();
        HttpResponse<String> noPatient = fhir("GET", "/fhir/Observation", null, forged);
        assertThat(noPatient.statusCode()).isEqualTo(401);
        assertThat(noPatient.body()).contains("OperationOutcome");
    }

    @Test
    void smartConfigurationAndCapabilityStatementDescribeTheLaunch() throws Exception {
        HttpResponse<String> configuration = get("/fhir/.well-known/smart-configuration");
        assertThat(configuration.statusCode()).isEqualTo(200);
        assertThat(configuration.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(configuration.body())
                .contains("\"authorization_endpoint\":\"http://localhost:" + port + "/oauth2/authorize\"")
                .contains("\"token_endpoint\":\"http://localhost:" + port + "/oauth2/token\"")
                .contains("\"code_challenge_methods_supported\":[\"S256\"]")
                .contains("\"launch-standalone\"", "\"client-public\"", "\"context-standalone-patient\"", "\"permission-patient\"", "\"permission-v2\"")
                .contains("\"patient/Observation.rs\"", "\"launch/patient\"", "\"authorization_code\"");
        HttpResponse<String> metadata = get("/fhir/metadata");
        assertThat(metadata.body()).contains("http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris")
                .contains("/oauth2/authorize").contains("authorization_code");
        assertThat(validation.errors(parse(metadata.body(), org.hl7.fhir.r4.model.CapabilityStatement.class))).isEmpty();
    }

    @Test
    void aPatientMedicationScopeReadsOnlyTheIndividualsOwnMedication() throws Exception {
        Accessor insurerAccessor = Accessor.tenant(insurer, "test", "test", Accessor.Channel.API);
        var parser = PhrFhir.fhirContext().newJsonParser();
        String own = medications.createMedicationStatement(insurerAccessor, parser.parseResource(org.hl7.fhir.r4.model.MedicationStatement.class,
                FhirMedicationStatementTests.carbocisteine(member.personId())), Optional.empty()).resource().getIdElement().getIdPart();
        String others = medications.createMedicationStatement(insurerAccessor, parser.parseResource(org.hl7.fhir.r4.model.MedicationStatement.class,
                FhirMedicationStatementTests.carbocisteine(other.personId())), Optional.empty()).resource().getIdElement().getIdPart();
        signIn(individual.email());
        Pkce pkce = Pkce.create();
        String accessToken = field(token(approve("launch/patient patient/MedicationStatement.rs", pkce), pkce.verifier()).body(), "access_token");
        Bundle found = parse(fhir("GET", "/fhir/MedicationStatement", null, accessToken).body(), Bundle.class);
        assertThat(found.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart()).containsExactly(own);
        assertThat(validation.errors(found)).isEmpty();
        assertThat(fhir("GET", "/fhir/MedicationStatement/" + own, null, accessToken).statusCode()).isEqualTo(200);
        assertThat(fhir("GET", "/fhir/MedicationStatement/" + others, null, accessToken).statusCode()).isEqualTo(404);
        // read-only, and nothing else than medication
        assertThat(fhir("POST", "/fhir/MedicationStatement", FhirMedicationStatementTests.carbocisteine(member.personId()), accessToken)
                .statusCode()).isEqualTo(403);
        assertThat(fhir("GET", "/fhir/Observation", null, accessToken).statusCode()).isEqualTo(403);
    }

    @Test
    void withdrawingTheAppOnTheIndividualsPageEndsItsAccessFromTheNextRequest() throws Exception {
        signIn(individual.email());
        Pkce pkce = Pkce.create();
        String accessToken = field(token(approve(SCOPES, pkce), pkce.verifier()).body(), "access_token");
        assertThat(fhir("GET", "/fhir/Observation", null, accessToken).statusCode()).isEqualTo(200);

        HttpResponse<String> page = get("/me/apps");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("許可したアプリ").contains(appName).contains("あなたの健診結果とライフログ").contains("許可を取り消す");

        HttpResponse<String> revoked = post("/me/apps/revoke", "clientId=" + enc(clientId) + "&_csrf=" + enc(hidden(page.body(), "_csrf")));
        assertThat(revoked.statusCode()).isEqualTo(302);
        HttpResponse<String> after = get(location(revoked).toString());
        assertThat(after.body()).contains("アプリへの許可を取り消しました。").doesNotContain(appName);

        HttpResponse<String> refused = fhir("GET", "/fhir/Observation", null, accessToken);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("OperationOutcome");
        assertThat(jdbc.sql("select count(*) from oauth2_authorization o join oauth2_registered_client r on r.id = o.registered_client_id where r.client_id = ?")
                .param(clientId).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from plat_audit_event where action = 'SMART_APP_REVOKED' and record_id = ?")
                .param(clientId).query(Long.class).single()).isEqualTo(1);
        // a new authorization asks for consent again
        HttpResponse<String> again = get(authorizeUrl(SCOPES, "st-7", Pkce.create().challenge()));
        assertThat(location(again).getPath()).isEqualTo("/smart/consent");
    }

    @Test
    void aPlatformAdministratorRegistersASmartAppOnTheAdminPages() throws Exception {
        Accounts.Account admin = accounts.withRole(Role.PLATFORM_ADMIN);
        signIn(admin.email());
        HttpResponse<String> page = get("/admin/smart-apps");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("SMART アプリ").contains(appName).contains("patient/Observation.c");

        String name = "体重記録アプリ " + UUID.randomUUID().toString().substring(0, 8);
        String bad = "name=" + enc(name) + "&redirectUris=" + enc("http://evil.example/cb") + "&scopes=" + enc("patient/Observation.rs")
                + "&_csrf=" + enc(hidden(page.body(), "_csrf"));
        HttpResponse<String> refused = post("/admin/smart-apps", bad);
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("リダイレクト URI は https");
        assertThat(apps.apps()).extracting(SmartApps.SmartApp::name).doesNotContain(name);

        String good = "name=" + enc(name) + "&redirectUris=" + enc("https://app.example.jp/callback\nhttp://127.0.0.1:9999/cb")
                + "&scopes=" + enc("patient/Observation.rs") + "&scopes=" + enc("patient/Observation.c") + "&scopes=" + enc("launch/patient")
                + "&_csrf=" + enc(hidden(page.body(), "_csrf"));
        HttpResponse<String> created = post("/admin/smart-apps", good);
        assertThat(created.statusCode()).isEqualTo(302);
        assertThat(get(location(created).toString()).body()).contains(name + "」を登録しました");
        SmartApps.SmartApp registered = apps.apps().stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
        assertThat(registered.redirectUris()).containsExactlyInAnyOrder("https://app.example.jp/callback", "http://127.0.0.1:9999/cb");
        assertThat(registered.scopes()).containsExactly("launch/patient", "patient/Observation.rs", "patient/Observation.c");

        // and an individual can authorise it
        browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        signIn(individual.email());
        String url = "/oauth2/authorize?response_type=code&client_id=" + enc(registered.clientId()) + "&redirect_uri="
                + enc("https://app.example.jp/callback") + "&scope=" + enc("launch/patient patient/Observation.rs")
                + "&state=x&code_challenge=" + Pkce.create().challenge() + "&code_challenge_method=S256";
        assertThat(location(get(url)).getPath()).isEqualTo("/smart/consent");
        // the non-individual pages stay closed to the individual
        assertThat(get("/admin/smart-apps").statusCode()).isEqualTo(403);
    }

    // ------------------------------------------------------------------ helpers

    record Pkce(String verifier, String challenge) {
        static Pkce create() throws Exception {
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
            return new Pkce(verifier, challenge);
        }
    }

    /** The page after sign-in goes on to the saved authorize request with a Refresh header (not a redirect). */
    URI resume(HttpResponse<String> afterLogin) throws Exception {
        HttpResponse<String> page = get(location(afterLogin).toString());
        assertThat(page.statusCode()).isEqualTo(200);
        String refresh = page.headers().firstValue("Refresh").orElseThrow();
        assertThat(refresh).startsWith("0;url=");
        URI target = URI.create(refresh.substring("0;url=".length()));
        assertThat(page.body()).contains("id=\"continue\"");
        // only once: a second visit goes home
        assertThat(location(get("/smart/continue")).getPath()).isEqualTo("/home");
        return target;
    }

    /** Runs authorize → consent (approve everything) for a signed-in browser; returns the code. */
    String approve(String scopes, Pkce pkce) throws Exception {
        HttpResponse<String> response = get(authorizeUrl(scopes, "st-a", pkce.challenge()));
        if (location(response).getPath().equals("/smart/consent")) {
            HttpResponse<String> page = get(location(response).toString());
            response = post("/oauth2/authorize", consentForm(page.body(), true));
        }
        return query(location(response)).get("code");
    }

    String authorizeUrl(String scopes, String state, String challenge) {
        return "/oauth2/authorize?response_type=code&client_id=" + enc(clientId) + "&redirect_uri=" + enc(REDIRECT)
                + "&scope=" + enc(scopes) + "&state=" + enc(state)
                + (challenge == null ? "" : "&code_challenge=" + challenge + "&code_challenge_method=S256");
    }

    HttpResponse<String> signIn(String email) throws Exception {
        HttpResponse<String> login = get("/login");
        HttpResponse<String> response = post("/login", "email=" + enc(email) + "&password=" + enc(Accounts.PASSWORD) + "&_csrf=" + enc(hidden(login.body(), "_csrf")));
        if (Accounts.secretOf(email) != null && location(response).getPath().equals("/login/second-factor")) {
            // platform administrators give the code too (ADR 0008)
            HttpResponse<String> codePage = get("/login/second-factor");
            response = post("/login/second-factor", "code=" + Accounts.code(Accounts.secretOf(email)) + "&_csrf=" + enc(hidden(codePage.body(), "_csrf")));
        }
        return response;
    }

    static String consentForm(String html, boolean approve) {
        String form = "client_id=" + enc(hidden(html, "client_id")) + "&state=" + enc(hidden(html, "state"));
        if (approve) {
            Matcher scopes = Pattern.compile("name=\"scope\"[^>]*value=\"([^\"]+)\"").matcher(html);
            while (scopes.find()) {
                form += "&scope=" + enc(scopes.group(1));
            }
        }
        return form;
    }

    HttpResponse<String> token(String code, String verifier) throws Exception {
        String form = "grant_type=authorization_code&code=" + enc(code) + "&redirect_uri=" + enc(REDIRECT) + "&client_id=" + enc(clientId)
                + (verifier == null ? "" : "&code_verifier=" + enc(verifier));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri("/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
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

    static String steps(UUID person, String identifier) {
        return """
                {"resourceType":"Observation","status":"final","identifier":[{"system":"urn:test:app","value":"%s"}],
                 "code":{"coding":[{"system":"http://loinc.org","code":"41950-7"}]},
                 "subject":{"reference":"Patient/%s"},
                 "effectiveDateTime":"%s",
                 "valueQuantity":{"value":8123,"unit":"/d","system":"http://unitsofmeasure.org","code":"/d"}}
                """.formatted(identifier, person, Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS));
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
        String location = response.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no Location: " + response.statusCode()));
        return URI.create("http://localhost:" + port).resolve(location);
    }

    static Map<String, String> query(URI uri) {
        if (uri.getRawQuery() == null) {
            return Map.of();
        }
        return java.util.Arrays.stream(uri.getRawQuery().split("&")).map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> p.length > 1 ? java.net.URLDecoder.decode(p[1], StandardCharsets.UTF_8) : "",
                        (a, b) -> a, LinkedHashMap::new));
    }

    static String hidden(String html, String name) {
        Matcher matcher = Pattern.compile("name=\"" + Pattern.quote(name) + "\"[^>]*value=\"([^\"]*)\"").matcher(html);
        if (!matcher.find()) {
            throw new AssertionError("no hidden field " + name);
        }
        return org.springframework.web.util.HtmlUtils.htmlUnescape(matcher.group(1));
    }

    static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        return matcher.find() ? matcher.group(1) : null;
    }

    static String claims(String jwt) {
        return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
    }

    static <T extends org.hl7.fhir.instance.model.api.IBaseResource> T parse(String body, Class<T> type) {
        return PhrFhir.fhirContext().newJsonParser().parseResource(type, body);
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
