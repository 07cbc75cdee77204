package jp.hip.accounting.analysis;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jp.hip.accounting.indicators.BenefitKind;
import jp.hip.accounting.indicators.Direction;
import jp.hip.accounting.ledger.ExpenseType;
import jp.hip.accounting.ledger.InvestmentLine;
import jp.hip.accounting.ledger.Measure;
import jp.hip.accounting.ledger.PurposeCategory;
import jp.hip.accounting.ledger.ResourceView;
import jp.hip.accounting.strategy.GoalRollUp;
import jp.hip.accounting.strategy.StrategyMaps;
import jp.hip.accounting.FiscalYear;
import jp.hip.accounting.HealthAccounting;
import jp.hip.accounting.Yen;

/**
 * Computes {@link Analysis} from one year's entries and the previous year's totals (summed in the database: only the
 * year itself is loaded as entities, ADR 0082). Pure: no database. The entries come as {@link MeasureFacts} and
 * {@link LineFacts} (the facts of the package-private entities the analyses read), the strategy map's roll-up as a
 * function of the allocations ({@link GoalRollUp}).
 */
public final class Analyses {

    /** The previous 年度 as the analysis compares with it: its totals per expense type, and whether it has any data. */
    public record PreviousYear(Map<ExpenseType, Yen> byExpenseType, boolean hasData) {
        Yen total() {
            return byExpenseType.values().stream().reduce(Yen.ZERO, Yen::plus);
        }
    }

    /** What the analyses read of a measure (施策). */
    public record MeasureFacts(UUID id, FiscalYear fiscalYear, String name, PurposeCategory purpose,
            Set<Integer> standardIssues, Set<UUID> ownIssues, int participants, Yen budget) {}

    /** What the analyses read of an investment line: its amount and its allocation (按分) in yen per indicator. */
    public record LineFacts(UUID measureId, FiscalYear fiscalYear, ExpenseType expenseType, ResourceView resourceView,
            Yen amount, Map<UUID, Yen> allocatedAmounts) {}

    private final FiscalYear year;
    private final List<MeasureFacts> measures;
    private final List<LineFacts> lines;
    private final PreviousYear previous;
    private final List<HealthAccounting.IndicatorView> indicators;
    private final List<HealthAccounting.HealthIssue> issues;
    private final HealthAccounting.PolicyView policy;
    private final Function<Map<UUID, Yen>, GoalRollUp> rollUp;

    /** {@code rollUp} carries the allocations per indicator up the year's strategy map (none: nothing rolled up). */
    public Analyses(FiscalYear year, List<MeasureFacts> measuresOfTheYear, List<LineFacts> linesOfTheYear, PreviousYear previous,
            List<HealthAccounting.IndicatorView> indicators, List<HealthAccounting.HealthIssue> issues,
            HealthAccounting.PolicyView policy, Function<Map<UUID, Yen>, GoalRollUp> rollUp) {
        this.year = year;
        this.measures = measuresOfTheYear;
        this.lines = linesOfTheYear;
        this.previous = previous;
        this.indicators = indicators;
        this.issues = issues;
        this.policy = policy;
        this.rollUp = rollUp;
    }

