package jp.hip.identity.apiclients;

import java.util.Set;
import java.util.UUID;

/**
 * Makes OAuth2 client credentials for an integration. Implemented by the API module's authorization server;
 * declared here so that registering a client stays one identity operation.
 */
@org.springframework.modulith.NamedInterface("apiclients")
public interface ApiCredentialIssuer {

    /** The scopes a client may be given. */
    Set<String> availableScopes();

    /** Registers a client-credentials client bound to the tenant; returns its id and the raw secret (shown once). */
    Credentials issue(UUID tenantId, String name, Set<String> scopes);

    /** The same with a chosen id and secret: only for demo data, whose README lists them. */
    Credentials issue(UUID tenantId, String name, Set<String> scopes, Credentials chosen);

    /**
     * Revokes a client: it gets no new tokens, and the tokens it holds stop working on their next request.
     * The demo wrappers, which only register, do not revoke.
     */
    default void revoke(String clientId) {
        throw new UnsupportedOperationException("this issuer does not revoke clients");
    }

    record Credentials(String clientId, String clientSecret) {}
}
