package jp.hip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.UUID;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import jp.hip.identity.IdentityManagement;
import jp.hip.identity.Role;
import jp.hip.identity.TenantKind;

/** A tenant administrator registers and revokes the tenant's own API clients, and never another tenant's. */
@PlatformTest
class TenantApiClientsTests {

    @Autowired MockMvc mvc;
    @Autowired Accounts accounts;
    @Autowired ApiTokens tokens;
    @Autowired JdbcClient jdbc;

    @Test
    void anInsurerAdminRegistersAClientSeesTheSecretOnceAndRevokesIt() throws Exception {
        UUID insurer = accounts.tenant(TenantKind.INSURER);
        Accounts.Account admin = accounts.user(insurer, Role.INSURER_STAFF, Role.TENANT_ADMIN);
        Cookie session = Accounts.signIn(mvc, admin.email());
        String page = mvc.perform(get("/tenant/api-clients").cookie(session)).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("API連携", "まだ連携先はありません", "phr.checkups.write", "system/Observation.c")
                .doesNotContain("accounting.write");

        var created = mvc.perform(post("/tenant/api-clients").cookie(session).with(csrf())
                .param("name", "基幹システム").param("scopes", "phr.checkups.write")).andReturn();
        assertThat(created.getResponse().getRedirectedUrl()).isEqualTo("/tenant/api-clients");
        var registered = (IdentityManagement.RegisteredApiClient) created.getFlashMap().get("registered");
        assertThat(registered.clientSecret()).isNotBlank();
        String clientId = registered.client().clientId();
        String shown = mvc.perform(get("/tenant/api-clients").cookie(session).flashAttr("registered", registered))
                .andReturn().getResponse().getContentAsString();
        assertThat(shown).contains("client_secret", registered.clientSecret(), "この一度だけ表示されます");
        assertThat(shown).contains("action=\"/tenant/api-clients/" + clientId + "/revoke\"", "badge ok");
        assertThat(jdbc.sql("select tenant_id from plat_api_client where client_id = ?").param(clientId).query(UUID.class).single())
                .isEqualTo(insurer);
        String token = ApiTokens.token(mvc, new ApiTokens.Client(clientId, registered.clientSecret()), "phr.checkups.write");
        assertThat(token).isNotBlank();

        mvc.perform(post("/tenant/api-clients/" + clientId + "/revoke").cookie(session).with(csrf()));
        assertThat(jdbc.sql("select active from plat_api_client where client_id = ?").param(clientId).query(Boolean.class).single()).isFalse();
        assertThat(mvc.perform(get("/api/v1/tenant").header("Authorization", "Bearer " + token)).andReturn().getResponse().getStatus())
                .isEqualTo(401);
    }

    @Test
    void scopesThatDoNotFitTheTenantAreRefusedAndNothingIsRegistered() throws Exception {
        UUID company = accounts.tenant(TenantKind.COMPANY);
        Accounts.Account admin = accounts.user(company, Role.HR_STAFF, Role.TENANT_ADMIN);
        Cookie session = Accounts.signIn(mvc, admin.email());
        String body = mvc.perform(post("/tenant/api-clients").cookie(session).with(csrf())
                .param("name", "偽装").param("scopes", "system/Observation.c")).andReturn().getResponse().getContentAsString();
        assertThat(body).contains("スコープを正しく選択してください");
        assertThat(jdbc.sql("select count(*) from plat_api_client where tenant_id = ?").param(company).query(Long.class).single()).isZero();
    }

    @Test
    void anotherTenantsClientCannotBeSeenNorRevoked() throws Exception {
        UUID insurer = accounts.tenant(TenantKind.INSURER);
        ApiTokens.Client theirs = tokens.register(insurer, "users.read");
        UUID otherInsurer = accounts.tenant(TenantKind.INSURER);
        Accounts.Account intruder = accounts.user(otherInsurer, Role.INSURER_STAFF, Role.TENANT_ADMIN);
        Cookie session = Accounts.signIn(mvc, intruder.email());
        assertThat(mvc.perform(get("/tenant/api-clients").cookie(session)).andReturn().getResponse().getContentAsString())
                .doesNotContain(theirs.clientId());
        var attempt = mvc.perform(post("/tenant/api-clients/" + theirs.clientId() + "/revoke").cookie(session).with(csrf())).andReturn();
        assertThat(attempt.getFlashMap().get("failed")).isEqualTo("identity.apiClient.unknown");
        assertThat(jdbc.sql("select active from plat_api_client where client_id = ?").param(theirs.clientId()).query(Boolean.class).single()).isTrue();
        assertThat(mvc.perform(get("/api/v1/users").header("Authorization", "Bearer " + ApiTokens.token(mvc, theirs, "users.read")))
                .andReturn().getResponse().getStatus()).isEqualTo(200);
    }
}
