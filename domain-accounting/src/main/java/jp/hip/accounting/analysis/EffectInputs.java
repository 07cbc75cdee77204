package jp.hip.accounting.analysis;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jp.hip.accounting.indicators.Direction;
import jp.hip.accounting.FiscalYear;
import jp.hip.accounting.HealthAccounting;
import jp.hip.accounting.Yen;

/**
 * What 投資最小化分析 and 投資効用分析 read for one 年度: the year's measures and lines (their allocations), the
 * indicators and the recorded effects. Pure: no database.
 */
record EffectInputs(FiscalYear year, List<Analyses.MeasureFacts> measures, List<Analyses.LineFacts> lines,
        List<HealthAccounting.IndicatorView> indicators, List<EffectView> effects) {

    /** Yen allocated per measure and indicator (the lines' 按分). */
    Map<UUID, Map<UUID, Yen>> allocations() {
        Map<UUID, Map<UUID, Yen>> byMeasure = new HashMap<>();
        lines.stream().filter(l -> l.fiscalYear().equals(year)).forEach(l -> l.allocatedAmounts().forEach((indicator, yen) ->
                byMeasure.computeIfAbsent(l.measureId(), k -> new HashMap<>()).merge(indicator, yen, Yen::plus)));
        return byMeasure;
    }

    /** The year's measures in name order, by id. */
    Map<UUID, Analyses.MeasureFacts> measuresById() {
        Map<UUID, Analyses.MeasureFacts> byId = new LinkedHashMap<>();
        measures.stream().filter(m -> m.fiscalYear().equals(year))
                .sorted(java.util.Comparator.comparing(Analyses.MeasureFacts::name)).forEach(m -> byId.put(m.id(), m));
        return byId;
    }

    /** The year's effects by measure, then indicator. */
    Map<UUID, Map<UUID, EffectView>> effectsByMeasure() {
        Map<UUID, Map<UUID, EffectView>> byMeasure = new HashMap<>();
        effects.stream().filter(e -> e.fiscalYear().equals(year))
                .forEach(e -> byMeasure.computeIfAbsent(e.measureId(), k -> new HashMap<>()).put(e.indicatorId(), e));
        return byMeasure;
    }

    /** The change from before to after, signed so that an improvement is positive whatever the direction. */
    static BigDecimal improvement(Direction direction, BigDecimal before, BigDecimal after) {
        return direction == Direction.LOWER_IS_BETTER ? before.subtract(after) : after.subtract(before);
    }
}
