package jp.hip.collabo;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One figure of a report as released: numerator (persons who count), denominator (persons in the group) and the
 * share in percent, or a mark instead of all three: 「×」 suppressed (small cell, or hidden so that another cannot be
 * recovered), 「-」 cannot be computed (nobody in the group, or no data). Only these leave domain-collabo.
 */
public record Cell(Integer numerator, Integer denominator, BigDecimal percent, String mark) {

    public static final String SUPPRESSED = "×";
    public static final String NOT_COMPUTABLE = "-";

    static Cell shown(int numerator, int denominator) {
        if (denominator == 0) {
            return new Cell(null, null, null, NOT_COMPUTABLE);
        }
        return new Cell(numerator, denominator, BigDecimal.valueOf(numerator * 1000L)
                .divide(BigDecimal.valueOf(denominator), 0, RoundingMode.HALF_UP).movePointLeft(1), null);
    }

    static Cell suppressed() {
        return new Cell(null, null, null, SUPPRESSED);
    }

    static Cell notComputable() {
        return new Cell(null, null, null, NOT_COMPUTABLE);
    }

    public boolean isShown() {
        return mark == null;
    }

    public boolean isSuppressed() {
        return SUPPRESSED.equals(mark);
    }

    /** The percent as text, or the mark. */
    public String percentText() {
        return mark != null ? mark : percent.toPlainString() + "%";
    }

    public String numeratorText() {
        return mark != null ? mark : numerator.toString();
    }

    public String denominatorText() {
        return mark != null ? mark : denominator.toString();
    }
}
