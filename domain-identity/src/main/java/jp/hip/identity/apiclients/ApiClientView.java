package jp.hip.identity.apiclients;

import java.time.Instant;
import java.util.UUID;

@org.springframework.modulith.NamedInterface("apiclients")
public record ApiClientView(String clientId, UUID tenantId, String name, String scopes, boolean active, Instant createdAt,
        boolean recordsConsents)
        implements java.io.Serializable {}
