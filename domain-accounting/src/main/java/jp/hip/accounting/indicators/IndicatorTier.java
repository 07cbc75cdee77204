package jp.hip.accounting.indicators;

/** 健康投資効果の階層 (guideline 第5章) plus 企業価値 and 社会的価値 (第7–8章). */
public enum IndicatorTier {
    /** 健康投資施策の取組状況に関する指標 */
    PARTICIPATION,
    /** 従業員等の意識変容・行動変容に関する指標 */
    BEHAVIOUR,
    /** 健康関連の最終的な目標指標 */
    FINAL,
    CORPORATE_VALUE,
    SOCIAL_VALUE
}
