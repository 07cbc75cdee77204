package jp.hip.accounting.analysis;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import jp.hip.accounting.indicators.Direction;
import jp.hip.accounting.FiscalYear;
import jp.hip.accounting.Yen;

/**
 * 投資最小化分析 of one 年度 (ADR 0105): per final-goal indicator (健康関連の最終的な目標指標), the measures that serve it
 * (a line allocated to it, or an effect recorded on it), each with its cost allocated to the indicator, its effect
 * and the cost per unit of effect. Only measures whose effects are equivalent (within {@link #marginPercent} of the
 * largest effect) are compared, and the least costly of them is marked.
 *
 * @param defaultMargin true when the company has not set a margin for the 年度 (then {@link #marginPercent} is the default)
 */
public record MinimisationAnalysis(FiscalYear fiscalYear, BigDecimal marginPercent, boolean defaultMargin, List<Group> groups) {

    /** Where a measure stands in its group. */
    public enum Status {
        /** Equivalent effect and the least cost of the equivalent ones (several when they cost the same). */
        LEAST_COST,
        /** Equivalent effect, costlier than the least. */
        EQUIVALENT,
        /** 効果が同等でないため比較対象外: an improvement outside the margin of the largest one. */
        NOT_EQUIVALENT,
        /** The effect is no improvement (zero or a worsening): not compared. */
        NO_IMPROVEMENT,
        /** An effect is recorded but nothing is allocated to the indicator: no cost to compare. */
        NO_ALLOCATION,
        /** No effect recorded (「データなし」): not compared, never counted as 0. */
        NO_DATA
    }

    /**
     * One measure in a group. {@code effect} is the improvement in the indicator's unit, signed by its direction
     * (positive is better); null with no data. {@code costPerUnit} is null unless the effect is an improvement and a
     * cost is allocated.
     */
    public record Row(UUID measureId, String measureName, Yen cost, BigDecimal before, BigDecimal after, BigDecimal effect,
            Integer persons, Yen costPerUnit, Status status) {
        public boolean compared() {
            return status == Status.LEAST_COST || status == Status.EQUIVALENT;
        }
    }

    /** One final-goal indicator; {@code referenceEffect} is the largest improvement (null when there is none). */
    public record Group(UUID indicatorId, String indicatorName, String unit, Direction direction, BigDecimal referenceEffect,
            List<Row> rows) {
        /** True when at least two measures are equivalent, so a least-cost one could be chosen. */
        public boolean compared() {
            return rows.stream().filter(Row::compared).count() >= 2;
        }
    }
}
