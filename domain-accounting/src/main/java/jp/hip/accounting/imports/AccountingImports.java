package jp.hip.accounting.imports;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import jp.hip.accounting.AccountingException;
import jp.hip.accounting.FiscalYear;
import jp.hip.accounting.facilities.Facility;
import jp.hip.accounting.facilities.FacilityRepository;
import jp.hip.accounting.indicators.Indicator;
import jp.hip.accounting.indicators.IndicatorRepository;
import jp.hip.accounting.indicators.IndicatorValue;
import jp.hip.accounting.indicators.IndicatorValueRepository;
import jp.hip.accounting.ledger.AllocationRule;
import jp.hip.accounting.ledger.InvestmentLine;
import jp.hip.accounting.ledger.InvestmentLineRepository;
import jp.hip.accounting.ledger.Measure;
import jp.hip.accounting.ledger.MeasureRepository;
import jp.hip.accounting.outputs.Csv;
import jp.hip.accounting.years.AccountingYears;
import jp.hip.identity.AuditLog;
import jp.hip.identity.CurrentTenant;

/**
 * Imports (ADR 0026): investment lines and indicator values from CSV or .xlsx, all or nothing. The file is parsed
 * and checked in memory (a row whose cell count differs from the header's is refused with its physical line
 * number; a line already stored with the same source document and content is refused or skipped, at the user's
 * choice); then the lines go in with one COPY in the same transaction.
 */
@Service
public class AccountingImports {

    /** The stated and real size limit of an import file. */
    public static final int MAX_BYTES = ImportTable.MAX_BYTES;
    public static final int MAX_ROWS = ImportTable.MAX_ROWS;

    private final MeasureRepository measures;
    private final IndicatorRepository indicators;
    private final IndicatorValueRepository values;
    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final FacilityRepository facilities;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final InvestmentLineRepository lines;
    private final AccountingYears years;

