package jp.hip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import jp.hip.api.SmartApps;
import jp.hip.identity.CurrentTenant;
import jp.hip.identity.IdentityManagement;
import jp.hip.identity.Role;
import jp.hip.identity.TenantKind;
import jp.hip.phr.DataCategory;
import jp.hip.phr.PhrFixture;

/** The security probe's findings M2, M3, L1, L2, L3, L5, L6 and L7 (issue 16, ADR 0007), each as it was found. */
@PlatformTest
class SecurityProbeTests {

    @Autowired MockMvc mvc;
    @Autowired Accounts accounts;
    @Autowired ApiTokens tokens;
    @Autowired IdentityManagement identity;
    @Autowired JdbcClient jdbc;
    @Autowired OAuth2AuthorizationService authorizations;
    @Autowired PasswordEncoder passwordEncoder;
    @Autowired PhrFixture phr;
    @Autowired SmartApps apps;

    static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    static String someAddress() {
        return "10." + (int) (Math.random() * 250) + "." + (int) (Math.random() * 250) + "." + (1 + (int) (Math.random() * 250));
    }

    /** POST /login as the form sends it, from the given client address. */
    static MockHttpServletRequestBuilder login(String email, String password, String address) {
        return post("/login").with(csrf()).param("email", email).param("password", password).with(from(address));
    }

    MockHttpServletRequestBuilder bearer(MockHttpServletRequestBuilder request, String token) {
        return request.header("Authorization", "Bearer " + token);
    }

    // ---------------------------------------------------------------- M2: the token's own state

    @Test
    void aTokenRevokedAtTheRevocationEndpointIsRefusedFromTheNextApiRequest() throws Exception {
        UUID tenant = accounts.tenant(TenantKind.INSURER);
        ApiTokens.Client client = tokens.register(tenant, "users.read");
        String token = ApiTokens.token(mvc, client, "users.read");
        mvc.perform(bearer(get("/api/v1/users"), token)).andExpect(status().isOk());
        mvc.perform(post("/oauth2/revoke").with(httpBasic(client.clientId(), client.secret())).param("token", token))
                .andExpect(status().isOk());
        mvc.perform(bearer(get("/api/v1/users"), token)).andExpect(status().isUnauthorized());
        // a fresh token of the same client still works: the client was not revoked, only that token
        mvc.perform(bearer(get("/api/v1/users"), ApiTokens.token(mvc, client, "users.read"))).andExpect(status().isOk());
    }

    @Test
    void aRevokedOrInvalidatedTokenIsRefusedOnFhir() throws Exception {
        UUID insurer = phr.insurer();
        ApiTokens.Client client = tokens.register(insurer, "system/Patient.rs");
        String token = ApiTokens.token(mvc, client, "system/Patient.rs");
        mvc.perform(bearer(get("/fhir/Patient"), token)).andExpect(status().isOk());
        // what Spring does to the tokens of a replayed authorization code: invalidate them in the table
        OAuth2Authorization authorization = authorizations.findByToken(token, OAuth2TokenType.ACCESS_TOKEN);
        authorizations.save(OAuth2Authorization.from(authorization)
                .invalidate(authorization.getAccessToken().getToken()).build());
        mvc.perform(bearer(get("/fhir/Patient"), token)).andExpect(status().isUnauthorized())
                .andExpect(result -> assertThat(result.getResponse().getContentAsString()).contains("OperationOutcome"));

        String second = ApiTokens.token(mvc, client, "system/Patient.rs");
        mvc.perform(post("/oauth2/revoke").with(httpBasic(client.clientId(), client.secret())).param("token", second))
                .andExpect(status().isOk());
        mvc.perform(bearer(get("/fhir/Patient"), second)).andExpect(status().isUnauthorized());
    }

