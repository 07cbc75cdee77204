package jp.hip.accounting.analysis;

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

/**
 * The equivalence margin of 投資最小化分析 for one company and 年度 (ADR 0105): two effects are equivalent when they
 * differ by at most this percentage of the larger one. 0–50 %, at most 2 decimals; without a row, {@link #DEFAULT}.
 */
@Entity
@Table(name = "acc_equivalence_margin")
class EquivalenceMargin {

    /** ADR 0105: no guideline gives a number; 10 % is our default, visible and changeable per 年度. */
    static final BigDecimal DEFAULT = BigDecimal.TEN;
    static final BigDecimal MAX = BigDecimal.valueOf(50);

    @Id
    private UUID id;

    @TenantId
    @Column(name = "tenant_id")
    private UUID tenantId;

    @Column(name = "fiscal_year")
    private int fiscalYear;

    @Column(name = "margin_percent")
    private BigDecimal marginPercent;

    @Version
    private long version;

    protected EquivalenceMargin() {}

    EquivalenceMargin(FiscalYear year) {
        this.id = UUID.randomUUID();
        this.fiscalYear = year.startYear();
    }

    void set(BigDecimal percent) {
        if (percent == null || percent.signum() < 0 || percent.compareTo(MAX) > 0 || percent.stripTrailingZeros().scale() > 2) {
            throw new AccountingException("accounting.minimisation.margin.invalid");
        }
        this.marginPercent = percent;
    }

    BigDecimal percent() { return marginPercent; }
}
