package jp.hip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import jp.hip.identity.CurrentTenant;
import jp.hip.identity.IdentityManagement;
import jp.hip.identity.Role;

/** CSRF on every form, strict headers, cookie flags, and errors that reveal nothing internal. */
@PlatformTest
class WebSecurityTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Autowired
    IdentityManagement identity;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void refusesAFormPostWithoutCsrfTokenAndChangesNothing() throws Exception {
        Accounts.Account admin = accounts.user(accounts.tenant(jp.hip.identity.TenantKind.COMPANY), Role.HR_STAFF, Role.TENANT_ADMIN);
        Cookie session = Accounts.signIn(mvc, admin.email());
        mvc.perform(get("/tenant/users/new").cookie(session)).andExpect(status().isOk()); // the form issues a token
        mvc.perform(post("/tenant/users").cookie(session)
                        .param("email", "no-csrf@test.example").param("displayName", "x").param("roles", "HR_STAFF"))
                .andExpect(status().isForbidden());
        assertThat(CurrentTenant.runAs(admin.tenantId(), identity::usersOfCurrentTenant))
                .extracting(u -> u.email()).doesNotContain("no-csrf@test.example");

        mvc.perform(post("/tenant/users").cookie(session).with(csrf())
                        .param("email", "with-csrf@test.example").param("displayName", "招待 太郎").param("roles", "HR_STAFF"))
                .andExpect(status().is3xxRedirection());
        assertThat(CurrentTenant.runAs(admin.tenantId(), identity::usersOfCurrentTenant))
                .extracting(u -> u.email()).contains("with-csrf@test.example");
    }

    @Test
    void refusesSignInWithoutCsrfToken() throws Exception {
        Accounts.Account hr = accounts.withRole(Role.HR_STAFF);
        // No token in the session either: treated like an expired page, sent back to sign in, not signed in.
        var response = mvc.perform(post("/login").param("email", hr.email()).param("password", Accounts.PASSWORD))
                .andExpect(redirectedUrl("/login?expired")).andReturn().getResponse();
        Cookie cookie = response.getCookie(Accounts.SESSION_COOKIE);
        if (cookie != null) {
            mvc.perform(get("/company").cookie(cookie)).andExpect(status().is3xxRedirection());
        }
    }

    @Test
    void refusesLogoutWithoutCsrfToken() throws Exception {
        Cookie session = Accounts.signIn(mvc, accounts.withRole(Role.HR_STAFF).email());
        mvc.perform(get("/company").cookie(session)).andExpect(status().isOk());
        mvc.perform(post("/logout").cookie(session).param("_csrf", "forged")).andExpect(status().isForbidden());
        mvc.perform(get("/company").cookie(session)).andExpect(status().isOk());
        mvc.perform(post("/logout").cookie(session).with(csrf())).andExpect(status().is3xxRedirection());
        mvc.perform(get("/company").cookie(session)).andExpect(status().is3xxRedirection());
    }

    @Test
    void anExpiredSessionSendsTheUserBackToSignInWithAMessage() throws Exception {
        Cookie session = Accounts.signIn(mvc, accounts.withRole(Role.HR_STAFF).email());
        mvc.perform(get("/company").cookie(session)).andExpect(status().isOk());
        // 30 minutes without a request: the shared session store drops the session.
        String sessionId = new String(java.util.Base64.getDecoder().decode(session.getValue()), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(jdbc.sql("update spring_session set expiry_time = 0, last_access_time = 0 where session_id = ?")
                .param(sessionId).update()).isEqualTo(1);
        mvc.perform(get("/company").cookie(session)).andExpect(redirectedUrl("/login?expired"));
        String page = mvc.perform(get("/login").param("expired", "")).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("ログインの有効期限が切れました");
    }

    @Test
    void pagesCarryStrictSecurityHeaders() throws Exception {
        mvc.perform(get("/login").secure(true))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Security-Policy", org.hamcrest.Matchers.containsString("frame-ancestors 'none'")))
                .andExpect(header().string("Content-Security-Policy", org.hamcrest.Matchers.containsString("default-src 'self'")))
                .andExpect(header().string("Strict-Transport-Security", org.hamcrest.Matchers.containsString("max-age=31536000")))
                .andExpect(header().string("Strict-Transport-Security", org.hamcrest.Matchers.containsString("includeSubDomains")))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("X-Frame-Options", "DENY"))
                .andExpect(header().string("Referrer-Policy", "same-origin"));
    }

    @Test
    void sessionCookieIsHttpOnlySecureAndSameSite() throws Exception {
        String setCookie = mvc.perform(get("/login")).andReturn().getResponse().getHeader("Set-Cookie");
        assertThat(setCookie).startsWith("__Host-SESSION=").contains("HttpOnly").contains("Secure").contains("SameSite=Lax");
    }

    @Test
    void apiResponsesCarrySecurityHeadersToo() throws Exception {
        mvc.perform(get("/api/v1/tenant").secure(true))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().exists("Strict-Transport-Security"));
    }

    @Test
    void unknownTenantIsNotFoundForTheAdministratorAndShowsNoInternals() throws Exception {
        Cookie session = Accounts.signIn(mvc, accounts.withRole(Role.PLATFORM_ADMIN).email());
        String page = mvc.perform(get("/admin/tenants/{id}", java.util.UUID.randomUUID()).cookie(session))
                .andExpect(status().isNotFound()).andReturn().getResponse().getContentAsString();
        mvc.perform(get("/admin/tenants/not-a-uuid").cookie(session)).andExpect(status().isNotFound());
        assertThat(page).doesNotContain("Exception").doesNotContain("at jp.hip");
    }

    @Test
    void englishSwitchTranslatesThePage() throws Exception {
        String english = mvc.perform(get("/login").param("lang", "en")).andReturn().getResponse().getContentAsString();
        assertThat(english).contains("Sign in").doesNotContain("メールアドレス");
        String japanese = mvc.perform(get("/login")).andReturn().getResponse().getContentAsString();
        assertThat(japanese).contains("メールアドレス");
    }
}
