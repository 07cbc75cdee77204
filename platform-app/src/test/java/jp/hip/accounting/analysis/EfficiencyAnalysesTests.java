package jp.hip.accounting.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import jp.hip.Accounts;
import jp.hip.PlatformTest;
import jp.hip.accounting.AccountingException;
import jp.hip.accounting.FiscalYear;
import jp.hip.accounting.HealthAccounting;
import jp.hip.accounting.Yen;
import jp.hip.accounting.analysis.MinimisationAnalysis.Status;
import jp.hip.accounting.indicators.BenefitKind;
import jp.hip.accounting.indicators.Direction;
import jp.hip.accounting.indicators.HealthIndicators;
import jp.hip.accounting.indicators.IndicatorTier;
import jp.hip.accounting.ledger.AllocationRule;
import jp.hip.accounting.ledger.ExpenseType;
import jp.hip.accounting.ledger.PurposeCategory;
import jp.hip.accounting.ledger.ResourceView;
import jp.hip.accounting.years.AccountingYears;
import jp.hip.identity.CurrentTenant;
import jp.hip.identity.TenantKind;

/**
 * 投資最小化分析 and 投資効用分析 (ADR 0105) on real PostgreSQL: equivalence within the margin, the least cost marked,
 * measures outside the margin and without data not compared, the utility gain's exact arithmetic, values outside
 * 0–1 refused or named, another company's ids refused.
 */
@PlatformTest
class EfficiencyAnalysesTests {

    static final FiscalYear FY = FiscalYear.of(2025);

    @Autowired
    HealthAccounting accounting;

    @Autowired
    HealthIndicators healthIndicators;

    @Autowired
    EfficiencyAnalyses analyses;

    @Autowired
    AccountingYears years;

    @Autowired
    Accounts accounts;

    /** A measure with one line of {@code yen} allocated wholly to the indicator (none when null). */
    UUID measure(String name, long yen, UUID indicator) {
        UUID m = accounting.createMeasure(FY, new HealthAccounting.MeasureCommand(name, null, PurposeCategory.HIGH_RISK,
                Set.of(2), Set.of(), 50));
        UUID line = accounting.addLine(m, new HealthAccounting.LineCommand(name, ExpenseType.OTHER, ResourceView.OTHER, Yen.of(yen), null));
        if (indicator != null) {
            accounting.allocate(line, new AllocationRule(false, List.of(new AllocationRule.Share(indicator, BigDecimal.ONE))));
        }
        return m;
    }

    UUID indicator(String name, IndicatorTier tier, Direction direction) {
        return healthIndicators.createIndicator(new HealthAccounting.IndicatorCommand(name, tier, "%", direction, null, "全従業員",
                BenefitKind.NONE));
    }

    static EffectCommand effect(String before, String after, int persons) {
        return new EffectCommand(new BigDecimal(before), new BigDecimal(after), persons, null, null);
    }

    static <T> T as(UUID tenant, Supplier<T> work) {
        return CurrentTenant.runAs(tenant, work);
    }

    @Test
    void equivalentEffectsAreComparedByCostAndTheOthersAreNot() {
        UUID company = accounts.tenant(TenantKind.COMPANY);
        MinimisationAnalysis a = as(company, () -> {
            UUID smoking = indicator("喫煙率", IndicatorTier.FINAL, Direction.LOWER_IS_BETTER);
            UUID clinic = measure("禁煙外来", 900_000, smoking);
            UUID app = measure("禁煙アプリ", 600_000, smoking);
            UUID seminar = measure("禁煙セミナー", 100_000, smoking);
            UUID poster = measure("ポスター", 50_000, smoking);
            UUID none = measure("効果未測定", 300_000, smoking);
            // lower is better: 30 → 20 is an improvement of 10; 30 → 20.5 of 9.5 (within 10 % of 10); 30 → 28 of 2 (not)
            analyses.recordEffect(clinic, smoking, effect("30", "20", 40));
            analyses.recordEffect(app, smoking, effect("30", "20.5", 60));
            analyses.recordEffect(seminar, smoking, effect("30", "28", 80));
            analyses.recordEffect(poster, smoking, effect("30", "31", 80));
            assertThat(none).isNotNull();
            return analyses.minimisation(FY);
        });
        assertThat(a.defaultMargin()).isTrue();
        assertThat(a.marginPercent()).isEqualByComparingTo("10");
        MinimisationAnalysis.Group g = a.groups().get(0);
        assertThat(g.indicatorName()).isEqualTo("喫煙率");
        assertThat(g.referenceEffect()).isEqualByComparingTo("10");
        assertThat(g.compared()).isTrue();
        assertThat(g.rows()).extracting(r -> r.measureName() + ":" + r.status()).containsExactly(
                "禁煙アプリ:LEAST_COST", "禁煙外来:EQUIVALENT", "禁煙セミナー:NOT_EQUIVALENT", "ポスター:NO_IMPROVEMENT",
                "効果未測定:NO_DATA");
        var app = g.rows().get(0);
        assertThat(app.cost()).isEqualTo(Yen.of(600_000));
        assertThat(app.effect()).isEqualByComparingTo("9.5");
        assertThat(app.costPerUnit()).isEqualTo(Yen.of(63_158)); // 600,000 ÷ 9.5 = 63,157.89… → 63,158円
        var missing = g.rows().get(g.rows().size() - 1);
        assertThat(missing.effect()).as("no data is never 0").isNull();
        assertThat(missing.costPerUnit()).isNull();

        // a margin of 4 %: 9.5 is 5 % below 10, so the app is no longer equivalent and nothing is left to compare
        MinimisationAnalysis narrow = as(company, () -> {
            analyses.setMargin(FY, new BigDecimal("4"));
            return analyses.minimisation(FY);
        });
        assertThat(narrow.defaultMargin()).isFalse();
        assertThat(narrow.groups().get(0).compared()).isFalse();
        assertThat(narrow.groups().get(0).rows()).extracting(r -> r.measureName() + ":" + r.status())
                .contains("禁煙外来:EQUIVALENT", "禁煙アプリ:NOT_EQUIVALENT");
        assertThatThrownBy(() -> as(company, () -> {
            analyses.setMargin(FY, new BigDecimal("50.01"));
            return null;
        })).isInstanceOf(AccountingException.class).hasFieldOrPropertyWithValue("messageKey", "accounting.minimisation.margin.invalid");
    }

