package jp.hip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import jp.hip.identity.CurrentTenant;
import jp.hip.identity.IdentityManagement;
import jp.hip.identity.Role;
import jp.hip.identity.TenantKind;
import jp.hip.identity.secondfactor.Totp;

/** The second factor (TOTP, RFC 6238) at sign-in: required roles, enrolment, recovery codes, refusals (ADR 0008). */
@PlatformTest
class SecondFactorTests {

    @Autowired MockMvc mvc;
    @Autowired Accounts accounts;
    @Autowired IdentityManagement identity;
    @Autowired JdbcClient jdbc;
    @Autowired jp.hip.identity.secondfactor.SecondFactors secondFactors;

    Cookie password(String email) throws Exception {
        var response = mvc.perform(formLogin("/login").userParameter("email").user(email).password(Accounts.PASSWORD))
                .andExpect(redirectedUrl("/login/second-factor")).andReturn().getResponse();
        return response.getCookie(Accounts.SESSION_COOKIE);
    }

    MockHttpServletResponse code(Cookie session, String code) throws Exception {
        return mvc.perform(post("/login/second-factor").with(csrf()).cookie(session).param("code", code)).andReturn().getResponse();
    }

    @Test
    void noPageOfTheRoleOpensUntilTheCodeIsGiven() throws Exception {
        for (Role role : List.of(Role.PLATFORM_ADMIN, Role.REGISTRY_OFFICER, Role.INSURER_STAFF)) {
            Accounts.Account account = accounts.withRole(role);
            Cookie session = password(account.email());
            for (String page : List.of("/home", "/admin/tenants", "/registry", "/insurer", "/tenant/users")) {
                mvc.perform(get(page).cookie(session)).andExpect(redirectedUrl("/login/second-factor"));
            }
            String form = mvc.perform(get("/login/second-factor").cookie(session)).andExpect(status().isOk())
                    .andReturn().getResponse().getContentAsString();
            assertThat(form).contains("autocomplete=\"one-time-code\"").contains("確認コード")
                    .doesNotContain("class=\"main-nav\"");

            MockHttpServletResponse wrong = code(session, "000000".equals(Totp.code(Accounts.secretOf(account.email()), Totp.step(java.time.Instant.now()))) ? "111111" : "000000");
            assertThat(wrong.getStatus()).isEqualTo(200);
            assertThat(wrong.getContentAsString()).contains("確認コードが正しくありません");
            mvc.perform(get("/home").cookie(session)).andExpect(redirectedUrl("/login/second-factor"));

            MockHttpServletResponse right = code(session, Accounts.code(Accounts.secretOf(account.email())));
            assertThat(right.getRedirectedUrl()).isEqualTo("/home");
            Cookie signedIn = right.getCookie(Accounts.SESSION_COOKIE) == null ? session : right.getCookie(Accounts.SESSION_COOKIE);
            assertThat(mvc.perform(get("/home").cookie(signedIn)).andReturn().getResponse().getRedirectedUrl())
                    .isNotEqualTo("/login/second-factor");
        }
    }

    @Test
    void aCodeIsAcceptedOnceAndRefusedWhenReused() throws Exception {
        Accounts.Account admin = accounts.withRole(Role.PLATFORM_ADMIN);
        String code = Accounts.code(Accounts.secretOf(admin.email()));
        assertThat(code(password(admin.email()), code).getRedirectedUrl()).isEqualTo("/home");
        MockHttpServletResponse reused = code(password(admin.email()), code);
        assertThat(reused.getStatus()).isEqualTo(200);
        assertThat(reused.getContentAsString()).contains("この確認コードはすでに使われました");
    }

