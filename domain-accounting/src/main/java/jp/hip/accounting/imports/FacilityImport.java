package jp.hip.accounting.imports;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import jp.hip.accounting.AccountingException;
import jp.hip.accounting.Yen;
import jp.hip.accounting.depreciation.AssetClass;
import jp.hip.accounting.depreciation.Depreciation;
import jp.hip.accounting.depreciation.DepreciationMethod;
import jp.hip.accounting.depreciation.DepreciationRates;
import jp.hip.accounting.depreciation.SharedUseBasis;

/**
 * Facilities from a 固定資産台帳 export (CSV or .xlsx): 名称,資産区分,取得日,取得価額,耐用年数,償却方法,健康利用割合,割合の根拠[,備考].
 * The same reader, limits and column-count rule as the line import (ADR 0026); every problem with its physical line
 * and column; the caller writes only when there is none.
 */
final class FacilityImport {

    static final List<String> HEADER = List.of("名称", "資産区分", "取得日", "取得価額", "耐用年数", "償却方法", "健康利用割合", "割合の根拠", "備考");

    record Row(int line, String name, Depreciation depreciation, String note) {}

    private static final Map<String, AssetClass> CLASSES = Map.of("建物", AssetClass.BUILDING, "建物附属設備", AssetClass.BUILDING_EQUIPMENT,
            "構築物", AssetClass.STRUCTURE, "器具及び備品", AssetClass.EQUIPMENT, "機械装置", AssetClass.EQUIPMENT, "その他", AssetClass.EQUIPMENT);
    private static final Map<String, DepreciationMethod> METHODS = Map.of("定額法", DepreciationMethod.STRAIGHT_LINE, "旧定額法",
            DepreciationMethod.STRAIGHT_LINE, "定率法", DepreciationMethod.DECLINING_BALANCE, "旧定率法", DepreciationMethod.DECLINING_BALANCE,
            "200%定率法", DepreciationMethod.DECLINING_BALANCE, "250%定率法", DepreciationMethod.DECLINING_BALANCE);
    private static final Map<String, SharedUseBasis> BASES = Map.of("面積", SharedUseBasis.FLOOR_AREA, "時間", SharedUseBasis.HOURS,
            "利用者数", SharedUseBasis.USERS);

    private FacilityImport() {}

    static ImportTable.Parsed<Row> parse(byte[] bytes) {
        return ImportTable.parse(bytes, HEADER, true, "accounting.import.facilityHeader", FacilityImport::row);
    }

    private static Row row(ImportTable.Cells c, int line, List<ImportResult.Problem> problems) {
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
