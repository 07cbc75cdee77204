package jp.hip.identity.apiclients;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jp.hip.identity.IdentityException;

/**
 * The SMART apps (public OAuth2 clients of the authorization server, ADR 0033) as the consent page needs them.
 * Implemented by the API module's authorization server; declared here so that platform-web can name the app
 * without depending on it.
 */
@org.springframework.modulith.NamedInterface("apiclients")
public interface SmartAppDirectory {

    /** A registered SMART app: its client id, display name, redirect URIs and the scopes it may ask for. */
    record SmartApp(String clientId, String name, List<String> redirectUris, List<String> scopes) implements java.io.Serializable {}

    Optional<SmartApp> app(String clientId);

    /** The scopes an app may be registered for. */
    List<String> availableScopes();

    /** Every registered SMART app (platform administrators). */
    List<SmartApp> apps();

    /**
     * Registers a public app under a new client id; refuses ({@link IdentityException}) redirect URIs that are not
     * https or loopback http, or scopes outside {@link #availableScopes()}.
     */
    SmartApp register(String name, Collection<String> redirectUris, Collection<String> scopes);

    /** The apps the user has authorised, with the scopes they approved. */
    List<SmartApp> authorisedBy(UUID userId);

    /** Withdraws the user's authorisation of the app: its stored consent, codes and tokens; from the next request. */
    void revoke(UUID userId, String clientId);
}
