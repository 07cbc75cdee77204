package jp.hip.accounting;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Facilities from a 固定資産台帳 export (CSV or .xlsx): 名称,資産区分,取得日,取得価額,耐用年数,償却方法,健康利用割合,割合の根拠[,備考].
 * The same reader, limits and column-count rule as the line import (ADR 0026); every problem with its physical line
 * and column; the caller writes only when there is none.
 */
final class FacilityImport {

    static final List<String> HEADER = List.of("名称", "資産区分", "取得日", "取得価額", "耐用年数", "償却方法", "健康利用割合", "割合の根拠", "備考");

    record Row(int line, String name, Depreciation depreciation, String note) {}

    record Parsed(int rowsRead, List<Row> rows, List<ImportResult.Problem> problems) {}

    private static final Map<String, AssetClass> CLASSES = Map.of("建物", AssetClass.BUILDING, "建物附属設備", AssetClass.BUILDING_EQUIPMENT,
            "構築物", AssetClass.STRUCTURE, "器具及び備品", AssetClass.EQUIPMENT, "機械装置", AssetClass.EQUIPMENT, "その他", AssetClass.EQUIPMENT);
    private static final Map<String, DepreciationMethod> METHODS = Map.of("定額法", DepreciationMethod.STRAIGHT_LINE, "旧定額法",
            DepreciationMethod.STRAIGHT_LINE, "定率法", DepreciationMethod.DECLINING_BALANCE, "旧定率法", DepreciationMethod.DECLINING_BALANCE,
            "200%定率法", DepreciationMethod.DECLINING_BALANCE, "250%定率法", DepreciationMethod.DECLINING_BALANCE);
    private static final Map<String, SharedUseBasis> BASES = Map.of("面積", SharedUseBasis.FLOOR_AREA, "時間", SharedUseBasis.HOURS,
            "利用者数", SharedUseBasis.USERS);

    private FacilityImport() {}

    static Parsed parse(byte[] bytes) {
        LineImport.Table table = LineImport.table(bytes);
        if (table.problem() != null) {
            return new Parsed(0, List.of(), List.of(table.problem()));
        }
        List<ImportResult.Problem> problems = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        int read = 0;
        int columns = HEADER.size();
        boolean header = true;
        for (LineImport.Cells cells : table.cells()) {
            int line = cells.line();
            if (header) {
                header = false;
                List<String> names = LineImport.headerNames(cells, table.spreadsheet());
                if (!LineImport.acceptedHeader(names, HEADER)) {
                    return new Parsed(0, List.of(), List.of(new ImportResult.Problem(line, null, "accounting.import.facilityHeader")));
                }
                columns = names.size();
                continue;
            }
            read++;
            String columnProblem = LineImport.columnProblem(cells, columns, table.spreadsheet());
            if (columnProblem != null) {
                problems.add(new ImportResult.Problem(line, null, columnProblem));
            } else {
                Row row = row(cells, line, problems);
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

    private static Row row(LineImport.Cells c, int line, List<ImportResult.Problem> problems) {
        int before = problems.size();
        String name = c.get(0);
        if (name.isEmpty() || name.length() > 200) {
            problems.add(new ImportResult.Problem(line, "名称", "accounting.facility.name.required"));
        }
        AssetClass assetClass = CLASSES.get(c.get(1));
        if (assetClass == null) {
            problems.add(new ImportResult.Problem(line, "資産区分", "accounting.import.assetClass"));
        }
        LocalDate acquired = null;
        try {
            String d = c.get(2);
            acquired = d.contains("/") ? LocalDate.parse(d, DateTimeFormatter.ofPattern("uuuu/M/d")) : LocalDate.parse(d);
        } catch (RuntimeException e) {
            problems.add(new ImportResult.Problem(line, "取得日", "accounting.date.invalid"));
        }
        Yen cost = null;
        try {
            cost = Yen.parse(c.get(3));
        } catch (AccountingException e) {
            problems.add(new ImportResult.Problem(line, "取得価額", e.messageKey()));
        }
        Integer life = null;
        try {
            life = Integer.parseInt(c.get(4).replace("年", "").strip());
        } catch (RuntimeException e) {
            // reported below
        }
        if (life == null || life < DepreciationRates.MIN_LIFE || life > DepreciationRates.MAX_LIFE) {
            problems.add(new ImportResult.Problem(line, "耐用年数", "accounting.facility.lifeInvalid"));
        }
        DepreciationMethod method = METHODS.get(c.get(5));
        if (method == null) {
            problems.add(new ImportResult.Problem(line, "償却方法", "accounting.import.method"));
        }
        BigDecimal ratio = null;
        try {
            String r = c.get(6).replace('％', '%');
            ratio = r.endsWith("%") ? new BigDecimal(r.substring(0, r.length() - 1).strip()).movePointLeft(2) : new BigDecimal(r);
        } catch (RuntimeException e) {
            problems.add(new ImportResult.Problem(line, "健康利用割合", "accounting.facility.ratioInvalid"));
        }
        SharedUseBasis basis = BASES.get(c.get(7));
        if (basis == null) {
            problems.add(new ImportResult.Problem(line, "割合の根拠", "accounting.import.basis"));
        }
        if (c.get(8).length() > 1000) {
            problems.add(new ImportResult.Problem(line, "備考", "accounting.facility.noteTooLong"));
        }
        if (problems.size() > before) {
            return null;
        }
        try {
            return new Row(line, name, new Depreciation(cost, acquired, life, method, assetClass, ratio, basis), c.get(8));
        } catch (AccountingException e) {
            String column = e.messageKey().contains("ratio") ? "健康利用割合" : e.messageKey().contains("method") ? "償却方法"
                    : e.messageKey().contains("yen") ? "取得価額" : e.messageKey().contains("date") ? "取得日" : null;
            problems.add(new ImportResult.Problem(line, column, e.messageKey()));
            return null;
        }
    }
}
