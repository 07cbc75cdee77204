package jp.hip.identity;

import java.time.Instant;
import java.util.UUID;

/** What other modules and pages see of a tenant. */
public record TenantView(UUID id, TenantKind kind, String name, String corporateNumber, boolean active, Instant createdAt) {}
