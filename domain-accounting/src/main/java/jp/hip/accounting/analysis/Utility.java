package jp.hip.accounting.analysis;

import java.math.BigDecimal;

/** The arithmetic of utility values (効用値, ADR 0105). */
final class Utility {

    private Utility() {}

    /** A utility value lies in 0–1 (0 = death, 1 = full health; states worse than death are out of our scope). */
    static boolean inRange(BigDecimal value) {
        return value.signum() >= 0 && value.compareTo(BigDecimal.ONE) <= 0;
    }

    /** 質調整人年 gained: (after − before) × persons × years, exact (BigDecimal, no rounding). */
    static BigDecimal gained(BigDecimal before, BigDecimal after, int persons, BigDecimal years) {
        return after.subtract(before).multiply(BigDecimal.valueOf(persons)).multiply(years);
    }
}