    @Test
    void theMarginRuleIsTheDifferenceFromTheLargestEffectAtMostThePercentOfIt() {
        assertThat(CostMinimisation.equivalent(new BigDecimal("9"), new BigDecimal("10"), BigDecimal.TEN)).isTrue();
        assertThat(CostMinimisation.equivalent(new BigDecimal("8.9999"), new BigDecimal("10"), BigDecimal.TEN)).isFalse();
        assertThat(CostMinimisation.equivalent(new BigDecimal("10"), new BigDecimal("10"), BigDecimal.ZERO)).isTrue();
    }

    @Test
    void utilityGainedIsTheChangeTimesPersonsTimesYearsExactlyAndCostPerUtilityYearIsShown() {
        UUID company = accounts.tenant(TenantKind.COMPANY);
        UtilityAnalysis u = as(company, () -> {
            UUID eq5d = indicator("EQ-5D効用値", IndicatorTier.FINAL, Direction.HIGHER_IS_BETTER);
            analyses.markUtility(eq5d, "EQ-5D-5L");
            UUID walking = measure("ウォーキング", 1_000_000, eq5d);
            UUID stretch = measure("ストレッチ", 200_000, eq5d);
            UUID unmeasured = measure("食事指導", 300_000, eq5d);
            analyses.recordEffect(walking, eq5d, new EffectCommand(new BigDecimal("0.8123"), new BigDecimal("0.8456"), 120,
                    null, "社内調査"));
            analyses.recordEffect(stretch, eq5d, new EffectCommand(new BigDecimal("0.9"), new BigDecimal("0.85"), 30,
                    new BigDecimal("0.5"), null));
            assertThat(unmeasured).isNotNull();
            return analyses.utility(FY);
        });
        assertThat(u.scales()).extracting(UtilityAnalysis.Scale::instrument).containsExactly("EQ-5D-5L");
        var walking = u.rows().stream().filter(r -> r.measureName().equals("ウォーキング")).findFirst().orElseThrow();
        // (0.8456 − 0.8123) × 120 × 1 = 3.9960 person-years; 1,000,000 ÷ 3.996 = 250,250.25… → 250,250円
        assertThat(walking.utilityGained()).isEqualByComparingTo("3.996");
        assertThat(walking.periodYears()).isEqualByComparingTo("1");
        assertThat(walking.costPerUtilityYear()).isEqualTo(Yen.of(250_250));
        assertThat(walking.status()).isEqualTo(UtilityAnalysis.Status.OK);
        var stretch = u.rows().stream().filter(r -> r.measureName().equals("ストレッチ")).findFirst().orElseThrow();
        // (0.85 − 0.9) × 30 × 0.5 = −0.75: a loss, no cost per utility-year
        assertThat(stretch.utilityGained()).isEqualByComparingTo("-0.75");
        assertThat(stretch.status()).isEqualTo(UtilityAnalysis.Status.NO_GAIN);
        assertThat(stretch.costPerUtilityYear()).isNull();
        var unmeasured = u.rows().stream().filter(r -> r.measureName().equals("食事指導")).findFirst().orElseThrow();
        assertThat(unmeasured.status()).isEqualTo(UtilityAnalysis.Status.NO_DATA);
        assertThat(unmeasured.utilityGained()).isNull();
        assertThat(Utility.gained(new BigDecimal("0.1"), new BigDecimal("0.3"), 3, BigDecimal.ONE))
                .as("BigDecimal, not double: 0.2 × 3 is exactly 0.6").isEqualTo(new BigDecimal("0.6"));
    }

