package jp.hip.accounting.depreciation;

import java.time.LocalDate;

/**
 * The tax depreciation method actually applied, chosen from the elected family ({@link DepreciationMethod}) by
 * the acquisition date (ref-depreciation.md §1, ADR 0024): 旧定額法/旧定率法 to 2007-03-31 (別表第七), 定額法
 * (別表第八) or 250%定率法 (別表第九) from 2007-04-01, 定額法 or 200%定率法 (別表第十) from 2012-04-01.
 */
public enum TaxMethod {
    OLD_STRAIGHT_LINE, OLD_DECLINING_BALANCE, STRAIGHT_LINE, DECLINING_250, DECLINING_200;

    static final LocalDate REFORM_2007 = LocalDate.of(2007, 4, 1);
    static final LocalDate REFORM_2012 = LocalDate.of(2012, 4, 1);

    public static TaxMethod of(DepreciationMethod family, LocalDate acquiredOn) {
        boolean straight = family == DepreciationMethod.STRAIGHT_LINE;
        if (acquiredOn.isBefore(REFORM_2007)) {
            return straight ? OLD_STRAIGHT_LINE : OLD_DECLINING_BALANCE;
        }
        if (straight) {
            return STRAIGHT_LINE;
        }
        return acquiredOn.isBefore(REFORM_2012) ? DECLINING_250 : DECLINING_200;
    }

    /** 旧定額法・旧定率法: 残存価額 10 %, 償却可能限度額 95 %, then five years to 1 yen. */
    public boolean old() {
        return this == OLD_STRAIGHT_LINE || this == OLD_DECLINING_BALANCE;
    }
}
