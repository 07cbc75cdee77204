package jp.hip.identity;

import java.time.Instant;
import java.util.UUID;

public record ApiClientView(String clientId, UUID tenantId, String name, String scopes, boolean active, Instant createdAt,
        boolean recordsConsents)
        implements java.io.Serializable {}
