package jp.hip.accounting.analysis;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jp.hip.accounting.indicators.BenefitKind;
import jp.hip.accounting.indicators.Direction;
import jp.hip.accounting.ledger.ExpenseType;
import jp.hip.accounting.ledger.PurposeCategory;
import jp.hip.accounting.ledger.ResourceView;
import jp.hip.accounting.strategy.GoalRollUp;
import jp.hip.accounting.FiscalYear;
import jp.hip.accounting.Yen;

/**
 * The analyses of one 年度, each figure with the inputs it was computed from (ref-accounting §5 item 11:
 * store the inputs alongside each result). A result is null where it cannot be computed (no participants,
 * no change, no labour cost), and the page says why. A previous 年度 without any measure or line has no data
 * ({@link #previousYearHasData} false): pages show 「データなし」, never 0円. {@link #goalRollUp} carries the
 * allocations up the year's strategy map to the final goals ({@link GoalRollUp}).
 */
public record Analysis(
        FiscalYear fiscalYear,
        Yen total,
        Yen previousTotal,
        Map<ExpenseType, Yen> byExpenseType,
        Map<ExpenseType, Yen> previousByExpenseType,
        Map<ResourceView, Yen> byResourceView,
        Map<PurposeCategory, Yen> byPurpose,
        List<IssueTotal> byHealthIssue,
        List<CostPerParticipant> costPerParticipant,
        List<CostPerChange> costPerChange,
        List<Benefit> benefits,
        Yen totalBenefit,
        BigDecimal benefitOverCost,
        Yen unallocated,
        boolean previousYearHasData,
        GoalRollUp goalRollUp) {

    /** A measure tied to several issues is shared equally among them, so the issue totals add up to the total. */
    public record IssueTotal(String issueKey, String issueName, Yen amount, int measures) {}

    /** A measure's cost, its participants, the cost per participant and its 予算 (null when none was planned). */
    public record CostPerParticipant(UUID measureId, String measureName, Yen cost, int participants, Yen perParticipant,
            Yen budget) {
        /** 実績 − 予算; null without a plan. */
        public Long budgetVariance() {
            return budget == null ? null : cost.amount() - budget.amount();
        }
    }

    /**
     * 投資効果分析: the investment allocated to the indicator this year divided by its improvement (actual against
     * baseline, signed so that an improvement is positive whatever the direction), with the population measured and
     * the year's response rate beside it (ref-accounting §2.5: disclose method, population and response rate).
     */
    public record CostPerChange(UUID indicatorId, String indicatorName, String unit, Direction direction, Yen allocated,
            BigDecimal baseline, BigDecimal actual, BigDecimal improvement, Yen perUnit, String population,
            BigDecimal responseRate) {}

    /**
     * 投資対便益分析: loss at baseline minus loss at actual. Absenteeism loss = days per employee × employees ×
     * daily labour cost (annual labour cost ÷ working days); presenteeism loss = (1 − SPQ/100) × annual labour
     * cost × employees.
     */
    public record Benefit(UUID indicatorId, String indicatorName, BenefitKind kind, BigDecimal baseline, BigDecimal actual,
            int employees, Yen annualLabourCost, int annualWorkingDays, Yen lossAtBaseline, Yen lossAtActual, long benefit) {}

    public long yearOverYearChange() {
        return total.amount() - previousTotal.amount();
    }
}
