package jp.hip.web.home;

import java.time.LocalDate;
import java.time.ZoneId;

/** 年度: April to March, named by the year it starts in. */
public final class FiscalYears {

    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    private FiscalYears() {}

    public static int current() {
        return of(LocalDate.now(JAPAN));
    }

    public static int of(LocalDate date) {
        return date.getMonthValue() >= 4 ? date.getYear() : date.getYear() - 1;
    }
}
