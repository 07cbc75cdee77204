package jp.hip.accounting.depreciation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Japanese tax depreciation (償却限度額) of one asset, period by period, in exact decimal arithmetic
 * (ref-depreciation.md §2, ADR 0024):
 * <ul>
 * <li>定額法: 取得価額 × 償却率;</li>
 * <li>200 %/250 % 定率法: 期首帳簿価額 × 償却率 while that (unprorated) 調整前償却額 ≥ 償却保証額 (取得価額 × 保証率); from the
 * first year it falls below, 改定取得価額 (that year's 期首帳簿価額) × 改定償却率;</li>
 * <li>旧定額法: 取得価額 × 90 % × 償却率, 旧定率法: 期首帳簿価額 × 償却率, both down to 95 % of cost; then, from the next
 * period that begins on or after 2007-04-01, (5 % − 1円) evenly over 60 months;</li>
 * <li>the first period prorated by months of use (a partial month counts whole), × 月数 / 12;</li>
 * <li>the year in which the amount would reach the 期首帳簿価額 − 1 takes exactly that: 1円 stays (備忘価額).</li>
 * </ul>
 * Each period's amount is rounded once to whole yen by the company's {@link DepreciationRounding}.
 * Short fiscal years (fewer than 12 months) are not modelled: periods are 12 months.
 */
public final class TaxDepreciation {

    /** What a period's amount was computed by. */
    public enum Phase { NONE, REGULAR, REVISED, FIVE_YEAR, FINAL }

    /** One period (年度 or calendar year) of the 固定資産台帳: 期首簿価, 償却費, 期末簿価. */
    public record Period(LocalDate start, int months, long opening, long amount, long closing, Phase phase) {}

    static final long MEMORANDUM = 1;
    private static final BigDecimal TWELVE = BigDecimal.valueOf(12);
    private static final BigDecimal SIXTY = BigDecimal.valueOf(60);
    private static final int MAX_PERIODS = 200;

    private TaxDepreciation() {}

    /**
     * The whole schedule, from the period containing {@code inService} (事業供用日) until 1 yen remains.
     *
     * @param yearStartMonth the first month of the period: 4 for a company's 年度, 1 for an individual's calendar year
     */
    public static List<Period> schedule(long cost, LocalDate inService, int life, TaxMethod method, RoundingMode rounding,
            int yearStartMonth, DepreciationRates.Rates rates) {
        List<Period> periods = new ArrayList<>();
        if (cost <= MEMORANDUM) {
            return periods;
        }
        BigDecimal rate = rates.rate(method);
        BigDecimal revisedRate = rates.revised(method);
        BigDecimal guarantee = rates.guarantee(method) == null ? null : BigDecimal.valueOf(cost).multiply(rates.guarantee(method));
        long residual = cost - Math.floorDiv(cost * 95, 100); // 5 % left at the 償却可能限度額 (old methods)
        LocalDate start = LocalDate.of(inService.getMonthValue() >= yearStartMonth ? inService.getYear() : inService.getYear() - 1,
                yearStartMonth, 1);
        long book = cost;
        BigDecimal revisedCost = null;
        boolean reached95 = false;
        int fiveYearMonths = 0;
        for (int i = 0; i < MAX_PERIODS && book > MEMORANDUM; i++, start = start.plusYears(1)) {
            int months = i == 0 ? monthsOfUse(start, inService) : 12;
            BigDecimal base;
            Phase phase = Phase.REGULAR;
            long cap = book - MEMORANDUM;
            if (method.old()) {
                if (reached95) {
                    if (start.isBefore(TaxMethod.REFORM_2007)) {
                        periods.add(new Period(start, months, book, 0, book, Phase.NONE));
                        continue;
                    }
                    fiveYearMonths += months;
                    phase = Phase.FIVE_YEAR;
                    base = fiveYearMonths >= 60 ? BigDecimal.valueOf(cap).multiply(TWELVE).divide(BigDecimal.valueOf(months))
                            : BigDecimal.valueOf(residual - MEMORANDUM).multiply(TWELVE).divide(SIXTY);
                } else {
                    base = method == TaxMethod.OLD_STRAIGHT_LINE
                            ? BigDecimal.valueOf(cost).multiply(new BigDecimal("0.9")).multiply(rate)
                            : BigDecimal.valueOf(book).multiply(rate);
                    cap = book - residual;
                }
            } else if (method == TaxMethod.STRAIGHT_LINE) {
                base = BigDecimal.valueOf(cost).multiply(rate);
            } else {
                BigDecimal beforeAdjustment = BigDecimal.valueOf(book).multiply(rate); // 調整前償却額, unprorated
                if (revisedCost == null && guarantee != null && beforeAdjustment.compareTo(guarantee) < 0) {
                    revisedCost = BigDecimal.valueOf(book); // 改定取得価額
                }
                if (revisedCost != null) {
                    base = revisedCost.multiply(revisedRate);
                    phase = Phase.REVISED;
                } else {
                    base = beforeAdjustment;
                }
            }
            long amount = base.multiply(BigDecimal.valueOf(months)).divide(TWELVE, 0, rounding).longValueExact();
            if (amount >= cap) {
                amount = cap;
                if (cap == book - MEMORANDUM) {
                    phase = Phase.FINAL;
                }
            }
            if (method.old() && !reached95 && book - amount <= residual) {
                reached95 = true;
            }
            periods.add(new Period(start, months, book, amount, book - amount, phase));
            book -= amount;
        }
        return periods;
    }

    /** Months from the month of {@code inService} to the period's end, a partial month counting whole. */
    static int monthsOfUse(LocalDate periodStart, LocalDate inService) {
        LocalDate end = periodStart.plusYears(1);
        if (!inService.isBefore(end)) {
            return 0;
        }
        if (inService.isBefore(periodStart)) {
            return 12;
        }
        return (end.getYear() - inService.getYear()) * 12 + end.getMonthValue() - inService.getMonthValue();
    }
}
