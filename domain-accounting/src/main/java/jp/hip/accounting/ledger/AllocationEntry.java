package jp.hip.accounting.ledger;

import java.math.BigDecimal;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.TenantId;

/** One indicator's share of an investment line; part of the {@link InvestmentLine} aggregate. */
@Entity
@Table(name = "acc_allocation")
class AllocationEntry {

    @Id
    private UUID id;

    @TenantId
    @Column(name = "tenant_id")
    private UUID tenantId;

    @Column(name = "line_id", insertable = false, updatable = false)
    private UUID lineId;

    @Column(name = "indicator_id")
    private UUID indicatorId;

    private BigDecimal ratio;

    protected AllocationEntry() {}

    AllocationEntry(UUID lineId, UUID indicatorId, BigDecimal ratio) {
        this.id = UUID.randomUUID();
        this.lineId = lineId;
        this.indicatorId = indicatorId;
        this.ratio = ratio;
    }

    void changeRatio(BigDecimal ratio) {
        this.ratio = ratio;
    }

    UUID indicatorId() { return indicatorId; }
    BigDecimal ratio() { return ratio; }
}
