package jp.hip.accounting;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import jp.hip.accounting.indicators.Indicator;
import jp.hip.accounting.indicators.IndicatorRepository;
import jp.hip.accounting.indicators.IndicatorValue;
import jp.hip.accounting.indicators.IndicatorValueRepository;
import jp.hip.accounting.ledger.InvestmentLine;
import jp.hip.accounting.ledger.InvestmentLineRepository;
import jp.hip.accounting.ledger.Measure;
import jp.hip.accounting.ledger.MeasureRepository;
import jp.hip.accounting.years.AccountingYears;
import jp.hip.identity.AuditLog;
import jp.hip.identity.CurrentTenant;

/**
 * Changing and deleting what was entered (ADR 0028): measures, plain lines, indicators and their values. Every
 * change is audited and refused in a closed 年度; a delete says first what goes with it. Current tenant only.
 */
@Service
public class AccountingChanges {

    /** What deleting a measure takes with it: its lines and their allocation entries. */
    public record MeasureDeletion(UUID measureId, String name, FiscalYear fiscalYear, int lines, int allocatedLines, Yen total) {}

    /** What deleting an indicator takes with it: its yearly values; the allocations naming it block the delete. */
    public record IndicatorDeletion(UUID indicatorId, String name, int values, int allocations) {}

    private final MeasureRepository measures;
    private final InvestmentLineRepository lines;
    private final IndicatorRepository indicators;
    private final IndicatorValueRepository values;
    private final AccountingYears years;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final TransactionTemplate tx;

    AccountingChanges(MeasureRepository measures, InvestmentLineRepository lines, IndicatorRepository indicators,
            IndicatorValueRepository values, AccountingYears years, JdbcClient jdbc, AuditLog audit, TransactionTemplate tx) {
        this.measures = measures;
        this.lines = lines;
        this.indicators = indicators;
        this.values = values;
        this.years = years;
        this.jdbc = jdbc;
        this.audit = audit;
        this.tx = tx;
    }

    /** Changes a plain line (time and depreciation lines are recomputed from their inputs, not edited). */
    public void changeLine(UUID lineId, HealthAccounting.LineCommand command) {
        tx.executeWithoutResult(s -> {
            InvestmentLine line = lines.findById(lineId).orElseThrow(() -> new AccountingException("accounting.notFound"));
            years.requireOpen(line.fiscalYear());
            long before = line.amount().amount();
            line.change(command.description(), command.expenseType(), command.resourceView(), command.amount(), command.sourceDocument());
            lines.saveAndFlush(line);
            audit.record("ACC_LINE_CHANGED", "InvestmentLine", lineId, Map.of("amountBefore", before, "amount", line.amount().amount()));
        });
    }

    public java.util.Optional<MeasureDeletion> measureDeletion(UUID measureId) {
        return tx.execute(s -> measures.findById(measureId).map(m -> {
            List<InvestmentLine> own = lines.findByMeasureIdOrderByCreatedAt(measureId);
            int allocated = (int) own.stream().filter(l -> l.allocationRule() != null).count();
            Yen total = own.stream().map(InvestmentLine::amount).reduce(Yen.ZERO, Yen::plus);
            return new MeasureDeletion(measureId, m.name(), m.fiscalYear(), own.size(), allocated, total);
        }));
    }

    /**
     * Deletes a measure with its lines and their allocations (the confirmation page shows {@link #measureDeletion}
     * first). {@code expectedLines} must equal the number of lines now: if someone added one since the confirmation
     * was shown, nothing is deleted.
     */
    public MeasureDeletion deleteMeasure(UUID measureId, int expectedLines) {
        return tx.execute(s -> {
            Measure measure = measures.findById(measureId).orElseThrow(() -> new AccountingException("accounting.notFound"));
            years.requireOpen(measure.fiscalYear());
            MeasureDeletion deletion = measureDeletion(measureId).orElseThrow();
            if (deletion.lines() != expectedLines) {
                throw new AccountingException("accounting.measure.changedSinceConfirmation");
            }
            lines.deleteAll(lines.findByMeasureIdOrderByCreatedAt(measureId));
            measures.delete(measure);
            audit.record("ACC_MEASURE_DELETED", "Measure", measureId, Map.of("name", deletion.name(), "fiscalYear",
                    deletion.fiscalYear().startYear(), "lines", deletion.lines(), "allocatedLines", deletion.allocatedLines(),
                    "total", deletion.total().amount()));
            return deletion;
        });
    }

    public void changeIndicator(UUID indicatorId, HealthAccounting.IndicatorCommand command) {
        tx.executeWithoutResult(s -> {
            Indicator indicator = indicators.findById(indicatorId).orElseThrow(() -> new AccountingException("accounting.notFound"));
            indicator.describe(command.name(), command.tier(), command.unit(), command.direction(), command.method(),
                    command.population(), command.benefitKind());
            indicators.saveAndFlush(indicator);
            audit.record("ACC_INDICATOR_CHANGED", "Indicator", indicatorId, Map.of("name", indicator.name()));
        });
    }

    public java.util.Optional<IndicatorDeletion> indicatorDeletion(UUID indicatorId) {
        UUID tenant = CurrentTenant.tenantId().orElseThrow(() -> new AccountingException("accounting.notFound"));
        return tx.execute(s -> indicators.findById(indicatorId).map(i -> new IndicatorDeletion(indicatorId, i.name(),
                values.findByIndicatorIdOrderByFiscalYear(indicatorId).size(),
                jdbc.sql("select count(*) from acc_allocation where tenant_id = ? and indicator_id = ?").params(tenant, indicatorId)
                        .query(Integer.class).single())));
    }

    /** Deletes an indicator and its values; refused while lines are allocated to it (the message says how to proceed). */
    public void deleteIndicator(UUID indicatorId) {
        tx.executeWithoutResult(s -> {
            IndicatorDeletion deletion = indicatorDeletion(indicatorId).orElseThrow(() -> new AccountingException("accounting.notFound"));
            if (deletion.allocations() > 0) {
                throw new AccountingException("accounting.indicator.allocated");
            }
            List<IndicatorValue> own = values.findByIndicatorIdOrderByFiscalYear(indicatorId);
            years.requireOpen(own.stream().map(v -> v.fiscalYear().startYear()).collect(java.util.stream.Collectors.toSet()));
            values.deleteAll(own);
            indicators.deleteById(indicatorId);
            audit.record("ACC_INDICATOR_DELETED", "Indicator", indicatorId, Map.of("name", deletion.name(), "values", deletion.values()));
        });
    }

    /** Deletes one year's value of an indicator. */
    public void deleteValue(UUID indicatorId, FiscalYear year) {
        tx.executeWithoutResult(s -> {
            indicators.findById(indicatorId).orElseThrow(() -> new AccountingException("accounting.notFound"));
            years.requireOpen(year);
            IndicatorValue value = values.findByIndicatorIdAndFiscalYear(indicatorId, year.startYear())
                    .orElseThrow(() -> new AccountingException("accounting.notFound"));
            values.delete(value);
            audit.record("ACC_VALUE_DELETED", "Indicator", indicatorId, Map.of("fiscalYear", year.startYear()));
        });
    }
}
