package jp.hip.accounting;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Reads personnel time (時間投資) from CSV or .xlsx: 年度,施策,明細,役割,1人あたり時間,人数,時間単価,単価の根拠[,根拠資料].
 * Same rules as {@link LineImport} (ADR 0026): UTF-8 with or without BOM, Windows-31J or .xlsx; a row whose cell
 * count differs from the header's is refused with its physical line number; every problem names its row and column;
 * nothing is written unless every row is good. Each row becomes a 人件費 line computed under its 年度's policy.
 */
final class TimeImport {

    static final List<String> HEADER = List.of("年度", "施策", "明細", "役割", "1人あたり時間", "人数", "時間単価", "単価の根拠", "根拠資料");

    record Row(int line, int fiscalYear, UUID measureId, String description, PersonnelTime time, String sourceDocument) {}

    record Parsed(int rowsRead, List<Row> rows, List<ImportResult.Problem> problems) {}

    private static final Map<String, PersonnelRole> ROLES = new HashMap<>();
    private static final Map<String, RateBasis> BASES = new HashMap<>();

    static {
        String[] roleLabels = {"産業医", "保健師・看護師", "推進担当", "参加従業員", "経営層"};
        for (PersonnelRole r : PersonnelRole.values()) {
            ROLES.put(r.name(), r);
            ROLES.put(roleLabels[r.ordinal()], r);
        }
        ROLES.put("保健師", PersonnelRole.NURSE);
        ROLES.put("看護師", PersonnelRole.NURSE);
        String[] basisLabels = {"標準時間単価", "給与実績", "契約単価"};
        for (RateBasis b : RateBasis.values()) {
            BASES.put(b.name(), b);
            BASES.put(basisLabels[b.ordinal()], b);
        }
    }

    private TimeImport() {}

    /** @param measureIds measures by "年度\t名前"; a name used twice in a year maps to null (ambiguous) */
    static Parsed parse(byte[] bytes, Map<String, UUID> measureIds) {
        LineImport.Table table = LineImport.table(bytes);
        if (table.problem() != null) {
            return new Parsed(0, List.of(), List.of(table.problem()));
        }
        List<ImportResult.Problem> problems = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        int read = 0;
        int columnCount = HEADER.size();
        boolean header = true;
        for (LineImport.Cells cells : table.cells()) {
            int line = cells.line();
            if (header) {
                header = false;
                List<String> names = LineImport.headerNames(cells, table.spreadsheet());
                if (!LineImport.acceptedHeader(names, HEADER)) {
                    return new Parsed(0, List.of(), List.of(new ImportResult.Problem(line, null, "accounting.import.timeHeader")));
                }
                columnCount = names.size();
                continue;
            }
            read++;
            if (read > LineImport.MAX_ROWS) {
                return new Parsed(read, List.of(), List.of(new ImportResult.Problem(line, null, "accounting.import.tooManyRows")));
            }
            String columnProblem = LineImport.columnProblem(cells, columnCount, table.spreadsheet());
            if (columnProblem != null) {
                problems.add(new ImportResult.Problem(line, null, columnProblem));
            } else {
                Row row = row(cells, line, measureIds, problems);
                if (row != null) {
                    rows.add(row);
                }
            }
            if (problems.size() >= LineImport.MAX_PROBLEMS) {
                problems.add(new ImportResult.Problem(line, null, "accounting.import.tooManyProblems"));
                break;
            }
        }
        if (read == 0 && problems.isEmpty()) {
            problems.add(new ImportResult.Problem(0, null, "accounting.import.empty"));
        }
        return new Parsed(read, problems.isEmpty() ? rows : List.of(), problems);
    }

    private static Row row(LineImport.Cells cells, int line, Map<String, UUID> measureIds, List<ImportResult.Problem> problems) {
        int before = problems.size();
        Integer year = null;
        try {
            year = FiscalYear.of(Integer.parseInt(cells.get(0).replace("年度", "").strip())).startYear();
        } catch (RuntimeException e) {
            problems.add(new ImportResult.Problem(line, "年度", "accounting.import.year"));
        }
        String measure = cells.get(1);
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
        String description = cells.get(2);
        if (description.isEmpty() || description.length() > 500) {
            problems.add(new ImportResult.Problem(line, "明細", "accounting.line.description.required"));
        }
        PersonnelRole role = ROLES.get(cells.get(3).strip().toUpperCase(Locale.ROOT));
        role = role != null ? role : ROLES.get(cells.get(3).strip());
        if (role == null) {
            problems.add(new ImportResult.Problem(line, "役割", "accounting.import.role"));
        }
        BigDecimal hours = null;
        try {
            hours = new BigDecimal(cells.get(4).replace(",", "").strip());
        } catch (NumberFormatException e) {
            problems.add(new ImportResult.Problem(line, "1人あたり時間", "accounting.time.hoursInvalid"));
        }
        Integer persons = null;
        try {
            persons = Integer.parseInt(cells.get(5).replace(",", "").replace("人", "").strip());
        } catch (NumberFormatException e) {
            problems.add(new ImportResult.Problem(line, "人数", "accounting.time.personsInvalid"));
        }
        Yen rate = null;
        try {
            rate = Yen.parse(cells.get(6));
        } catch (AccountingException e) {
            problems.add(new ImportResult.Problem(line, "時間単価", e.messageKey()));
        }
        RateBasis basis = BASES.get(cells.get(7).strip().toUpperCase(Locale.ROOT));
        basis = basis != null ? basis : BASES.get(cells.get(7).strip());
        if (basis == null) {
            problems.add(new ImportResult.Problem(line, "単価の根拠", "accounting.import.rateBasis"));
        }
        String source = cells.get(8);
        if (source.length() > 500) {
            problems.add(new ImportResult.Problem(line, "根拠資料", "accounting.line.sourceDocument.tooLong"));
        }
        if (problems.size() > before) {
            return null;
        }
        PersonnelTime time;
        try {
            time = new PersonnelTime(role, hours, persons, rate, basis);
        } catch (AccountingException e) {
            String column = e.messageKey().contains("hours") ? "1人あたり時間" : e.messageKey().contains("persons") ? "人数" : null;
            problems.add(new ImportResult.Problem(line, column, e.messageKey()));
            return null;
        }
        return new Row(line, year, measureId, description, time, source.isEmpty() ? null : source);
    }
}
