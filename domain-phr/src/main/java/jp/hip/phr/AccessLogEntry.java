package jp.hip.phr;

import java.time.Instant;

/** One read of a person's data: who, when, through which channel, what, and the consent that allowed it. */
public record AccessLogEntry(Instant occurredAt, String accessorName, String accessorTenantName, String channel,
        String action, String resourceIds, String consentRefs) {}