    @Test
    void valuesOutsideZeroToOneAreRefusedOnInputAndNamedWithIndicatorAndYearInTheAnalysis() {
        UUID company = accounts.tenant(TenantKind.COMPANY);
        UtilityAnalysis u = as(company, () -> {
            UUID qol = indicator("QOLスコア", IndicatorTier.FINAL, Direction.HIGHER_IS_BETTER);
            UUID m = measure("睡眠改善", 400_000, qol);
            // recorded before the indicator was marked: 0–100 points, not a utility value
            analyses.recordEffect(m, qol, effect("62", "70", 40));
            healthIndicators.setValue(qol, FY, new BigDecimal("61"), null, new BigDecimal("0.7"), null);
            analyses.markUtility(qol, "SF-6D");
            assertThatThrownBy(() -> analyses.recordEffect(m, qol, effect("0.6", "1.2", 40)))
                    .isInstanceOf(AccountingException.class)
                    .hasFieldOrPropertyWithValue("messageKey", "accounting.effect.utility.range");
            return analyses.utility(FY);
        });
        assertThat(u.rows()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(UtilityAnalysis.Status.OUT_OF_RANGE);
            assertThat(r.utilityGained()).isNull();
            assertThat(r.before()).as("the stored values are left as they were").isEqualByComparingTo("62");
        });
        assertThat(u.outOfRange()).extracting(o -> o.indicatorName() + ":" + o.fiscalYear().startYear() + ":" + o.measureName()
                + ":" + o.value().toPlainString()).containsExactlyInAnyOrder(
                        "QOLスコア:2025:null:61.0000", "QOLスコア:2025:睡眠改善:62.0000", "QOLスコア:2025:睡眠改善:70.0000");
        // a lower-is-better indicator cannot be a utility value
        assertThatThrownBy(() -> as(company, () -> {
            analyses.markUtility(indicator("欠勤日数", IndicatorTier.FINAL, Direction.LOWER_IS_BETTER), "EQ-5D");
            return null;
        })).hasFieldOrPropertyWithValue("messageKey", "accounting.utility.direction");
    }

    @Test
    void anotherCompanysMeasureOrIndicatorIsNotFoundAndAClosedYearIsRefused() {
        UUID a = accounts.tenant(TenantKind.COMPANY);
        UUID b = accounts.tenant(TenantKind.COMPANY);
        UUID[] ofA = as(a, () -> {
            UUID i = indicator("喫煙率", IndicatorTier.FINAL, Direction.LOWER_IS_BETTER);
            return new UUID[] {measure("禁煙外来", 100_000, i), i};
        });
        UUID[] ofB = as(b, () -> {
            UUID i = indicator("喫煙率", IndicatorTier.FINAL, Direction.LOWER_IS_BETTER);
            return new UUID[] {measure("禁煙外来", 100_000, i), i};
        });
        assertThatThrownBy(() -> as(a, () -> analyses.recordEffect(ofB[0], ofA[1], effect("30", "20", 10))))
                .hasFieldOrPropertyWithValue("messageKey", "accounting.notFound");
        assertThatThrownBy(() -> as(a, () -> analyses.recordEffect(ofA[0], ofB[1], effect("30", "20", 10))))
                .hasFieldOrPropertyWithValue("messageKey", "accounting.notFound");
        assertThatThrownBy(() -> as(a, () -> {
            analyses.markUtility(ofB[1], "EQ-5D");
            return null;
        })).hasFieldOrPropertyWithValue("messageKey", "accounting.notFound");
        UUID effectOfB = as(b, () -> analyses.recordEffect(ofB[0], ofB[1], effect("30", "20", 10)));
        assertThat(as(a, () -> analyses.effect(effectOfB))).isEmpty();
        assertThat(as(a, () -> analyses.effectsOf(ofB[0]))).isEmpty();
        assertThatThrownBy(() -> as(a, () -> {
            analyses.deleteEffect(effectOfB);
            return null;
        })).hasFieldOrPropertyWithValue("messageKey", "accounting.notFound");
        assertThat(as(b, () -> analyses.effects(FY))).hasSize(1);

        // a closed year: nothing recorded, the margin not set
        as(a, () -> years.close(FY));
        assertThatThrownBy(() -> as(a, () -> analyses.recordEffect(ofA[0], ofA[1], effect("30", "20", 10))))
                .hasFieldOrPropertyWithValue("messageKey", "accounting.year.closed");
        assertThatThrownBy(() -> as(a, () -> {
            analyses.setMargin(FY, BigDecimal.ONE);
            return null;
        })).hasFieldOrPropertyWithValue("messageKey", "accounting.year.closed");
        assertThat(as(a, () -> analyses.effects(FY))).isEmpty();
    }
}