    @Test
    void secretsAreSealedAtRestAndOneStillInClearIsSealedAtStartUpOrSignIn() throws Exception {
        // ADR 0091: the column holds "v1:" and AES-GCM output, never the Base32 secret
        Accounts.Account staff = accounts.withRole(Role.INSURER_STAFF);
        String secret = Accounts.secretOf(staff.email());
        String stored = jdbc.sql("select totp_secret from plat_user where id = ?").param(staff.userId()).query(String.class).single();
        assertThat(stored).startsWith("v1:").doesNotContain(secret);
        assertThat(jdbc.sql("select count(*) from plat_user where totp_secret is not null and totp_secret not like 'v1:%'")
                .query(Integer.class).single()).as("secrets in clear").isZero();
        // a sealed secret copied to another user's row does not open there (the user id is the associated data)
        Accounts.Account other = accounts.withRole(Role.INSURER_STAFF);
        jdbc.sql("update plat_user set totp_secret = ? where id = ?").params(stored, other.userId()).update();
        assertThat(code(password(other.email()), Accounts.code(secret)).getContentAsString()).contains("確認コードが正しくありません");

        // a secret written in clear before ADR 0091 still works at sign-in and is sealed there
        jdbc.sql("update plat_user set totp_secret = ? where id = ?").params(secret, staff.userId()).update();
        assertThat(code(password(staff.email()), Accounts.code(secret)).getRedirectedUrl()).isEqualTo("/home");
        assertThat(jdbc.sql("select totp_secret from plat_user where id = ?").param(staff.userId()).query(String.class).single())
                .startsWith("v1:").isNotEqualTo(stored);
        // and the start-up pass seals every one left in clear
        jdbc.sql("update plat_user set totp_secret = ? where id = ?").params(secret, other.userId()).update();
        assertThat(secondFactors.sealClearSecrets()).isEqualTo(1);
        assertThat(code(password(other.email()), Accounts.code(secret)).getRedirectedUrl()).isEqualTo("/home");
    }

    @Test
    void wrongCodesAreDelayedLikePasswords() throws Exception {
        Accounts.Account officer = accounts.withRole(Role.REGISTRY_OFFICER);
        Cookie session = password(officer.email());
        String secret = Accounts.secretOf(officer.email());
        long now = Totp.step(java.time.Instant.now());
        String wrong = "123456";
        while (wrong.equals(Totp.code(secret, now - 1)) || wrong.equals(Totp.code(secret, now)) || wrong.equals(Totp.code(secret, now + 1))) {
            wrong = String.format("%06d", (Integer.parseInt(wrong) + 1) % 1_000_000);
        }
        for (int i = 0; i < 5; i++) {
            assertThat(code(session, wrong).getContentAsString()).contains("確認コードが正しくありません");
        }
        MockHttpServletResponse throttled = code(session, Accounts.code(secret));
        assertThat(throttled.getContentAsString()).contains("秒待ってから");
        assertThat(throttled.getRedirectedUrl()).isNull();
        Integer refused = jdbc.sql("select count(*) from plat_audit_event where record_id = ? and action = 'SECOND_FACTOR_REFUSED'")
                .param(officer.userId().toString()).query(Integer.class).single();
        assertThat(refused).isEqualTo(6);
    }

