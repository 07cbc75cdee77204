package jp.hip.guidelines;

/** In which capacity someone acts on a declaration: each transition belongs to exactly one party. */
public enum Party {
    /** 業界団体等 (ASSOCIATION_USER) */
    ASSOCIATION,
    /** 経済産業省 ヘルスケア産業課 (REGISTRY_OFFICER) */
    REGISTRY,
    /** the platform itself: expiry, supersession */
    SYSTEM
}
