package jp.hip.accounting.analysis;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.TenantId;

import jp.hip.accounting.AccountingException;

/**
 * Marks an indicator as a utility value (効用値) on the 0–1 scale of 投資効用分析 (ADR 0105), with the instrument
 * that gives it (e.g. EQ-5D-5L index, or a QOL score converted to 0–1).
 */
@Entity
@Table(name = "acc_utility_scale")
class UtilityScale {

    @Id
    @Column(name = "indicator_id")
    private UUID indicatorId;

    @TenantId
    @Column(name = "tenant_id")
    private UUID tenantId;

    private String instrument;

    @Column(name = "marked_at")
    private Instant markedAt;

    @Version
    private long version;

    protected UtilityScale() {}

    UtilityScale(UUID indicatorId, String instrument, Instant now) {
        this.indicatorId = indicatorId;
        name(instrument);
        this.markedAt = now;
    }

    void name(String instrument) {
        if (instrument == null || instrument.isBlank() || instrument.strip().length() > 100) {
            throw new AccountingException("accounting.utility.instrument.required");
        }
        this.instrument = instrument.strip();
    }

    UUID indicatorId() { return indicatorId; }
    String instrument() { return instrument; }
}