    @Test
    void aClientIntrospectsOnlyItsOwnTokens() throws Exception {
        ApiTokens.Client mine = tokens.register(accounts.tenant(TenantKind.COMPANY), "users.read");
        ApiTokens.Client theirs = tokens.register(accounts.tenant(TenantKind.COMPANY), "users.read");
        String theirToken = ApiTokens.token(mvc, theirs, "users.read");
        String myToken = ApiTokens.token(mvc, mine, "users.read");
        String other = mvc.perform(post("/oauth2/introspect").with(httpBasic(mine.clientId(), mine.secret())).param("token", theirToken))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(other).contains("\"active\":false").doesNotContain(theirs.clientId()).doesNotContain("tenant_id");
        String own = mvc.perform(post("/oauth2/introspect").with(httpBasic(mine.clientId(), mine.secret())).param("token", myToken))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(own).contains("\"active\":true").contains(mine.clientId());
    }

    // ---------------------------------------------------------------- M3: no anonymous lock, one generic message

    @Test
    void aStrangersWrongPasswordsNeverLockTheOwnerOut() throws Exception {
        Accounts.Account hr = accounts.withRole(Role.HR_STAFF);
        String stranger = someAddress();
        for (int i = 0; i < 8; i++) {
            mvc.perform(login(hr.email(), "wrong-" + i + "-password", stranger));
        }
        // the owner, from her own address, signs in at once
        mvc.perform(login(hr.email(), Accounts.PASSWORD, someAddress()))
                .andExpect(redirectedUrl("/home"));
    }

    @Test
    void repeatedFailuresAreDelayedAlikeForKnownAndUnknownEmails() throws Exception {
        Accounts.Account hr = accounts.withRole(Role.HR_STAFF);
        String address = someAddress();
        String unknown = "nobody-" + UUID.randomUUID() + "@test.example";
        for (String email : List.of(hr.email(), unknown)) {
            for (int i = 0; i < 5; i++) { // four free failures, the fifth starts a delay
                mvc.perform(login(email, "wrong-" + i + "-password", address))
                        .andExpect(redirectedUrl("/login?error=bad"));
            }
            mvc.perform(login(email, "wrong-again-password", address))
                    .andExpect(redirectedUrl("/login?error=throttled"));
        }
        // while the delay runs even the right password is not checked
        mvc.perform(login(hr.email(), Accounts.PASSWORD, address))
                .andExpect(redirectedUrl("/login?error=throttled"));
        String page = mvc.perform(get("/login").param("error", "throttled")).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("しばらく待ってから").doesNotContain("ロック");
        // the delay over, the owner is in
        jdbc.sql("update plat_throttle set blocked_until = now() - interval '1 second'").update();
        mvc.perform(login(hr.email(), Accounts.PASSWORD, address))
                .andExpect(redirectedUrl("/home"));
        assertThat(jdbc.sql("select status from plat_user where id = ?").param(hr.userId()).query(String.class).single()).isEqualTo("ACTIVE");
    }

    // ---------------------------------------------------------------- L1: invitation of an e-mail another tenant has

