package jp.hip.identity;

import java.io.Serial;
import java.io.Serializable;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The principal of a browser session: who, for which tenant, with which roles. Stored in the shared
 * (JDBC) session, hence serializable; the password hash is erased after sign-in.
 */
public final class SignedInUser implements UserDetails, CredentialsContainer, TenantMember, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final UUID id;
    private final UUID tenantId;
    private final String tenantName;
    private final TenantKind tenantKind;
    private final String email;
    private final String displayName;
    private final EnumSet<Role> roles;
    private final boolean enabled;
    private String passwordHash;

    SignedInUser(UserAccount user, Tenant tenant) {
        this.id = user.id();
        this.tenantId = user.tenantId();
        this.tenantName = tenant.view().name();
        this.tenantKind = tenant.kind();
        this.email = user.email();
        this.displayName = user.displayName();
        this.roles = EnumSet.copyOf(user.roles().isEmpty() ? EnumSet.noneOf(Role.class) : user.roles());
        this.enabled = user.status() == UserStatus.ACTIVE && tenant.view().active();
        this.passwordHash = user.passwordHash();
    }

    public UUID id() {
        return id;
    }

    @Override
    public UUID tenantId() {
        return tenantId;
    }

    @Override
    public boolean actsForAllTenants() {
        return roles.contains(Role.PLATFORM_ADMIN);
    }

    public String tenantName() {
        return tenantName;
    }

    public TenantKind tenantKind() {
        return tenantKind;
    }

    public String email() {
        return email;
    }

    public String displayName() {
        return displayName;
    }

    public Set<Role> roles() {
        return EnumSet.copyOf(roles);
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return roles.stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList();
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return email;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void eraseCredentials() {
        this.passwordHash = null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SignedInUser that && id.equals(that.id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "SignedInUser[" + id + ", tenant " + tenantId + ", roles " + List.copyOf(roles) + "]";
    }
}
