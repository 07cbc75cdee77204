package jp.hip.api;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.Scopes;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * The OpenAPI description of /api/** (springdoc, /v3/api-docs and Swagger UI): its title, and the OAuth2
 * client-credentials flow of the platform's own authorization server with every scope a client can be given.
 * The FHIR API at /fhir describes itself with its CapabilityStatement (/fhir/metadata).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI platformOpenApi() {
        Scopes scopes = new Scopes();
        new java.util.TreeSet<>(ClientCredentialsIssuer.SCOPES).forEach(scope -> scopes.addString(scope, scope));
        return new OpenAPI()
                .info(new Info().title("健康経営プラットフォーム API").version("v1")
                        .description("Accounting (健康投資管理会計), users, 特定健診 import and the public guideline verification API. "
                                + "Every call but the public one needs a bearer token from POST /oauth2/token (client credentials); "
                                + "each client acts for exactly one tenant. Errors are RFC 9457 problem details. "
                                + "The FHIR R4 API is at /fhir (CapabilityStatement: /fhir/metadata)."))
                .components(new Components().addSecuritySchemes("oauth2", new SecurityScheme()
                        .type(SecurityScheme.Type.OAUTH2)
                        .flows(new OAuthFlows().clientCredentials(new OAuthFlow().tokenUrl("/oauth2/token").scopes(scopes)))))
                .addSecurityItem(new SecurityRequirement().addList("oauth2"));
    }
}