    @Test
    void invitingAnEmailOfAnotherTenantIsAnsweredLikeOneOfTheOwnTenant() throws Exception {
        UUID tenant = accounts.tenant(TenantKind.COMPANY);
        Accounts.Account admin = accounts.user(tenant, Role.TENANT_ADMIN, Role.HR_STAFF);
        Accounts.Account colleague = accounts.user(tenant, Role.HR_STAFF);
        Accounts.Account elsewhere = accounts.withRole(Role.INSURER_STAFF);
        Cookie session = Accounts.signIn(mvc, admin.email());
        String own = mvc.perform(post("/tenant/users").with(csrf()).cookie(session)
                        .param("email", colleague.email()).param("displayName", "同僚").param("roles", "HR_STAFF"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String other = mvc.perform(post("/tenant/users").with(csrf()).cookie(session)
                        .param("email", elsewhere.email().toUpperCase()).param("displayName", "他社").param("roles", "HR_STAFF"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(own).contains("このメールアドレスはすでに使われています");
        assertThat(other).contains("このメールアドレスはすでに使われています");
        assertThat(jdbc.sql("select count(*) from plat_user where lower(email) = ?").param(elsewhere.email()).query(Integer.class).single())
                .isEqualTo(1);
    }

    // ---------------------------------------------------------------- L2: long passwords, Argon2id, upgrade at sign-in

    @Test
    void aPassphraseOverBcryptsSeventyTwoBytesIsAcceptedAndStoredWithArgon2id() throws Exception {
        UUID tenant = accounts.tenant(TenantKind.INSURER);
        String email = "long-" + UUID.randomUUID() + "@test.example";
        var invitation = CurrentTenant.runAs(tenant, () -> identity.inviteUser(
                new IdentityManagement.InviteUser(email, "長い 合言葉", EnumSet.of(Role.TENANT_ADMIN))));
        String passphrase = "健康経営は従業員の健康への投資です".repeat(3); // 51 characters, 153 UTF-8 bytes
        mvc.perform(post("/invitation/{t}", invitation.token()).with(csrf())
                        .param("password", passphrase).param("passwordConfirmation", passphrase))
                .andExpect(redirectedUrl("/login?activated"));
        mvc.perform(formLogin("/login").userParameter("email").user(email).password(passphrase)).andExpect(redirectedUrl("/home"));
        // a different passphrase with the same first 72 bytes is wrong (bcrypt would have cut it there)
        mvc.perform(formLogin("/login").userParameter("email").user(email).password(passphrase.substring(0, 24) + "別の言葉で終わる合言葉です"))
                .andExpect(redirectedUrl("/login?error=bad"));
        assertThat(jdbc.sql("select password_hash from plat_user where id = ?").param(invitation.userId()).query(String.class).single())
                .startsWith("{argon2id}");
    }

    @Test
    void aBcryptHashIsUpgradedToArgon2idAtSignIn() throws Exception {
        Accounts.Account hr = accounts.withRole(Role.HR_STAFF);
        String bcrypt = "{bcrypt}" + new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder().encode(Accounts.PASSWORD);
        jdbc.sql("update plat_user set password_hash = ? where id = ?").param(bcrypt).param(hr.userId()).update();
        Accounts.signIn(mvc, hr.email());
        String stored = jdbc.sql("select password_hash from plat_user where id = ?").param(hr.userId()).query(String.class).single();
        assertThat(stored).startsWith("{argon2id}");
        assertThat(passwordEncoder.matches(Accounts.PASSWORD, stored)).isTrue();
        Accounts.signIn(mvc, hr.email());
    }

    // ---------------------------------------------------------------- L3: token endpoint throttle, Consent paging

    @Test
    void failedClientAuthenticationsAtTheTokenEndpointAreDelayed() throws Exception {
        ApiTokens.Client client = tokens.register(accounts.tenant(TenantKind.COMPANY), "users.read");
        String address = someAddress();
        for (int i = 0; i < 5; i++) {
            mvc.perform(post("/oauth2/token").with(httpBasic(client.clientId(), "wrong-secret-" + i)).with(from(address))
                            .param("grant_type", "client_credentials").param("scope", "users.read"))
                    .andExpect(status().isUnauthorized());
        }
        var refused = mvc.perform(post("/oauth2/token").with(httpBasic(client.clientId(), client.secret())).with(from(address))
                        .param("grant_type", "client_credentials").param("scope", "users.read"))
                .andExpect(status().isTooManyRequests()).andReturn().getResponse();
        assertThat(refused.getHeader("Retry-After")).isNotBlank();
        assertThat(refused.getContentAsString()).contains("temporarily_unavailable").doesNotContain("access_token");
        // from another address the client is served as usual
        mvc.perform(post("/oauth2/token").with(httpBasic(client.clientId(), client.secret())).with(from(someAddress()))
                        .param("grant_type", "client_credentials").param("scope", "users.read"))
                .andExpect(status().isOk());
    }

    @Test
    void consentSearchHonoursCount() throws Exception {
        UUID insurer = phr.insurer();
        PhrFixture.Member member = phr.member(insurer);
        phr.consent(member, insurer, DataCategory.CHECKUP);
        phr.consent(member, insurer, DataCategory.LIFELOG);
        ApiTokens.Client client = tokens.register(insurer, "system/Consent.rs");
        String token = ApiTokens.token(mvc, client, "system/Consent.rs");
        String all = mvc.perform(bearer(get("/fhir/Consent"), token)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(all.split("\"resourceType\":\"Consent\"", -1)).hasSize(3);
        String one = mvc.perform(bearer(get("/fhir/Consent").param("_count", "1"), token)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(one.split("\"resourceType\":\"Consent\"", -1)).hasSize(2);
        assertThat(one).contains("\"relation\":\"next\"");
        mvc.perform(bearer(get("/fhir/Consent").param("_count", "-1"), token)).andExpect(status().isBadRequest());
        mvc.perform(bearer(get("/fhir/Consent").param("_offset", "-5"), token)).andExpect(status().isBadRequest());
    }

    // ---------------------------------------------------------------- L5: exact redirect URIs, port included

    @Test
    void aLoopbackRedirectUriMustMatchItsPort() throws Exception {
        String clientId = "probe-app-" + UUID.randomUUID();
        apps.register(clientId, "ポート確認アプリ", List.of("http://127.0.0.1:8765/callback"), SmartApps.SCOPES);
        String query = "response_type=code&client_id=" + clientId + "&scope=launch%2Fpatient%20patient%2FObservation.rs&state=s"
                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&redirect_uri=";
        // another port on the same loopback address: refused here, never redirected there
        mvc.perform(get(java.net.URI.create("/oauth2/authorize?" + query + "http%3A%2F%2F127.0.0.1%3A9999%2Fcallback")))
                .andExpect(status().isBadRequest())
                .andExpect(result -> assertThat(result.getResponse().getRedirectedUrl()).isNull());
        // the registered one goes on to sign-in
        mvc.perform(get(java.net.URI.create("/oauth2/authorize?" + query + "http%3A%2F%2F127.0.0.1%3A8765%2Fcallback")))
                .andExpect(status().is3xxRedirection())
                .andExpect(result -> assertThat(result.getResponse().getRedirectedUrl()).endsWith("/login"));
    }

    // ---------------------------------------------------------------- L6: no CSRF token in a URL

    @Test
    void noTemplatePutsTheCsrfTokenIntoAUrl() throws Exception {
        try (Stream<Path> files = Files.walk(Path.of("../platform-web/src/main/resources/templates"))) {
            List<Path> offenders = files.filter(p -> p.toString().endsWith(".html")).filter(p -> {
                try {
                    return Files.readString(p).matches("(?s).*[(,]\\s*_csrf\\s*=.*");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
            assertThat(offenders).isEmpty();
        }
    }

    // ---------------------------------------------------------------- L7: __Host- session cookie

    @Test
    void theSessionCookieIsAHostCookieWhereCookiesAreSecure() throws Exception {
        Accounts.Account hr = accounts.withRole(Role.HR_STAFF);
        var response = mvc.perform(formLogin("/login").userParameter("email").user(hr.email()).password(Accounts.PASSWORD))
                .andExpect(redirectedUrl("/home")).andReturn().getResponse();
        String header = response.getHeaders("Set-Cookie").stream().filter(h -> h.startsWith("__Host-SESSION=")).findFirst().orElseThrow();
        assertThat(header).contains("Secure").contains("HttpOnly").contains("Path=/").doesNotContainIgnoringCase("Domain=");
        assertThat(response.getCookie("SESSION")).isNull();
    }
}
