package jp.hip.accounting;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import jp.hip.accounting.analysis.Analyses;
import jp.hip.accounting.analysis.Analysis;
import jp.hip.accounting.depreciation.Depreciation;
import jp.hip.accounting.depreciation.TaxMethod;
import jp.hip.accounting.facilities.FacilityLedger;
import jp.hip.accounting.imports.AccountingImports;
import jp.hip.accounting.imports.ImportResult;
import jp.hip.accounting.indicators.BenefitKind;
import jp.hip.accounting.indicators.Direction;
import jp.hip.accounting.indicators.HealthIndicators;
import jp.hip.accounting.indicators.Indicator;
import jp.hip.accounting.indicators.IndicatorRepository;
import jp.hip.accounting.indicators.IndicatorTier;
import jp.hip.accounting.ledger.AllocationRule;
import jp.hip.accounting.ledger.ExpenseType;
import jp.hip.accounting.ledger.InvestmentLine;
import jp.hip.accounting.ledger.InvestmentLineRepository;
import jp.hip.accounting.ledger.Measure;
import jp.hip.accounting.ledger.MeasureRepository;
import jp.hip.accounting.ledger.PersonnelTime;
import jp.hip.accounting.ledger.PurposeCategory;
import jp.hip.accounting.ledger.ResourceView;
import jp.hip.accounting.resources.HealthIssues;
import jp.hip.accounting.strategy.GoalRollUp;
import jp.hip.accounting.strategy.StrategyMapStore;
import jp.hip.accounting.years.AccountingYears;
import jp.hip.identity.AuditLog;

/**
 * The accounting module's facade for measures, investment lines and the analysis; the other capabilities have
 * their own services, each in its sub-package (ADRs 0029, 0108): {@link HealthIndicators}, {@link FacilityLedger},
 * {@link AccountingImports}, {@link AccountingYears}, {@link AccountingChanges}, {@code HealthResources},
 * {@link HealthIssues}, {@code StrategyMaps} and {@code AccountingOutputs}. Every method acts on the current tenant only (Hibernate's {@code @TenantId});
 * another company's id is simply not found. Writes validate in the aggregates and either fully succeed or
 * change nothing.
 */
@Service
public class HealthAccounting {

    // ---- views and commands (published API) ----

    public record HealthIssue(String key, String name, boolean standard) {}

    public record PolicyView(boolean includeParticipantTime, Yen annualLabourCost, int annualWorkingDays, int employeeCount) {}

    public record MeasureCommand(String name, String description, PurposeCategory purpose, Set<Integer> standardIssues,
            Set<UUID> ownIssues, int participants) {}

    public record MeasureView(UUID id, FiscalYear fiscalYear, String name, String description, PurposeCategory purpose,
            Set<Integer> standardIssues, Set<UUID> ownIssues, int participants, Yen total, Map<ExpenseType, Yen> byExpenseType,
            Yen budget) {
        /** 実績 − 予算 (positive: over the plan); null when no plan was set. */
        public Long budgetVariance() {
            return budget == null ? null : total.amount() - budget.amount();
        }
    }

    public record LineCommand(String description, ExpenseType expenseType, ResourceView resourceView, Yen amount,
            String sourceDocument) {}

    public record TimeCommand(String description, PersonnelTime time, String sourceDocument) {}

    public record AllocationView(UUID indicatorId, String indicatorName, BigDecimal ratio, Yen amount) {}

    public record LineView(UUID id, UUID measureId, FiscalYear fiscalYear, String description, ExpenseType expenseType,
            ResourceView resourceView, Yen amount, String sourceDocument, PersonnelTime personnelTime, UUID facilityId,
            boolean primaryOnly, List<AllocationView> allocations) {}

    public record MeasureDetail(MeasureView measure, List<LineView> lines) {}

    public record IndicatorCommand(String name, IndicatorTier tier, String unit, Direction direction, String method,
            String population, BenefitKind benefitKind) {}

    public record ValueView(FiscalYear fiscalYear, BigDecimal baseline, BigDecimal target, BigDecimal actual,
            BigDecimal responseRate) {}

    public record IndicatorView(UUID id, String name, IndicatorTier tier, String unit, Direction direction, String method,
            String population, BenefitKind benefitKind, List<ValueView> values) {
        public Optional<ValueView> valueIn(FiscalYear year) {
            return values.stream().filter(v -> v.fiscalYear().equals(year)).findFirst();
        }
    }

