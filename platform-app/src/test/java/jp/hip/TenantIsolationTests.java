package jp.hip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import jp.hip.identity.CurrentTenant;
import jp.hip.identity.IdentityManagement;
import jp.hip.identity.Role;
import jp.hip.identity.TenantKind;
import jp.hip.identity.UserStatus;

/** A user or client of tenant A tries to reach tenant B's records by URL, by id and by API, and fails. */
@PlatformTest
class TenantIsolationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Autowired
    ApiTokens tokens;

    @Autowired
    IdentityManagement identity;

    Accounts.Account adminA;
    Accounts.Account userB;

    @BeforeEach
    void twoTenants() {
        adminA = accounts.user(accounts.tenant(TenantKind.COMPANY), Role.HR_STAFF, Role.TENANT_ADMIN);
        UUID tenantB = accounts.tenant(TenantKind.COMPANY);
        accounts.user(tenantB, Role.HR_STAFF, Role.TENANT_ADMIN);
        userB = accounts.user(tenantB, Role.COMPANY_VIEWER);
    }

    @Test
    void userListShowsOnlyTheOwnTenant() throws Exception {
        Cookie session = Accounts.signIn(mvc, adminA.email());
        String page = mvc.perform(get("/tenant/users").cookie(session))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains(adminA.email()).doesNotContain(userB.email());
    }

    @Test
    void disablingAnotherTenantsUserByIdIsNotFoundAndChangesNothing() throws Exception {
        Cookie session = Accounts.signIn(mvc, adminA.email());
        mvc.perform(post("/tenant/users/{id}/status", userB.userId()).param("enabled", "false").with(csrf()).cookie(session))
                .andExpect(status().isNotFound());
        var stillActive = CurrentTenant.runAs(userB.tenantId(), () -> identity.user(userB.userId())).orElseThrow();
        assertThat(stillActive.status()).isEqualTo(UserStatus.ACTIVE);
    }

    @Test
    void anotherTenantsPageByIdIsRefused() throws Exception {
        Cookie session = Accounts.signIn(mvc, adminA.email());
        mvc.perform(get("/admin/tenants/{id}", userB.tenantId()).cookie(session)).andExpect(status().isForbidden());
    }

    @Test
    void tenantScopingHoldsBelowTheWebLayer() {
        assertThat(CurrentTenant.runAs(adminA.tenantId(), () -> identity.user(userB.userId()))).isEmpty();
        assertThat(CurrentTenant.runAs(adminA.tenantId(), () -> identity.tenant(userB.tenantId()))).isEmpty();
        assertThat(CurrentTenant.runAs(adminA.tenantId(), identity::usersOfCurrentTenant))
                .extracting(u -> u.tenantId()).containsOnly(adminA.tenantId());
        assertThat(identity.usersOfCurrentTenant()).as("nobody signed in sees no tenant's rows").isEmpty();
    }

    @Test
    void apiClientOfTenantACannotReadTenantBsUsers() throws Exception {
        String token = ApiTokens.token(mvc, tokens.register(adminA.tenantId(), "users.read"), "users.read");
        mvc.perform(get("/api/v1/users/{id}", userB.userId()).header("Authorization", "Bearer " + token))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        mvc.perform(get("/api/v1/users/{id}", adminA.userId()).header("Authorization", "Bearer " + token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.email").value(adminA.email()));
        String list = mvc.perform(get("/api/v1/users").header("Authorization", "Bearer " + token))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(list).contains(adminA.email()).doesNotContain(userB.email());
    }

    @Test
    void apiClientOfTenantAInvitesIntoTenantAOnly() throws Exception {
        String token = ApiTokens.token(mvc, tokens.register(adminA.tenantId(), "users.write"), "users.write");
        String email = "api-" + UUID.randomUUID() + "@test.example";
        mvc.perform(post("/api/v1/users").header("Authorization", "Bearer " + token)
                        .contentType("application/json")
                        .content("{\"email\":\"" + email + "\",\"displayName\":\"API 招待\",\"roles\":[\"HR_STAFF\"]}"))
                .andExpect(status().isCreated());
        assertThat(CurrentTenant.runAs(adminA.tenantId(), identity::usersOfCurrentTenant)).extracting(u -> u.email()).contains(email);
        assertThat(CurrentTenant.runAs(userB.tenantId(), identity::usersOfCurrentTenant)).extracting(u -> u.email()).doesNotContain(email);
    }
}
