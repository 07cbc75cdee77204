package jp.hip.accounting.analysis;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import jp.hip.accounting.AccountingException;
import jp.hip.accounting.AnalysisInputs;
import jp.hip.accounting.FiscalYear;
import jp.hip.accounting.HealthAccounting;
import jp.hip.accounting.indicators.Direction;
import jp.hip.accounting.indicators.HealthIndicators;
import jp.hip.accounting.years.AccountingYears;
import jp.hip.identity.AuditLog;

/**
 * 投資最小化分析 and 投資効用分析 (健康投資管理会計ガイドライン 図表4 ① and ③, ADR 0105) and their inputs: each
 * measure's recorded effect on an indicator, the indicators that are utility values, and the equivalence margin per
 * 年度. Current tenant only (Hibernate's {@code @TenantId} and row-level security): another company's measure or
 * indicator is not found. Writes to a closed 年度 are refused; every write is audited.
 */
@Service
public class EfficiencyAnalyses {

    /** An indicator marked as a utility value. */
    public record ScaleView(UUID indicatorId, String indicatorName, String instrument) {}

    /** The margin in force for a 年度 and whether it is the default. */
    public record MarginView(FiscalYear fiscalYear, BigDecimal percent, boolean isDefault) {}

    private final HealthAccounting accounting;
    private final HealthIndicators healthIndicators;
    private final AnalysisInputs inputs;
    private final AccountingYears years;
    private final MeasureEffectRepository effects;
    private final UtilityScaleRepository scales;
    private final EquivalenceMarginRepository margins;
    private final jp.hip.accounting.ledger.InvestmentLineRepository lines;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final TransactionTemplate readOnly;
    private final Clock clock;

    EfficiencyAnalyses(HealthAccounting accounting, HealthIndicators healthIndicators, AnalysisInputs inputs, AccountingYears years,
            MeasureEffectRepository effects, UtilityScaleRepository scales, EquivalenceMarginRepository margins,
            jp.hip.accounting.ledger.InvestmentLineRepository lines, AuditLog audit, TransactionTemplate tx, Clock clock) {
        this.lines = lines;
        this.accounting = accounting;
        this.healthIndicators = healthIndicators;
        this.inputs = inputs;
        this.years = years;
        this.effects = effects;
        this.scales = scales;
        this.margins = margins;
        this.audit = audit;
        this.tx = tx;
        // the analyses load the year's lines: read-only, so they are neither snapshotted nor dirty-checked (ADR 0082)
        this.readOnly = new TransactionTemplate(java.util.Objects.requireNonNull(tx.getTransactionManager()));
        this.readOnly.setReadOnly(true);
        this.clock = clock;
    }

    // ---- the analyses ----

    public MinimisationAnalysis minimisation(FiscalYear year) {
        return readOnly.execute(s -> {
            MarginView margin = margin(year);
            return CostMinimisation.compute(inputsOf(year), margin.percent(), margin.isDefault());
        });
    }

    public UtilityAnalysis utility(FiscalYear year) {
        return readOnly.execute(s -> CostUtility.compute(inputsOf(year), instruments()));
    }

    private EffectInputs inputsOf(FiscalYear year) {
        return new EffectInputs(year, inputs.measures(year), inputs.lines(year), healthIndicators.indicators(),
                effects.findByFiscalYear(year.startYear()).stream().map(MeasureEffect::view).toList());
    }

    // ---- the equivalence margin ----

    public MarginView margin(FiscalYear year) {
        return tx.execute(s -> margins.findByFiscalYear(year.startYear())
                .map(m -> new MarginView(year, m.percent(), false))
                .orElse(new MarginView(year, EquivalenceMargin.DEFAULT, true)));
    }

    public void setMargin(FiscalYear year, BigDecimal percent) {
        tx.executeWithoutResult(s -> {
            years.requireOpen(year);
            EquivalenceMargin margin = margins.findByFiscalYear(year.startYear()).orElseGet(() -> new EquivalenceMargin(year));
            margin.set(percent);
            margins.save(margin);
            audit.record("ACC_MARGIN_SET", "FiscalYear", year.startYear(), Map.of("fiscalYear", year.startYear(),
                    "marginPercent", percent.toPlainString()));
        });
    }

    // ---- utility scales ----

    public List<ScaleView> utilityScales() {
        return tx.execute(s -> {
            Map<UUID, String> instruments = instruments();
            return healthIndicators.indicators().stream().filter(i -> instruments.containsKey(i.id()))
                    .map(i -> new ScaleView(i.id(), i.name(), instruments.get(i.id())))
                    .sorted(Comparator.comparing(ScaleView::indicatorName)).toList();
        });
    }

