package jp.hip.api;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Component;

import jp.hip.identity.apiclients.ApiCredentialIssuer;

/** Client-credentials clients in the authorization server, each carrying its tenant in its settings. */
@Component
class ClientCredentialsIssuer implements ApiCredentialIssuer {

    /** Scopes grow with the API; each endpoint names the one it needs in {@link ApiSecurityConfiguration}. */
    static final Set<String> SCOPES = Set.of("users.read", "users.write", "accounting.read", "accounting.write",
            "phr.checkups.write", // 特定健診 import for an insurer's own systems
            "collabo.read", // コラボヘルス reports and investment beside outcome (issue 12)
            // FHIR (SMART v2 style, system level): r = read, s = search, c = create, u = update
            "system/Patient.rs", "system/Patient.c", "system/Observation.rs", "system/Observation.c",
            "system/Observation.u", "system/Consent.rs",
            "system/Consent.c",
            "system/MedicationStatement.rs", "system/MedicationStatement.c"); // 薬剤情報 (ADR 0035)

    private static final SecureRandom RANDOM = new SecureRandom();

    private final RegisteredClientRepository clients;
    private final PasswordEncoder passwordEncoder;
    private final org.springframework.jdbc.core.JdbcTemplate jdbc;

    ClientCredentialsIssuer(RegisteredClientRepository clients, PasswordEncoder passwordEncoder,
            org.springframework.jdbc.core.JdbcTemplate jdbc) {
        this.clients = clients;
        this.passwordEncoder = passwordEncoder;
        this.jdbc = jdbc;
    }

    /** Forgets the client and its stored authorizations (in the caller's transaction). */
    @Override
    public void revoke(String clientId) {
        jdbc.update("delete from oauth2_authorization where registered_client_id in "
                + "(select id from oauth2_registered_client where client_id = ?)", clientId);
        jdbc.update("delete from oauth2_registered_client where client_id = ?", clientId);
    }

    /** Is the client still registered? Asked on every API request (index V5), so a revocation counts at once. */
    boolean registered(String clientId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from oauth2_registered_client where client_id = ?)", Boolean.class, clientId));
    }

    @Override
    public Set<String> availableScopes() {
        return SCOPES;
    }

    @Override
    public Credentials issue(UUID tenantId, String name, Set<String> scopes) {
        String clientId = "hip-" + UUID.randomUUID();
        byte[] secretBytes = new byte[32];
        RANDOM.nextBytes(secretBytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        return issue(tenantId, name, scopes, new Credentials(clientId, secret));
    }

    @Override
    public Credentials issue(UUID tenantId, String name, Set<String> scopes, Credentials chosen) {
        String clientId = chosen.clientId();
        String secret = chosen.clientSecret();
        RegisteredClient client = RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(clientId)
                .clientName(name)
                .clientSecret(passwordEncoder.encode(secret))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scopes(s -> s.addAll(scopes))
                .clientSettings(ClientSettings.builder().setting(ApiSecurityConfiguration.TENANT_SETTING, tenantId.toString()).build())
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(Duration.ofMinutes(30)).build())
                .build();
        clients.save(client);
        return new Credentials(clientId, secret);
    }
}
