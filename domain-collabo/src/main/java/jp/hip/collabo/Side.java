package jp.hip.collabo;

import jp.hip.identity.TenantKind;

/** Which side of a link a tenant is on. */
public enum Side {
    COMPANY, INSURER;

    public static Side of(TenantKind kind) {
        return switch (kind) {
            case COMPANY -> COMPANY;
            case INSURER -> INSURER;
            default -> throw new CollaboException("collabo.link.wrongKind");
        };
    }

    public Side other() {
        return this == COMPANY ? INSURER : COMPANY;
    }
}
