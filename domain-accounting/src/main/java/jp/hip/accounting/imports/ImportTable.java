package jp.hip.accounting.imports;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The one table reader of the imports (ADR 0026): a file as CSV (UTF-8 with or without BOM, or Windows-31J, what
 * Excel saves as 「CSV」 on a Japanese PC) or .xlsx (first sheet), within the size and row limits, read into rows of
 * cells with their physical line numbers (header = 1, blank lines counted); its header checked; then every data row
 * whose cell count matches the header's handed to the import's own {@link RowReader}, which adds its problems by row
 * and column. A row whose cell count differs is refused, never read (its cells would land in the wrong columns).
 * Every problem is collected (at most {@link #MAX_PROBLEMS}); the caller writes only when there is none.
 */
final class ImportTable {

    static final int MAX_BYTES = 20 * 1024 * 1024;
    static final int MAX_ROWS = 200_000;
    static final int MAX_PROBLEMS = 200;

    /** Reads one data row of the right cell count: the row, or null after adding its problems. */
    @FunctionalInterface
    interface RowReader<R> {
        R read(Cells cells, int line, List<ImportResult.Problem> problems);
    }

    /**
     * What a file gave: the data rows read, the rows read without a problem, and every problem. The rows may be
     * written only when {@code problems} is empty.
     */
    record Parsed<R>(int rowsRead, List<R> rows, List<ImportResult.Problem> problems) {
        static <R> Parsed<R> refused(int rowsRead, int line, String messageKey) {
            return new Parsed<>(rowsRead, List.of(), List.of(new ImportResult.Problem(line, null, messageKey)));
        }
    }

    /** One row of the file with its 1-based line (CSV) or row (Excel) number. */
    record Cells(int line, List<String> values) {
        String get(int index) {
            return index < values.size() && values.get(index) != null ? values.get(index).strip() : "";
        }
    }

    /** The file's rows, or the one problem that stopped reading it. */
    record Table(List<Cells> cells, ImportResult.Problem problem, boolean spreadsheet) {}

    private ImportTable() {}

    /**
     * Reads a file with this header into rows.
     *
     * @param lastOptional whether the header's last column may be left out (then the rows have one cell fewer)
     * @param headerProblem the message key when the first row is not the header
     */
    static <R> Parsed<R> parse(byte[] bytes, List<String> header, boolean lastOptional, String headerProblem, RowReader<R> reader) {
        Table table = table(bytes);
        if (table.problem() != null) {
            return new Parsed<>(0, List.of(), List.of(table.problem()));
        }
        List<ImportResult.Problem> problems = new ArrayList<>();
        List<R> rows = new ArrayList<>();
        int read = 0;
        int columns = header.size();
        boolean first = true;
        for (Cells cells : table.cells()) {
            int line = cells.line();
            if (first) {
                first = false;
                List<String> names = headerNames(cells, table.spreadsheet());
                if (lastOptional ? !acceptedHeader(names, header) : !names.equals(header)) {
                    return Parsed.refused(0, line, headerProblem);
                }
                columns = names.size();
                continue;
            }
            read++;
            if (read > MAX_ROWS) {
                return Parsed.refused(read, line, "accounting.import.tooManyRows");
            }
            String columnProblem = columnProblem(cells, columns, table.spreadsheet());
            if (columnProblem != null) {
                problems.add(new ImportResult.Problem(line, null, columnProblem));
            } else {
                R row = reader.read(cells, line, problems);
                if (row != null) {
                    rows.add(row);
                }
            }
            if (problems.size() >= MAX_PROBLEMS) {
                problems.add(new ImportResult.Problem(line, null, "accounting.import.tooManyProblems"));
                break;
            }
        }
        if (read == 0 && problems.isEmpty()) {
            problems.add(new ImportResult.Problem(0, null, "accounting.import.empty"));
        }
        return new Parsed<>(read, rows, problems);
    }

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

    /** Reads CSV (any of the accepted encodings) or .xlsx into rows of cells, within the size and row limits. */
    static Table table(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return new Table(List.of(), new ImportResult.Problem(0, null, "accounting.import.empty"), false);
        }
        if (bytes.length > MAX_BYTES) {
            return new Table(List.of(), new ImportResult.Problem(0, null, "accounting.import.tooLarge"), false);
        }
        List<Cells> table;
        if (isXlsx(bytes)) {
            try {
                table = xlsx(bytes);
            } catch (IOException | RuntimeException e) {
                return new Table(List.of(), new ImportResult.Problem(0, null, "accounting.import.unreadableXlsx"), true);
            }
        } else {
            try {
                table = CsvReader.read(decode(bytes), MAX_ROWS + 2);
            } catch (CsvReader.Malformed e) {
                return new Table(List.of(), new ImportResult.Problem(e.line, null, "accounting.import.malformed"), false);
            }
        }
        // control characters (NUL above all, which PostgreSQL text refuses) are no part of a spreadsheet's text:
        // refused with the row, never passed on to the database (found by InputFuzzTests)
        for (Cells cells : table) {
            for (String value : cells.values()) {
                if (value != null && value.chars().anyMatch(c -> c < 0x20 && c != '\t' && c != '\n' && c != '\r')) {
                    return new Table(List.of(), new ImportResult.Problem(cells.line(), null, "accounting.import.controlCharacter"), false);
                }
            }
        }
        return new Table(table, null, isXlsx(bytes));
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
                for (int c = 0; c < row.getLastCellNum(); c++) {
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

    /** A header row is accepted when it is the expected header, or that header without its last (optional) column. */
    static boolean acceptedHeader(List<String> names, List<String> expected) {
        return names.size() >= expected.size() - 1 && names.size() <= expected.size() && names.equals(expected.subList(0, names.size()));
    }

    /** The header's names; a spreadsheet's trailing empty cells are not columns. */
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
}
