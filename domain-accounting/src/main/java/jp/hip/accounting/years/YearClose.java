package jp.hip.accounting.years;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.TenantId;

import jp.hip.accounting.FiscalYear;

/** 年度確定: the year is read-only while this row exists (ADR 0028). */
@Entity
@Table(name = "acc_year_close")
class YearClose {

    @Id
    private UUID id;

    @TenantId
    @Column(name = "tenant_id")
    private UUID tenantId;

    @Column(name = "fiscal_year")
    private int fiscalYear;

    @Column(name = "closed_at")
    private Instant closedAt;

    @Column(name = "closed_by")
    private String closedBy;

    @Column(name = "closed_version")
    private int closedVersion;

    protected YearClose() {}

    YearClose(FiscalYear year, Instant at, String by, int version) {
        this.id = UUID.randomUUID();
        this.fiscalYear = year.startYear();
        this.closedAt = at;
        this.closedBy = by;
        this.closedVersion = version;
    }

    FiscalYear fiscalYear() { return FiscalYear.of(fiscalYear); }
    Instant closedAt() { return closedAt; }
    String closedBy() { return closedBy; }
    int closedVersion() { return closedVersion; }
}
