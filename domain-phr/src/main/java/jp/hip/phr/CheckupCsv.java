package jp.hip.phr;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import jp.hip.phr.PhrException.Problem;

/**
 * 特定健診 results as CSV, for insurers without the XML: one row per checkup. Columns 保険者番号, 被保険者証記号,
 * 被保険者証番号, 氏名カナ, 性別 (1/2 or 男/女), 生年月日, 健診実施日, then one column per 17-digit item code (values in
 * the code table's unit). UTF-8 with or without BOM, or Windows-31J. Every problem is reported by row and column.
 */
public final class CheckupCsv {

    static final List<String> FIXED = List.of("保険者番号", "被保険者証記号", "被保険者証番号", "氏名カナ", "性別", "生年月日", "健診実施日");
    static final int MAX_ROWS = 50_000;

    private CheckupCsv() {}

    /** One row: its line number and the checkup it describes. */
    public record Row(long line, CheckupXml.Checkup checkup) {}

    public static List<Row> parse(byte[] content, Set<String> knownItemCodes) {
        String text = decode(content);
        List<Problem> problems = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).get().parse(new StringReader(text))) {
            List<String> header = parser.getHeaderNames();
            for (String fixed : FIXED) {
                if (!header.contains(fixed)) {
                    problems.add(Problem.of("phr.csv.missingColumn", "1", fixed));
                }
            }
            List<String> itemColumns = header.stream().filter(h -> !FIXED.contains(h)).toList();
            for (String column : itemColumns) {
                if (!knownItemCodes.contains(column)) {
                    problems.add(Problem.of("phr.csv.unknownColumn", "1", column));
                }
            }
            if (!problems.isEmpty()) {
                throw new PhrException(PhrException.Kind.INVALID, problems);
            }
            for (CSVRecord record : parser) {
                if (record.getRecordNumber() > MAX_ROWS) {
                    throw PhrException.of(PhrException.Kind.INVALID, "phr.csv.tooManyRows", MAX_ROWS);
                }
                long line = record.getRecordNumber() + 1;
                String where = String.valueOf(line);
                String number = record.get("被保険者証番号");
                if (number.isBlank()) {
                    problems.add(Problem.of("phr.csv.required", where, line, "被保険者証番号"));
                }
                String insurer = record.get("保険者番号");
                if (insurer.isBlank()) {
                    problems.add(Problem.of("phr.csv.required", where, line, "保険者番号"));
                }
                String kana = record.get("氏名カナ");
                if (kana.isBlank()) {
                    problems.add(Problem.of("phr.csv.required", where, line, "氏名カナ"));
                }
                // the database's limits, and no control characters (both found by InputFuzzTests as 500s)
                maxLength(insurer, 8, "保険者番号", where, line, problems);
                maxLength(record.get("被保険者証記号"), 40, "被保険者証記号", where, line, problems);
                maxLength(number, 40, "被保険者証番号", where, line, problems);
                maxLength(kana, 100, "氏名カナ", where, line, problems);
                for (String value : record.toList()) {
                    if (value != null && value.chars().anyMatch(c -> c < 0x20 && c != '\t')) {
                        problems.add(Problem.of("phr.csv.controlCharacter", where, line));
                        break;
                    }
                }
                String gender = switch (record.get("性別")) {
                    case "1", "男" -> "male";
                    case "2", "女" -> "female";
                    default -> {
                        problems.add(Problem.of("phr.csv.gender", where, line, record.get("性別")));
                        yield "unknown";
                    }
                };
                LocalDate birth = date(record.get("生年月日"), line, "生年月日", problems);
                LocalDate checkupDate = date(record.get("健診実施日"), line, "健診実施日", problems);
                List<CheckupXml.Item> items = new ArrayList<>();
                for (String column : itemColumns) {
                    String value = record.get(column).replace(",", "");
                    if (value.isBlank()) {
                        continue;
                    }
                    try {
                        items.add(new CheckupXml.Item(column, column, "PQ", new BigDecimal(value), null, null));
                    } catch (NumberFormatException e) {
                        problems.add(Problem.of("phr.csv.number", where, line, column, value));
                    }
                }
                if (items.isEmpty()) {
                    problems.add(Problem.of("phr.csv.noItems", where, line));
                }
                String symbol = record.get("被保険者証記号").isBlank() ? null : record.get("被保険者証記号");
                rows.add(new Row(line, new CheckupXml.Checkup("csv:" + insurer + ":" + symbol + ":" + number + ":" + checkupDate,
                        insurer, symbol, number, kana, gender, birth, checkupDate, null, items, List.of())));
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw PhrException.of(PhrException.Kind.INVALID, "phr.csv.unreadable");
        }
        if (!problems.isEmpty()) {
            throw new PhrException(PhrException.Kind.INVALID, problems);
        }
        if (rows.isEmpty()) {
            throw PhrException.of(PhrException.Kind.INVALID, "phr.csv.empty");
        }
        return rows;
    }

    private static void maxLength(String value, int max, String column, String where, long line, List<Problem> problems) {
        if (value != null && value.length() > max) {
            problems.add(Problem.of("phr.csv.tooLong", where, line, column, max));
        }
    }

    /** UTF-8 (BOM dropped) when the bytes are valid UTF-8, otherwise Windows-31J (Excel's Japanese CSV). */
    static String decode(byte[] content) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            return new String(content, Charset.forName("Windows-31J"));
        }
    }

    private static LocalDate date(String value, long line, String column, List<Problem> problems) {
        String v = value.strip();
        try {
            if (v.matches("\\d{8}")) {
                return LocalDate.parse(v, DateTimeFormatter.BASIC_ISO_DATE);
            }
            return LocalDate.parse(v.replace('/', '-'), DateTimeFormatter.ofPattern("uuuu-M-d"));
        } catch (RuntimeException e) {
            problems.add(Problem.of("phr.csv.date", String.valueOf(line), line, column, value));
            return null;
        }
    }
}
