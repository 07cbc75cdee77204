package jp.hip.accounting.imports;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jp.hip.accounting.AccountingException;
import jp.hip.accounting.Yen;
import jp.hip.accounting.ledger.PersonnelRole;
import jp.hip.accounting.ledger.PersonnelTime;
import jp.hip.accounting.ledger.RateBasis;

/**
 * Reads personnel time (時間投資) from CSV or .xlsx: 年度,施策,明細,役割,1人あたり時間,人数,時間単価,単価の根拠[,根拠資料].
 * Same rules as {@link LineImport} (ADR 0026): UTF-8 with or without BOM, Windows-31J or .xlsx; a row whose cell
 * count differs from the header's is refused with its physical line number; every problem names its row and column;
 * nothing is written unless every row is good. Each row becomes a 人件費 line computed under its 年度's policy.
 */
final class TimeImport {

    static final List<String> HEADER = List.of("年度", "施策", "明細", "役割", "1人あたり時間", "人数", "時間単価", "単価の根拠", "根拠資料");

    record Row(int line, int fiscalYear, UUID measureId, String description, PersonnelTime time, String sourceDocument) {

        /**
         * Source document and content (the time entered, not the amount, which follows the year's policy): what makes
         * two time lines "the same line imported twice" (ADR 0080).
         */
        String key() {
            return key(fiscalYear, measureId, description, time.role().name(), time.hoursPerPerson(), time.persons(),
                    time.hourlyRate().amount(), time.rateBasis().name(), sourceDocument);
        }

        static String key(int year, UUID measure, String description, String role, BigDecimal hours, int persons, long rate,
                String basis, String source) {
            return String.join("\u0000", Integer.toString(year), String.valueOf(measure), description, role,
                    hours.stripTrailingZeros().toPlainString(), Integer.toString(persons), Long.toString(rate), basis,
                    source == null ? "" : source);
        }
    }

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
    static ImportTable.Parsed<Row> parse(byte[] bytes, Map<String, UUID> measureIds) {
        return ImportTable.parse(bytes, HEADER, true, "accounting.import.timeHeader",
                (cells, line, problems) -> row(cells, line, measureIds, problems));
    }

    private static Row row(ImportTable.Cells cells, int line, Map<String, UUID> measureIds, List<ImportResult.Problem> problems) {
        int before = problems.size();
        Integer year = LineImport.year(cells, line, problems);
        UUID measureId = LineImport.measure(cells, line, year, measureIds, problems);
        String description = LineImport.description(cells, line, problems);
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
