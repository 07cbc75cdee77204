package jp.hip.phr;

import java.util.UUID;

/**
 * Who is reading or writing: a tenant (insurer, employer, PHR service; consent and membership decide what it
 * sees) or the individual (their PERSONAL tenant; sees only their own person). Every read is logged with it.
 * {@code requestId} is new for every accessor made by the factories: a page view or an API request makes one, so its
 * access-log lines show as one entry to the person (ADR 0042).
 */
public record Accessor(UUID tenantId, boolean individual, String actorId, String actorName, Channel channel,
        boolean recordsConsents, UUID requestId) {

    public enum Channel { PAGE, API, EXPORT }

    public static Accessor tenant(UUID tenantId, String actorId, String actorName, Channel channel) {
        return new Accessor(tenantId, false, actorId, actorName, channel, false, UUID.randomUUID());
    }

    public static Accessor individual(UUID personalTenantId, String actorId, String actorName, Channel channel) {
        return new Accessor(personalTenantId, true, actorId, actorName, channel, false, UUID.randomUUID());
    }

    public Accessor via(Channel other) {
        return new Accessor(tenantId, individual, actorId, actorName, other, recordsConsents, requestId);
    }

    /**
     * A tenant's API client that a platform administrator allowed to record consents the person gave elsewhere,
     * with their evidence (ADR 0037).
     */
    public Accessor recordingConsents(boolean allowed) {
        return new Accessor(tenantId, individual, actorId, actorName, channel, allowed && !individual, requestId);
    }

    /** Writes and tenant-only reads: the individual is refused (403). */
    public void requireTenant() {
        if (individual) {
            throw PhrException.of(PhrException.Kind.FORBIDDEN, "phr.error.individualWrite");
        }
    }
}
