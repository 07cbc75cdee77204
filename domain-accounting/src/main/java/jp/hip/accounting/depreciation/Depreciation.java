package jp.hip.accounting.depreciation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import jp.hip.accounting.AccountingException;
import jp.hip.accounting.FiscalYear;
import jp.hip.accounting.Yen;

/**
 * 空間投資 → 減価償却費 for one asset (guideline 第4章: depreciation is part of the investment amount), computed as
 * Japanese tax depreciation ({@link TaxDepreciation}, ADR 0024): the elected family ({@link #method}) becomes
 * 旧定額法/旧定率法, 定額法, 250 % or 200 % 定率法 by the acquisition date; the rates come from the statutory table
 * ({@link DepreciationRates}); the first 年度 is prorated by months of use; 1 yen stays as 備忘価額.
 * {@code acquiredOn} is the date the asset was put to use (事業供用日). Only the health-use share
 * ({@code sharedUseRatio}) counts as health investment.
 */
public record Depreciation(Yen acquisitionCost, LocalDate acquiredOn, int usefulLifeYears, DepreciationMethod method,
        AssetClass assetClass, BigDecimal sharedUseRatio, SharedUseBasis sharedUseBasis) {

    public static final long MEMORANDUM_VALUE = TaxDepreciation.MEMORANDUM;

    /** One 年度 of the schedule, as a 固定資産台帳 row. */
    public record Year(FiscalYear fiscalYear, int months, Yen opening, Yen amount, Yen closing, Yen healthShare,
            TaxDepreciation.Phase phase) {}

    public Depreciation {
        if (acquisitionCost == null || acquiredOn == null || method == null || sharedUseBasis == null) {
            throw new AccountingException("accounting.facility.incomplete");
        }
        if (assetClass == null) {
            assetClass = AssetClass.EQUIPMENT;
        }
        if (acquisitionCost.amount() > Yen.MAX_AMOUNT) {
            throw new AccountingException("accounting.yen.tooLarge");
        }
        if (usefulLifeYears < DepreciationRates.MIN_LIFE || usefulLifeYears > DepreciationRates.MAX_LIFE) {
            throw new AccountingException("accounting.facility.lifeInvalid");
        }
        if (acquiredOn.getYear() < 1950 || acquiredOn.getYear() > 2999) {
            throw new AccountingException("accounting.date.invalid");
        }
        if (method == DepreciationMethod.DECLINING_BALANCE && !assetClass.allowsDecliningBalance(acquiredOn)) {
            throw new AccountingException("accounting.facility.methodNotAllowed");
        }
        if (sharedUseRatio == null || sharedUseRatio.signum() <= 0 || sharedUseRatio.compareTo(BigDecimal.ONE) > 0) {
            throw new AccountingException("accounting.facility.ratioInvalid");
        }
    }

    /** An equipment asset (器具及び備品 and the like). */
    public Depreciation(Yen acquisitionCost, LocalDate acquiredOn, int usefulLifeYears, DepreciationMethod method,
            BigDecimal sharedUseRatio, SharedUseBasis sharedUseBasis) {
        this(acquisitionCost, acquiredOn, usefulLifeYears, method, AssetClass.EQUIPMENT, sharedUseRatio, sharedUseBasis);
    }

    /** The method the law applies for the acquisition date. */
    public TaxMethod taxMethod() {
        return TaxMethod.of(method, acquiredOn);
    }

    /** The schedule per 年度 (April–March) until 1 yen remains. */
    public List<Year> schedule(DepreciationRounding rounding) {
        return TaxDepreciation.schedule(acquisitionCost.amount(), acquiredOn, usefulLifeYears, taxMethod(), rounding.mode(), 4,
                DepreciationRates.current().forLife(usefulLifeYears)).stream()
                .map(p -> new Year(FiscalYear.of(p.start().getYear()), p.months(), Yen.of(p.opening()), Yen.of(p.amount()),
                        Yen.of(p.closing()), share(p.amount(), rounding), p.phase()))
                .toList();
    }

    /** The asset's whole depreciation in a 年度 (before the health-use share); zero before acquisition or after the end. */
    public Yen fullFor(FiscalYear year, DepreciationRounding rounding) {
        return yearOf(year, rounding).map(Year::amount).orElse(Yen.ZERO);
    }

    /** The health-use share of the year's depreciation: what the measures using the facility apportion. */
    public Yen healthShareFor(FiscalYear year, DepreciationRounding rounding) {
        return yearOf(year, rounding).map(Year::healthShare).orElse(Yen.ZERO);
    }

    /** Book value at the end of the 年度 (the cost before acquisition, 1 yen after the end). */
    public Yen bookValueAtEndOf(FiscalYear year, DepreciationRounding rounding) {
        List<Year> all = schedule(rounding);
        if (all.isEmpty() || year.compareTo(all.get(0).fiscalYear()) < 0) {
            return acquisitionCost;
        }
        return all.stream().filter(y -> y.fiscalYear().compareTo(year) <= 0).reduce((a, b) -> b).map(Year::closing).orElse(acquisitionCost);
    }

    public boolean fullyDepreciatedBy(FiscalYear year, DepreciationRounding rounding) {
        return bookValueAtEndOf(year, rounding).amount() <= MEMORANDUM_VALUE;
    }

    /** Whether the asset was in use in the 年度 (a depreciation line before acquisition is refused). */
    public boolean inUseIn(FiscalYear year) {
        return !year.lastDay().isBefore(acquiredOn);
    }

    private java.util.Optional<Year> yearOf(FiscalYear year, DepreciationRounding rounding) {
        return schedule(rounding).stream().filter(y -> y.fiscalYear().equals(year)).findFirst();
    }

    private Yen share(long amount, DepreciationRounding rounding) {
        return Yen.of(BigDecimal.valueOf(amount).multiply(sharedUseRatio).setScale(0, rounding.mode()).longValueExact());
    }
}
