package jp.hip.accounting.analysis;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import jp.hip.accounting.FiscalYear;
import jp.hip.accounting.Yen;

/**
 * 投資効用分析 of one 年度 (ADR 0105): per measure and utility-scale indicator (効用値, 0–1), the utility gained —
 * (after − before) × persons × years, in 質調整人年 (QALY-like person-years) — and the cost allocated to the
 * indicator per utility-year gained. Values outside 0–1 are listed in {@link #outOfRange} and not computed.
 */
public record UtilityAnalysis(FiscalYear fiscalYear, List<Scale> scales, List<Row> rows, List<OutOfRange> outOfRange) {

    public enum Status {
        /** Computed: a gain above zero and a cost allocated. */
        OK,
        /** The utility did not rise (zero or a loss): no cost per utility-year. */
        NO_GAIN,
        /** Nothing allocated to the indicator by the measure: no cost per utility-year. */
        NO_ALLOCATION,
        /** A value outside 0–1: refused, named in {@link UtilityAnalysis#outOfRange}. */
        OUT_OF_RANGE,
        /** No effect recorded (「データなし」). */
        NO_DATA
    }

    /** An indicator marked as a utility value and the instrument that gives it. */
    public record Scale(UUID indicatorId, String indicatorName, String instrument) {}

    /** One measure's utility gain on one indicator; {@code utilityGained} and {@code costPerUtilityYear} null unless computed. */
    public record Row(UUID measureId, String measureName, UUID indicatorId, String indicatorName, String instrument,
            BigDecimal before, BigDecimal after, Integer persons, BigDecimal periodYears, BigDecimal utilityGained, Yen cost,
            Yen costPerUtilityYear, Status status) {
        /** Δ効用値 = after − before, exact; null with no data. */
        public BigDecimal change() {
            return before == null || after == null ? null : after.subtract(before);
        }
    }

    /** A value outside 0–1: of a measure's effect, or (measureName null) the indicator's own value for the 年度. */
    public record OutOfRange(UUID indicatorId, String indicatorName, FiscalYear fiscalYear, String measureName,
            BigDecimal value) {}
}
