package jp.hip.api;

import java.util.Set;
import java.util.UUID;

import jp.hip.identity.TenantMember;

/**
 * The principal of an API request: a registered client acting for exactly one tenant, within its scopes. With a
 * SMART patient-level token (ADR 0033) the tenant is the individual's PERSONAL tenant and {@code patientId} their
 * person; otherwise {@code patientId} is null.
 */
public record ApiClient(String clientId, UUID tenantId, Set<String> scopes, UUID patientId) implements TenantMember {

    public ApiClient(String clientId, UUID tenantId, Set<String> scopes) {
        this(clientId, tenantId, scopes, null);
    }

    /** A SMART app acting for the individual who authorised it. */
    public boolean forPatient() {
        return patientId != null;
    }
}
