package jp.hip.accounting.indicators;

import java.time.Instant;
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

/** 健康投資効果の指標: tier, unit, direction, measurement method and population (ref-accounting §1.5, §2.5). */
@Entity
@Table(name = "acc_indicator")
public class Indicator {

    @Id
    private UUID id;

    @TenantId
    @Column(name = "tenant_id")
    private UUID tenantId;

    private String name;

    @Enumerated(EnumType.STRING)
    private IndicatorTier tier;

    private String unit;

    @Enumerated(EnumType.STRING)
    private Direction direction;

    private String method;

    private String population;

    @Enumerated(EnumType.STRING)
    @Column(name = "benefit_kind")
    private BenefitKind benefitKind = BenefitKind.NONE;

    @Column(name = "created_at")
    private Instant createdAt;

    @Version
    private long version;

    protected Indicator() {}

    public Indicator(Instant now) {
        this.id = UUID.randomUUID();
        this.createdAt = now;
    }

    public void describe(String name, IndicatorTier tier, String unit, Direction direction, String method, String population,
            BenefitKind benefitKind) {
        if (name == null || name.isBlank() || name.strip().length() > 200) {
            throw new AccountingException("accounting.indicator.name.required");
        }
        if (tier == null) {
            throw new AccountingException("accounting.indicator.tier.required");
        }
        if (unit == null || unit.isBlank() || unit.strip().length() > 20) {
            throw new AccountingException("accounting.indicator.unit.required");
        }
        if (direction == null) {
            throw new AccountingException("accounting.indicator.direction.required");
        }
        BenefitKind kind = benefitKind == null ? BenefitKind.NONE : benefitKind;
        if (!kind.agreesWith(direction)) {
            // e.g. absence days marked "higher is better": the benefit would count a worsening as a gain
            throw new AccountingException("accounting.indicator.benefitKind.contradictsDirection");
        }
        this.name = name.strip();
        this.tier = tier;
        this.unit = unit.strip();
        this.direction = direction;
        this.method = method == null || method.isBlank() ? null : method.strip();
        this.population = population == null || population.isBlank() ? null : population.strip();
        this.benefitKind = kind;
    }

    public UUID id() { return id; }
    public String name() { return name; }
    public IndicatorTier tier() { return tier; }
    public String unit() { return unit; }
    public Direction direction() { return direction; }
    public String method() { return method; }
    public String population() { return population; }
    public BenefitKind benefitKind() { return benefitKind; }
}
