package jp.hip.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.TenantId;

/**
 * A person who signs in. Belongs to one tenant; its roles must fit the tenant's kind. Counts its wrong passwords
 * in a row (shown to administrators) but is never locked by them: locking let anybody lock anybody (probe M3);
 * {@link jp.hip.identity.throttling.Throttle} slows down the address that tries instead (ADR 0007).
 */
@Entity
@Table(name = "plat_user")
class UserAccount {

    static final int MIN_PASSWORD_LENGTH = 12;
    /** Long passphrases are welcome (Argon2id has no 72-byte limit); the cap only bounds the hashing work. */
    static final int MAX_PASSWORD_LENGTH = 256;
    static final Duration INVITATION_VALIDITY = Duration.ofDays(7);

    @Id
    private UUID id;

    @TenantId
    @Column(name = "tenant_id")
    private UUID tenantId;

    private String email;

    @Column(name = "display_name")
    private String displayName;

    @Column(name = "password_hash")
    private String passwordHash;

    @Enumerated(EnumType.STRING)
    private UserStatus status;

    @Column(name = "failed_attempts")
    private int failedAttempts;

    @Column(name = "locked_until")
    private Instant lockedUntil;

    @Column(name = "invitation_token_hash")
    private String invitationTokenHash;

    @Column(name = "invitation_expires_at")
    private Instant invitationExpiresAt;

    @Column(name = "created_at")
    private Instant createdAt;

    @Version
    private long version;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "plat_role_membership", joinColumns = @JoinColumn(name = "user_id"))
    @Column(name = "role")
    @Enumerated(EnumType.STRING)
    private Set<Role> roles = EnumSet.noneOf(Role.class);

    protected UserAccount() {}

    private UserAccount(UUID tenantId, TenantKind kind, String email, String displayName, Set<Role> roles, Instant now) {
        if (email == null || !email.strip().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw new IdentityException("identity.user.email.invalid");
        }
        if (displayName == null || displayName.isBlank()) {
            throw new IdentityException("identity.user.displayName.required");
        }
        if (roles == null || roles.isEmpty()) {
            throw new IdentityException("identity.user.roles.required");
        }
        for (Role role : roles) {
            if (!role.allowedIn(kind)) {
                throw new IdentityException("identity.user.roles.notAllowed");
            }
        }
        this.id = UUID.randomUUID();
        this.tenantId = tenantId;
        this.email = email.strip().toLowerCase(java.util.Locale.ROOT);
        this.displayName = displayName.strip();
        this.roles = EnumSet.copyOf(roles);
        this.createdAt = now;
    }

    /** A user who sets a password through an invitation link. */
    static UserAccount invite(
            UUID tenantId, TenantKind kind, String email, String displayName, Set<Role> roles, String tokenHash, Instant now) {
        UserAccount user = new UserAccount(tenantId, kind, email, displayName, roles, now);
        user.status = UserStatus.INVITED;
        user.invitationTokenHash = tokenHash;
        user.invitationExpiresAt = now.plus(INVITATION_VALIDITY);
        return user;
    }

    /** A user with a password from the start (demo data, operator set-up). */
    static UserAccount active(
            UUID tenantId, TenantKind kind, String email, String displayName, Set<Role> roles, String passwordHash, Instant now) {
        UserAccount user = new UserAccount(tenantId, kind, email, displayName, roles, now);
        user.status = UserStatus.ACTIVE;
        user.passwordHash = passwordHash;
        return user;
    }

    static void checkPasswordStrength(String rawPassword) {
        if (rawPassword == null || rawPassword.length() < MIN_PASSWORD_LENGTH) {
            throw new IdentityException("identity.user.password.tooShort");
        }
        if (rawPassword.length() > MAX_PASSWORD_LENGTH) {
            throw new IdentityException("identity.user.password.tooLong");
        }
    }

    void acceptInvitation(String newPasswordHash, Instant now) {
        if (status != UserStatus.INVITED || invitationExpiresAt == null || now.isAfter(invitationExpiresAt)) {
            throw new IdentityException("identity.invitation.invalid");
        }
        this.passwordHash = newPasswordHash;
        this.status = UserStatus.ACTIVE;
        this.invitationTokenHash = null;
        this.invitationExpiresAt = null;
    }

    void disable() {
        this.status = UserStatus.DISABLED;
    }

    void enable() {
        if (status == UserStatus.DISABLED) {
            this.status = passwordHash == null ? UserStatus.INVITED : UserStatus.ACTIVE;
        }
    }

    void recordFailedSignIn() {
        failedAttempts++;
    }

    void recordSuccessfulSignIn() {
        failedAttempts = 0;
        lockedUntil = null;
    }

    int failedAttempts() {
        return failedAttempts;
    }

    /** Sign-in upgraded the stored hash to the current scheme (bcrypt → Argon2id, ADR 0007). */
    void rehashPassword(String newPasswordHash) {
        if (status == UserStatus.ACTIVE && passwordHash != null) {
            this.passwordHash = newPasswordHash;
        }
    }

    UUID id() {
        return id;
    }

    UUID tenantId() {
        return tenantId;
    }

    String email() {
        return email;
    }

    String displayName() {
        return displayName;
    }

    String passwordHash() {
        return passwordHash;
    }

    UserStatus status() {
        return status;
    }

    Set<Role> roles() {
        return EnumSet.copyOf(roles.isEmpty() ? EnumSet.noneOf(Role.class) : roles);
    }

    UserView view() {
        return new UserView(id, tenantId, email, displayName, status, roles(), createdAt);
    }
}
