package jp.hip.accounting.years;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.TenantId;

import jp.hip.accounting.AccountingException;
import jp.hip.accounting.FiscalYear;
import jp.hip.accounting.Yen;

/**
 * A 年度's accounting policy (ADR 0027): whether participants' working time counts as 人件費, and the labour-cost
 * inputs of 投資対便益分析 (absenteeism loss = days × daily labour cost; presenteeism loss = (1 − SPQ/100) × annual
 * labour cost × employees). Changing it recomputes that year's derived lines only.
 */
@Entity
@Table(name = "acc_year_policy")
class YearPolicy {

    @Id
    private UUID id;

    @TenantId
    @Column(name = "tenant_id")
    private UUID tenantId;

    @Column(name = "fiscal_year")
    private int fiscalYear;

    @Column(name = "include_participant_time")
    private boolean includeParticipantTime;

    @Column(name = "annual_labour_cost")
    private long annualLabourCost;

    @Column(name = "annual_working_days")
    private int annualWorkingDays = 240;

    @Column(name = "employee_count")
    private int employeeCount;

    @Version
    private long version;

    protected YearPolicy() {}

    YearPolicy(FiscalYear year) {
        this.id = UUID.randomUUID();
        this.fiscalYear = year.startYear();
    }

    void change(boolean includeParticipantTime, Yen annualLabourCost, int annualWorkingDays, int employeeCount) {
        if (annualLabourCost == null) {
            throw new AccountingException("accounting.yen.invalid");
        }
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

    FiscalYear fiscalYear() { return FiscalYear.of(fiscalYear); }
    boolean includeParticipantTime() { return includeParticipantTime; }
    Yen annualLabourCost() { return Yen.of(annualLabourCost); }
    int annualWorkingDays() { return annualWorkingDays; }
    int employeeCount() { return employeeCount; }
}
