package jp.hip.web.accounting;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jp.hip.accounting.Yen;

/**
 * Server-rendered bar charts: the controller computes each bar's length, the template draws SVG rectangles
 * (attributes, no inline style or script, so the strict CSP holds). The numbers are always in a table beside.
 */
final class Charts {

    /** One bar: its label's message key (or text), amount and length in the 0–300 drawing units. */
    record Bar(String labelKey, String label, Yen amount, int length, int y) {}

    static final int WIDTH = 300;
    static final int ROW = 34;

    private Charts() {}

    static <K extends Enum<K>> List<Bar> bars(String keyPrefix, Map<K, Yen> amounts) {
        long max = amounts.values().stream().mapToLong(Yen::amount).max().orElse(0);
        List<Bar> bars = new ArrayList<>();
        int i = 0;
        for (var e : amounts.entrySet()) {
            bars.add(new Bar(keyPrefix + e.getKey().name(), null, e.getValue(), length(e.getValue(), max), i++ * ROW));
        }
        return bars;
    }

    static List<Bar> labelled(List<String> labels, List<Yen> amounts) {
        long max = amounts.stream().mapToLong(Yen::amount).max().orElse(0);
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            bars.add(new Bar(null, labels.get(i), amounts.get(i), length(amounts.get(i), max), i * ROW));
        }
        return bars;
    }

    static int height(List<Bar> bars) {
        return Math.max(bars.size() * ROW, ROW);
    }

    private static int length(Yen amount, long max) {
        return max == 0 ? 0 : (int) Math.max(amount.amount() == 0 ? 0 : 2, Math.round(amount.amount() * (double) WIDTH / max));
    }
}
