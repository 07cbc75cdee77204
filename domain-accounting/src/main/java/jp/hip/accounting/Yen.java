package jp.hip.accounting;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.Locale;

/** An amount in whole yen, never negative (健康投資 amounts are costs booked as expenses, guideline 第4章). */
public record Yen(long amount) implements Comparable<Yen> {

    public static final Yen ZERO = new Yen(0);

    /**
     * The largest amount a user may enter for one line, cost or rate: 999,999,999,999円 (1兆円 − 1). Totals are
     * exact {@code long} sums of such amounts (over 9 million maximal lines before they could overflow); a sum that
     * would overflow is refused with a message ({@code accounting.yen.totalTooLarge}), never wrapped or a 500.
     */
    public static final long MAX_AMOUNT = 999_999_999_999L;

    public Yen {
        if (amount < 0) {
            throw new AccountingException("accounting.yen.negative");
        }
    }

    public static Yen of(long amount) {
        return new Yen(amount);
    }

    /** An amount entered by a user: refused above {@link #MAX_AMOUNT}. */
    public static Yen entered(long amount) {
        if (amount > MAX_AMOUNT) {
            throw new AccountingException("accounting.yen.tooLarge");
        }
        return new Yen(amount);
    }

    /** This amount, refused when above {@link #MAX_AMOUNT}. */
    public Yen checked() {
        return entered(amount);
    }

    /** Rounds half up to whole yen. */
    public static Yen rounded(BigDecimal amount) {
        BigDecimal whole = amount.setScale(0, RoundingMode.HALF_UP);
        if (whole.compareTo(BigDecimal.valueOf(MAX_AMOUNT)) > 0) {
            throw new AccountingException("accounting.yen.tooLarge");
        }
        return new Yen(whole.longValueExact());
    }

    /** Accepts 「1,234,567」, 「1234567」, 「1,234,567円」, full-width digits and surrounding spaces. */
    public static Yen parse(String text) {
        if (text == null) {
            throw new AccountingException("accounting.yen.invalid");
        }
        StringBuilder digits = new StringBuilder();
        String s = text.strip();
        if (s.endsWith("円")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        if (s.startsWith("¥") || s.startsWith("￥")) {
            s = s.substring(1).strip();
        }
        if (s.startsWith("-") || s.startsWith("−") || s.startsWith("－")) {
            throw new AccountingException("accounting.yen.negative");
        }
        for (char c : s.toCharArray()) {
            if (c == ',' || c == '，') {
                continue;
            }
            if (c >= '０' && c <= '９') {
                c = (char) ('0' + (c - '０'));
            }
            if (c < '0' || c > '9') {
                throw new AccountingException("accounting.yen.invalid");
            }
            digits.append(c);
        }
        if (digits.isEmpty()) {
            throw new AccountingException("accounting.yen.invalid");
        }
        String value = digits.toString().replaceFirst("^0+(?=.)", "");
        if (value.length() > 12) {
            throw new AccountingException("accounting.yen.tooLarge");
        }
        return entered(Long.parseLong(value));
    }

    public Yen plus(Yen other) {
        long sum = amount + other.amount;
        if (sum < 0) { // both are ≥ 0, so a negative sum is an overflow
            throw new AccountingException("accounting.yen.totalTooLarge");
        }
        return new Yen(sum);
    }

    public BigDecimal toBigDecimal() {
        return BigDecimal.valueOf(amount);
    }

    /** 「1,234,567円」. */
    public String formatted() {
        return NumberFormat.getIntegerInstance(Locale.JAPAN).format(amount) + "円";
    }

    @Override
    public int compareTo(Yen other) {
        return Long.compare(amount, other.amount);
    }

    @Override
    public String toString() {
        return formatted();
    }
}
