package jp.hip.phr;

import java.time.Instant;

/**
 * One read of a person's data: who, when, through which channel, what, the legal basis (null for reads logged before
 * bases existed) and the consent that allowed it when the basis is consent.
 */
public record AccessLogEntry(Instant occurredAt, String accessorName, String accessorTenantName, String channel,
        String action, String resourceIds, AccessBasis basis, String consentRefs) {}
