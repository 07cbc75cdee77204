package jp.hip.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import jp.hip.PlatformTest;
import jp.hip.accounting.ledger.ExpenseType;
import jp.hip.accounting.FiscalYear;
import jp.hip.accounting.HealthAccounting;
import jp.hip.identity.CurrentTenant;
import jp.hip.identity.IdentityManagement;

/** The demo company's three years of accounting load once, add up, and feed every analysis. */
@PlatformTest
@org.springframework.test.context.ActiveProfiles("demo")
class AccountingDemoDataTests {

    @Autowired
    IdentityManagement identity;

    @Autowired
    HealthAccounting accounting;

    @Autowired
    jp.hip.accounting.resources.HealthResources healthResources;

    @Autowired
    jp.hip.accounting.indicators.HealthIndicators healthIndicators;

    @Autowired
    jp.hip.accounting.strategy.StrategyMaps strategyMaps;

    @Autowired
    jp.hip.accounting.analysis.EfficiencyAnalyses efficiency;

    @Test
    void loadsThreeRealisticYearsOnceOnly() {
        // the demo profile ran the loaders at start-up; running again changes nothing
        UUID company = identity.tenantNamed(DemoData.COMPANY).orElseThrow().id();
        new AccountingDemoData(identity, accounting, healthIndicators, healthResources, strategyMaps, efficiency).run(null);
        FiscalYear current = FiscalYear.current();
        CurrentTenant.runAs(company, () -> {
            for (int y = 0; y < 3; y++) {
                FiscalYear year = FiscalYear.of(current.startYear() - y);
                assertThat(accounting.measures(year)).as(year.toString()).hasSize(10);
                var totals = accounting.totalsByExpenseType(year);
                assertThat(totals.values()).allSatisfy(t -> assertThat(t.amount()).isPositive());
            }
            var analysis = accounting.analysis(current, true);
            assertThat(analysis.benefits()).hasSize(2);
            assertThat(analysis.benefitOverCost()).isNotNull();
            assertThat(analysis.unallocated().amount()).isZero();
            assertThat(analysis.previousTotal().amount()).isPositive();
            // 投資最小化分析 (ADR 0105): the flu shots and the canteen have equivalent effects on absenteeism; the shots cost less
            var absenteeism = efficiency.minimisation(current).groups().stream()
                    .filter(g -> g.indicatorName().startsWith("アブセンティーイズム")).findFirst().orElseThrow();
            assertThat(absenteeism.rows()).extracting(r -> r.measureName() + ":" + r.status()).contains(
                    "インフルエンザ予防接種（社内実施）:LEAST_COST", "社員食堂の健康メニュー:EQUIVALENT", "フィットネスルームの運営:NO_DATA");
            assertThat(accounting.facilities(current)).anySatisfy(f -> assertThat(f.fullyDepreciated()).isTrue());
            assertThat(accounting.totalsByExpenseType(current).get(ExpenseType.DEPRECIATION).amount()).isEqualTo(480_000 + 361_800); // 定額法 table rates: 4,800,000 × 0.100; 18,000,000 × 0.067 × 30 %
            return null;
        });
    }
}
