package jp.hip.accounting;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads indicator values from CSV or .xlsx: 年度,指標,ベースライン,目標,実績,回答率 (the indicator by its name).
 * Same rules as {@link LineImport}: every problem by row and column, and nothing written unless all rows are good.
 */
final class ValueImport {

    static final List<String> HEADER = List.of("年度", "指標", "ベースライン", "目標", "実績", "回答率");

    record Row(int line, UUID indicatorId, FiscalYear year, BigDecimal baseline, BigDecimal target, BigDecimal actual,
            BigDecimal responseRate) {}

    record Parsed(int rowsRead, List<Row> rows, List<ImportResult.Problem> problems) {}

    private ValueImport() {}

    /** @param indicatorIds indicators by name; a name used twice maps to null (ambiguous) */
    static Parsed parse(byte[] bytes, Map<String, UUID> indicatorIds) {
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
                if (names.size() < 5 || names.size() > HEADER.size() || !names.equals(HEADER.subList(0, names.size()))) {
                    return new Parsed(0, List.of(), List.of(new ImportResult.Problem(line, null, "accounting.import.valueHeader")));
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
                if (problems.size() >= LineImport.MAX_PROBLEMS) {
                    problems.add(new ImportResult.Problem(line, null, "accounting.import.tooManyProblems"));
                    break;
                }
                continue;
            }
            int before = problems.size();
            FiscalYear year = null;
            try {
                year = FiscalYear.of(Integer.parseInt(cells.get(0).replace("年度", "").strip()));
            } catch (RuntimeException e) {
                problems.add(new ImportResult.Problem(line, "年度", "accounting.import.year"));
            }
            String name = cells.get(1);
            UUID indicator = indicatorIds.get(name);
            if (name.isEmpty() || !indicatorIds.containsKey(name)) {
                problems.add(new ImportResult.Problem(line, "指標", "accounting.import.indicatorUnknown"));
            } else if (indicator == null) {
                problems.add(new ImportResult.Problem(line, "指標", "accounting.import.indicatorAmbiguous"));
            }
            BigDecimal[] numbers = new BigDecimal[4];
            String[] columns = {"ベースライン", "目標", "実績", "回答率"};
            for (int i = 0; i < 4; i++) {
                String text = cells.get(2 + i).replace(",", "").replace("%", "").strip();
                if (!text.isEmpty()) {
                    try {
                        numbers[i] = new BigDecimal(text);
                    } catch (NumberFormatException e) {
                        problems.add(new ImportResult.Problem(line, columns[i], "accounting.value.invalid"));
                    }
                }
            }
            if (problems.size() == before) {
                try {
                    new IndicatorValue(indicator, year).set(numbers[0], numbers[1], numbers[2], numbers[3]);
                    rows.add(new Row(line, indicator, year, numbers[0], numbers[1], numbers[2], numbers[3]));
                } catch (AccountingException e) {
                    problems.add(new ImportResult.Problem(line, null, e.messageKey()));
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
}
