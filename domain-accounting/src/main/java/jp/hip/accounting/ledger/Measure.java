package jp.hip.accounting.ledger;

import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.TenantId;
import org.hibernate.type.SqlTypes;

import jp.hip.accounting.AccountingException;
import jp.hip.accounting.FiscalYear;
import jp.hip.accounting.Yen;

/** 施策: one company's measure in one 年度, tied to one or more 健康課題 and a purpose category. */
@Entity
@Table(name = "acc_measure")
public class Measure {

    @Id
    private UUID id;

    @TenantId
    @Column(name = "tenant_id")
    private UUID tenantId;

    @Column(name = "fiscal_year")
    private int fiscalYear;

    private String name;

    private String description;

    @Enumerated(EnumType.STRING)
    private PurposeCategory purpose;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "standard_issues")
    private Integer[] standardIssues = new Integer[0];

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "own_issues")
    private UUID[] ownIssues = new UUID[0];

    private int participants;

    /** 予算: the plan for the measure's 年度 in whole yen; null until planned (ADR 0081). */
    private Long budget;

    @Column(name = "created_at")
    private Instant createdAt;

    @Version
    private long version;

    protected Measure() {}

    public Measure(FiscalYear year, Instant now) {
        this.id = UUID.randomUUID();
        this.fiscalYear = year.startYear();
        this.createdAt = now;
    }

    /** A measure needs a name, a purpose and at least one health issue (standard 1–9 or the company's own). */
    public void describe(String name, String description, PurposeCategory purpose, Set<Integer> standardIssues,
            Set<UUID> ownIssues, int participants) {
        if (name == null || name.isBlank() || name.strip().length() > 200) {
            throw new AccountingException("accounting.measure.name.required");
        }
        if (purpose == null) {
            throw new AccountingException("accounting.measure.purpose.required");
        }
        Set<Integer> standard = standardIssues == null ? Set.of() : new TreeSet<>(standardIssues);
        Set<UUID> own = ownIssues == null ? Set.of() : Set.copyOf(ownIssues);
        if (standard.isEmpty() && own.isEmpty()) {
            throw new AccountingException("accounting.measure.issues.required");
        }
        if (standard.stream().anyMatch(code -> code < 1 || code > 9)) {
            throw new AccountingException("accounting.measure.issues.unknown");
        }
        if (participants < 0) {
            throw new AccountingException("accounting.measure.participants.invalid");
        }
        this.name = name.strip();
        this.description = description == null || description.isBlank() ? null : description.strip();
        this.purpose = purpose;
        this.standardIssues = standard.toArray(Integer[]::new);
        this.ownIssues = own.toArray(UUID[]::new);
        this.participants = participants;
    }

    public UUID id() { return id; }
    public FiscalYear fiscalYear() { return FiscalYear.of(fiscalYear); }
    public String name() { return name; }
    public String description() { return description; }
    public PurposeCategory purpose() { return purpose; }
    public Set<Integer> standardIssues() { return new TreeSet<>(Arrays.asList(standardIssues)); }
    public Set<UUID> ownIssues() { return Set.of(ownIssues); }
    public int participants() { return participants; }

    /** Sets or clears (null) the plan; refused above the amount cap or below zero. */
    public void plan(Yen plan) {
        this.budget = plan == null ? null : plan.checked().amount();
    }

    public Yen budget() { return budget == null ? null : Yen.of(budget); }
}
