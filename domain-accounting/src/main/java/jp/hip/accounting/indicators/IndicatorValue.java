package jp.hip.accounting.indicators;

import java.math.BigDecimal;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.TenantId;

import jp.hip.accounting.AccountingException;
import jp.hip.accounting.FiscalYear;

/** One indicator's baseline, target and actual in one 年度, with the survey's response rate. */
@Entity
@Table(name = "acc_indicator_value")
public class IndicatorValue {

    @Id
    private UUID id;

    @TenantId
    @Column(name = "tenant_id")
    private UUID tenantId;

    @Column(name = "indicator_id")
    private UUID indicatorId;

    @Column(name = "fiscal_year")
    private int fiscalYear;

    private BigDecimal baseline;
    private BigDecimal target;
    private BigDecimal actual;

    @Column(name = "response_rate")
    private BigDecimal responseRate;

    @Version
    private long version;

    protected IndicatorValue() {}

    public IndicatorValue(UUID indicatorId, FiscalYear year) {
        this.id = UUID.randomUUID();
        this.indicatorId = indicatorId;
        this.fiscalYear = year.startYear();
    }

    public void set(BigDecimal baseline, BigDecimal target, BigDecimal actual, BigDecimal responseRate) {
        if (baseline == null && target == null && actual == null) {
            throw new AccountingException("accounting.value.empty");
        }
        if (responseRate != null && (responseRate.signum() < 0 || responseRate.compareTo(BigDecimal.valueOf(100)) > 0)) {
            throw new AccountingException("accounting.value.responseRateRange");
        }
        for (BigDecimal v : new BigDecimal[] {baseline, target, actual}) {
            if (v != null && (v.abs().compareTo(new BigDecimal("1e13")) >= 0 || v.stripTrailingZeros().scale() > 4)) {
                throw new AccountingException("accounting.value.invalid");
            }
        }
        this.baseline = baseline;
        this.target = target;
        this.actual = actual;
        this.responseRate = responseRate;
    }

    public UUID indicatorId() { return indicatorId; }
    public FiscalYear fiscalYear() { return FiscalYear.of(fiscalYear); }
    public BigDecimal baseline() { return baseline; }
    public BigDecimal target() { return target; }
    public BigDecimal actual() { return actual; }
    public BigDecimal responseRate() { return responseRate; }
}