    public record FacilityCommand(String name, Depreciation depreciation, String note) {}

    /**
     * A facility in a 年度: its whole depreciation, the health-use share, the book value at the year's end, the tax
     * method the law applies, the rate table version, and the share of the year already apportioned to measures.
     */
    public record FacilityView(UUID id, String name, Depreciation depreciation, String note, Yen depreciationThisYear,
            Yen healthShareThisYear, Yen bookValue, boolean fullyDepreciated, TaxMethod taxMethod, String rateTable,
            BigDecimal apportionedThisYear) {}

    private final MeasureRepository measures;
    private final InvestmentLineRepository lines;
    private final IndicatorRepository indicators;
    private final HealthIndicators healthIndicators;
    private final HealthIssues issues;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final TransactionTemplate readOnly;
    private final Clock clock;
    private final FacilityLedger ledger;
    private final AccountingImports imports;
    private final AccountingYears years;
    private final StrategyMapStore mapStore;

    HealthAccounting(FacilityLedger ledger, AccountingImports imports, AccountingYears years, StrategyMapStore mapStore,
            MeasureRepository measures, InvestmentLineRepository lines, IndicatorRepository indicators,
            HealthIndicators healthIndicators, HealthIssues issues, AuditLog audit, TransactionTemplate tx, Clock clock) {
        this.measures = measures;
        this.lines = lines;
        this.indicators = indicators;
        this.healthIndicators = healthIndicators;
        this.issues = issues;
        this.audit = audit;
        this.tx = tx;
        this.readOnly = new TransactionTemplate(java.util.Objects.requireNonNull(tx.getTransactionManager()));
        this.readOnly.setReadOnly(true);
        this.clock = clock;
        this.ledger = ledger;
        this.imports = imports;
        this.years = years;
        this.mapStore = mapStore;
    }

    // ---- health issues and policy ----

    /** The nine 健康経営度調査 categories and the company's own ({@link HealthIssues#healthIssues}). */
    public List<HealthIssue> healthIssues(boolean japanese) {
        return issues.healthIssues(japanese);
    }

    /** The policy in force for a 年度 ({@link AccountingYears#policyOf}). */
    public PolicyView policy(FiscalYear year) {
        return years.policyOf(year).policy();
    }

    /** Sets a 年度's policy and recomputes that year's time lines only ({@link AccountingYears#changePolicy}). */
    public void changePolicy(FiscalYear year, PolicyView change) {
        years.changePolicy(year, change);
    }

    // ---- measures and investment lines ----

    public List<MeasureView> measures(FiscalYear year) {
        return tx.execute(s -> {
            Map<UUID, List<InvestmentLine>> byMeasure = lines.findByFiscalYear(year.startYear()).stream()
                    .collect(Collectors.groupingBy(InvestmentLine::measureId));
            return measures.findByFiscalYearOrderByName(year.startYear()).stream()
                    .map(m -> AccountingViews.view(m, byMeasure.getOrDefault(m.id(), List.of()))).toList();
        });
    }

    public Optional<MeasureDetail> measure(UUID id) {
        return tx.execute(s -> measures.findById(id).map(m -> {
            List<InvestmentLine> own = lines.findByMeasureIdOrderByCreatedAt(id);
            Map<UUID, String> names = indicatorNames();
            return new MeasureDetail(AccountingViews.view(m, own), own.stream().map(l -> AccountingViews.view(l, names)).toList());
        }));
    }

    /** One page of a measure's lines (oldest first), with the totals of all its lines, summed in the database. */
    public record MeasurePage(MeasureDetail detail, int page, int pages, long lineCount) {}

