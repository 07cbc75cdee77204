package jp.hip.accounting.years;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.TenantId;

import jp.hip.accounting.AccountingException;
import jp.hip.accounting.Yen;
import jp.hip.accounting.depreciation.DepreciationRounding;

/**
 * The company's accounting policy: whether participants' working time counts as 人件費, and the labour-cost
 * inputs of 投資対便益分析 (absenteeism loss = days × daily labour cost; presenteeism loss = (1 − SPQ/100) ×
 * annual labour cost).
 */
@Entity
@Table(name = "acc_policy")
public class Policy {

    @Id
    private UUID id;

    @TenantId
    @Column(name = "tenant_id")
    private UUID tenantId;

    @Column(name = "include_participant_time")
    private boolean includeParticipantTime;

    @Column(name = "annual_labour_cost")
    private long annualLabourCost;

    @Column(name = "annual_working_days")
    private int annualWorkingDays = 240;

    @Column(name = "employee_count")
    private int employeeCount;

    @Enumerated(EnumType.STRING)
    @Column(name = "depreciation_rounding")
    private DepreciationRounding depreciationRounding = DepreciationRounding.DOWN;

    @Version
    private long version;

    protected Policy() {}

    public static Policy defaults() {
        Policy policy = new Policy();
        policy.id = UUID.randomUUID();
        return policy;
    }

    void change(boolean includeParticipantTime, Yen annualLabourCost, int annualWorkingDays, int employeeCount) {
        if (annualWorkingDays < 1 || annualWorkingDays > 366) {
            throw new AccountingException("accounting.policy.workingDays");
        }
        if (employeeCount < 0) {
            throw new AccountingException("accounting.policy.employees");
        }
        this.includeParticipantTime = includeParticipantTime;
        this.annualLabourCost = annualLabourCost.checked().amount();
        this.annualWorkingDays = annualWorkingDays;
        this.employeeCount = employeeCount;
    }

    public void roundDepreciation(DepreciationRounding rounding) {
        if (rounding == null) {
            throw new AccountingException("accounting.policy.rounding");
        }
        this.depreciationRounding = rounding;
    }

    public DepreciationRounding depreciationRounding() { return depreciationRounding == null ? DepreciationRounding.DOWN : depreciationRounding; }
    public UUID id() { return id; }
    boolean includeParticipantTime() { return includeParticipantTime; }
    Yen annualLabourCost() { return Yen.of(annualLabourCost); }
    int annualWorkingDays() { return annualWorkingDays; }
    int employeeCount() { return employeeCount; }
}
