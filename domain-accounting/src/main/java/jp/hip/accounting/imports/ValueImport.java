package jp.hip.accounting.imports;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jp.hip.accounting.AccountingException;
import jp.hip.accounting.FiscalYear;
import jp.hip.accounting.indicators.IndicatorValue;

/**
 * Reads indicator values from CSV or .xlsx: 年度,指標,ベースライン,目標,実績,回答率 (the indicator by its name).
 * Same rules as {@link LineImport}: every problem by row and column, and nothing written unless all rows are good.
 */
final class ValueImport {

    static final List<String> HEADER = List.of("年度", "指標", "ベースライン", "目標", "実績", "回答率");

    record Row(int line, UUID indicatorId, FiscalYear year, BigDecimal baseline, BigDecimal target, BigDecimal actual,
            BigDecimal responseRate) {}

    private ValueImport() {}

    /** @param indicatorIds indicators by name; a name used twice maps to null (ambiguous) */
    static ImportTable.Parsed<Row> parse(byte[] bytes, Map<String, UUID> indicatorIds) {
        return ImportTable.parse(bytes, HEADER, true, "accounting.import.valueHeader",
                (cells, line, problems) -> row(cells, line, indicatorIds, problems));
    }

    private static Row row(ImportTable.Cells cells, int line, Map<String, UUID> indicatorIds, List<ImportResult.Problem> problems) {
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
        if (problems.size() > before) {
            return null;
        }
        try {
            new IndicatorValue(indicator, year).set(numbers[0], numbers[1], numbers[2], numbers[3]);
            return new Row(line, indicator, year, numbers[0], numbers[1], numbers[2], numbers[3]);
        } catch (AccountingException e) {
            problems.add(new ImportResult.Problem(line, null, e.messageKey()));
            return null;
        }
    }
}
