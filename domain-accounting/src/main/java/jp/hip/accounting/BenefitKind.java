package jp.hip.accounting;

/** Which loss an indicator measures, for 投資対便益分析 (benefit over cost). */
public enum BenefitKind {
    NONE,
    /** Sick-absence days per employee per year: loss = days × daily labour cost. */
    ABSENTEEISM_DAYS,
    /** SPQ 東大1項目版 (0–100 %): loss = (1 − SPQ/100) × annual labour cost. */
    PRESENTEEISM_SPQ
}
