package jp.hip.accounting;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;


/**
 * Reads investment lines from CSV or Excel (.xlsx, first sheet): UTF-8 with or without BOM, or Windows-31J (what Excel saves as 「CSV」 on a
 * Japanese PC). Every problem is collected with its row and column; the caller writes only when there is none
 * (all or nothing). Header: 年度,施策,明細,費用区分,投資資源,金額,根拠資料.
 */
final class LineImport {

    static final int MAX_BYTES = 20 * 1024 * 1024;
    static final int MAX_ROWS = 200_000;
    static final int MAX_PROBLEMS = 200;
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

    record Parsed(int rowsRead, List<Row> rows, List<ImportResult.Problem> problems) {}

    private LineImport() {}

    /** Decodes the bytes: a UTF-8 BOM or valid UTF-8 means UTF-8; anything else is read as Windows-31J. */
    static String decode(byte[] bytes) {
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, Charset.forName("Windows-31J"));
        }
    }

    /**
     * @param measureIds measures by (year, name); a name used twice in one year maps to null (ambiguous)
     */
    static Parsed parse(byte[] bytes, Map<String, UUID> measureIds) {
        Table table = table(bytes);
        return table.problem() != null ? new Parsed(0, List.of(), List.of(table.problem())) : rows(table, measureIds);
    }

    /** The file's rows, or the one problem that stopped reading it. */
    record Table(List<Cells> cells, ImportResult.Problem problem, boolean spreadsheet) {
        Table(List<Cells> cells, ImportResult.Problem problem) {
            this(cells, problem, false);
        }
    }

    /** Reads CSV (any of the accepted encodings) or .xlsx into rows of cells, within the size and row limits. */
    static Table table(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return new Table(List.of(), new ImportResult.Problem(0, null, "accounting.import.empty"));
        }
        if (bytes.length > MAX_BYTES) {
            return new Table(List.of(), new ImportResult.Problem(0, null, "accounting.import.tooLarge"));
        }
        List<Cells> table = new ArrayList<>();
        if (isXlsx(bytes)) {
            try {
                table = xlsx(bytes);
            } catch (IOException | RuntimeException e) {
                return new Table(List.of(), new ImportResult.Problem(0, null, "accounting.import.unreadableXlsx"));
            }
        } else {
            try {
                table = CsvReader.read(decode(bytes), MAX_ROWS + 2);
            } catch (CsvReader.Malformed e) {
                return new Table(List.of(), new ImportResult.Problem(e.line, null, "accounting.import.malformed"));
            }
        }
        // control characters (NUL above all, which PostgreSQL text refuses) are no part of a spreadsheet's text:
        // refused with the row, never passed on to the database (found by InputFuzzTests)
        for (Cells cells : table) {
            for (String value : cells.values()) {
                if (value != null && value.chars().anyMatch(c -> c < 0x20 && c != '\t' && c != '\n' && c != '\r')) {
                    return new Table(List.of(), new ImportResult.Problem(cells.line(), null, "accounting.import.controlCharacter"));
                }
            }
        }
        return new Table(table, null, isXlsx(bytes));
    }

    /** One row of the file with its 1-based line (CSV) or row (Excel) number. */
    record Cells(int line, List<String> values) {
        String get(int index) {
            return index < values.size() && values.get(index) != null ? values.get(index).strip() : "";
        }
    }

    static boolean isXlsx(byte[] bytes) {
        return bytes.length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4;
    }

    /**
     * Reads the first sheet of an .xlsx. POI's ZipSecureFile refuses entries that inflate more than 100-fold
     * (zip bombs) or grow beyond 100 MB, so a hostile file fails before it fills memory.
     */
    static List<Cells> xlsx(byte[] bytes) throws IOException {
        org.apache.poi.openxml4j.util.ZipSecureFile.setMinInflateRatio(0.01);
        org.apache.poi.openxml4j.util.ZipSecureFile.setMaxEntrySize(100L * 1024 * 1024);
        List<Cells> table = new ArrayList<>();
        org.apache.poi.ss.usermodel.DataFormatter formatter = new org.apache.poi.ss.usermodel.DataFormatter(java.util.Locale.JAPAN);
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(bytes))) {
            var sheet = book.getSheetAt(0);
            for (org.apache.poi.ss.usermodel.Row row : sheet) {
                if (table.size() > MAX_ROWS + 1) {
                    break;
                }
                List<String> values = new ArrayList<>();
                boolean blank = true;
                for (int c = 0; c < Math.max(HEADER.size(), row.getLastCellNum()); c++) {
                    var cell = row.getCell(c);
                    String v = cell == null ? "" : formatter.formatCellValue(cell).strip();
                    blank &= v.isEmpty();
                    values.add(v);
                }
                if (!blank) {
                    table.add(new Cells(row.getRowNum() + 1, values));
                }
            }
        }
        return table;
    }

    private static Parsed rows(Table file, Map<String, UUID> measureIds) {
        List<Cells> table = file.cells();
        List<ImportResult.Problem> problems = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        int read = 0;
        int columns = HEADER.size();
        boolean header = true;
        for (Cells record : table) {
            int line = record.line();
            if (header) {
                header = false;
                List<String> names = headerNames(record, file.spreadsheet());
                if (names.size() < 6 || names.size() > HEADER.size() || !names.equals(HEADER.subList(0, names.size()))) {
                    return new Parsed(0, List.of(), List.of(new ImportResult.Problem(line, null, "accounting.import.header")));
                }
                columns = names.size();
                continue;
            }
            read++;
            if (read > MAX_ROWS) {
                return new Parsed(read, List.of(), List.of(new ImportResult.Problem(line, null, "accounting.import.tooManyRows")));
            }
            // a row whose cell count differs from the header's would shift its cells into the wrong columns
            // (「1,234」 unquoted is two cells): refused, never read
            String columnProblem = columnProblem(record, columns, file.spreadsheet());
            Row row = null;
            if (columnProblem != null) {
                problems.add(new ImportResult.Problem(line, null, columnProblem));
            } else {
                row = row(record, line, measureIds, problems);
            }
            if (row != null) {
                rows.add(row);
            }
            if (problems.size() >= MAX_PROBLEMS) {
                problems.add(new ImportResult.Problem(line, null, "accounting.import.tooManyProblems"));
                break;
            }
        }
        if (read == 0 && problems.isEmpty()) {
            problems.add(new ImportResult.Problem(0, null, "accounting.import.empty"));
        }
        return new Parsed(read, problems.isEmpty() ? rows : List.of(), problems);
    }

    private static Row row(Cells record, int line, Map<String, UUID> measureIds, List<ImportResult.Problem> problems) {
        int before = problems.size();
        String yearText = cell(record, 0);
        Integer year = null;
        try {
            year = FiscalYear.of(Integer.parseInt(yearText.replace("年度", "").strip())).startYear();
        } catch (RuntimeException e) {
            problems.add(new ImportResult.Problem(line, "年度", "accounting.import.year"));
        }
        String measure = cell(record, 1);
        UUID measureId = null;
        if (measure.isEmpty()) {
            problems.add(new ImportResult.Problem(line, "施策", "accounting.import.measureRequired"));
        } else if (year != null) {
            String key = year + "\t" + measure;
            if (!measureIds.containsKey(key)) {
                problems.add(new ImportResult.Problem(line, "施策", "accounting.import.measureUnknown"));
            } else if (measureIds.get(key) == null) {
                problems.add(new ImportResult.Problem(line, "施策", "accounting.import.measureAmbiguous"));
            } else {
                measureId = measureIds.get(key);
            }
        }
        String description = cell(record, 2);
        if (description.isEmpty() || description.length() > 500) {
            problems.add(new ImportResult.Problem(line, "明細", "accounting.line.description.required"));
        }
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

    /** The header's names; a spreadsheet's trailing empty cells are not columns. */
    /** A header row is accepted when it is the expected header, or that header without its last (optional) column. */
    static boolean acceptedHeader(List<String> names, List<String> expected) {
        return names.size() >= expected.size() - 1 && names.size() <= expected.size() && names.equals(expected.subList(0, names.size()));
    }

    static List<String> headerNames(Cells record, boolean spreadsheet) {
        List<String> names = new ArrayList<>(record.values().stream().map(v -> v == null ? "" : v.strip().replace("\uFEFF", "")).toList());
        while (spreadsheet && !names.isEmpty() && names.get(names.size() - 1).isEmpty()) {
            names.remove(names.size() - 1);
        }
        return names;
    }

    /**
     * A CSV row must have exactly the header's number of cells (blank lines aside); otherwise its cells would land in
     * the wrong columns. A spreadsheet's cells cannot shift, so there only non-empty cells beyond the header count.
     */
    static String columnProblem(Cells record, int columns, boolean spreadsheet) {
        List<String> values = record.values();
        if (spreadsheet) {
            for (int i = columns; i < values.size(); i++) {
                if (values.get(i) != null && !values.get(i).isBlank()) {
                    return "accounting.import.tooManyColumns";
                }
            }
            return null;
        }
        if (values.size() == columns) {
            return null;
        }
        return values.size() > columns ? "accounting.import.tooManyColumns" : "accounting.import.tooFewColumns";
    }

    /**
     * 「1,234」 written without quotes in a file whose last column is 根拠資料 reads as 金額 1 and 根拠資料 234 with
     * the right cell count: an amount of 1–3 digits followed by a 根拠資料 of exactly three digits is refused with a
     * message to quote the amount.
     */
    static boolean looksSplit(String amount, String next) {
        return amount.matches("[0-9０-９]{1,3}") && next.matches("[0-9０-９]{3}([,，][0-9０-９]{3})*");
    }

    private static String cell(Cells record, int index) {
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
