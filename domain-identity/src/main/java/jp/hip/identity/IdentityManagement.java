package jp.hip.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import jp.hip.identity.apiclients.ApiClientAccount;
import jp.hip.identity.apiclients.ApiClientAccountRepository;
import jp.hip.identity.apiclients.ApiClientView;
import jp.hip.identity.apiclients.ApiCredentialIssuer;
import jp.hip.identity.invitations.InvitationMail;

/**
 * The identity module's facade: tenants, users, invitations. Tenant-scoped methods act on the signed-in
 * user's tenant only ({@link CurrentTenant}); platform-wide ones are for platform administrators, whom the
 * web and API layers let through.
 */
@Service
public class IdentityManagement {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final TenantRepository tenants;
    private final UserAccountRepository users;
    private final ApiClientAccountRepository apiClients;
    private final PasswordEncoder passwordEncoder;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final InvitationMail invitationMail;

    IdentityManagement(
            TenantRepository tenants, UserAccountRepository users, ApiClientAccountRepository apiClients,
            PasswordEncoder passwordEncoder, AuditLog audit, TransactionTemplate tx, Clock clock,
            InvitationMail invitationMail) {
        this.invitationMail = invitationMail;
        this.tenants = tenants;
        this.users = users;
        this.apiClients = apiClients;
        this.passwordEncoder = passwordEncoder;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    public record CreateTenant(TenantKind kind, String name, String corporateNumber, String firstUserEmail,
            String firstUserName, Set<Role> firstUserRoles) {}

    public record InviteUser(String email, String displayName, Set<Role> roles) {}

    /** An invitation: serializable because pages pass it on through the (JDBC-stored) flash scope. The raw token is shown once (to be sent to the invitee) and stored only as a hash. */
    public record Invitation(UUID userId, String email, String token) implements java.io.Serializable {}

    /** Platform admin: a new tenant and its first user, who administers the tenant. */
    public Invitation createTenant(CreateTenant command) {
        return tx.execute(status -> {
            if (command.kind() == null) {
                throw new IdentityException("identity.tenant.kind.required");
            }
            if (command.name() != null && tenants.existsByNameIgnoreCase(command.name().strip())) {
                throw new IdentityException("identity.tenant.name.taken");
            }
            Tenant tenant = tenants.save(
                    new Tenant(UUID.randomUUID(), command.kind(), command.name(), command.corporateNumber(), clock.instant()));
            Set<Role> roles = EnumSet.noneOf(Role.class);
            if (command.firstUserRoles() != null) {
                roles.addAll(command.firstUserRoles());
            }
            if (Role.TENANT_ADMIN.allowedIn(tenant.kind())) {
                roles.add(Role.TENANT_ADMIN);
            }
            audit.record("TENANT_CREATED", "Tenant", tenant.id(), Map.of("kind", tenant.kind().name(), "name", command.name()));
            return invite(tenant, command.firstUserEmail(), command.firstUserName(), roles);
        });
    }

    /** Tenant admin: invites a user into the admin's own tenant. */
    public Invitation inviteUser(InviteUser command) {
        UUID tenantId = CurrentTenant.tenantId().orElseThrow(() -> new IdentityException("identity.tenant.none"));
        return tx.execute(status -> {
            Tenant tenant = tenants.findById(tenantId).orElseThrow(() -> new IdentityException("identity.tenant.none"));
            return invite(tenant, command.email(), command.displayName(), command.roles());
        });
    }

    private Invitation invite(Tenant tenant, String email, String displayName, Set<Role> roles) {
        // the same answer whichever tenant has the e-mail (probe L1)
        if (email != null && users.emailTakenInAnyTenant(email.strip())) {
            throw new IdentityException("identity.user.email.taken");
        }
        String token = newToken();
        UserAccount user = UserAccount.invite(tenant.id(), tenant.kind(), email, displayName, roles, sha256(token), clock.instant());
        users.save(user);
        audit.record("USER_INVITED", "User", user.id(), Map.of("tenant", tenant.id().toString(), "roles", roles.toString()));
        // same transaction: no invitation without its mail, no mail without it
        invitationMail.queue(tenant.view(), user.view(), token);
        return new Invitation(user.id(), user.email(), token);
    }

    /** Anyone holding a valid invitation token sets a password and becomes active. */
    public void acceptInvitation(String token, String rawPassword) {
        UserAccount.checkPasswordStrength(rawPassword);
        CurrentTenant.runAsSystem(() -> tx.execute(status -> {
            UserAccount user = users.findByInvitationTokenHash(sha256(token == null ? "" : token))
                    .orElseThrow(() -> new IdentityException("identity.invitation.invalid"));
            user.acceptInvitation(passwordEncoder.encode(rawPassword), clock.instant());
            audit.recordFor(user.tenantId(), user.id().toString(), user.displayName(), "INVITATION_ACCEPTED", "User",
                    user.id().toString(), null);
            return null;
        }));
    }

    /** Operator set-up and demo data: a user with a password, no invitation. Runs as system. */
    public UUID registerActiveUser(UUID tenantId, String email, String displayName, Set<Role> roles, String rawPassword) {
        UserAccount.checkPasswordStrength(rawPassword);
        return CurrentTenant.runAsSystem(() -> tx.execute(status -> {
            Tenant tenant = tenants.findById(tenantId).orElseThrow(() -> new IdentityException("identity.tenant.unknown"));
            UserAccount user = UserAccount.active(tenant.id(), tenant.kind(), email, displayName, roles,
                    passwordEncoder.encode(rawPassword), clock.instant());
            users.save(user);
            return user.id();
        }));
    }

    /**
     * A person who proved who they are (PHR sign-up with an insurer's one-time code, ADR 0043) gets their own
     * PERSONAL tenant and an active INDIVIDUAL user. Joins the caller's transaction; runs as system. The e-mail
     * is refused whichever tenant has it (probe L1); the tenant is named after the person plus a short unique part
     * (tenant names are unique, people's names are not).
     */
    public UUID registerIndividual(String displayName, String email, String rawPassword) {
        UserAccount.checkPasswordStrength(rawPassword);
        return CurrentTenant.runAsSystem(() -> tx.execute(status -> {
            if (email == null || users.emailTakenInAnyTenant(email.strip())) {
                throw new IdentityException(email == null ? "identity.user.email.invalid" : "identity.user.email.taken");
            }
            UUID tenantId = UUID.randomUUID();
            // flushed at once: the caller links the tenant to its person with plain SQL in the same transaction
            Tenant tenant = tenants.saveAndFlush(new Tenant(tenantId, TenantKind.PERSONAL,
                    displayName + "（" + tenantId.toString().substring(0, 8) + "）", null, clock.instant()));
            UserAccount user = UserAccount.active(tenant.id(), tenant.kind(), email.strip(), displayName, EnumSet.of(Role.INDIVIDUAL),
                    passwordEncoder.encode(rawPassword), clock.instant());
            users.saveAndFlush(user);
            audit.recordFor(tenant.id(), user.id().toString(), displayName, "INDIVIDUAL_REGISTERED", "User", user.id().toString(), null);
            return tenant.id();
        }));
    }

    /** Operator set-up and demo data: a tenant without a first user. Runs as system. */
    public UUID registerTenant(TenantKind kind, String name, String corporateNumber) {
        return CurrentTenant.runAsSystem(() -> tx.execute(status -> tenants.save(
                new Tenant(UUID.randomUUID(), kind, name, corporateNumber, clock.instant())).id()));
    }

    /** Tenant admin: disables or re-enables a user of the own tenant. A user of another tenant is not found. */
    public void setUserEnabled(UUID userId, boolean enabled, UUID actingUserId) {
        tx.execute(status -> {
            UserAccount user = users.findById(userId).orElseThrow(() -> new IdentityException("identity.user.notFound"));
            if (user.id().equals(actingUserId)) {
                throw new IdentityException("identity.user.cannotDisableSelf");
            }
            if (enabled) {
                user.enable();
            } else {
                user.disable();
            }
            audit.record(enabled ? "USER_ENABLED" : "USER_DISABLED", "User", user.id(), null);
            return null;
        });
    }

    /** The users of the signed-in tenant. */
    public List<UserView> usersOfCurrentTenant() {
        return tx.execute(status -> users.findAllByOrderByDisplayNameAsc().stream().map(UserAccount::view).toList());
    }

    /** A user of the signed-in tenant; empty for a user of any other tenant. */
    public Optional<UserView> user(UUID userId) {
        return tx.execute(status -> users.findById(userId).map(UserAccount::view));
    }

    /** Every tenant, for a platform administrator (root); only the own tenant for anyone else. */
    public List<TenantView> tenants() {
        return tx.execute(status -> tenants.findAllByOrderByKindAscNameAsc().stream()
                .filter(t -> visible(t.id()))
                .map(Tenant::view)
                .toList());
    }

    /** A tenant, if it is the caller's own or the caller is a platform administrator. */
    public Optional<TenantView> tenant(UUID tenantId) {
        return tx.execute(status -> tenants.findById(tenantId).filter(t -> visible(t.id())).map(Tenant::view));
    }

    // plat_tenant is the tenant itself, not a tenant-owned row, so @TenantId cannot scope it: the rule is here.
    private static boolean visible(UUID tenantId) {
        UUID current = CurrentTenant.resolve();
        return CurrentTenant.ALL_TENANTS.equals(current) || tenantId.equals(current);
    }

    public record RegisteredApiClient(ApiClientView client, String clientSecret) implements java.io.Serializable {}

    /** Registers an integration for a tenant: credentials from the authorization server, the binding here. */
    public RegisteredApiClient registerApiClient(UUID tenantId, String name, Set<String> scopes, ApiCredentialIssuer issuer) {
        if (scopes == null || scopes.isEmpty() || !issuer.availableScopes().containsAll(scopes)) {
            throw new IdentityException("identity.apiClient.scopes.invalid");
        }
        if (name == null || name.isBlank()) {
            throw new IdentityException("identity.apiClient.name.required");
        }
        if (tenant(tenantId).isEmpty()) {
            throw new IdentityException("identity.tenant.unknown");
        }
        return tx.execute(status -> {
            ApiCredentialIssuer.Credentials credentials = issuer.issue(tenantId, name, scopes);
            String scopeText = String.join(" ", new java.util.TreeSet<>(scopes));
            ApiClientAccount client = CurrentTenant.runAs(tenantId, () -> apiClients.save(
                    new ApiClientAccount(credentials.clientId(), tenantId, name, scopeText, clock.instant())));
            audit.recordFor(tenantId, actorId(), null, "API_CLIENT_REGISTERED", "ApiClient", credentials.clientId(),
                    Map.of("scopes", scopeText));
            return new RegisteredApiClient(client.view(), credentials.clientSecret());
        });
    }

    private static String actorId() {
        var authentication = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof SignedInUser user ? user.id().toString() : "system";
    }

    /**
     * Revokes an API client of the signed-in tenant (any tenant's for a platform administrator): the binding stays,
     * marked inactive; the authorization server forgets the client, so it gets no new tokens and the tokens it holds
     * are refused from the next request. Another tenant's client id is "unknown".
     */
    public void revokeApiClient(String clientId, ApiCredentialIssuer issuer) {
        tx.executeWithoutResult(status -> {
            ApiClientAccount client = apiClients.findById(clientId)
                    .orElseThrow(() -> new IdentityException("identity.apiClient.unknown"));
            client.revoke();
            issuer.revoke(client.clientId());
            audit.recordFor(client.tenantId(), actorId(), null, "API_CLIENT_REVOKED", "ApiClient", client.clientId(), Map.of());
        });
    }

    /**
     * A platform administrator allows (or no longer allows) an API client to record consents the person gave
     * elsewhere, with their evidence (ADR 0037). Audited.
     */
    public void allowConsentRecording(String clientId, boolean allowed) {
        tx.executeWithoutResult(status -> {
            ApiClientAccount client = apiClients.findById(clientId)
                    .orElseThrow(() -> new IdentityException("identity.apiClient.unknown"));
            client.recordConsents(allowed);
            audit.recordFor(client.tenantId(), actorId(), null, "API_CLIENT_CONSENT_RECORDING_SET", "ApiClient", client.clientId(),
                    Map.of("allowed", allowed));
        });
    }

    /** Whether an active API client may record consents (looked up as system: the FHIR layer asks per request). */
    public boolean apiClientRecordsConsents(String clientId) {
        return CurrentTenant.runAsSystem(() -> tx.execute(status -> apiClients.findById(clientId)
                .map(c -> c.view().active() && c.recordsConsents()).orElse(false)));
    }

    /** The API clients of the signed-in tenant (all of them for a platform administrator). */
    public List<ApiClientView> apiClients() {
        return tx.execute(status -> apiClients.findAllByOrderByCreatedAtDesc().stream().map(ApiClientAccount::view).toList());
    }

    /** Finds a tenant by name (operator set-up, demo data). Runs as system. */
    public Optional<TenantView> tenantNamed(String name) {
        return CurrentTenant.runAsSystem(() -> tx.execute(status -> tenants.findAllByOrderByKindAscNameAsc().stream()
                .filter(t -> t.view().name().equalsIgnoreCase(name))
                .findFirst()
                .map(Tenant::view)));
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
