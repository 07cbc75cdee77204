package jp.hip.accounting.facilities;

import java.math.BigDecimal;
import java.time.LocalDate;
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
import jp.hip.accounting.depreciation.AssetClass;
import jp.hip.accounting.depreciation.Depreciation;
import jp.hip.accounting.depreciation.DepreciationMethod;
import jp.hip.accounting.depreciation.DepreciationRates;
import jp.hip.accounting.depreciation.SharedUseBasis;

/** 健康関連の施設・設備 (空間投資): depreciated yearly; listed as 環境健康資源 (有形) even when fully depreciated. */
@Entity
@Table(name = "acc_facility")
public class Facility {

    @Id
    private UUID id;

    @TenantId
    @Column(name = "tenant_id")
    private UUID tenantId;

    private String name;

    @Column(name = "acquisition_cost")
    private long acquisitionCost;

    @Column(name = "acquired_on")
    private LocalDate acquiredOn;

    @Column(name = "useful_life_years")
    private int usefulLifeYears;

    @Enumerated(EnumType.STRING)
    private DepreciationMethod method;

    @Column(name = "shared_use_ratio")
    private BigDecimal sharedUseRatio;

    @Enumerated(EnumType.STRING)
    @Column(name = "shared_use_basis")
    private SharedUseBasis sharedUseBasis;

    @Enumerated(EnumType.STRING)
    @Column(name = "asset_class")
    private AssetClass assetClass = AssetClass.EQUIPMENT;

    @Column(name = "rate_table")
    private String rateTable;

    private String note;

    @Version
    private long version;

    protected Facility() {}

    public Facility(String name, Depreciation depreciation, String note) {
        this.id = UUID.randomUUID();
        change(name, depreciation, note);
    }

    /** Replaces the description and the depreciation inputs (the schedule is recomputed from them). */
    void change(String name, Depreciation depreciation, String note) {
        if (name == null || name.isBlank() || name.strip().length() > 200) {
            throw new AccountingException("accounting.facility.name.required");
        }
        if (note != null && note.strip().length() > 1000) {
            throw new AccountingException("accounting.facility.noteTooLong");
        }
        this.name = name.strip();
        this.acquisitionCost = depreciation.acquisitionCost().amount();
        this.acquiredOn = depreciation.acquiredOn();
        this.usefulLifeYears = depreciation.usefulLifeYears();
        this.method = depreciation.method();
        this.sharedUseRatio = depreciation.sharedUseRatio();
        this.sharedUseBasis = depreciation.sharedUseBasis();
        this.assetClass = depreciation.assetClass();
        this.rateTable = DepreciationRates.current().version();
        this.note = note == null || note.isBlank() ? null : note.strip();
    }

    Depreciation depreciation() {
        return new Depreciation(Yen.of(acquisitionCost), acquiredOn, usefulLifeYears, method, assetClass, sharedUseRatio,
                sharedUseBasis);
    }

    UUID id() { return id; }
    String name() { return name; }
    String note() { return note; }
    String rateTable() { return rateTable; }
}
