package jp.hip.api;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Component;

import jp.hip.identity.AuditLog;
import jp.hip.identity.IdentityException;
import jp.hip.identity.apiclients.SmartAppDirectory;

/**
 * SMART apps (App Launch 2.x "standalone patient launch", ADR 0033): public OAuth2 clients (no secret) that get a
 * patient-level token through the authorization_code grant with PKCE (S256) after the individual signs in and
 * approves. They are not bound to a tenant: the token's tenant is the individual's PERSONAL tenant.
 */
@Component
public class SmartApps implements SmartAppDirectory {

    /** Scopes a SMART app may ask for (SMART v2: r = read, s = search, c = create). Never given to client credentials. */
    public static final List<String> SCOPES = List.of("launch/patient", "patient/Patient.rs", "patient/Observation.rs",
            "patient/Observation.c", "patient/Consent.rs", "patient/Consent.c", "patient/MedicationStatement.rs");

    /** Marks a registered client as a SMART app (client setting). */
    static final String SMART_SETTING = "hip.smart_app";

    private final RegisteredClientRepository clients;
    private final JdbcTemplate jdbc;
    private final AuditLog audit;

    SmartApps(RegisteredClientRepository clients, JdbcTemplate jdbc, AuditLog audit) {
        this.clients = clients;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @Override
    public List<String> availableScopes() {
        return SCOPES;
    }

    @Override
    public SmartApp register(String name, Collection<String> redirectUris, Collection<String> scopes) {
        return register("smart-" + UUID.randomUUID(), name, redirectUris, scopes);
    }

    /**
     * Registers a public SMART app with the given client id; redirect URIs must be absolute URLs without a fragment,
     * https or http on a loopback address (native apps), and scopes a subset of {@link #SCOPES}.
     */
    public SmartApp register(String clientId, String name, Collection<String> redirectUris, Collection<String> scopes) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new IdentityException("identity.smartApp.name.required");
        }
        if (scopes.isEmpty() || !SCOPES.containsAll(scopes)) {
            throw new IdentityException("identity.smartApp.scopes.invalid");
        }
        if (redirectUris.isEmpty() || !redirectUris.stream().allMatch(SmartApps::acceptableRedirect)
                || String.join(",", redirectUris).length() > 1000) {
            throw new IdentityException("identity.smartApp.redirect.invalid");
        }
        if (clients.findByClientId(clientId) != null) {
            throw new IdentityException("identity.smartApp.clientId.taken");
        }
        RegisteredClient client = RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(clientId)
                .clientName(name.strip())
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUris(uris -> uris.addAll(redirectUris))
                .scopes(s -> s.addAll(scopes))
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(true)
                        .setting(SMART_SETTING, "true").build())
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(Duration.ofMinutes(30))
                        .authorizationCodeTimeToLive(Duration.ofMinutes(5)).build())
                .build();
        clients.save(client);
        audit.record("SMART_APP_REGISTERED", "SmartApp", clientId, Map.of("name", name.strip(),
                "redirectUris", String.join(" ", redirectUris), "scopes", String.join(" ", scopes)));
        return view(client);
    }

    static boolean acceptableRedirect(String uri) {
        try {
            java.net.URI parsed = new java.net.URI(uri);
            if (parsed.getFragment() != null || parsed.getHost() == null) {
                return false;
            }
            return "https".equals(parsed.getScheme())
                    || ("http".equals(parsed.getScheme()) && (parsed.getHost().equals("127.0.0.1") || parsed.getHost().equals("[::1]")));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    @Override
    public Optional<SmartApp> app(String clientId) {
        if (clientId == null || clientId.isBlank()) {
            return Optional.empty();
        }
        RegisteredClient client = clients.findByClientId(clientId);
        return Optional.ofNullable(client).filter(SmartApps::isSmartApp).map(SmartApps::view);
    }

    @Override
    public List<SmartApp> apps() {
        return jdbc.queryForList("select client_id from oauth2_registered_client where client_settings like ? order by client_name, client_id",
                        String.class, "%" + SMART_SETTING + "%")
                .stream().map(this::app).flatMap(Optional::stream).toList();
    }

    @Override
    public List<SmartApp> authorisedBy(UUID userId) {
        String sql = "select r.client_id, c.authorities from oauth2_authorization_consent c"
                + " join oauth2_registered_client r on r.id = c.registered_client_id"
                + " where c.principal_name = ? order by r.client_name";
        return jdbc.query(sql, (rs, n) -> {
            Set<String> approved = new LinkedHashSet<>();
            for (String authority : rs.getString(2).split(",")) {
                if (authority.startsWith("SCOPE_")) {
                    approved.add(authority.substring("SCOPE_".length()));
                }
            }
            return app(rs.getString(1)).map(a -> new SmartApp(a.clientId(), a.name(), a.redirectUris(),
                    SCOPES.stream().filter(approved::contains).toList()));
        }, userId.toString()).stream().flatMap(Optional::stream).toList();
    }

    @Override
    public void revoke(UUID userId, String clientId) {
        RegisteredClient client = clientId == null ? null : clients.findByClientId(clientId);
        if (client == null || !isSmartApp(client)) {
            return;
        }
        int consents = jdbc.update("delete from oauth2_authorization_consent where registered_client_id = ? and principal_name = ?",
                client.getId(), userId.toString());
        jdbc.update("delete from oauth2_authorization where registered_client_id = ? and principal_name = ?",
                client.getId(), userId.toString());
        if (consents > 0) {
            audit.record("SMART_APP_REVOKED", "SmartApp", clientId, Map.of("user", userId.toString()));
        }
    }

    /**
     * Whether the user's authorisation of the app still stands: checked on every patient-level request, so that a
     * withdrawal counts from the next request although the JWT itself has not expired.
     */
    boolean stillAuthorised(String clientId, String userId) {
        Integer found = jdbc.queryForObject("select count(*) from oauth2_authorization_consent c"
                + " join oauth2_registered_client r on r.id = c.registered_client_id"
                + " where r.client_id = ? and c.principal_name = ?", Integer.class, clientId, userId);
        return found != null && found > 0;
    }

    static boolean isSmartApp(RegisteredClient client) {
        return "true".equals(String.valueOf(client.getClientSettings().getSettings().get(SMART_SETTING)));
    }

    private static SmartApp view(RegisteredClient client) {
        Set<String> scopes = new LinkedHashSet<>();
        SCOPES.stream().filter(client.getScopes()::contains).forEach(scopes::add);
        return new SmartApp(client.getClientId(), client.getClientName(), List.copyOf(client.getRedirectUris()), List.copyOf(scopes));
    }
}
