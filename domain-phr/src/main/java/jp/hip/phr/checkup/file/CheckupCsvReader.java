package jp.hip.phr.checkup.file;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import jp.hip.phr.PhrException;
import jp.hip.phr.PhrException.Problem;

/**
 * 特定健診 results as CSV, for insurers without the XML (the template is {@link CheckupCsvTemplate}): one row per
 * checkup; fixed columns, then one column per item, headed by its 17-digit code (a name may precede it:
 * 「体重 9N006000000000001」). Numbers in the table's unit; coded items as their answer code; text as text;
 * 未実施 and 測定不能 as those words. UTF-8 with or without BOM, or Windows-31J. Every problem by row and column,
 * with the item's Japanese name.
 */
public final class CheckupCsvReader {

    public static final List<String> REQUIRED = List.of("保険者番号", "被保険者証記号", "被保険者証番号", "氏名カナ", "性別",
            "生年月日", "健診実施日");
    public static final List<String> OPTIONAL = List.of("被保険者証枝番", "健診実施機関番号", "健診実施機関名");
    static final int MAX_ROWS = 50_000;
    private static final Pattern CODE = Pattern.compile("([0-9A-Z]{17})\\s*[\\]）)]?\\s*$");

    /** One row: its line number and the checkup it describes. */
    public record Row(long line, CheckupDocument checkup) {}

    private final CheckupItemTable table;

    public CheckupCsvReader(CheckupItemTable table) {
        this.table = table;
    }

