package jp.hip.accounting.analysis;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jp.hip.accounting.HealthAccounting;
import jp.hip.accounting.indicators.IndicatorTier;
import jp.hip.accounting.Yen;
import jp.hip.accounting.analysis.MinimisationAnalysis.Row;
import jp.hip.accounting.analysis.MinimisationAnalysis.Status;

/**
 * 投資最小化分析 (ADR 0105). Per final-goal indicator: the measures that serve it (a line allocated to it, or an
 * effect recorded on it). The reference is the largest improvement among the measures with an effect and a cost;
 * a measure is equivalent when its improvement differs from the reference by at most the margin (percent of the
 * reference). Only equivalent measures are compared; the least costly of them is marked. The rule compares each
 * with one reference, so "equivalent" is the same set whatever the order of the measures. Pure: no database.
 */
final class CostMinimisation {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private CostMinimisation() {}

    static MinimisationAnalysis compute(EffectInputs in, BigDecimal marginPercent, boolean defaultMargin) {
        var allocations = in.allocations();
        var measures = in.measuresById();
        var effects = in.effectsByMeasure();
        List<MinimisationAnalysis.Group> groups = new ArrayList<>();
        for (HealthAccounting.IndicatorView indicator : in.indicators()) {
            if (indicator.tier() != IndicatorTier.FINAL) {
                continue;
            }
            List<Row> rows = new ArrayList<>();
            for (Analyses.MeasureFacts m : measures.values()) {
                Yen cost = allocations.getOrDefault(m.id(), Map.of()).getOrDefault(indicator.id(), Yen.ZERO);
                EffectView effect = effects.getOrDefault(m.id(), Map.of()).get(indicator.id());
                if (effect == null && cost.amount() == 0) {
                    continue; // the measure does not serve this indicator
                }
                if (effect == null) {
                    rows.add(new Row(m.id(), m.name(), cost, null, null, null, null, null, Status.NO_DATA));
                    continue;
                }
                BigDecimal change = EffectInputs.improvement(indicator.direction(), effect.before(), effect.after());
                Status status = cost.amount() == 0 ? Status.NO_ALLOCATION
                        : change.signum() <= 0 ? Status.NO_IMPROVEMENT : Status.EQUIVALENT; // equivalence decided below
                Yen perUnit = status == Status.EQUIVALENT
                        ? Yen.rounded(cost.toBigDecimal().divide(change, 4, RoundingMode.HALF_UP)) : null;
                rows.add(new Row(m.id(), m.name(), cost, effect.before(), effect.after(), change, effect.persons(), perUnit, status));
            }
            if (rows.isEmpty()) {
                continue;
            }
            BigDecimal reference = rows.stream().filter(r -> r.status() == Status.EQUIVALENT).map(Row::effect)
                    .max(Comparator.naturalOrder()).orElse(null);
            List<Row> decided = new ArrayList<>();
            for (Row r : rows) {
                boolean candidate = r.status() == Status.EQUIVALENT;
                decided.add(candidate && !equivalent(r.effect(), reference, marginPercent)
                        ? withStatus(r, Status.NOT_EQUIVALENT) : r);
            }
            List<Row> compared = decided.stream().filter(Row::compared).toList();
            if (compared.size() >= 2) {
                long least = compared.stream().mapToLong(r -> r.cost().amount()).min().orElseThrow();
                decided.replaceAll(r -> r.compared() && r.cost().amount() == least ? withStatus(r, Status.LEAST_COST) : r);
            }
            decided.sort(Comparator.comparing(Row::status).thenComparing(r -> r.cost().amount()).thenComparing(Row::measureName));
            groups.add(new MinimisationAnalysis.Group(indicator.id(), indicator.name(), indicator.unit(), indicator.direction(),
                    reference, List.copyOf(decided)));
        }
        return new MinimisationAnalysis(in.year(), marginPercent, defaultMargin, List.copyOf(groups));
    }

    /** |effect − reference| ≤ margin % × reference (the reference is the largest improvement, so above zero). */
    static boolean equivalent(BigDecimal effect, BigDecimal reference, BigDecimal marginPercent) {
        BigDecimal allowed = reference.multiply(marginPercent).divide(HUNDRED);
        return effect.subtract(reference).abs().compareTo(allowed) <= 0;
    }

    private static Row withStatus(Row r, Status status) {
        return new Row(r.measureId(), r.measureName(), r.cost(), r.before(), r.after(), r.effect(), r.persons(),
                r.costPerUnit(), status);
    }
}
