package jp.hip.identity;

/** What kind of organisation a tenant is. Every role belongs to exactly one kind. */
public enum TenantKind {
    /** 法人 / 企業 */
    COMPANY,
    /** 保険者 (健保組合, 協会けんぽ, 国保) */
    INSURER,
    /** 業界団体等 */
    ASSOCIATION,
    /** 経済産業省 ヘルスケア産業課: runs the guideline registry */
    REGISTRY_OPERATOR,
    /** The operator of this platform: holds the platform administrators. */
    PLATFORM_OPERATOR,
    /** One person's own account (本人). */
    PERSONAL
}
