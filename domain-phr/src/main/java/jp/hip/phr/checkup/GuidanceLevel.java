package jp.hip.phr.checkup;

/** 保健指導レベル (9N506, urn:oid:1.2.392.200119.6.3001) and メタボリックシンドローム判定 (9N501, .1008). */
public final class GuidanceLevel {

    public static final String LEVEL_CODE = "9N506000000000011";
    public static final String METABOLIC_CODE = "9N501000000000011";
    /** 積極的支援. */
    public static final String INTENSIVE = "1";
    /** 動機付け支援. */
    public static final String MOTIVATIONAL = "2";

    private GuidanceLevel() {}
}
