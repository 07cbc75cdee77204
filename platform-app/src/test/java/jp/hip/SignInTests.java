package jp.hip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.EnumSet;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import jp.hip.identity.CurrentTenant;
import jp.hip.identity.IdentityManagement;
import jp.hip.identity.Role;
import jp.hip.identity.TenantKind;

/** Wrong passwords, throttling, disabled accounts and invitations, end to end. */
@PlatformTest
class SignInTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Autowired
    IdentityManagement identity;

    @Autowired
    JdbcClient jdbc;

    @Test
    void wrongPasswordAndUnknownUserGetTheSameMessage() throws Exception {
        Accounts.Account hr = accounts.withRole(Role.HR_STAFF);
        mvc.perform(formLogin("/login").userParameter("email").user(hr.email()).password("wrong-password-1"))
                .andExpect(redirectedUrl("/login?error=bad"));
        mvc.perform(formLogin("/login").userParameter("email").user("nobody@test.example").password("wrong-password-1"))
                .andExpect(redirectedUrl("/login?error=bad"));
        String page = mvc.perform(get("/login").param("error", "bad")).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("メールアドレスまたはパスワードが正しくありません");
    }

    @Test
    void delaysTheSixthAttemptAfterFiveWrongPasswordsEvenForTheRightOneWithoutLockingTheAccount() throws Exception {
        Accounts.Account hr = accounts.withRole(Role.HR_STAFF);
        for (int i = 0; i < 5; i++) {
            mvc.perform(formLogin("/login").userParameter("email").user(hr.email()).password("wrong-" + i + "-password"))
                    .andExpect(redirectedUrl("/login?error=bad"));
        }
        mvc.perform(formLogin("/login").userParameter("email").user(hr.email()).password(Accounts.PASSWORD))
                .andExpect(redirectedUrl("/login?error=throttled"));
        Integer events = jdbc.sql("select count(*) from plat_audit_event where record_id = ? and action = 'SIGN_IN_FAILED'")
                .param(hr.userId().toString()).query(Integer.class).single();
        assertThat(events).isEqualTo(5);
        assertThat(jdbc.sql("select locked_until from plat_user where id = ?").param(hr.userId()).query(java.sql.Timestamp.class).optional())
                .isEmpty();
    }

    @Test
    void disabledUserCannotSignIn() throws Exception {
        UUID tenant = accounts.tenant(TenantKind.COMPANY);
        Accounts.Account admin = accounts.user(tenant, Role.TENANT_ADMIN, Role.HR_STAFF);
        Accounts.Account viewer = accounts.user(tenant, Role.COMPANY_VIEWER);
        var session = Accounts.signIn(mvc, admin.email());
        mvc.perform(post("/tenant/users/{id}/status", viewer.userId()).param("enabled", "false").with(csrf()).cookie(session))
                .andExpect(status().is3xxRedirection());
        mvc.perform(formLogin("/login").userParameter("email").user(viewer.email()).password(Accounts.PASSWORD))
                .andExpect(redirectedUrl("/login?error=disabled"));
    }

    @Test
    void invitedUserSetsAPasswordOnceAndSignsIn() throws Exception {
        UUID tenant = accounts.tenant(TenantKind.INSURER);
        String email = "invited-" + UUID.randomUUID() + "@test.example";
        var invitation = CurrentTenant.runAs(tenant, () -> identity.inviteUser(
                new IdentityManagement.InviteUser(email, "招待 花子", EnumSet.of(Role.INSURER_STAFF))));

        String tooShort = mvc.perform(post("/invitation/{t}", invitation.token()).with(csrf())
                        .param("password", "short").param("passwordConfirmation", "short"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(tooShort).contains("12文字以上");

        mvc.perform(post("/invitation/{t}", invitation.token()).with(csrf())
                        .param("password", Accounts.PASSWORD).param("passwordConfirmation", Accounts.PASSWORD))
                .andExpect(redirectedUrl("/login?activated"));
        // insurer staff set up their second factor before any page opens (ADR 0008)
        mvc.perform(formLogin("/login").userParameter("email").user(email).password(Accounts.PASSWORD))
                .andExpect(redirectedUrl("/login/second-factor"));

        String reused = mvc.perform(post("/invitation/{t}", invitation.token()).with(csrf())
                        .param("password", "another-long-password").param("passwordConfirmation", "another-long-password"))
                .andReturn().getResponse().getContentAsString();
        assertThat(reused).contains("招待リンクは無効");
    }

    @Test
    void invitedUserCannotSignInBeforeSettingAPassword() throws Exception {
        UUID tenant = accounts.tenant(TenantKind.INSURER);
        String email = "pending-" + UUID.randomUUID() + "@test.example";
        CurrentTenant.runAs(tenant, () -> identity.inviteUser(
                new IdentityManagement.InviteUser(email, "保留 次郎", EnumSet.of(Role.INSURER_STAFF))));
        mvc.perform(formLogin("/login").userParameter("email").user(email).password(""))
                .andExpect(redirectedUrl("/login?error=bad"));
    }
}
