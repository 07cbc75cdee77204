package jp.hip.accounting.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.TenantId;

import jp.hip.accounting.AccountingException;
import jp.hip.accounting.FiscalYear;
import jp.hip.accounting.Yen;
import jp.hip.accounting.depreciation.Depreciation;
import jp.hip.accounting.depreciation.DepreciationRounding;

/**
 * 健康投資明細: one cost of one measure in one 年度, in whole yen, with its expense type and resource view.
 * A personnel-time line keeps the time, rate and basis it was computed from; a depreciation line names its
 * facility. The line owns its allocation (按分) and enforces its rule.
 */
@Entity
@Table(name = "acc_investment_line")
public class InvestmentLine {

    enum AllocationMode { NONE, RATIOS, PRIMARY_ONLY }

    @Id
    private UUID id;

    @TenantId
    @Column(name = "tenant_id")
    private UUID tenantId;

    @Column(name = "measure_id")
    private UUID measureId;

    @Column(name = "fiscal_year")
    private int fiscalYear;

    private String description;

    @Enumerated(EnumType.STRING)
    @Column(name = "expense_type")
    private ExpenseType expenseType;

    @Enumerated(EnumType.STRING)
    @Column(name = "resource_view")
    private ResourceView resourceView;

    private long amount;

    @Column(name = "source_document")
    private String sourceDocument;

    @Enumerated(EnumType.STRING)
    @Column(name = "personnel_role")
    private PersonnelRole personnelRole;

    @Column(name = "hours_per_person")
    private BigDecimal hoursPerPerson;

    private Integer persons;

    @Column(name = "hourly_rate")
    private Long hourlyRate;

    @Enumerated(EnumType.STRING)
    @Column(name = "rate_basis")
    private RateBasis rateBasis;

    @Column(name = "facility_id")
    private UUID facilityId;

    @Column(name = "facility_share")
    private BigDecimal facilityShare;

    @Enumerated(EnumType.STRING)
    @Column(name = "allocation_mode")
    private AllocationMode allocationMode = AllocationMode.NONE;

    // loaded for all lines of a query at once (one sub-select), not one select per line
    @OneToMany(cascade = CascadeType.ALL, orphanRemoval = true, fetch = FetchType.LAZY)
    @org.hibernate.annotations.Fetch(org.hibernate.annotations.FetchMode.SUBSELECT)
    @JoinColumn(name = "line_id", nullable = false)
    @OrderBy("ratio desc")
    private List<AllocationEntry> allocations = new ArrayList<>();

    @Column(name = "created_at")
    private Instant createdAt;

    @Version
    private long version;

    protected InvestmentLine() {}

    /** Validates a change of {@code line} (a throwaway copy that carries the checks of the constructor). */
    private InvestmentLine(InvestmentLine line, String description, ExpenseType expenseType, ResourceView resourceView, Yen amount,
            String sourceDocument) {
        this(line.measureId, line.fiscalYear, description, expenseType, resourceView, amount, sourceDocument, line.createdAt);
    }

    private InvestmentLine(Measure measure, String description, ExpenseType expenseType, ResourceView resourceView,
            Yen amount, String sourceDocument, Instant now) {
        this(measure.id(), measure.fiscalYear().startYear(), description, expenseType, resourceView, amount, sourceDocument, now);
    }

    private InvestmentLine(UUID measureId, int fiscalYear, String description, ExpenseType expenseType, ResourceView resourceView,
            Yen amount, String sourceDocument, Instant now) {
        if (description == null || description.isBlank() || description.strip().length() > 500) {
            throw new AccountingException("accounting.line.description.required");
        }
        if (expenseType == null) {
            throw new AccountingException("accounting.line.expenseType.required");
        }
        if (resourceView == null) {
            throw new AccountingException("accounting.line.resourceView.required");
        }
        if (amount == null) {
            throw new AccountingException("accounting.yen.invalid");
        }
        amount.checked();
        if (sourceDocument != null && sourceDocument.strip().length() > 500) {
            throw new AccountingException("accounting.line.sourceDocument.tooLong");
        }
        this.id = UUID.randomUUID();
        this.measureId = measureId;
        this.fiscalYear = fiscalYear;
        this.description = description.strip();
        this.expenseType = expenseType;
        this.resourceView = resourceView;
        this.amount = amount.amount();
        this.sourceDocument = sourceDocument == null || sourceDocument.isBlank() ? null : sourceDocument.strip();
        this.createdAt = now;
    }

    public static InvestmentLine of(Measure measure, String description, ExpenseType expenseType, ResourceView resourceView,
            Yen amount, String sourceDocument, Instant now) {
        return new InvestmentLine(measure, description, expenseType, resourceView, amount, sourceDocument, now);
    }

    /** 時間投資 booked as 人件費 under the company's policy on participants' time. */
    public static InvestmentLine ofTime(Measure measure, String description, PersonnelTime time, boolean includeParticipantTime,
            String sourceDocument, Instant now) {
        InvestmentLine line = new InvestmentLine(measure, description, ExpenseType.PERSONNEL, ResourceView.TIME,
                time.cost(includeParticipantTime), sourceDocument, now);
        line.personnelRole = time.role();
        line.hoursPerPerson = time.hoursPerPerson();
        line.persons = time.persons();
        line.hourlyRate = time.hourlyRate().amount();
        line.rateBasis = time.rateBasis();
        return line;
    }

