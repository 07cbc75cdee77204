package jp.hip.phr;

import java.util.UUID;

/**
 * Who is reading or writing: a tenant (insurer, employer, PHR service; consent and membership decide what it
 * sees) or the individual (their PERSONAL tenant; sees only their own person). Every read is logged with it.
 */
public record Accessor(UUID tenantId, boolean individual, String actorId, String actorName, Channel channel) {

    public enum Channel { PAGE, API, EXPORT }

    public static Accessor tenant(UUID tenantId, String actorId, String actorName, Channel channel) {
        return new Accessor(tenantId, false, actorId, actorName, channel);
    }

    public static Accessor individual(UUID personalTenantId, String actorId, String actorName, Channel channel) {
        return new Accessor(personalTenantId, true, actorId, actorName, channel);
    }

    public Accessor via(Channel other) {
        return new Accessor(tenantId, individual, actorId, actorName, other);
    }

    /** Writes and tenant-only reads: the individual is refused (403). */
    public void requireTenant() {
        if (individual) {
            throw PhrException.of(PhrException.Kind.FORBIDDEN, "phr.error.individualWrite");
        }
    }
}
