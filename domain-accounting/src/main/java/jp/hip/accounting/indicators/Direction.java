package jp.hip.accounting.indicators;

/** Whether a higher or a lower value of an indicator is the improvement. */
public enum Direction {
    HIGHER_IS_BETTER, LOWER_IS_BETTER
}