    /**
     * 空間投資: this measure's share of a facility's health-use depreciation in the measure's 年度. The caller checks
     * that the shares of one facility-year sum to at most 1 ({@link #apportion}).
     */
    public static InvestmentLine ofDepreciation(Measure measure, UUID facilityId, String facilityName, Depreciation d,
            BigDecimal share, DepreciationRounding rounding, Instant now) {
        if (!d.inUseIn(measure.fiscalYear())) {
            throw new AccountingException("accounting.facility.beforeAcquisition");
        }
        InvestmentLine line = new InvestmentLine(measure, facilityName, ExpenseType.DEPRECIATION, ResourceView.SPACE,
                apportion(d.healthShareFor(measure.fiscalYear(), rounding), share, rounding), null, now);
        line.facilityId = facilityId;
        line.facilityShare = share;
        return line;
    }

    /** A share (0 &lt; share ≤ 1, six decimals) of a facility-year's health-use depreciation, rounded by the company's rule. */
    static Yen apportion(Yen healthShare, BigDecimal share, DepreciationRounding rounding) {
        if (share == null || share.signum() <= 0 || share.compareTo(BigDecimal.ONE) > 0 || share.stripTrailingZeros().scale() > 6) {
            throw new AccountingException("accounting.facility.shareInvalid");
        }
        return Yen.of(healthShare.toBigDecimal().multiply(share).setScale(0, rounding.mode()).longValueExact());
    }

    /** Recomputes a personnel-time line under its year's (changed) policy on participants' time. */
    public void recomputeTime(boolean includeParticipantTime) {
        PersonnelTime time = personnelTime();
        if (time != null) {
            this.amount = time.cost(includeParticipantTime).amount();
        }
    }

    /** Replaces what a plain line says (not a time or depreciation line: those are recomputed from their inputs). */
    public void change(String description, ExpenseType expenseType, ResourceView resourceView, Yen amount, String sourceDocument) {
        if (personnelRole != null || facilityId != null) {
            throw new AccountingException("accounting.line.derived");
        }
        InvestmentLine checked = new InvestmentLine(this, description, expenseType, resourceView, amount, sourceDocument);
        this.description = checked.description;
        this.expenseType = checked.expenseType;
        this.resourceView = checked.resourceView;
        this.amount = checked.amount;
        this.sourceDocument = checked.sourceDocument;
    }

    /** Recomputes a depreciation line from its facility (after the facility or the rounding rule changed). */
    public void recomputeDepreciation(String facilityName, Depreciation depreciation, DepreciationRounding rounding) {
        this.description = facilityName;
        this.amount = apportion(depreciation.healthShareFor(fiscalYear(), rounding), facilityShare, rounding).amount();
    }

    /**
     * Replaces the allocation. Every indicator must be one of the company's ({@code knownIndicators}); the
     * ratios' rule lives in {@link AllocationRule}.
     */
    public void allocate(AllocationRule rule, Set<UUID> knownIndicators) {
        for (AllocationRule.Share share : rule.shares()) {
            if (!knownIndicators.contains(share.indicatorId())) {
                throw new AccountingException("accounting.allocation.indicatorUnknown");
            }
        }
        // an indicator that stays keeps its row (new ratio): Hibernate inserts before it deletes orphans, so removing
        // and re-adding it would collide with the unique (line, indicator)
        Map<UUID, BigDecimal> wanted = new java.util.LinkedHashMap<>();
        rule.shares().forEach(share -> wanted.put(share.indicatorId(), share.ratio()));
        allocations.removeIf(a -> !wanted.containsKey(a.indicatorId()));
        allocations.forEach(a -> a.changeRatio(wanted.remove(a.indicatorId())));
        wanted.forEach((indicator, ratio) -> allocations.add(new AllocationEntry(id, indicator, ratio)));
        allocationMode = rule.primaryOnly() ? AllocationMode.PRIMARY_ONLY : AllocationMode.RATIOS;
    }

    void clearAllocation() {
        allocations.clear();
        allocationMode = AllocationMode.NONE;
    }

    /** The line's yen per indicator; empty when not allocated. */
    public Map<UUID, Yen> allocatedAmounts() {
        return allocationRule() == null ? Map.of() : allocationRule().split(amount());
    }

    public AllocationRule allocationRule() {
        if (allocationMode == AllocationMode.NONE || allocations.isEmpty()) {
            return null;
        }
        return new AllocationRule(allocationMode == AllocationMode.PRIMARY_ONLY,
                allocations.stream().map(a -> new AllocationRule.Share(a.indicatorId(), a.ratio())).toList());
    }

    public PersonnelTime personnelTime() {
        return personnelRole == null ? null
                : new PersonnelTime(personnelRole, hoursPerPerson, persons, Yen.of(hourlyRate), rateBasis);
    }

    public UUID id() { return id; }
    public UUID measureId() { return measureId; }
    public FiscalYear fiscalYear() { return FiscalYear.of(fiscalYear); }
    public String description() { return description; }
    public ExpenseType expenseType() { return expenseType; }
    public ResourceView resourceView() { return resourceView; }
    public Yen amount() { return Yen.of(amount); }
    public String sourceDocument() { return sourceDocument; }
    public UUID facilityId() { return facilityId; }
    public BigDecimal facilityShare() { return facilityShare; }
    AllocationMode allocationMode() { return allocationMode; }
}