    AccountingImports(MeasureRepository measures, IndicatorRepository indicators, IndicatorValueRepository values, JdbcClient jdbc,
            DataSource dataSource, FacilityRepository facilities, AuditLog audit, TransactionTemplate tx,
            Clock clock, InvestmentLineRepository lines, AccountingYears years) {
        this.lines = lines;
        this.years = years;
        this.facilities = facilities;
        this.measures = measures;
        this.indicators = indicators;
        this.values = values;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Imports investment lines (年度,施策,明細,費用区分,投資資源,金額[,根拠資料]). Measures are found by 年度 and name
     * among the company's own. Native COPY bypasses @TenantId, so the tenant is written from {@link CurrentTenant}.
     */
    public ImportResult importLines(byte[] csv, ImportResult.Duplicates duplicates) {
        UUID tenant = CurrentTenant.tenantId().orElseThrow(() -> new AccountingException("accounting.notFound"));
        return tx.execute(s -> {
            Map<String, UUID> byName = new HashMap<>();
            for (Measure m : measures.findAll()) {
                String key = m.fiscalYear().startYear() + "\t" + m.name();
                byName.put(key, byName.containsKey(key) ? null : m.id());
            }
            ImportTable.Parsed<LineImport.Row> parsed = LineImport.parse(csv, byName);
            if (!parsed.problems().isEmpty()) {
                return new ImportResult(parsed.rowsRead(), 0, parsed.problems());
            }
            Set<String> stored = storedKeys(tenant, parsed.rows());
            Set<Integer> closed = closedYears(parsed.rows().stream().map(LineImport.Row::fiscalYear).collect(java.util.stream.Collectors.toSet()));
            List<LineImport.Row> fresh = new ArrayList<>(parsed.rows().size());
            List<ImportResult.Problem> problems = new ArrayList<>();
            for (LineImport.Row r : parsed.rows()) {
                if (closed.contains(r.fiscalYear())) {
                    if (problems.size() < ImportTable.MAX_PROBLEMS) {
                        problems.add(new ImportResult.Problem(r.line(), "年度", "accounting.year.closed"));
                    }
                } else if (!stored.contains(r.key())) {
                    fresh.add(r);
                } else if (duplicates != ImportResult.Duplicates.SKIP && problems.size() < ImportTable.MAX_PROBLEMS) {
                    problems.add(new ImportResult.Problem(r.line(), null, "accounting.import.duplicate"));
                } else if (duplicates != ImportResult.Duplicates.SKIP) {
                    problems.add(new ImportResult.Problem(r.line(), null, "accounting.import.tooManyProblems"));
                    break;
                }
            }
            if (!problems.isEmpty()) {
                return new ImportResult(parsed.rowsRead(), 0, problems);
            }
            LineWriter.copy(dataSource, tenant, fresh, clock.instant());
            int skipped = parsed.rows().size() - fresh.size();
            audit.record("ACC_LINES_IMPORTED", "InvestmentLine", null, Map.of("rows", fresh.size(), "skipped", skipped));
            return new ImportResult(parsed.rowsRead(), fresh.size(), skipped, List.of());
        });
    }

    /**
     * Imports personnel time (年度,施策,明細,役割,1人あたり時間,人数,時間単価,単価の根拠[,根拠資料]), all or nothing: each row
     * becomes a 人件費 line (時間投資) computed under its 年度's policy on participants' time, as if entered on the
     * measure's page; a row of a closed 年度 refuses the file.
     */
    public ImportResult importTime(byte[] file, ImportResult.Duplicates duplicates) {
        UUID tenant = CurrentTenant.tenantId().orElseThrow(() -> new AccountingException("accounting.notFound"));
        return tx.execute(s -> {
            Map<String, UUID> byName = new HashMap<>();
            Map<UUID, Measure> byId = new HashMap<>();
            for (Measure m : measures.findAll()) {
                String key = m.fiscalYear().startYear() + "\t" + m.name();
                byName.put(key, byName.containsKey(key) ? null : m.id());
                byId.put(m.id(), m);
            }
            ImportTable.Parsed<TimeImport.Row> parsed = TimeImport.parse(file, byName);
            if (!parsed.problems().isEmpty()) {
                return new ImportResult(parsed.rowsRead(), 0, parsed.problems());
            }
            Set<Integer> closed = closedYears(parsed.rows().stream().map(TimeImport.Row::fiscalYear)
                    .collect(java.util.stream.Collectors.toSet()));
            List<ImportResult.Problem> inClosed = parsed.rows().stream().filter(r -> closed.contains(r.fiscalYear()))
                    .limit(ImportTable.MAX_PROBLEMS).map(r -> new ImportResult.Problem(r.line(), "年度", "accounting.year.closed")).toList();
            if (!inClosed.isEmpty()) {
                return new ImportResult(parsed.rowsRead(), 0, inClosed);
            }
            List<ImportResult.Problem> problems = new ArrayList<>();
            List<TimeImport.Row> fresh = withoutStored(parsed.rows(), storedTimeKeys(tenant, parsed.rows()), TimeImport.Row::key,
                    TimeImport.Row::line, duplicates, problems);
            if (!problems.isEmpty()) {
                return new ImportResult(parsed.rowsRead(), 0, problems);
            }
            Map<Integer, Boolean> includeParticipants = new HashMap<>();
            List<InvestmentLine> created = new ArrayList<>();
            for (TimeImport.Row r : fresh) {
                boolean include = includeParticipants.computeIfAbsent(r.fiscalYear(),
                        y -> years.policyOf(FiscalYear.of(y)).policy().includeParticipantTime());
                created.add(InvestmentLine.ofTime(byId.get(r.measureId()), r.description(), r.time(), include, r.sourceDocument(),
                        clock.instant()));
            }
            lines.saveAll(created);
            int skipped = parsed.rows().size() - fresh.size();
            audit.record("ACC_TIME_IMPORTED", "InvestmentLine", null, Map.of("rows", created.size(), "skipped", skipped));
            return new ImportResult(parsed.rowsRead(), created.size(), skipped, List.of());
        });
    }

    /**
     * Imports allocations (年度,施策,明細,指標,割合), all or nothing: each line's rows replace its allocation under the
     * rules of {@link AllocationRule} (ratios summing to 100 %, or 「主」 wholly to one indicator). Lines of a closed
     * 年度 refuse the file.
     */
    public ImportResult importAllocations(byte[] file, ImportResult.Duplicates duplicates) {
        UUID tenant = CurrentTenant.tenantId().orElseThrow(() -> new AccountingException("accounting.notFound"));
        return tx.execute(s -> {
            Map<String, AllocationImport.LineRef> byKey = new HashMap<>();
            jdbc.sql("""
                    select l.id, l.fiscal_year, m.name, l.description from acc_investment_line l
                    join acc_measure m on m.tenant_id = l.tenant_id and m.id = l.measure_id where l.tenant_id = :tenant
                    """).param("tenant", tenant).query((rs, n) -> {
                        String key = rs.getInt(2) + "\t" + rs.getString(3) + "\t" + rs.getString(4);
                        byKey.put(key, byKey.containsKey(key) ? null : new AllocationImport.LineRef(rs.getObject(1, UUID.class), rs.getInt(2)));
                        return null;
                    }).list();
            Map<String, UUID> byName = new HashMap<>();
            for (Indicator i : indicators.findAll()) {
                byName.put(i.name(), byName.containsKey(i.name()) ? null : i.id());
            }
            AllocationImport.Parsed parsed = AllocationImport.parse(file, byKey, byName);
            if (!parsed.problems().isEmpty()) {
                return new ImportResult(parsed.rowsRead(), 0, parsed.problems());
            }
            Set<Integer> closed = closedYears(parsed.allocations().stream().map(AllocationImport.LineAllocation::fiscalYear)
                    .collect(java.util.stream.Collectors.toSet()));
            List<ImportResult.Problem> inClosed = parsed.allocations().stream().filter(a -> closed.contains(a.fiscalYear()))
                    .limit(ImportTable.MAX_PROBLEMS).map(a -> new ImportResult.Problem(a.line(), "年度", "accounting.year.closed")).toList();
            if (!inClosed.isEmpty()) {
                return new ImportResult(parsed.rowsRead(), 0, inClosed);
            }
            Set<UUID> known = new HashSet<>(byName.values());
            Map<UUID, InvestmentLine> loaded = new HashMap<>();
            lines.findAllById(parsed.allocations().stream().map(AllocationImport.LineAllocation::lineId).toList())
                    .forEach(l -> loaded.put(l.id(), l));
            // a line whose stored allocation is the file's already was imported before (ADR 0080)
            List<ImportResult.Problem> problems = new ArrayList<>();
            List<AllocationImport.LineAllocation> fresh = withoutStored(parsed.allocations(),
                    a -> loaded.get(a.lineId()).allocationRule() != null && loaded.get(a.lineId()).allocationRule().sameAs(a.rule()),
                    AllocationImport.LineAllocation::line, duplicates, problems);
            if (!problems.isEmpty()) {
                return new ImportResult(parsed.rowsRead(), 0, problems);
            }
            List<InvestmentLine> changed = new ArrayList<>();
            for (AllocationImport.LineAllocation a : fresh) {
                InvestmentLine line = loaded.get(a.lineId());
                line.allocate(a.rule(), known);
                changed.add(line);
            }
            lines.saveAll(changed);
            int rowsSkipped = parsed.rowsRead() - fresh.stream().mapToInt(AllocationImport.LineAllocation::rows).sum();
            audit.record("ACC_ALLOCATIONS_IMPORTED", "InvestmentLine", null, Map.of("rows", parsed.rowsRead() - rowsSkipped,
                    "lines", changed.size(), "skipped", rowsSkipped));
            return new ImportResult(parsed.rowsRead(), parsed.rowsRead() - rowsSkipped, rowsSkipped, List.of());
        });
    }

    public static byte[] allocationsTemplate() {
        return Csv.forExcel(List.of(AllocationImport.HEADER,
                List.of("2025", "全社ウォーキングイベント", "歩数計アプリ利用料", "運動習慣者比率", "60%"),
                List.of("2025", "全社ウォーキングイベント", "歩数計アプリ利用料", "適正体重維持者率", "40%"),
                List.of("2025", "健康セミナー", "講師謝金", "セミナー参加率", "主")));
    }

    public static byte[] timeTemplate() {
        return Csv.forExcel(List.of(TimeImport.HEADER,
                List.of("2025", "健康セミナー", "講師（産業医）", "産業医", "2", "1", "15,000", "契約単価", "契約書 No.7"),
                List.of("2025", "健康セミナー", "受講時間", "参加従業員", "1.5", "80", "3,000", "標準時間単価", "")));
    }

    private Set<Integer> closedYears(Set<Integer> years) {
        return this.years.closedAmong(years);
    }

    /**
     * The rows not stored yet. A row equal to a stored one (by {@code key}, or {@code stored}) is skipped with
     * {@link ImportResult.Duplicates#SKIP}; otherwise it is a problem on its row, and the caller writes nothing.
     */
    private static <R> List<R> withoutStored(List<R> rows, Set<String> stored, java.util.function.Function<R, String> key,
            java.util.function.ToIntFunction<R> line, ImportResult.Duplicates duplicates, List<ImportResult.Problem> problems) {
        return withoutStored(rows, r -> stored.contains(key.apply(r)), line, duplicates, problems);
    }

    private static <R> List<R> withoutStored(List<R> rows, java.util.function.Predicate<R> stored,
            java.util.function.ToIntFunction<R> line, ImportResult.Duplicates duplicates, List<ImportResult.Problem> problems) {
        List<R> fresh = new ArrayList<>(rows.size());
        for (R r : rows) {
            if (!stored.test(r)) {
                fresh.add(r);
            } else if (duplicates == ImportResult.Duplicates.SKIP) {
                continue;
            } else if (problems.size() < ImportTable.MAX_PROBLEMS) {
                problems.add(new ImportResult.Problem(line.applyAsInt(r), null, "accounting.import.duplicate"));
            } else {
                problems.add(new ImportResult.Problem(line.applyAsInt(r), null, "accounting.import.tooManyProblems"));
                break;
            }
        }
        return fresh;
    }

    /** The keys (source document and content) of the stored personnel-time lines of the file's measures, in one query. */
    private Set<String> storedTimeKeys(UUID tenant, List<TimeImport.Row> rows) {
        UUID[] measureIds = rows.stream().map(TimeImport.Row::measureId).distinct().toArray(UUID[]::new);
        Set<String> keys = new HashSet<>();
        jdbc.sql("""
                select fiscal_year, measure_id, description, personnel_role, hours_per_person, persons, hourly_rate, rate_basis,
                       source_document
                from acc_investment_line where tenant_id = :tenant and measure_id = any(:measures) and personnel_role is not null
                """).param("tenant", tenant).param("measures", measureIds)
                .query((rs, n) -> keys.add(TimeImport.Row.key(rs.getInt(1), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getString(4), rs.getBigDecimal(5), rs.getInt(6), rs.getLong(7), rs.getString(8), rs.getString(9))))
                .list();
        return keys;
    }

    /** The keys (source document and content) of the stored lines of the file's measures, in one query. */
    private Set<String> storedKeys(UUID tenant, List<LineImport.Row> rows) {
        UUID[] measureIds = rows.stream().map(LineImport.Row::measureId).distinct().toArray(UUID[]::new);
        Set<String> keys = new HashSet<>();
        jdbc.sql("""
                select fiscal_year, measure_id, description, expense_type, resource_view, amount, source_document
                from acc_investment_line where tenant_id = :tenant and measure_id = any(:measures)
                """).param("tenant", tenant).param("measures", measureIds)
                .query((rs, n) -> keys.add(LineImport.Row.key(rs.getInt(1), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getLong(6), rs.getString(7))))
                .list();
        return keys;
    }

    /**
     * Imports indicator values (年度,指標,ベースライン,目標,実績,回答率) from CSV or .xlsx, all or nothing; a value for
     * a year that already has one replaces it.
     */
    public ImportResult importValues(byte[] file) {
        return tx.execute(s -> {
            Map<String, UUID> byName = new HashMap<>();
            for (Indicator i : indicators.findAll()) {
                byName.put(i.name(), byName.containsKey(i.name()) ? null : i.id());
            }
            ImportTable.Parsed<ValueImport.Row> parsed = ValueImport.parse(file, byName);
            if (!parsed.problems().isEmpty()) {
                return new ImportResult(parsed.rowsRead(), 0, parsed.problems());
            }
            Set<Integer> closed = closedYears(parsed.rows().stream().map(r -> r.year().startYear())
                    .collect(java.util.stream.Collectors.toSet()));
            List<ImportResult.Problem> inClosed = parsed.rows().stream().filter(r -> closed.contains(r.year().startYear()))
                    .limit(ImportTable.MAX_PROBLEMS).map(r -> new ImportResult.Problem(r.line(), "年度", "accounting.year.closed")).toList();
            if (!inClosed.isEmpty()) {
                return new ImportResult(parsed.rowsRead(), 0, inClosed);
            }
            for (ValueImport.Row r : parsed.rows()) {
                IndicatorValue value = values.findByIndicatorIdAndFiscalYear(r.indicatorId(), r.year().startYear())
                        .orElseGet(() -> new IndicatorValue(r.indicatorId(), r.year()));
                value.set(r.baseline(), r.target(), r.actual(), r.responseRate());
                values.save(value);
            }
            audit.record("ACC_VALUES_IMPORTED", "Indicator", null, Map.of("rows", parsed.rows().size()));
            return new ImportResult(parsed.rowsRead(), parsed.rows().size(), List.of());
        });
    }

    /**
     * Imports facilities from a 固定資産台帳 export (名称,資産区分,取得日,取得価額,耐用年数,償却方法,健康利用割合,割合の根拠[,備考]),
     * all or nothing: an unknown method, a life outside 2–50 or 定率法 where the law allows only 定額法 refuses the file
     * with every problem by line and column.
     */
    public ImportResult importFacilities(byte[] file) {
        return tx.execute(s -> {
            ImportTable.Parsed<FacilityImport.Row> parsed = FacilityImport.parse(file);
            if (!parsed.problems().isEmpty()) {
                return new ImportResult(parsed.rowsRead(), 0, parsed.problems());
            }
            for (FacilityImport.Row r : parsed.rows()) {
                facilities.save(new Facility(r.name(), r.depreciation(), r.note()));
            }
            audit.record("ACC_FACILITIES_IMPORTED", "Facility", null, Map.of("rows", parsed.rows().size()));
            return new ImportResult(parsed.rowsRead(), parsed.rows().size(), List.of());
        });
    }

    public static byte[] facilitiesTemplate() {
        return Csv.forExcel(List.of(FacilityImport.HEADER,
                List.of("フィットネスルーム（本社3階）", "器具及び備品", "2025-10-01", "4,800,000", "10", "定率法", "100%", "面積", "マシン6台")));
    }

    /** A template for the import page: the header and one example row, UTF-8 with BOM. */
    public static byte[] linesTemplate() {
        return Csv.forExcel(List.of(LineImport.HEADER,
                List.of("2025", "全社ウォーキングイベント", "歩数計アプリ利用料", "外注費", "外注", "680,000", "請求書 No.123")));
    }

    public static byte[] valuesTemplate() {
        return Csv.forExcel(List.of(ValueImport.HEADER, List.of("2025", "喫煙率", "24.8", "22", "23.2", "86.5")));
    }
}
