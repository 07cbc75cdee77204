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

    /**
     * One 年度 of a trend as a row of a bar table (the PDF draws it with boxes, the page as SVG beside the table): its
     * total, or null for 「データなし」 (no bar, never 0円), and its bar length in the 0–300 drawing units.
     */
    record TrendRow(jp.hip.accounting.FiscalYear fiscalYear, Yen total, int length) {

        /** The bar's width in PDF points (at most 150 pt, so the label and the amount fit beside it on A4). */
        public int points() {
            return length / 2;
        }
    }

    static List<TrendRow> trend(List<jp.hip.accounting.outputs.AccountingOutputs.TrendYear> years) {
        long max = years.stream().filter(t -> t.total() != null).mapToLong(t -> t.total().amount()).max().orElse(0);
        return years.stream().map(t -> new TrendRow(t.fiscalYear(), t.total(), t.total() == null ? 0 : length(t.total(), max)))
                .toList();
    }

    /** The bars of the years with data only: a year without data is left out of a chart, never drawn as 0円. */
    static List<Bar> trendBars(List<jp.hip.accounting.outputs.AccountingOutputs.TrendYear> years) {
        var withData = years.stream().filter(t -> t.total() != null).toList();
        return labelled(withData.stream().map(t -> t.fiscalYear().toString()).toList(),
                withData.stream().map(jp.hip.accounting.outputs.AccountingOutputs.TrendYear::total).toList());
    }

    static int height(List<Bar> bars) {
        return Math.max(bars.size() * ROW, ROW);
    }

    private static int length(Yen amount, long max) {
        return max == 0 ? 0 : (int) Math.max(amount.amount() == 0 ? 0 : 2, Math.round(amount.amount() * (double) WIDTH / max));
    }
}
