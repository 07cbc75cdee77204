package jp.hip.accounting;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.Locale;

/** An amount in whole yen, never negative (健康投資 amounts are costs booked as expenses, guideline 第4章). */
public record Yen(long amount) implements Comparable<Yen> {

    public static final Yen ZERO = new Yen(0);

    public Yen {
        if (amount < 0) {
            throw new AccountingException("accounting.yen.negative");
        }
    }

    public static Yen of(long amount) {
        return new Yen(amount);
    }

    /** Rounds half up to whole yen. */
    public static Yen rounded(BigDecimal amount) {
        return new Yen(amount.setScale(0, RoundingMode.HALF_UP).longValueExact());
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
        if (digits.isEmpty() || digits.length() > 15) {
            throw new AccountingException("accounting.yen.invalid");
        }
        return new Yen(Long.parseLong(digits.toString()));
    }

    public Yen plus(Yen other) {
        return new Yen(Math.addExact(amount, other.amount));
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
