package jp.hip.accounting;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;

/**
 * 空間投資 → 減価償却費 for one asset (guideline 第4章: depreciation is part of the investment amount).
 *
 * <p>Depreciation starts in the month of acquisition, prorated by months in the first 年度. The book value
 * stops at a memorandum value of 1 yen (備忘価額), so a fully depreciated asset still exists and stays listed
 * as an 環境健康資源 (有形). Declining balance uses the 200 % rate (2 ÷ useful life) and switches to
 * straight-line over the remaining months once that gives more, a close approximation of the tax tables'
 * 改定償却率 (ADR 0022). Only the health-use share ({@code sharedUseRatio}) counts as health investment.
 */
public record Depreciation(Yen acquisitionCost, LocalDate acquiredOn, int usefulLifeYears, DepreciationMethod method,
        BigDecimal sharedUseRatio, SharedUseBasis sharedUseBasis) {

    static final long MEMORANDUM_VALUE = 1;

    public Depreciation {
        if (acquisitionCost == null || acquiredOn == null || method == null || sharedUseBasis == null) {
            throw new AccountingException("accounting.facility.incomplete");
        }
        if (usefulLifeYears < 1 || usefulLifeYears > 100) {
            throw new AccountingException("accounting.facility.lifeInvalid");
        }
        if (sharedUseRatio == null || sharedUseRatio.signum() <= 0 || sharedUseRatio.compareTo(BigDecimal.ONE) > 0) {
            throw new AccountingException("accounting.facility.ratioInvalid");
        }
    }

    /** The asset's whole depreciation booked in a fiscal year (before the health-use share). */
    public Yen fullFor(FiscalYear year) {
        return Yen.of(run(year)[0]);
    }

    /** The health-use share of the year's depreciation: the 減価償却費 investment line. */
    public Yen healthShareFor(FiscalYear year) {
        return Yen.rounded(fullFor(year).toBigDecimal().multiply(sharedUseRatio));
    }

    /** Book value at the end of the fiscal year. */
    public Yen bookValueAtEndOf(FiscalYear year) {
        return Yen.of(run(year)[1]);
    }

    public boolean fullyDepreciatedBy(FiscalYear year) {
        return bookValueAtEndOf(year).amount() <= MEMORANDUM_VALUE;
    }

    /** Walks the years from acquisition to the given one; returns {depreciation of that year, book value after}. */
    private long[] run(FiscalYear target) {
        FiscalYear first = FiscalYear.containing(acquiredOn);
        long book = acquisitionCost.amount();
        if (target.compareTo(first) < 0) {
            return new long[] {0, book};
        }
        long lifeMonths = usefulLifeYears * 12L;
        long usedMonths = 0;
        long thisYear = 0;
        BigDecimal rate = BigDecimal.valueOf(2).divide(BigDecimal.valueOf(usefulLifeYears), 10, RoundingMode.HALF_UP);
        for (FiscalYear y = first; y.compareTo(target) <= 0; y = y.next()) {
            long months = y.equals(first) ? y.monthsFrom(acquiredOn) : 12;
            long floor = MEMORANDUM_VALUE;
            long amount;
            if (book <= floor) {
                amount = 0;
            } else if (method == DepreciationMethod.STRAIGHT_LINE) {
                amount = BigDecimal.valueOf(acquisitionCost.amount()).multiply(BigDecimal.valueOf(months))
                        .divide(BigDecimal.valueOf(lifeMonths), 0, RoundingMode.HALF_UP).longValueExact();
            } else {
                long declining = BigDecimal.valueOf(book).multiply(rate).multiply(BigDecimal.valueOf(months))
                        .divide(BigDecimal.valueOf(12), 0, RoundingMode.HALF_UP).longValueExact();
                long remaining = Math.max(lifeMonths - usedMonths, months);
                long straight = BigDecimal.valueOf(book).multiply(BigDecimal.valueOf(months))
                        .divide(BigDecimal.valueOf(remaining), 0, RoundingMode.HALF_UP).longValueExact();
                amount = Math.max(declining, straight);
            }
            amount = Math.min(amount, Math.max(book - floor, 0));
            book -= amount;
            usedMonths += months;
            thisYear = amount;
        }
        return new long[] {thisYear, book};
    }
}
