package jp.hip.accounting;

import java.time.LocalDate;
import java.time.ZoneId;

/** 年度: April 1 to March 31, named by the calendar year it starts in (2025年度 = 2025-04-01 … 2026-03-31). */
public record FiscalYear(int startYear) implements Comparable<FiscalYear> {

    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    public FiscalYear {
        if (startYear < 1900 || startYear > 2999) {
            throw new AccountingException("accounting.fiscalYear.invalid");
        }
    }

    public static FiscalYear of(int startYear) {
        return new FiscalYear(startYear);
    }

    public static FiscalYear containing(LocalDate date) {
        return new FiscalYear(date.getMonthValue() >= 4 ? date.getYear() : date.getYear() - 1);
    }

    public static FiscalYear current() {
        return containing(LocalDate.now(JAPAN));
    }

    public LocalDate firstDay() {
        return LocalDate.of(startYear, 4, 1);
    }

    public LocalDate lastDay() {
        return LocalDate.of(startYear + 1, 3, 31);
    }

    public boolean contains(LocalDate date) {
        return !date.isBefore(firstDay()) && !date.isAfter(lastDay());
    }

    public FiscalYear previous() {
        return new FiscalYear(startYear - 1);
    }

    public FiscalYear next() {
        return new FiscalYear(startYear + 1);
    }

    /** Months of this fiscal year from the given date's month to March, inclusive (0 if the date lies after it). */
    public int monthsFrom(LocalDate date) {
        if (date.isAfter(lastDay())) {
            return 0;
        }
        if (date.isBefore(firstDay())) {
            return 12;
        }
        int month = date.getMonthValue();
        return month >= 4 ? 12 - (month - 4) : 3 - month + 1;
    }

    @Override
    public int compareTo(FiscalYear other) {
        return Integer.compare(startYear, other.startYear);
    }

    @Override
    public String toString() {
        return startYear + "年度";
    }
}
