package jp.hip.accounting.indicators;

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
import jp.hip.accounting.AccountingViews;
import jp.hip.accounting.FiscalYear;
import jp.hip.accounting.HealthAccounting.IndicatorCommand;
import jp.hip.accounting.HealthAccounting.IndicatorView;
import jp.hip.accounting.years.AccountingYears;
import jp.hip.identity.AuditLog;

/**
 * The company's indicators (指標) and their values per 年度 (基準値, 目標値, 実績値, 回答率), split from
 * {@link jp.hip.accounting.HealthAccounting} by capability (ADR 0108). Every method acts on the current tenant
 * only; a value is refused in a closed 年度.
 */
@Service
public class HealthIndicators {

    private final IndicatorRepository indicators;
    private final IndicatorValueRepository values;
    private final AccountingYears years;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;

    HealthIndicators(IndicatorRepository indicators, IndicatorValueRepository values, AccountingYears years, AuditLog audit,
            TransactionTemplate tx, Clock clock) {
        this.indicators = indicators;
        this.values = values;
        this.years = years;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    public List<IndicatorView> indicators() {
        return tx.execute(s -> {
            // the guideline's order (参加 → 行動 → 最終目標 → 企業価値 → 社会価値), not the codes' alphabetical order
            List<Indicator> all = indicators.findAll().stream()
                    .sorted(Comparator.comparing(Indicator::tier).thenComparing(Indicator::name)).toList();
            Map<UUID, List<IndicatorValue>> byIndicator = values.findByIndicatorIdIn(all.stream().map(Indicator::id).toList())
                    .stream().collect(Collectors.groupingBy(IndicatorValue::indicatorId));
            return all.stream().map(i -> AccountingViews.view(i, byIndicator.getOrDefault(i.id(), List.of()))).toList();
        });
    }

    public Optional<IndicatorView> indicator(UUID id) {
        return tx.execute(s -> indicators.findById(id).map(i -> AccountingViews.view(i, values.findByIndicatorIdOrderByFiscalYear(id))));
    }

    public UUID createIndicator(IndicatorCommand command) {
        return tx.execute(s -> {
            Indicator indicator = new Indicator(clock.instant());
            indicator.describe(command.name(), command.tier(), command.unit(), command.direction(), command.method(),
                    command.population(), command.benefitKind());
            indicators.save(indicator);
            audit.record("ACC_INDICATOR_CREATED", "Indicator", indicator.id(), Map.of("name", indicator.name()));
            return indicator.id();
        });
    }

    public void setValue(UUID indicatorId, FiscalYear year, BigDecimal baseline, BigDecimal target, BigDecimal actual,
            BigDecimal responseRate) {
        tx.executeWithoutResult(s -> {
            indicators.findById(indicatorId).orElseThrow(() -> new AccountingException("accounting.notFound"));
            years.requireOpen(year);
            IndicatorValue value = values.findByIndicatorIdAndFiscalYear(indicatorId, year.startYear())
                    .orElseGet(() -> new IndicatorValue(indicatorId, year));
            value.set(baseline, target, actual, responseRate);
            values.save(value);
            audit.record("ACC_VALUE_SET", "Indicator", indicatorId, Map.of("fiscalYear", year.startYear()));
        });
    }
}
