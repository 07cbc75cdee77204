package jp.hip.accounting.indicators;

/**
 * Which loss an indicator measures, for 投資対便益分析 (benefit over cost). Each kind fixes the direction of
 * improvement (ADR 0029): fewer absence days and a higher SPQ are better, so an indicator whose direction says
 * otherwise is refused rather than turning a worsening into a benefit.
 */
public enum BenefitKind {
    NONE,
    /** Sick-absence days per employee per year: loss = days × daily labour cost. Lower is better. */
    ABSENTEEISM_DAYS,
    /** SPQ 東大1項目版 (0–100 %): loss = (1 − SPQ/100) × annual labour cost. Higher is better. */
    PRESENTEEISM_SPQ;

    /** The only direction this kind agrees with; null for {@link #NONE}, which agrees with both. */
    public Direction requiredDirection() {
        return switch (this) {
            case NONE -> null;
            case ABSENTEEISM_DAYS -> Direction.LOWER_IS_BETTER;
            case PRESENTEEISM_SPQ -> Direction.HIGHER_IS_BETTER;
        };
    }

    public boolean agreesWith(Direction direction) {
        return requiredDirection() == null || requiredDirection() == direction;
    }
}
