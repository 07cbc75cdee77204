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
    private static final ThreadLocal<CrossTenantScope> SCOPE = new ThreadLocal<>();
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CurrentTenant.class);
    private static final ThreadLocal<Boolean> RESOLVING = new ThreadLocal<>();
    private static final ThreadLocal<Boolean> IN_REQUEST = new ThreadLocal<>();

    /** Marks the current thread as serving a web request until closed (a filter in front of every other). */
    public static RequestMark requestStarted() {
        IN_REQUEST.set(Boolean.TRUE);
        return IN_REQUEST::remove;
    }

    /** The end of a request's mark. */
    public interface RequestMark extends AutoCloseable {
        @Override
        void close();
    }

    /** The tenant the current thread acts for, if any. */
    public static Optional<UUID> tenantId() {
        UUID id = resolve();
        return NO_TENANT.equals(id) || ALL_TENANTS.equals(id) ? Optional.empty() : Optional.of(id);
    }

    /** Runs work for one given tenant, whoever is signed in. */
    public static <T> T runAs(UUID tenantId, Supplier<T> work) {
        return run(tenantId, null, work);
    }

    /**
     * Runs system work that must see every tenant (sign-in look-up, invitations, scheduled jobs, demo data): the
     * database scope {@link CrossTenantScope#SYSTEM}.
     */
    public static <T> T runAsSystem(Supplier<T> work) {
        return run(ALL_TENANTS, CrossTenantScope.SYSTEM, work);
    }

    /**
     * Runs work that crosses tenants for one named purpose (ADR 0090): Hibernate sees every tenant, and the database
     * connections opened inside carry {@code hip.scope = scope}, which only the row-level security policies written
     * for that purpose accept. Every entry is logged (logger {@code jp.hip.identity.CurrentTenant}, DEBUG).
     * Open the transaction inside the block: a connection takes the scope when it is taken from the pool.
     */
    public static <T> T runInScope(CrossTenantScope scope, String purpose, Supplier<T> work) {
        log.debug("cross-tenant scope {} for {}", scope.setting(), purpose);
        return run(ALL_TENANTS, scope, work);
    }

    private static <T> T run(UUID tenantId, CrossTenantScope scope, Supplier<T> work) {
        UUID previous = OVERRIDE.get();
        CrossTenantScope previousScope = SCOPE.get();
        OVERRIDE.set(tenantId);
        if (scope == null) {
            SCOPE.remove();
        } else {
            SCOPE.set(scope);
        }
        try {
            return work.get();
        } finally {
            restore(previous, previousScope);
        }
    }

    private static void restore(UUID previous, CrossTenantScope previousScope) {
        if (previous == null) {
            OVERRIDE.remove();
        } else {
            OVERRIDE.set(previous);
        }
        if (previousScope == null) {
            SCOPE.remove();
        } else {
            SCOPE.set(previousScope);
        }
    }

    /**
     * The two settings a database connection carries for the current thread (ADR 0090): {@code hip.tenant_id}
     * (empty for none) and {@code hip.scope} (empty for none). Platform administrators and {@link #runAsSystem}
     * carry the scope {@code system}; {@code withoutPrincipal} is the scope of a thread that serves no request and
     * has no override and no authentication at all (production: empty; the test harness's own SQL: TestDatabase).
     * Public only for {@code jp.hip.identity.database.TenantConnections}, which sets them (ADR 0112).
     */
    public static String[] databaseSettings(String withoutPrincipal) {
        CrossTenantScope scope = SCOPE.get();
        if (scope != null) {
            return new String[] {"", scope.setting()};
        }
        UUID id = resolve();
        if (ALL_TENANTS.equals(id)) {
            return new String[] {"", CrossTenantScope.SYSTEM.setting()};
        }
        if (NO_TENANT.equals(id)) {
            boolean harness = OVERRIDE.get() == null && IN_REQUEST.get() == null && unauthenticated();
            return new String[] {"", harness ? withoutPrincipal : ""};
        }
        return new String[] {id.toString(), ""};
    }

    private static boolean unauthenticated() {
        if (RESOLVING.get() != null) {
            return false;
        }
        RESOLVING.set(Boolean.TRUE);
        try {
            return SecurityContextHolder.getContext().getAuthentication() == null;
        } finally {
            RESOLVING.remove();
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
