package jp.hip.accounting.analysis;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jp.hip.accounting.HealthAccounting;
import jp.hip.accounting.Yen;
import jp.hip.accounting.analysis.UtilityAnalysis.OutOfRange;
import jp.hip.accounting.analysis.UtilityAnalysis.Row;
import jp.hip.accounting.analysis.UtilityAnalysis.Status;

/**
 * 投資効用分析 (ADR 0105): for every indicator marked as a utility value and every measure serving it (a line
 * allocated to it, or an effect recorded on it), the utility gained ({@link Utility#gained}) and the cost allocated
 * to the indicator per utility-year gained. A value outside 0–1 is refused: the row is marked and the value named
 * (indicator, 年度, measure) in the analysis' list; so is the indicator's own value for the 年度. Pure: no database.
 */
final class CostUtility {

    private CostUtility() {}

    static UtilityAnalysis compute(EffectInputs in, Map<java.util.UUID, String> instruments) {
        var allocations = in.allocations();
        var measures = in.measuresById();
        var effects = in.effectsByMeasure();
        List<UtilityAnalysis.Scale> scales = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        List<OutOfRange> outOfRange = new ArrayList<>();
        for (HealthAccounting.IndicatorView indicator : in.indicators()) {
            String instrument = instruments.get(indicator.id());
            if (instrument == null) {
                continue;
            }
            scales.add(new UtilityAnalysis.Scale(indicator.id(), indicator.name(), instrument));
            indicator.valueIn(in.year()).ifPresent(v -> {
                for (BigDecimal value : new BigDecimal[] {v.baseline(), v.target(), v.actual()}) {
                    if (value != null && !Utility.inRange(value)) {
                        outOfRange.add(new OutOfRange(indicator.id(), indicator.name(), in.year(), null, value));
                    }
                }
            });
            for (Analyses.MeasureFacts m : measures.values()) {
                Yen cost = allocations.getOrDefault(m.id(), Map.of()).getOrDefault(indicator.id(), Yen.ZERO);
                EffectView e = effects.getOrDefault(m.id(), Map.of()).get(indicator.id());
                if (e == null && cost.amount() == 0) {
                    continue;
                }
                if (e == null) {
                    rows.add(new Row(m.id(), m.name(), indicator.id(), indicator.name(), instrument, null, null, null, null,
                            null, cost, null, Status.NO_DATA));
                    continue;
                }
                boolean inRange = true;
                for (BigDecimal value : new BigDecimal[] {e.before(), e.after()}) {
                    if (!Utility.inRange(value)) {
                        inRange = false;
                        outOfRange.add(new OutOfRange(indicator.id(), indicator.name(), in.year(), m.name(), value));
                    }
                }
                BigDecimal gained = inRange ? Utility.gained(e.before(), e.after(), e.persons(), e.periodYears()) : null;
                Status status = !inRange ? Status.OUT_OF_RANGE
                        : gained.signum() <= 0 ? Status.NO_GAIN
                        : cost.amount() == 0 ? Status.NO_ALLOCATION : Status.OK;
                Yen perYear = status == Status.OK ? Yen.rounded(cost.toBigDecimal().divide(gained, 4, RoundingMode.HALF_UP)) : null;
                rows.add(new Row(m.id(), m.name(), indicator.id(), indicator.name(), instrument, e.before(), e.after(),
                        e.persons(), e.periodYears(), gained, cost, perYear, status));
            }
        }
        return new UtilityAnalysis(in.year(), List.copyOf(scales), List.copyOf(rows), List.copyOf(outOfRange));
    }
}