    /**
     * Marks an indicator as a utility value; refused for an indicator where lower is better (utility rises), and while
     * a closed 年度 uses the indicator (its closed 投資効用分析 would change, ADR 0113).
     */
    public void markUtility(UUID indicatorId, String instrument) {
        tx.executeWithoutResult(s -> {
            var indicator = healthIndicators.indicator(indicatorId).orElseThrow(() -> new AccountingException("accounting.notFound"));
            if (indicator.direction() != Direction.HIGHER_IS_BETTER) {
                throw new AccountingException("accounting.utility.direction");
            }
            requireNoClosedYearUses(indicatorId);
            UtilityScale scale = scales.findById(indicatorId).orElse(null);
            if (scale == null) {
                scale = new UtilityScale(indicatorId, instrument, clock.instant());
            } else {
                scale.name(instrument);
            }
            scales.save(scale);
            audit.record("ACC_UTILITY_MARKED", "Indicator", indicatorId, Map.of("instrument", scale.instrument()));
        });
    }

    public void unmarkUtility(UUID indicatorId) {
        tx.executeWithoutResult(s -> {
            UtilityScale scale = scales.findById(indicatorId).orElseThrow(() -> new AccountingException("accounting.notFound"));
            requireNoClosedYearUses(indicatorId);
            scales.delete(scale);
            audit.record("ACC_UTILITY_UNMARKED", "Indicator", indicatorId, Map.of());
        });
    }

    /** A closed 年度 with a line allocated to the indicator or an effect recorded on it keeps its utility marking. */
    private void requireNoClosedYearUses(UUID indicatorId) {
        java.util.Set<Integer> used = new java.util.HashSet<>(lines.yearsAllocatedTo(indicatorId));
        effects.findByIndicatorId(indicatorId).forEach(e -> used.add(e.fiscalYear().startYear()));
        if (!years.closedAmong(used).isEmpty()) {
            throw new AccountingException("accounting.utility.closedYear");
        }
    }

    private Map<UUID, String> instruments() {
        return scales.findAll().stream().collect(Collectors.toMap(UtilityScale::indicatorId, UtilityScale::instrument));
    }

    // ---- effects ----

    public List<EffectView> effects(FiscalYear year) {
        return tx.execute(s -> effects.findByFiscalYear(year.startYear()).stream().map(MeasureEffect::view).toList());
    }

    /** The effects recorded for one measure; empty Optional when the measure is not the company's. */
    public Optional<List<EffectView>> effectsOf(UUID measureId) {
        return tx.execute(s -> accounting.measure(measureId)
                .map(m -> effects.findByMeasureId(measureId).stream().map(MeasureEffect::view).toList()));
    }

    public Optional<EffectView> effect(UUID id) {
        return tx.execute(s -> effects.findById(id).map(MeasureEffect::view));
    }

    /**
     * Records (or replaces) a measure's effect on an indicator, in the measure's 年度. Refused when the measure or the
     * indicator is not the company's, the 年度 is closed, or a value is invalid (on a utility scale: outside 0–1).
     */
    public UUID recordEffect(UUID measureId, UUID indicatorId, EffectCommand command) {
        return tx.execute(s -> {
            var measure = accounting.measure(measureId).orElseThrow(() -> new AccountingException("accounting.notFound"))
                    .measure();
            healthIndicators.indicator(indicatorId).orElseThrow(() -> new AccountingException("accounting.notFound"));
            years.requireOpen(measure.fiscalYear());
            MeasureEffect effect = effects.findByMeasureIdAndIndicatorId(measureId, indicatorId)
                    .orElseGet(() -> new MeasureEffect(measureId, indicatorId, measure.fiscalYear()));
            effect.record(command, scales.existsById(indicatorId), clock.instant());
            effects.save(effect);
            audit.record("ACC_EFFECT_RECORDED", "Measure", measureId, Map.of("indicator", indicatorId.toString(),
                    "fiscalYear", measure.fiscalYear().startYear()));
            return effect.id();
        });
    }

    public void deleteEffect(UUID id) {
        tx.executeWithoutResult(s -> {
            MeasureEffect effect = effects.findById(id).orElseThrow(() -> new AccountingException("accounting.notFound"));
            years.requireOpen(effect.fiscalYear());
            effects.delete(effect);
            audit.record("ACC_EFFECT_DELETED", "Measure", effect.measureId(), Map.of("indicator", effect.indicatorId().toString()));
        });
    }
}