    @Test
    void aNewInsurerStaffMemberEnrolsWithTheQrCodeAndUsesARecoveryCodeOnce() throws Exception {
        UUID tenant = accounts.tenant(TenantKind.INSURER);
        String email = "enrol-" + UUID.randomUUID() + "@test.example";
        var invitation = CurrentTenant.runAs(tenant, () -> identity.inviteUser(
                new IdentityManagement.InviteUser(email, "登録 三郎", EnumSet.of(Role.INSURER_STAFF))));
        mvc.perform(post("/invitation/{t}", invitation.token()).with(csrf())
                .param("password", Accounts.PASSWORD).param("passwordConfirmation", Accounts.PASSWORD));
        Cookie session = password(email);
        mvc.perform(get("/insurer").cookie(session)).andExpect(redirectedUrl("/login/second-factor"));
        mvc.perform(get("/login/second-factor").cookie(session)).andExpect(redirectedUrl("/login/second-factor/enrol"));

        String page = mvc.perform(get("/login/second-factor/enrol").cookie(session)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        Matcher uri = Pattern.compile("data-url=\"(otpauth://totp/[^\"]+)\"").matcher(page);
        assertThat(uri.find()).isTrue();
        Matcher secretParam = Pattern.compile("secret=([A-Z2-7]+)").matcher(uri.group(1));
        assertThat(secretParam.find()).isTrue();
        String secret = secretParam.group(1);
        assertThat(page.replace(" ", "")).contains(secret); // also printed for typing in
        assertThat(page).contains("autocomplete=\"one-time-code\"");

        String wrong = mvc.perform(post("/login/second-factor/enrol").with(csrf()).cookie(session).param("code", "12345"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(wrong).contains("確認コードが正しくありません");
        mvc.perform(post("/login/second-factor/enrol").with(csrf()).cookie(session).param("code", Accounts.code(secret)))
                .andExpect(redirectedUrl("/login/second-factor/recovery-codes"));
        String codesPage = mvc.perform(get("/login/second-factor/recovery-codes").cookie(session)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        List<String> codes = new ArrayList<>();
        Matcher code = Pattern.compile("<code class=\"secret\">([a-z2-9]{5}-[a-z2-9]{5})</code>").matcher(codesPage);
        while (code.find()) {
            codes.add(code.group(1));
        }
        assertThat(codes).hasSize(10).doesNotHaveDuplicates();
        var done = mvc.perform(post("/login/second-factor/recovery-codes").with(csrf()).cookie(session))
                .andExpect(redirectedUrl("/home")).andReturn().getResponse();
        Cookie signedIn = done.getCookie(Accounts.SESSION_COOKIE) == null ? session : done.getCookie(Accounts.SESSION_COOKIE);
        mvc.perform(get("/insurer").cookie(signedIn)).andExpect(status().isOk());
        mvc.perform(get("/login/second-factor/recovery-codes").cookie(signedIn)).andExpect(redirectedUrl("/home")); // shown once

        // a recovery code stands in for the app's code, once
        assertThat(code(password(email), codes.get(0).toUpperCase()).getRedirectedUrl()).isEqualTo("/home");
        MockHttpServletResponse again = code(password(email), codes.get(0));
        assertThat(again.getContentAsString()).contains("この回復コードは使用済み");
        assertThat(again.getRedirectedUrl()).isNull();
        assertThat(jdbc.sql("select count(*) from plat_recovery_code where user_id = ? and used_at is null")
                .param(invitation.userId()).query(Integer.class).single()).isEqualTo(9);
    }

    @Test
    void otherRolesSignInWithThePasswordAloneUntilTheyChooseASecondFactor() throws Exception {
        Accounts.Account hr = accounts.withRole(Role.HR_STAFF);
        Cookie session = Accounts.signIn(mvc, hr.email());
        String page = mvc.perform(get("/login/second-factor/enrol").cookie(session)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        Matcher secret = Pattern.compile("secret=([A-Z2-7]+)").matcher(page);
        assertThat(secret.find()).isTrue();
        mvc.perform(post("/login/second-factor/enrol").with(csrf()).cookie(session).param("code", Accounts.code(secret.group(1))))
                .andExpect(redirectedUrl("/login/second-factor/recovery-codes"));
        mvc.perform(post("/login/second-factor/recovery-codes").with(csrf()).cookie(session)).andExpect(redirectedUrl("/home"));
        // from now on her sign-in asks for the code too
        Cookie next = password(hr.email());
        mvc.perform(get("/company").cookie(next)).andExpect(redirectedUrl("/login/second-factor"));
        assertThat(code(next, Accounts.code(secret.group(1))).getRedirectedUrl()).isEqualTo("/home");
    }

    @Test
    void totpCodesMatchTheRfc6238TestVectors() {
        // RFC 6238 Appendix B, SHA-1 key "12345678901234567890" (Base32 below), last six digits of the 8-digit values
        String secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
        assertThat(Totp.code(secret, 59 / 30)).isEqualTo("287082");
        assertThat(Totp.code(secret, 1111111109L / 30)).isEqualTo("081804");
        assertThat(Totp.code(secret, 1234567890L / 30)).isEqualTo("005924");
        assertThat(Totp.code(secret, 20000000000L / 30)).isEqualTo("353130");
    }
}
