package jp.hip.accounting.imports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jp.hip.accounting.AccountingException;
import jp.hip.accounting.ledger.AllocationRule;

/**
 * Reads allocations (按分) from CSV or .xlsx: 年度,施策,明細,指標,割合 — one row per line and indicator; the line is
 * found by 年度, 施策 and 明細, the indicator by name; 割合 is a percentage (「60%」), a ratio (「0.6」) or 「主」 for
 * wholly to the main indicator (the only row of its line). A line's rows replace its allocation; their ratios must
 * sum to 100 %. Same rules as {@link LineImport} (ADR 0026): every problem by row and column, nothing half-written.
 */
final class AllocationImport {

    static final List<String> HEADER = List.of("年度", "施策", "明細", "指標", "割合");

    /** A line's rows: the rule they make, the first row's number for messages, and how many rows made it. */
    record LineAllocation(int line, UUID lineId, int fiscalYear, AllocationRule rule, int rows) {}

    record Parsed(int rowsRead, List<LineAllocation> allocations, List<ImportResult.Problem> problems) {}

    /** Where lines are: by "年度\t施策\t明細", null when two lines share that key (ambiguous). */
    record LineRef(UUID id, int fiscalYear) {}

    private AllocationImport() {}

    /** One good row: its line's key, the indicator and the ratio (−1 for 「主」). */
    private record Share(int row, String lineKey, UUID indicatorId, BigDecimal ratio) {}

    static Parsed parse(byte[] bytes, Map<String, LineRef> lines, Map<String, UUID> indicatorIds) {
        ImportTable.Parsed<Share> table = ImportTable.parse(bytes, HEADER, false, "accounting.import.allocationHeader",
                (cells, row, problems) -> share(cells, row, lines, indicatorIds, problems));
        int read = table.rowsRead();
        List<ImportResult.Problem> problems = new ArrayList<>(table.problems());
        if (read == 0) {
            return new Parsed(read, List.of(), problems);
        }
        Map<String, List<Share>> byLine = new LinkedHashMap<>();
        table.rows().forEach(s -> byLine.computeIfAbsent(s.lineKey(), k -> new ArrayList<>()).add(s));
        List<LineAllocation> allocations = new ArrayList<>();
        for (var entry : byLine.entrySet()) {
            List<Share> rows = entry.getValue();
            int first = rows.get(0).row();
            boolean primary = rows.stream().anyMatch(r -> r.ratio().signum() < 0);
            try {
                AllocationRule rule = primary
                        ? (rows.size() == 1 ? AllocationRule.primaryOnly(rows.get(0).indicatorId()) : new AllocationRule(true, List.of(
                                new AllocationRule.Share(rows.get(0).indicatorId(), BigDecimal.ONE),
                                new AllocationRule.Share(rows.get(1).indicatorId(), BigDecimal.ONE))))
                        : AllocationRule.ratios(rows.stream().map(r -> new AllocationRule.Share(r.indicatorId(), r.ratio())).toList());
                LineRef ref = lines.get(entry.getKey());
                allocations.add(new LineAllocation(first, ref.id(), ref.fiscalYear(), rule, rows.size()));
            } catch (AccountingException e) {
                problems.add(new ImportResult.Problem(first, "割合", e.messageKey()));
            }
        }
        return new Parsed(read, problems.isEmpty() ? allocations : List.of(), problems);
    }

    private static Share share(ImportTable.Cells cells, int row, Map<String, LineRef> lines, Map<String, UUID> indicatorIds,
            List<ImportResult.Problem> problems) {
        int before = problems.size();
        String year = cells.get(0).replace("年度", "").strip();
        String key = year + "\t" + cells.get(1) + "\t" + cells.get(2);
        if (!year.matches("\\d{4}")) {
            problems.add(new ImportResult.Problem(row, "年度", "accounting.import.year"));
        } else if (!lines.containsKey(key)) {
            problems.add(new ImportResult.Problem(row, "明細", "accounting.import.lineUnknown"));
        } else if (lines.get(key) == null) {
            problems.add(new ImportResult.Problem(row, "明細", "accounting.import.lineAmbiguous"));
        }
        String name = cells.get(3);
        if (!indicatorIds.containsKey(name)) {
            problems.add(new ImportResult.Problem(row, "指標", "accounting.import.indicatorUnknown"));
        } else if (indicatorIds.get(name) == null) {
            problems.add(new ImportResult.Problem(row, "指標", "accounting.import.indicatorAmbiguous"));
        }
        BigDecimal ratio = ratio(cells.get(4));
        if (ratio == null) {
            problems.add(new ImportResult.Problem(row, "割合", "accounting.import.ratio"));
        }
        return problems.size() == before ? new Share(row, key, indicatorIds.get(name), ratio) : null;
    }

    /** 「60%」 → 0.6, 「0.6」 → 0.6, 「主」 → −1 (wholly to the main indicator); null when unreadable. */
    static BigDecimal ratio(String text) {
        String t = text.strip();
        if (t.equals("主") || t.equalsIgnoreCase("PRIMARY")) {
            return BigDecimal.ONE.negate();
        }
        try {
            if (t.endsWith("%") || t.endsWith("％")) {
                return new BigDecimal(t.substring(0, t.length() - 1).strip()).divide(BigDecimal.valueOf(100), 8, RoundingMode.UNNECESSARY)
                        .stripTrailingZeros();
            }
            return new BigDecimal(t);
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }
}