    public Optional<MeasurePage> measurePage(UUID id, int page, int size) {
        return tx.execute(s -> measures.findById(id).map(m -> {
            Map<ExpenseType, Yen> byType = AccountingViews.zeros(ExpenseType.class);
            long count = 0;
            for (Object[] row : lines.sumsByExpenseType(id)) {
                byType.put((ExpenseType) row[0], Yen.of(((Number) row[1]).longValue()));
                count += ((Number) row[2]).longValue();
            }
            int pages = (int) Math.max(1, (count + size - 1) / size);
            int current = Math.min(Math.max(page, 1), pages);
            List<InvestmentLine> slice = lines.findByMeasureId(id, org.springframework.data.domain.PageRequest.of(current - 1, size,
                    org.springframework.data.domain.Sort.by("createdAt", "id"))).getContent();
            Map<UUID, String> names = indicatorNames();
            MeasureView view = AccountingViews.view(m, byType);
            return new MeasurePage(new MeasureDetail(view, slice.stream().map(l -> AccountingViews.view(l, names)).toList()),
                    current, pages, count);
        }));
    }

    public UUID createMeasure(FiscalYear year, MeasureCommand command) {
        return tx.execute(s -> {
            years.requireOpen(year);
            Measure measure = new Measure(year, clock.instant());
            measure.describe(command.name(), command.description(), command.purpose(), command.standardIssues(),
                    checkedOwnIssues(command.ownIssues()), command.participants());
            measures.save(measure);
            audit.record("ACC_MEASURE_CREATED", "Measure", measure.id(), Map.of("name", measure.name(), "fiscalYear", year.startYear()));
            return measure.id();
        });
    }

    public void changeMeasure(UUID id, MeasureCommand command) {
        tx.executeWithoutResult(s -> {
            Measure measure = measure(id, true);
            measure.describe(command.name(), command.description(), command.purpose(), command.standardIssues(),
                    checkedOwnIssues(command.ownIssues()), command.participants());
            audit.record("ACC_MEASURE_CHANGED", "Measure", id, Map.of("name", measure.name()));
        });
    }

    /** Sets the measure's 予算 for its 年度, or clears it with null; audited, refused in a closed 年度 (ADR 0081). */
    public void planBudget(UUID measureId, Yen budget) {
        tx.executeWithoutResult(s -> {
            Measure measure = measure(measureId, true);
            Yen before = measure.budget();
            measure.plan(budget);
            measures.saveAndFlush(measure);
            Map<String, Object> details = new java.util.HashMap<>();
            details.put("before", before == null ? "" : before.amount());
            details.put("budget", budget == null ? "" : budget.amount());
            audit.record("ACC_MEASURE_BUDGET_SET", "Measure", measureId, details);
        });
    }

    public UUID addLine(UUID measureId, LineCommand command) {
        return tx.execute(s -> save(InvestmentLine.of(measure(measureId, true), command.description(), command.expenseType(),
                command.resourceView(), command.amount(), command.sourceDocument(), clock.instant())));
    }

    /** 時間投資 → 人件費 under the company's policy on participants' time. */
    public UUID addTimeLine(UUID measureId, TimeCommand command) {
        return tx.execute(s -> {
            Measure measure = measure(measureId, true);
            boolean includeParticipants = years.policyOf(measure.fiscalYear()).policy().includeParticipantTime();
            return save(InvestmentLine.ofTime(measure, command.description(), command.time(),
                    includeParticipants, command.sourceDocument(), clock.instant()));
        });
    }

    /** 空間投資 → 減価償却費: the whole of the facility's health-use depreciation in the measure's 年度 ({@link FacilityLedger}). */
    public UUID addDepreciationLine(UUID measureId, UUID facilityId) {
        return ledger.addDepreciationLine(measureId, facilityId, BigDecimal.ONE);
    }

    public void deleteLine(UUID lineId) {
        tx.executeWithoutResult(s -> {
            InvestmentLine line = lines.findById(lineId).orElseThrow(() -> new AccountingException("accounting.notFound"));
            years.requireOpen(line.fiscalYear());
            lines.delete(line);
            audit.record("ACC_LINE_DELETED", "InvestmentLine", lineId, Map.of("amount", line.amount().amount()));
        });
    }

    /** Finds a line of the current tenant; empty for another company's id. */
    public Optional<LineView> line(UUID lineId) {
        return tx.execute(s -> lines.findById(lineId).map(l -> AccountingViews.view(l, indicatorNames())));
    }