    public List<Row> read(String fileName, byte[] content) {
        List<Problem> problems = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).get().parse(new StringReader(decode(content)))) {
            List<String> header = parser.getHeaderNames();
            for (String fixed : REQUIRED) {
                if (!header.contains(fixed)) {
                    problems.add(Problem.of("phr.csv.missingColumn", null, fixed));
                }
            }
            Map<String, CheckupItem> columns = new LinkedHashMap<>();
            for (String column : header) {
                if (REQUIRED.contains(column) || OPTIONAL.contains(column)) {
                    continue;
                }
                Matcher m = CODE.matcher(column);
                CheckupItem item = m.find() ? table.item(m.group(1)).orElse(null) : null;
                if (item == null) {
                    problems.add(Problem.of("phr.csv.unknownColumn", null, column));
                } else {
                    columns.put(column, item);
                }
            }
            if (!problems.isEmpty()) {
                throw new PhrException(PhrException.Kind.INVALID, problems);
            }
            for (CSVRecord record : parser) {
                if (record.getRecordNumber() > MAX_ROWS) {
                    throw PhrException.of(PhrException.Kind.INVALID, "phr.csv.tooManyRows", MAX_ROWS);
                }
                rows.add(new Row(record.getRecordNumber() + 1, row(fileName, record, columns, problems)));
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

    private CheckupDocument row(String fileName, CSVRecord record, Map<String, CheckupItem> columns, List<Problem> problems) {
        long line = record.getRecordNumber() + 1;
        String where = String.valueOf(line);
        for (String required : List.of("保険者番号", "被保険者証番号", "氏名カナ")) {
            if (record.get(required).isBlank()) {
                problems.add(Problem.of("phr.csv.required", null, line, required));
            }
        }
        // the database's limits, and no control characters (both found by InputFuzzTests as 500s)
        maxLength(record.get("保険者番号"), 8, "保険者番号", line, problems);
        maxLength(optional(record, "被保険者証記号"), 40, "被保険者証記号", line, problems);
        maxLength(record.get("被保険者証番号"), 40, "被保険者証番号", line, problems);
        maxLength(record.get("氏名カナ"), 100, "氏名カナ", line, problems);
        for (String value : record.toList()) {
            if (value != null && value.chars().anyMatch(c -> c < 0x20 && c != '\t')) {
                problems.add(Problem.of("phr.csv.controlCharacter", null, line));
                break;
            }
        }
        String gender = switch (record.get("性別")) {
            case "1", "男" -> "male";
            case "2", "女" -> "female";
            default -> {
                problems.add(Problem.of("phr.csv.gender", null, line, record.get("性別")));
                yield "unknown";
            }
        };
        LocalDate birth = date(record.get("生年月日"), line, "生年月日", problems);
        LocalDate checkupDate = date(record.get("健診実施日"), line, "健診実施日", problems);
        String branch = optional(record, "被保険者証枝番");
        if (branch != null && !branch.matches("[0-9]{2}")) {
            problems.add(Problem.of("phr.csv.branch", null, line, branch));
        }
        List<CheckupResult> results = new ArrayList<>();
        for (Map.Entry<String, CheckupItem> column : columns.entrySet()) {
            String value = record.get(column.getKey());
            if (!value.isBlank()) {
                CheckupResult result = result(column.getValue(), value.strip(), line, problems);
                if (result != null) {
                    results.add(result);
                }
            }
        }
        if (results.isEmpty()) {
            problems.add(Problem.of("phr.csv.noItems", null, line));
        }
        String insurer = record.get("保険者番号");
        if (insurer.matches("[0-9]{1,7}")) {
            insurer = "0".repeat(8 - insurer.length()) + insurer; // Excel drops leading zeros
        }
        return new CheckupDocument(fileName + ":" + line, CheckupDocument.REPORT_CHECKUP, insurer,
                optional(record, "被保険者証記号"), record.get("被保険者証番号"), branch, record.get("氏名カナ").replace('　', ' '),
                gender, birth, checkupDate, optional(record, "健診実施機関番号"), optional(record, "健診実施機関名"), "010",
                List.copyOf(results), List.of());
    }

    private static void maxLength(String value, int max, String column, long line, List<Problem> problems) {
        if (value != null && value.length() > max) {
            problems.add(Problem.of("phr.csv.tooLong", null, line, column, max));
        }
    }

    private CheckupResult result(CheckupItem item, String value, long line, List<Problem> problems) {
        String where = String.valueOf(line);
        if (value.equals("未実施") || value.equals("測定不能")) {
            return new CheckupResult(item.code(), item, value.equals("未実施") ? CheckupResult.Status.NOT_PERFORMED
                    : CheckupResult.Status.UNMEASURABLE, null, null, null, null, null, null, null, null, null, null, false,
                    null, false, null);
        }
        switch (item.type()) {
            case PQ -> {
                try {
                    BigDecimal number = new BigDecimal(value.replace(",", ""));
                    if (!CheckupResult.storable(number)) {
                        problems.add(Problem.of("phr.csv.numberTooLarge", null, line, item.nameJa(), value));
                        return null;
                    }
                    boolean review = item.outsideInputRange(number);
                    return new CheckupResult(item.code(), item, CheckupResult.Status.VALUE, number, item.ucumUnit(), null, null,
                            null, null, null, null, null, null, false, null, review, review ? "phr.review.outsideRange" : null);
                } catch (NumberFormatException e) {
                    problems.add(Problem.of("phr.csv.number", null, line, item.nameJa(), value));
                    return null;
                }
            }
            case CD, CO -> {
                String label = table.answerLabel(item.valueSetOid(), value).orElse(null);
                if (label == null) {
                    problems.add(Problem.of("phr.csv.answer", null, line, item.nameJa(), value,
                            String.join(" / ", table.answers(item.valueSetOid()).entrySet().stream()
                                    .map(e -> e.getKey() + ":" + e.getValue()).toList())));
                    return null;
                }
                return new CheckupResult(item.code(), item, CheckupResult.Status.VALUE, null, null, value, item.valueSetOid(),
                        label, null, null, null, null, null, false, null, false, null);
            }
            default -> {
                return new CheckupResult(item.code(), item, CheckupResult.Status.VALUE, null, null, null, null, null, value,
                        null, null, null, null, false, null, false, null);
            }
        }
    }

    private static String optional(CSVRecord record, String column) {
        return record.isMapped(column) && !record.get(column).isBlank() ? record.get(column).strip() : null;
    }

    /** UTF-8 (BOM dropped) when the bytes are valid UTF-8, otherwise Windows-31J (Excel's Japanese CSV). */
    static String decode(byte[] content) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            return new String(content, SafeXml.WINDOWS_31J);
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
