package jp.hip.accounting.analysis;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.TenantId;

import jp.hip.accounting.AccountingException;
import jp.hip.accounting.FiscalYear;

/**
 * A measure's own effect on one indicator (ADR 0105): the indicator's value before and after among the persons the
 * measure reached, the number of persons and the period in years (1 for a 年度 comparison). The input of
 * 投資最小化分析 and, for an indicator on a utility scale, of 投資効用分析.
 */
@Entity
@Table(name = "acc_measure_effect")
class MeasureEffect {

    static final BigDecimal MAX_PERIOD = BigDecimal.TEN;

    @Id
    private UUID id;

    @TenantId
    @Column(name = "tenant_id")
    private UUID tenantId;

    @Column(name = "measure_id")
    private UUID measureId;

    @Column(name = "indicator_id")
    private UUID indicatorId;

    @Column(name = "fiscal_year")
    private int fiscalYear;

    @Column(name = "before_value")
    private BigDecimal before;

    @Column(name = "after_value")
    private BigDecimal after;

    private int persons;

    @Column(name = "period_years")
    private BigDecimal periodYears;

    private String source;

    @Column(name = "recorded_at")
    private Instant recordedAt;

    @Version
    private long version;

    protected MeasureEffect() {}

    MeasureEffect(UUID measureId, UUID indicatorId, FiscalYear year) {
        this.id = UUID.randomUUID();
        this.measureId = measureId;
        this.indicatorId = indicatorId;
        this.fiscalYear = year.startYear();
    }

    /**
     * Records the values; on a utility scale both must lie in 0–1. Refused whole (nothing changes) with the field's
     * message: values needed and at most 4 decimals, persons 1–1,000,000, period above 0 and at most 10 years.
     */
    void record(EffectCommand command, boolean utilityScale, Instant now) {
        BigDecimal b = command.before();
        BigDecimal a = command.after();
        if (b == null || a == null) {
            throw new AccountingException("accounting.effect.values.required");
        }
        for (BigDecimal v : new BigDecimal[] {b, a}) {
            if (v.abs().compareTo(new BigDecimal("1e13")) >= 0 || v.stripTrailingZeros().scale() > 4) {
                throw new AccountingException("accounting.effect.values.invalid");
            }
            if (utilityScale && !Utility.inRange(v)) {
                throw new AccountingException("accounting.effect.utility.range");
            }
        }
        if (command.persons() == null || command.persons() < 1 || command.persons() > 1_000_000) {
            throw new AccountingException("accounting.effect.persons.invalid");
        }
        BigDecimal period = command.periodYears() == null ? BigDecimal.ONE : command.periodYears();
        if (period.signum() <= 0 || period.compareTo(MAX_PERIOD) > 0 || period.stripTrailingZeros().scale() > 2) {
            throw new AccountingException("accounting.effect.period.invalid");
        }
        String src = command.source() == null || command.source().isBlank() ? null : command.source().strip();
        if (src != null && src.length() > 500) {
            throw new AccountingException("accounting.effect.source.tooLong");
        }
        this.before = b;
        this.after = a;
        this.persons = command.persons();
        this.periodYears = period;
        this.source = src;
        this.recordedAt = now;
    }

    UUID id() { return id; }
    UUID measureId() { return measureId; }
    UUID indicatorId() { return indicatorId; }
    FiscalYear fiscalYear() { return FiscalYear.of(fiscalYear); }

    EffectView view() {
        return new EffectView(id, measureId, indicatorId, fiscalYear(), before, after, persons, periodYears, source);
    }
}
