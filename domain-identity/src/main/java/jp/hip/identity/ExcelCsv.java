package jp.hip.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * The platform's one CSV writer, for files people open in Excel (ADR 0097): Commons CSV, UTF-8 with a BOM (Excel
 * then reads Japanese correctly), CRLF, and one formula-injection rule ({@link #neutralise}). Every export uses it:
 * accounting's survey answer and templates, the public guideline list, the insurer's members overview and 対象者
 * list, コラボヘルス report tables. Lives in identity because every module depends on identity and on nothing shared
 * besides it.
 */
public final class ExcelCsv {

    /** A plain number (「-1」, 「0.25」) or the 「-」 of an empty cell is data, never a formula. */
    private static final Pattern NUMBER_OR_DASH = Pattern.compile("-|[+-]?\\d+(\\.\\d+)?");

    private static final CSVFormat MINIMAL = CSVFormat.Builder.create(CSVFormat.RFC4180).setRecordSeparator("\r\n")
            .setQuoteMode(QuoteMode.MINIMAL).get();
    private static final CSVFormat ALL_QUOTED = CSVFormat.Builder.create(MINIMAL).setQuoteMode(QuoteMode.ALL).get();

    private ExcelCsv() {}

    /** Rows with a field quoted only where it must be (a comma, quote or line break in it). */
    public static byte[] write(List<? extends List<String>> rows) {
        return write(rows, MINIMAL);
    }

    /** Rows with every field quoted (accounting's downloads, whose readers expect it). */
    public static byte[] writeAllQuoted(List<? extends List<String>> rows) {
        return write(rows, ALL_QUOTED);
    }

    private static byte[] write(List<? extends List<String>> rows, CSVFormat format) {
        StringBuilder out = new StringBuilder("\uFEFF");
        try (CSVPrinter printer = new CSVPrinter(out, format)) {
            for (List<String> row : rows) {
                printer.printRecord(row.stream().map(ExcelCsv::neutralise).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not fail
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The formula-injection rule (OWASP "CSV Injection"): Excel runs a cell that starts with = + - @, a tab or a
     * carriage return as a formula, so such a cell gets a leading apostrophe, which Excel shows as text. Plain numbers
     * and a lone 「-」 stay as they are. Null is an empty cell.
     */
    public static String neutralise(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        char c = value.charAt(0);
        boolean risky = c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
        return risky && !NUMBER_OR_DASH.matcher(value).matches() ? "'" + value : value;
    }
}
