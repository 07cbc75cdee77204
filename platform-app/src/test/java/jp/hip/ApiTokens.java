package jp.hip;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;
import org.springframework.test.web.servlet.MockMvc;

import jp.hip.identity.apiclients.ApiCredentialIssuer;
import jp.hip.identity.CurrentTenant;
import jp.hip.identity.IdentityManagement;

/** Test fixture: registers API clients and fetches client-credentials tokens from the real token endpoint. */
@Component
public class ApiTokens {

    private final IdentityManagement identity;
    private final ApiCredentialIssuer issuer;

    ApiTokens(IdentityManagement identity, ApiCredentialIssuer issuer) {
        this.identity = identity;
        this.issuer = issuer;
    }

    public record Client(String clientId, String secret) {}

    public Client register(UUID tenantId, String... scopes) {
        var registered = CurrentTenant.runAsSystem(() -> identity.registerApiClient(tenantId, "テスト連携", Set.of(scopes), issuer));
        return new Client(registered.client().clientId(), registered.clientSecret());
    }

    public static String token(MockMvc mvc, Client client, String scope) throws Exception {
        String body = mvc.perform(post("/oauth2/token")
                        .with(httpBasic(client.clientId(), client.secret()))
                        .param("grant_type", "client_credentials")
                        .param("scope", scope))
                .andReturn().getResponse().getContentAsString();
        Matcher matcher = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(body);
        if (!matcher.find()) {
            throw new AssertionError("no token: " + body);
        }
        return matcher.group(1);
    }
}
