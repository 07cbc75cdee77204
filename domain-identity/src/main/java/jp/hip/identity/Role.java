package jp.hip.identity;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a user may do. Each role belongs to one {@link TenantKind}; {@link #TENANT_ADMIN} may be added to
 * any organisation's user and lets that user invite and disable the tenant's users.
 */
public enum Role {
    HR_STAFF(EnumSet.of(TenantKind.COMPANY)),
    COMPANY_VIEWER(EnumSet.of(TenantKind.COMPANY)),
    INSURER_STAFF(EnumSet.of(TenantKind.INSURER)),
    REGISTRY_OFFICER(EnumSet.of(TenantKind.REGISTRY_OPERATOR)),
    ASSOCIATION_USER(EnumSet.of(TenantKind.ASSOCIATION)),
    INDIVIDUAL(EnumSet.of(TenantKind.PERSONAL)),
    PLATFORM_ADMIN(EnumSet.of(TenantKind.PLATFORM_OPERATOR)),
    TENANT_ADMIN(EnumSet.of(TenantKind.COMPANY, TenantKind.INSURER, TenantKind.ASSOCIATION, TenantKind.REGISTRY_OPERATOR));

    private final Set<TenantKind> kinds;

    Role(Set<TenantKind> kinds) {
        this.kinds = kinds;
    }

    public boolean allowedIn(TenantKind kind) {
        return kinds.contains(kind);
    }

    /** The Spring Security authority name, e.g. {@code ROLE_HR_STAFF}. */
    public String authority() {
        return "ROLE_" + name();
    }

    /** The roles a user of this kind of tenant can be given. */
    public static Set<Role> availableIn(TenantKind kind) {
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        for (Role role : values()) {
            if (role.allowedIn(kind)) {
                roles.add(role);
            }
        }
        return roles;
    }
}
