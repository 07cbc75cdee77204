package jp.hip.web.accounting;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;

import jp.hip.accounting.outputs.Csv;
import jp.hip.accounting.ledger.ExpenseType;
import jp.hip.accounting.HealthAccounting;

/**
 * The measures list as CSV: the same columns, labels and rows as the page (amounts as plain whole yen so that
 * Excel can sum them), written by the module's CSV writer (UTF-8 with BOM, formula cells neutralised).
 */
final class MeasuresCsv {

    private MeasuresCsv() {}

    static byte[] of(List<HealthAccounting.MeasureView> measures, MessageSource messages, Locale locale) {
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of(text(messages, locale, "accounting.measure.name"),
                text(messages, locale, "accounting.measure.purpose")));
        for (ExpenseType type : ExpenseType.values()) {
            header.add(text(messages, locale, "accounting.expenseType." + type));
        }
        header.add(text(messages, locale, "accounting.total"));
        header.add(text(messages, locale, "accounting.measure.participants"));
        rows.add(header);
        for (HealthAccounting.MeasureView m : measures) {
            List<String> cells = new ArrayList<>(List.of(m.name(), text(messages, locale, "accounting.purpose." + m.purpose())));
            for (ExpenseType type : ExpenseType.values()) {
                cells.add(Long.toString(m.byExpenseType().get(type).amount()));
            }
            cells.add(Long.toString(m.total().amount()));
            cells.add(Integer.toString(m.participants()));
            rows.add(cells);
        }
        return Csv.forExcel(rows);
    }

    private static String text(MessageSource messages, Locale locale, String key) {
        return messages.getMessage(key, null, locale);
    }
}
