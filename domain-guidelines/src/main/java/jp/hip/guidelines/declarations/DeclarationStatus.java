package jp.hip.guidelines.declarations;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a declaration (宣言書) stands. Words shown: 下書き, 提出済み, 掲載中, 不受理, 失効, 差替え, 取下げ, 掲載取消,
 * 一時停止: never 認定. DRAFT, SUBMITTED and NOT_ACCEPTED are never public (IAF CertSearch: drafts are not
 * searchable; ref-guidelines.md §4.2).
 */
public enum DeclarationStatus {
    DRAFT, SUBMITTED, LISTED, NOT_ACCEPTED, EXPIRED, SUPERSEDED, WITHDRAWN, DELISTED, SUSPENDED;

    public static final Set<DeclarationStatus> PUBLIC =
            EnumSet.of(LISTED, SUSPENDED, EXPIRED, WITHDRAWN, DELISTED, SUPERSEDED);

    public boolean isPublic() {
        return PUBLIC.contains(this);
    }
}
