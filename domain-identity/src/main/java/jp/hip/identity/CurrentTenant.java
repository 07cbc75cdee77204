package jp.hip.identity;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.hibernate.cfg.MultiTenancySettings;
import org.hibernate.context.spi.CurrentTenantIdentifierResolver;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The one place where tenant scoping happens.
 *
 * <p>Every tenant-owned entity marks its {@code tenant_id} with Hibernate's {@code @TenantId}. Hibernate then
 * adds {@code tenant_id = ?} to every query and load of such an entity, and fills the column on insert,
 * taking the value from this resolver when the session opens. The value comes from the signed-in principal
 * ({@link TenantMember}); platform administrators are Hibernate's "root" tenant and see all rows. Nobody
 * signed in means {@link #NO_TENANT}, which matches no row. A forgotten filter therefore cannot leak data:
 * there is no filter to forget.
 *
 * <p>Work with no signed-in user (start-up, scheduled jobs, sign-in itself) runs inside
 * {@link #runAsSystem(Supplier)} or {@link #runAs(UUID, Supplier)}.
 */
@Component
public class CurrentTenant implements CurrentTenantIdentifierResolver<UUID>, HibernatePropertiesCustomizer {

    /** Matches no tenant's rows. */
    public static final UUID NO_TENANT = new UUID(0, 0);

    /** Hibernate's root tenant: sees every tenant's rows; used by platform administrators and system work. */
    public static final UUID ALL_TENANTS = new UUID(0, 1);

    private static final ThreadLocal<UUID> OVERRIDE = new ThreadLocal<>();
    private static final ThreadLocal<Boolean> RESOLVING = new ThreadLocal<>();

    /** The tenant the current thread acts for, if any. */
    public static Optional<UUID> tenantId() {
        UUID id = resolve();
        return NO_TENANT.equals(id) || ALL_TENANTS.equals(id) ? Optional.empty() : Optional.of(id);
    }

    /** Runs work for one given tenant, whoever is signed in. */
    public static <T> T runAs(UUID tenantId, Supplier<T> work) {
        UUID previous = OVERRIDE.get();
        OVERRIDE.set(tenantId);
        try {
            return work.get();
        } finally {
            restore(previous);
        }
    }

    /** Runs system work that must see every tenant (sign-in look-up, invitations, scheduled jobs, demo data). */
    public static <T> T runAsSystem(Supplier<T> work) {
        return runAs(ALL_TENANTS, work);
    }

    private static void restore(UUID previous) {
        if (previous == null) {
            OVERRIDE.remove();
        } else {
            OVERRIDE.set(previous);
        }
    }

    static UUID resolve() {
        UUID override = OVERRIDE.get();
        if (override != null) {
            return override;
        }
        if (RESOLVING.get() != null) {
            // Loading the security context itself opened a session: it may read no tenant's rows.
            return NO_TENANT;
        }
        RESOLVING.set(Boolean.TRUE);
        try {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication != null && authentication.isAuthenticated()
                    && authentication.getPrincipal() instanceof TenantMember member) {
                return member.actsForAllTenants() ? ALL_TENANTS : member.tenantId();
            }
            return NO_TENANT;
        } finally {
            RESOLVING.remove();
        }
    }

    @Override
    public UUID resolveCurrentTenantIdentifier() {
        return resolve();
    }

    @Override
    public boolean validateExistingCurrentSessions() {
        return false;
    }

    @Override
    public boolean isRoot(UUID tenantId) {
        return ALL_TENANTS.equals(tenantId);
    }

    @Override
    public void customize(Map<String, Object> hibernateProperties) {
        hibernateProperties.put(MultiTenancySettings.MULTI_TENANT_IDENTIFIER_RESOLVER, this);
    }
}
