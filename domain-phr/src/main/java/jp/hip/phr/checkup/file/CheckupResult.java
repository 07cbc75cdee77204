package jp.hip.phr.checkup.file;

import java.math.BigDecimal;

/**
 * One item of a checkup as the file reports it. Exactly one of number (PQ), answer (CD/CO) and text (ST) is set
 * when {@link #status()} is {@link Status#VALUE}; 未実施 and 測定不能 carry none (ref-checkup-codes.md §3).
 *
 * @param answerSystem the answer's code system as written (第3期 and 第4期 問診 differ: decode by it, not by item)
 * @param review       要確認: well-formed but outside the input range, an answer outside its value set, or
 *                     written with the 入力範囲外 marker; stored and shown to the insurer, never rejected
 * @param reviewReason why, as a message key
 */
public record CheckupResult(String code, CheckupItem item, Status status, BigDecimal number, String unit,
        String answerCode, String answerSystem, String answerLabel, String text, String interpretation,
        BigDecimal referenceLow, BigDecimal referenceHigh, String methodCode, boolean nested, String doctorName,
        boolean review, String reviewReason) {

    public enum Status {
        /** A value is reported. */
        VALUE,
        /** 未実施: {@code observation/@negationInd="true"}, no value. */
        NOT_PERFORMED,
        /** 測定不能: {@code value/@nullFlavor}. */
        UNMEASURABLE
    }

    public String nameJa() {
        return item == null ? code : item.nameJa();
    }

    /** The value as a person reads it: "123 mg/dL", "はい", the text, 未実施 or 測定不能. */
    public String display() {
        return switch (status) {
            case NOT_PERFORMED -> "未実施";
            case UNMEASURABLE -> "測定不能";
            case VALUE -> number != null ? number.stripTrailingZeros().toPlainString() + (unit == null ? "" : " " + unit)
                    : answerCode != null ? (answerLabel != null ? answerLabel : answerCode) : text;
        };
    }

    /** The largest magnitude the store keeps (phr_observation.value_num is numeric(14, 4)). */
    private static final BigDecimal STORABLE = new BigDecimal("1E10");

    /** Whether a measured value fits the store; a larger one is refused by item, never a database error. */
    public static boolean storable(BigDecimal number) {
        return number.setScale(4, java.math.RoundingMode.HALF_UP).abs().compareTo(STORABLE) < 0;
    }
}