    public Analysis compute() {
        List<LineFacts> current = lines.stream().filter(l -> l.fiscalYear().equals(year)).toList();
        List<MeasureFacts> currentMeasures = measures.stream().filter(m -> m.fiscalYear().equals(year)).toList();
        Map<UUID, MeasureFacts> measureById = currentMeasures.stream().collect(Collectors.toMap(MeasureFacts::id, m -> m));
        Map<UUID, Yen> costByMeasure = new LinkedHashMap<>();
        current.forEach(l -> costByMeasure.merge(l.measureId(), l.amount(), Yen::plus));

        Yen total = sum(current);
        Map<PurposeCategory, Yen> byPurpose = new LinkedHashMap<>();
        for (PurposeCategory p : PurposeCategory.values()) {
            byPurpose.put(p, Yen.ZERO);
        }
        current.forEach(l -> {
            MeasureFacts m = measureById.get(l.measureId());
            if (m != null) {
                byPurpose.merge(m.purpose(), l.amount(), Yen::plus);
            }
        });

        // by health issue: a measure's cost shared equally among its issues (remainder to the first)
        Map<String, long[]> issueTotals = new LinkedHashMap<>();
        issues.forEach(i -> issueTotals.put(i.key(), new long[2]));
        for (MeasureFacts m : currentMeasures) {
            List<String> keys = new ArrayList<>();
            m.standardIssues().forEach(c -> keys.add(Integer.toString(c)));
            m.ownIssues().forEach(id -> keys.add(id.toString()));
            long cost = costByMeasure.getOrDefault(m.id(), Yen.ZERO).amount();
            for (int i = 0; i < keys.size(); i++) {
                long share = cost / keys.size() + (i == 0 ? cost % keys.size() : 0);
                long[] t = issueTotals.computeIfAbsent(keys.get(i), k -> new long[2]);
                t[0] += share;
                t[1]++;
            }
        }
        List<Analysis.IssueTotal> byIssue = issues.stream()
                .map(i -> new Analysis.IssueTotal(i.key(), i.name(), Yen.of(issueTotals.get(i.key())[0]), (int) issueTotals.get(i.key())[1]))
                .toList();

        List<Analysis.CostPerParticipant> perParticipant = currentMeasures.stream().map(m -> {
            Yen cost = costByMeasure.getOrDefault(m.id(), Yen.ZERO);
            Yen per = m.participants() > 0 ? Yen.rounded(cost.toBigDecimal().divide(BigDecimal.valueOf(m.participants()), 2, RoundingMode.HALF_UP)) : null;
            return new Analysis.CostPerParticipant(m.id(), m.name(), cost, m.participants(), per, m.budget());
        }).toList();

        Map<UUID, Yen> allocated = new LinkedHashMap<>();
        Yen unallocated = Yen.ZERO;
        for (LineFacts l : current) {
            Map<UUID, Yen> parts = l.allocatedAmounts();
            if (parts.isEmpty()) {
                unallocated = unallocated.plus(l.amount());
            }
            parts.forEach((id, yen) -> allocated.merge(id, yen, Yen::plus));
        }
        List<Analysis.CostPerChange> perChange = new ArrayList<>();
        for (HealthAccounting.IndicatorView indicator : indicators) {
            Yen invested = allocated.getOrDefault(indicator.id(), Yen.ZERO);
            var value = indicator.valueIn(year).orElse(null);
            BigDecimal baseline = value == null ? null : value.baseline();
            BigDecimal actual = value == null ? null : value.actual();
            BigDecimal improvement = baseline == null || actual == null ? null
                    : indicator.direction() == Direction.HIGHER_IS_BETTER ? actual.subtract(baseline) : baseline.subtract(actual);
            Yen perUnit = improvement == null || improvement.signum() <= 0 || invested.amount() == 0 ? null
                    : Yen.rounded(invested.toBigDecimal().divide(improvement, 4, RoundingMode.HALF_UP));
            if (invested.amount() > 0 || value != null) {
                perChange.add(new Analysis.CostPerChange(indicator.id(), indicator.name(), indicator.unit(), indicator.direction(),
                        invested, baseline, actual, improvement, perUnit, indicator.population(),
                        value == null ? null : value.responseRate()));
            }
        }

        List<Analysis.Benefit> benefits = new ArrayList<>();
        long totalBenefit = 0;
        for (HealthAccounting.IndicatorView indicator : indicators) {
            // an indicator stored before the rule of ADR 0029 whose kind contradicts its direction is left out
            if (indicator.benefitKind() == BenefitKind.NONE || !indicator.benefitKind().agreesWith(indicator.direction())) {
                continue;
            }
            var value = indicator.valueIn(year).orElse(null);
            if (value == null || value.baseline() == null || value.actual() == null) {
                continue;
            }
            Yen atBaseline = loss(indicator.benefitKind(), value.baseline());
            Yen atActual = loss(indicator.benefitKind(), value.actual());
            long benefit = atBaseline.amount() - atActual.amount();
            totalBenefit += benefit;
            benefits.add(new Analysis.Benefit(indicator.id(), indicator.name(), indicator.benefitKind(), value.baseline(),
                    value.actual(), policy.employeeCount(), policy.annualLabourCost(), policy.annualWorkingDays(), atBaseline,
                    atActual, benefit));
        }
        BigDecimal ratio = benefits.isEmpty() || total.amount() == 0 ? null
                : BigDecimal.valueOf(totalBenefit).divide(total.toBigDecimal(), 2, RoundingMode.HALF_UP);

        return new Analysis(year, total, previous.total(),
                sumBy(current, LineFacts::expenseType, ExpenseType.class),
                previous.byExpenseType(),
                sumBy(current, LineFacts::resourceView, ResourceView.class),
                byPurpose, byIssue, perParticipant, perChange, benefits, Yen.of(Math.max(totalBenefit, 0)), ratio, unallocated,
                previous.hasData(),
                rollUp.apply(allocated));
    }

    /** Loss in yen at one indicator value (see {@link Analysis.Benefit}). */
    private Yen loss(BenefitKind kind, BigDecimal value) {
        BigDecimal employees = BigDecimal.valueOf(policy.employeeCount());
        BigDecimal labour = policy.annualLabourCost().toBigDecimal();
        BigDecimal loss = switch (kind) {
            case ABSENTEEISM_DAYS -> value.max(BigDecimal.ZERO).multiply(employees)
                    .multiply(labour).divide(BigDecimal.valueOf(policy.annualWorkingDays()), 4, RoundingMode.HALF_UP);
            case PRESENTEEISM_SPQ -> BigDecimal.ONE.subtract(value.min(BigDecimal.valueOf(100)).max(BigDecimal.ZERO)
                    .divide(BigDecimal.valueOf(100), 6, RoundingMode.HALF_UP)).multiply(labour).multiply(employees);
            case NONE -> BigDecimal.ZERO;
        };
        return Yen.rounded(loss);
    }

    private static Yen sum(List<LineFacts> ls) {
        return ls.stream().map(LineFacts::amount).reduce(Yen.ZERO, Yen::plus);
    }

    private static <K extends Enum<K>> Map<K, Yen> sumBy(List<LineFacts> source, Function<LineFacts, K> key, Class<K> type) {
        Map<K, Yen> totals = new java.util.EnumMap<>(type);
        for (K k : type.getEnumConstants()) {
            totals.put(k, Yen.ZERO);
        }
        source.forEach(l -> totals.merge(key.apply(l), l.amount(), Yen::plus));
        return totals;
    }
}
