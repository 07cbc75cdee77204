package jp.hip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.UUID;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import jp.hip.identity.Role;
import jp.hip.identity.TenantKind;

/** A platform administrator revokes an API client: no new tokens, and the held ones are refused at once. */
@PlatformTest
class ApiClientRevocationTests {

    @Autowired MockMvc mvc;
    @Autowired Accounts accounts;
    @Autowired ApiTokens tokens;
    @Autowired JdbcClient jdbc;

    MockHttpServletResponse call(String url, String token) throws Exception {
        return mvc.perform(get(url).header("Authorization", "Bearer " + token)).andReturn().getResponse();
    }

    @Test
    void aRevokedClientsTokensStopWorkingOnTheNextRequestAndItGetsNoNewOnes() throws Exception {
        UUID insurer = accounts.tenant(TenantKind.INSURER);
        ApiTokens.Client client = tokens.register(insurer, "users.read", "system/Patient.rs");
        ApiTokens.Client other = tokens.register(insurer, "users.read");
        String apiToken = ApiTokens.token(mvc, client, "users.read");
        String fhirToken = ApiTokens.token(mvc, client, "system/Patient.rs");
        String otherToken = ApiTokens.token(mvc, other, "users.read");
        assertThat(call("/api/v1/users", apiToken).getStatus()).isEqualTo(200);
        assertThat(call("/fhir/Patient", fhirToken).getStatus()).isEqualTo(200);

        Accounts.Account admin = accounts.withRole(Role.PLATFORM_ADMIN);
        Cookie session = Accounts.signIn(mvc, admin.email());
        var revoked = mvc.perform(post("/admin/api-clients/" + client.clientId() + "/revoke").cookie(session).with(csrf())).andReturn();
        assertThat(revoked.getResponse().getRedirectedUrl()).isEqualTo("/admin/api-clients");
        assertThat(revoked.getFlashMap().get("revoked")).isEqualTo(client.clientId());

        MockHttpServletResponse api = call("/api/v1/users", apiToken);
        assertThat(api.getStatus()).isEqualTo(401);
        assertThat(api.getContentType()).startsWith("application/problem+json");
        MockHttpServletResponse fhir = call("/fhir/Patient", fhirToken);
        assertThat(fhir.getStatus()).isEqualTo(401);
        assertThat(fhir.getContentAsString()).contains("OperationOutcome");
        int tokenStatus = mvc.perform(post("/oauth2/token").with(httpBasic(client.clientId(), client.secret()))
                .param("grant_type", "client_credentials").param("scope", "users.read")).andReturn().getResponse().getStatus();
        assertThat(tokenStatus).isEqualTo(401);
        assertThat(call("/api/v1/users", otherToken).getStatus()).as("the tenant's other client is untouched").isEqualTo(200);

        assertThat(jdbc.sql("select active from plat_api_client where client_id = ?").param(client.clientId()).query(Boolean.class).single())
                .as("the binding stays, inactive").isFalse();
        String page = mvc.perform(get("/admin/api-clients").cookie(session)).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("無効");
        assertThat(page).doesNotContain("action=\"/admin/api-clients/" + client.clientId() + "/revoke\"")
                .contains("action=\"/admin/api-clients/" + other.clientId() + "/revoke\"");
        var again = mvc.perform(post("/admin/api-clients/" + client.clientId() + "/revoke").cookie(session).with(csrf())).andReturn();
        assertThat(again.getFlashMap().get("failed")).isEqualTo("identity.apiClient.revoked.already");
        var unknown = mvc.perform(post("/admin/api-clients/hip-no-such-client/revoke").cookie(session).with(csrf())).andReturn();
        assertThat(unknown.getFlashMap().get("failed")).isEqualTo("identity.apiClient.unknown");
        assertThat(jdbc.sql("select count(*) from plat_audit_event where action = 'API_CLIENT_REVOKED' and record_id = ?")
                .param(client.clientId()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void nobodyButAPlatformAdministratorCanRevoke() throws Exception {
        UUID insurer = accounts.tenant(TenantKind.INSURER);
        ApiTokens.Client client = tokens.register(insurer, "users.read");
        Accounts.Account tenantAdmin = accounts.user(insurer, Role.INSURER_STAFF, Role.TENANT_ADMIN);
        Cookie session = Accounts.signIn(mvc, tenantAdmin.email());
        int status = mvc.perform(post("/admin/api-clients/" + client.clientId() + "/revoke").cookie(session).with(csrf()))
                .andReturn().getResponse().getStatus();
        assertThat(status).isEqualTo(403);
        assertThat(call("/api/v1/users", ApiTokens.token(mvc, client, "users.read")).getStatus()).isEqualTo(200);
    }
}