    /** 按分: replaces the line's allocation; the ratios' rule is checked by {@link AllocationRule}. */
    public void allocate(UUID lineId, AllocationRule rule) {
        tx.executeWithoutResult(s -> {
            InvestmentLine line = lines.findById(lineId).orElseThrow(() -> new AccountingException("accounting.notFound"));
            years.requireOpen(line.fiscalYear());
            Set<UUID> known = indicators.findAllById(rule.shares().stream().map(AllocationRule.Share::indicatorId).toList())
                    .stream().map(Indicator::id).collect(Collectors.toSet());
            line.allocate(rule, known);
            lines.saveAndFlush(line);
            audit.record("ACC_LINE_ALLOCATED", "InvestmentLine", lineId, Map.of("primaryOnly", rule.primaryOnly(),
                    "shares", rule.shares().size()));
        });
    }

    // ---- facilities and resources ----

    public List<FacilityView> facilities(FiscalYear year) {
        return ledger.facilities(year);
    }

    public UUID createFacility(FacilityCommand command) {
        return ledger.create(command);
    }

    // ---- totals, analyses, outputs ----

    /** This year's totals by expense type (all four, zero where nothing was spent). */
    public Map<ExpenseType, Yen> totalsByExpenseType(FiscalYear year) {
        return tx.execute(s -> AccountingViews.sumBy(lines.findByFiscalYear(year.startYear()), InvestmentLine::expenseType, ExpenseType.class));
    }

    /**
     * The year's analyses. Read-only: the thousands of lines it loads are neither snapshotted nor dirty-checked at
     * commit (the commit flush was most of the page's server time at 10 years × 200 measures; ADR 0029).
     */
    public Analysis analysis(FiscalYear year, boolean japanese) {
        int y = year.startYear();
        return readOnly.execute(s -> {
            List<IndicatorView> all = healthIndicators.indicators();
            var map = mapStore.latest(year).orElse(null);
            return new Analyses(year, measures.findByFiscalYearBetween(y, y).stream().map(AnalysisInputs::facts).toList(),
                    lines.findByFiscalYear(y).stream().map(AnalysisInputs::facts).toList(),
                    previousYear(year.previous()), all, healthIssues(japanese), policy(year),
                    allocated -> GoalRollUp.of(map == null ? null : map.version(), map == null ? null : map.graph(), all,
                            allocated)).compute();
        });
    }


    /** The previous year's totals per expense type, summed in the database; without lines, whether it has measures. */
    private Analyses.PreviousYear previousYear(FiscalYear year) {
        Map<ExpenseType, Yen> byType = new java.util.EnumMap<>(ExpenseType.class);
        for (ExpenseType t : ExpenseType.values()) {
            byType.put(t, Yen.ZERO);
        }
        List<Object[]> sums = lines.sumsByExpenseTypeIn(year.startYear());
        sums.forEach(r -> byType.put((ExpenseType) r[0], Yen.of(((Number) r[1]).longValue())));
        boolean hasData = !sums.isEmpty() || !measures.yearsWithMeasures(year.startYear(), year.startYear()).isEmpty();
        return new Analyses.PreviousYear(byType, hasData);
    }

    // ---- import ({@link AccountingImports}) ----

    /** Imports investment lines; lines already stored (same source document and content) are refused. */
    public ImportResult importLines(byte[] csv) {
        return imports.importLines(csv, ImportResult.Duplicates.REFUSE);
    }

    public ImportResult importValues(byte[] file) {
        return imports.importValues(file);
    }

    // ---- helpers ----

    private Measure measure(UUID id, boolean forWrite) {
        Measure measure = measures.findById(id).orElseThrow(() -> new AccountingException("accounting.notFound"));
        if (forWrite) {
            years.requireOpen(measure.fiscalYear());
        }
        return measure;
    }

    private UUID save(InvestmentLine line) {
        lines.save(line);
        audit.record("ACC_LINE_ADDED", "InvestmentLine", line.id(), Map.of("measure", line.measureId().toString(),
                "expenseType", line.expenseType().name(), "amount", line.amount().amount()));
        return line.id();
    }

    private Set<UUID> checkedOwnIssues(Set<UUID> ids) {
        if (ids == null || ids.isEmpty()) {
            return Set.of();
        }
        if (!issues.allOwn(ids)) {
            throw new AccountingException("accounting.measure.issues.unknown");
        }
        return ids;
    }

    private Map<UUID, String> indicatorNames() {
        return indicators.findAll().stream().collect(Collectors.toMap(Indicator::id, Indicator::name));
    }
}
