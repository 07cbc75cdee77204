package jp.hip;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import jp.hip.identity.Role;

/** The API's answers to bad requests: RFC 9457 problem details that quote nothing internal. */
@PlatformTest
class ApiTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Autowired
    ApiTokens tokens;

    ApiTokens.Client client;

    @BeforeEach
    void client() {
        client = tokens.register(accounts.withRole(Role.HR_STAFF).tenantId(), "users.read", "users.write");
    }

    @Test
    void requestWithoutTokenIsUnauthorizedProblem() throws Exception {
        mvc.perform(get("/api/v1/users"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", Matchers.startsWith("Bearer")))
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.status").value(401));
    }

    @Test
    void forgedTokenIsUnauthorized() throws Exception {
        mvc.perform(get("/api/v1/users").header("Authorization", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
    }

    @Test
    void tokenWithoutTheScopeIsForbidden() throws Exception {
        String readOnly = ApiTokens.token(mvc, client, "users.read");
        mvc.perform(post("/api/v1/users").header("Authorization", "Bearer " + readOnly)
                        .contentType("application/json").content("{\"email\":\"x@test.example\",\"displayName\":\"x\",\"roles\":[\"HR_STAFF\"]}"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
    }

    @Test
    void wrongClientSecretGetsNoToken() throws Exception {
        mvc.perform(post("/oauth2/token")
                        .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                                .httpBasic(client.clientId(), "not-the-secret"))
                        .param("grant_type", "client_credentials"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().string(Matchers.not(Matchers.containsString("access_token"))));
    }

    @Test
    void malformedJsonIsABadRequestProblemThatQuotesNothing() throws Exception {
        String token = ApiTokens.token(mvc, client, "users.write");
        mvc.perform(post("/api/v1/users").header("Authorization", "Bearer " + token)
                        .contentType("application/json").content("{\"email\": \"oops"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.detail").value(Matchers.not(Matchers.containsString("oops"))))
                .andExpect(content().string(Matchers.not(Matchers.containsString("Exception"))));
    }

    @Test
    void missingFieldsAreABadRequestProblem() throws Exception {
        String token = ApiTokens.token(mvc, client, "users.write");
        mvc.perform(post("/api/v1/users").header("Authorization", "Bearer " + token)
                        .contentType("application/json").content("{\"email\":\"\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
    }

    @Test
    void aRoleFromAnotherKindOfTenantIsRefusedWithItsCode() throws Exception {
        String token = ApiTokens.token(mvc, client, "users.write");
        mvc.perform(post("/api/v1/users").header("Authorization", "Bearer " + token)
                        .contentType("application/json")
                        .content("{\"email\":\"meti-" + java.util.UUID.randomUUID() + "@test.example\",\"displayName\":\"x\",\"roles\":[\"REGISTRY_OFFICER\"]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("identity.user.roles.notAllowed"));
    }

    @Test
    void servesTheOpenApiDescription() throws Exception {
        mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/v1/users']").exists())
                .andExpect(jsonPath("$.paths['/api/v1/phr/checkup-imports'].post").exists())
                .andExpect(jsonPath("$.info.title").value("健康経営プラットフォーム API"))
                .andExpect(jsonPath("$.components.securitySchemes.oauth2.flows.clientCredentials.tokenUrl").value("/oauth2/token"))
                .andExpect(jsonPath("$.components.securitySchemes.oauth2.flows.clientCredentials.scopes['phr.checkups.write']").exists());
    }
}
