package jp.hip.accounting.resources;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.TenantId;

import jp.hip.accounting.AccountingException;

/** 健康資源: a stock value at a date (guideline 第6章: stock, not flow). */
@Entity
@Table(name = "acc_health_resource")
class HealthResource {

    @Id
    private UUID id;

    @TenantId
    @Column(name = "tenant_id")
    private UUID tenantId;

    private String name;

    @Enumerated(EnumType.STRING)
    private ResourceKind kind;

    private BigDecimal value;

    private String unit;

    @Column(name = "as_of")
    private LocalDate asOf;

    private String note;

    protected HealthResource() {}

    HealthResource(String name, ResourceKind kind, BigDecimal value, String unit, LocalDate asOf, String note) {
        this.id = UUID.randomUUID();
        change(name, kind, value, unit, asOf, note);
    }

    /** Sets every field; refused (nothing changed) without a name (≤ 200 characters), a kind or a date. */
    void change(String name, ResourceKind kind, BigDecimal value, String unit, LocalDate asOf, String note) {
        if (name == null || name.isBlank() || name.strip().length() > 200) {
            throw new AccountingException("accounting.resource.name.required");
        }
        if (kind == null) {
            throw new AccountingException("accounting.resource.kind.required");
        }
        if (asOf == null) {
            throw new AccountingException("accounting.resource.asOf.required");
        }
        this.name = name.strip();
        this.kind = kind;
        this.value = value;
        this.unit = unit == null || unit.isBlank() ? null : unit.strip();
        this.asOf = asOf;
        this.note = note == null || note.isBlank() ? null : note.strip();
    }

    UUID id() { return id; }
    String name() { return name; }
    ResourceKind kind() { return kind; }
    BigDecimal value() { return value; }
    String unit() { return unit; }
    LocalDate asOf() { return asOf; }
    String note() { return note; }
}
