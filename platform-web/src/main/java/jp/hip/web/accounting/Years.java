package jp.hip.web.accounting;

import jp.hip.accounting.FiscalYear;

/** The 年度 a page shows: {@code ?year=2025}, or the current one; nonsense falls back to the current. */
final class Years {

    private Years() {}

    static FiscalYear of(Integer year) {
        if (year == null || year < 2000 || year > 2100) {
            return FiscalYear.current();
        }
        return FiscalYear.of(year);
    }
}
