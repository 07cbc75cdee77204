package jp.hip.phr;

/**
 * Why a read of person data is allowed (ADR 0036): exactly one basis per read, decided inside the SQL of the read
 * and written to the access log. {@link #kind()} is what the person sees: 本人, 提供元, 法令 or 同意.
 */
public enum AccessBasis {
    /** 本人: the person, or an app they authorised with patient scopes. */
    SELF(Kind.SELF),
    /** 法令: an insurer and the 特定健診・特定保健指導 records it supplied for its member (高確法 第20条・第24条). */
    STATUTE_INSURER(Kind.STATUTE),
    /** 法令: an employer and the 定期健康診断 results it supplied for its employee (労働安全衛生法 第66条). */
    STATUTE_EMPLOYER(Kind.STATUTE),
    /** 法令: an insurer and its member's 定期健診 results supplied by the employer (高確法 第27条). */
    STATUTE_ART27(Kind.STATUTE),
    /** 提供元: the tenant that supplied the record reads it back. */
    SUPPLIER(Kind.SUPPLIER),
    /** 同意: the person's current consent for the reader, the data category and the period. */
    CONSENT(Kind.CONSENT);

    /** The four bases the person is shown. */
    public enum Kind { SELF, SUPPLIER, STATUTE, CONSENT }

    private final Kind kind;

    AccessBasis(Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
