package jp.hip.identity;

import java.util.UUID;

/**
 * A signed-in principal that acts for one tenant: a user at a browser or an API client with a token.
 * {@link CurrentTenant} reads the tenant from it.
 */
public interface TenantMember {

    UUID tenantId();

    /** Platform administrators act across tenants (Hibernate's root tenant). */
    default boolean actsForAllTenants() {
        return false;
    }
}
