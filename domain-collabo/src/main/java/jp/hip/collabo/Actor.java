package jp.hip.collabo;

import java.util.UUID;

import jp.hip.identity.TenantKind;

/** Who acts: the tenant (company or insurer), its kind, and the user or client's id and name for the audit trail. */
public record Actor(UUID tenantId, TenantKind kind, String actorId, String actorName) {

    public Side side() {
        return Side.of(kind);
    }
}
