package jp.hip.api;

import java.util.Set;
import java.util.UUID;

import jp.hip.identity.TenantMember;

/** The principal of an API request: a registered client acting for exactly one tenant, within its scopes. */
public record ApiClient(String clientId, UUID tenantId, Set<String> scopes) implements TenantMember {}
