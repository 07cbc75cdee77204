package jp.hip.accounting.imports;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jp.hip.accounting.AccountingException;
import jp.hip.accounting.FiscalYear;
import jp.hip.accounting.Yen;
import jp.hip.accounting.ledger.ExpenseType;
import jp.hip.accounting.ledger.ResourceView;
import jp.hip.accounting.outputs.Exports;

/**
 * Reads investment lines from CSV or Excel through {@link ImportTable} (encodings, physical line numbers, column
 * count). Every problem is collected with its row and column; the caller writes only when there is none
 * (all or nothing). Header: 年度,施策,明細,費用区分,投資資源,金額[,根拠資料].
 */
final class LineImport {

    static final List<String> HEADER = List.of("年度", "施策", "明細", "費用区分", "投資資源", "金額", "根拠資料");

    /** A row ready to write. */
    record Row(int line, int fiscalYear, UUID measureId, String description, ExpenseType expenseType, ResourceView resourceView,
            long amount, String sourceDocument) {

        /** Source document and content: what makes two lines "the same line imported twice". */
        String key() {
            return key(fiscalYear, measureId, description, expenseType.name(), resourceView.name(), amount, sourceDocument);
        }

        static String key(int year, UUID measure, String description, String type, String view, long amount, String source) {
            return year + "\u0000" + measure + "\u0000" + description + "\u0000" + type + "\u0000" + view + "\u0000" + amount
                    + "\u0000" + (source == null ? "" : source);
        }
    }

    private LineImport() {}

    /**
     * @param measureIds measures by (year, name); a name used twice in one year maps to null (ambiguous)
     */
    static ImportTable.Parsed<Row> parse(byte[] bytes, Map<String, UUID> measureIds) {
        return ImportTable.parse(bytes, HEADER, true, "accounting.import.header", (cells, line, problems) -> row(cells, line, measureIds, problems));
    }

    private static Row row(ImportTable.Cells record, int line, Map<String, UUID> measureIds, List<ImportResult.Problem> problems) {
        int before = problems.size();
        Integer year = year(record, line, problems);
        UUID measureId = measure(record, line, year, measureIds, problems);
        String description = description(record, line, problems);
        ExpenseType expenseType = expenseType(cell(record, 3));
        if (expenseType == null) {
            problems.add(new ImportResult.Problem(line, "費用区分", "accounting.import.expenseType"));
        }
        ResourceView view = resourceView(cell(record, 4));
        if (view == null) {
            problems.add(new ImportResult.Problem(line, "投資資源", "accounting.import.resourceView"));
        }
        Long amount = null;
        String amountText = cell(record, 5);
        try {
            amount = Yen.parse(amountText).amount();
        } catch (AccountingException e) {
            problems.add(new ImportResult.Problem(line, "金額", e.messageKey()));
        }
        if (amount != null && looksSplit(amountText, cell(record, 6))) {
            amount = null;
            problems.add(new ImportResult.Problem(line, "金額", "accounting.import.amountSplit"));
        }
        String source = cell(record, 6);
        if (source.length() > 500) {
            problems.add(new ImportResult.Problem(line, "根拠資料", "accounting.line.sourceDocument.tooLong"));
        }
        if (problems.size() > before) {
            return null;
        }
        return new Row(line, year, measureId, description, expenseType, view, amount, source.isEmpty() ? null : source);
    }

    /** The 年度 in the first column (「2025」 or 「2025年度」), or null after adding the problem. */
    static Integer year(ImportTable.Cells record, int line, List<ImportResult.Problem> problems) {
        try {
            return FiscalYear.of(Integer.parseInt(record.get(0).replace("年度", "").strip())).startYear();
        } catch (RuntimeException e) {
            problems.add(new ImportResult.Problem(line, "年度", "accounting.import.year"));
            return null;
        }
    }

    /** The measure named in the second column within its 年度, or null after adding the problem. */
    static UUID measure(ImportTable.Cells record, int line, Integer year, Map<String, UUID> measureIds,
            List<ImportResult.Problem> problems) {
        String measure = record.get(1);
        if (measure.isEmpty()) {
            problems.add(new ImportResult.Problem(line, "施策", "accounting.import.measureRequired"));
            return null;
        }
        if (year == null) {
            return null;
        }
        String key = year + "\t" + measure;
        if (!measureIds.containsKey(key)) {
            problems.add(new ImportResult.Problem(line, "施策", "accounting.import.measureUnknown"));
        } else if (measureIds.get(key) == null) {
            problems.add(new ImportResult.Problem(line, "施策", "accounting.import.measureAmbiguous"));
        }
        return measureIds.get(key);
    }

    /** The 明細 in the third column (1–500 characters); a problem is added when it is not. */
    static String description(ImportTable.Cells record, int line, List<ImportResult.Problem> problems) {
        String description = record.get(2);
        if (description.isEmpty() || description.length() > 500) {
            problems.add(new ImportResult.Problem(line, "明細", "accounting.line.description.required"));
        }
        return description;
    }

    /**
     * 「1,234」 written without quotes in a file whose last column is 根拠資料 reads as 金額 1 and 根拠資料 234 with
     * the right cell count: an amount of 1–3 digits followed by a 根拠資料 of exactly three digits is refused with a
     * message to quote the amount.
     */
    static boolean looksSplit(String amount, String next) {
        return amount.matches("[0-9０-９]{1,3}") && next.matches("[0-9０-９]{3}([,，][0-9０-９]{3})*");
    }

    private static String cell(ImportTable.Cells record, int index) {
        return record.get(index);
    }

    private static final Map<String, ExpenseType> EXPENSE = new HashMap<>();
    private static final Map<String, ResourceView> VIEW = new HashMap<>();

    static {
        String[] labels = Exports.EXPENSE_LABELS;
        for (ExpenseType t : ExpenseType.values()) {
            EXPENSE.put(t.name(), t);
            EXPENSE.put(labels[t.ordinal()], t);
        }
        for (ResourceView v : ResourceView.values()) {
            VIEW.put(v.name(), v);
            VIEW.put(Exports.resourceLabel(v), v);
        }
    }

    static ExpenseType expenseType(String text) {
        ExpenseType t = EXPENSE.get(text.strip());
        return t != null ? t : EXPENSE.get(text.strip().toUpperCase(java.util.Locale.ROOT));
    }

    static ResourceView resourceView(String text) {
        ResourceView v = VIEW.get(text.strip());
        return v != null ? v : VIEW.get(text.strip().toUpperCase(java.util.Locale.ROOT));
    }
}
