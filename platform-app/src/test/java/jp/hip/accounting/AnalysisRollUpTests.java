package jp.hip.accounting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import jp.hip.Accounts;
import jp.hip.PlatformTest;
import jp.hip.accounting.indicators.BenefitKind;
import jp.hip.accounting.indicators.Direction;
import jp.hip.accounting.indicators.HealthIndicators;
import jp.hip.accounting.indicators.IndicatorTier;
import jp.hip.accounting.ledger.AllocationRule;
import jp.hip.accounting.ledger.ExpenseType;
import jp.hip.accounting.ledger.PurposeCategory;
import jp.hip.accounting.ledger.ResourceView;
import jp.hip.accounting.strategy.GoalRollUp;
import jp.hip.accounting.strategy.StrategyMaps;
import jp.hip.identity.CurrentTenant;
import jp.hip.identity.Role;
import jp.hip.identity.TenantKind;

/** ADR 0029 against the real schema: the roll-up through the saved strategy map, and kind against direction. */
@PlatformTest
class AnalysisRollUpTests {

    static final FiscalYear FY = FiscalYear.of(2025);

    @Autowired
    HealthAccounting accounting;

    @Autowired
    HealthIndicators healthIndicators;

    @Autowired
    StrategyMaps strategyMaps;

    @Autowired
    Accounts accounts;

    @Autowired
    MockMvc mvc;

    UUID company;
    Accounts.Account hr;

    @BeforeEach
    void company() {
        company = accounts.tenant(TenantKind.COMPANY);
        hr = accounts.user(company, Role.HR_STAFF);
    }

    <T> T as(java.util.function.Supplier<T> work) {
        return CurrentTenant.runAs(company, work);
    }

    UUID indicator(String name, IndicatorTier tier) {
        return as(() -> healthIndicators.createIndicator(new HealthAccounting.IndicatorCommand(name, tier, "%",
                Direction.HIGHER_IS_BETTER, null, null, BenefitKind.NONE)));
    }

    @Test
    void participationSpendingRollsUpTheSavedMapToTheFinalGoalAndItsIssue() throws Exception {
        UUID seminar = indicator("セミナー参加率", IndicatorTier.PARTICIPATION);
        UUID goal = indicator("プレゼンティーイズム改善", IndicatorTier.FINAL);
        UUID m = as(() -> accounting.createMeasure(FY, new HealthAccounting.MeasureCommand("メンタルヘルス研修", null,
                PurposeCategory.POPULATION, Set.of(3), Set.of(), 50)));
        UUID line = as(() -> accounting.addLine(m, new HealthAccounting.LineCommand("講師謝金", ExpenseType.OUTSOURCING,
                ResourceView.OUTSOURCED, Yen.of(400_000), null)));
        as(() -> {
            accounting.allocate(line, new AllocationRule(false, List.of(new AllocationRule.Share(seminar, new java.math.BigDecimal("0.75")),
                    new AllocationRule.Share(goal, new java.math.BigDecimal("0.25")))));
            return null;
        });
        Cookie session = Accounts.signIn(mvc, hr.email());
        String before = mvc.perform(get("/company/analyses").param("year", "2025").cookie(session)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(before).contains("id=\"roll-up-no-map\"", "この年度の戦略マップがないため");
        assertThat(as(() -> accounting.analysis(FY, true)).goalRollUp().notOnMap()).isEqualTo(Yen.of(400_000));

        // the drafted map puts both indicators beside the measure; the user links 参加率 → 最終目標
        int drafted = as(() -> strategyMaps.draftStrategyMapFromEntries(FY, true));
        var map = as(() -> strategyMaps.strategyMap(FY, drafted)).orElseThrow().graph();
        String from = map.nodes().stream().filter(n -> n.label().equals("セミナー参加率")).findFirst().orElseThrow().key();
        String to = map.nodes().stream().filter(n -> n.label().equals("プレゼンティーイズム改善")).findFirst().orElseThrow().key();
        as(() -> strategyMaps.editStrategyMap(FY, g -> g.withEdge(from, to)));

        GoalRollUp r = as(() -> accounting.analysis(FY, true)).goalRollUp();
        assertThat(r.mapVersion()).isEqualTo(drafted + 1);
        assertThat(r.finalGoals()).singleElement().satisfies(g -> {
            assertThat(g.direct()).isEqualTo(Yen.of(100_000));
            assertThat(g.rolledUp()).isEqualTo(Yen.of(300_000));
        });
        assertThat(r.issues()).extracting(GoalRollUp.Goal::label).contains("メンタルヘルス不調等のストレス関連疾患の発生予防・早期発見・対応");
        assertThat(r.issues()).allSatisfy(i -> assertThat(i.total()).isEqualTo(Yen.of(400_000)));

        String page = mvc.perform(get("/company/analyses").param("year", "2025").cookie(session)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"roll-up\"", "プレゼンティーイズム改善", "300,000円", "400,000円", "戦略マップ 第" + (drafted + 1) + "版");
    }

    @Test
    void theIndicatorFormPutsTheContradictionBesideTheBenefitField() throws Exception {
        Cookie session = Accounts.signIn(mvc, hr.email());
        String page = mvc.perform(post("/company/indicators").with(csrf()).cookie(session).param("name", "欠勤日数")
                        .param("tier", "FINAL").param("unit", "日").param("direction", "HIGHER_IS_BETTER")
                        .param("benefitKind", "ABSENTEEISM_DAYS"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("アブセンティーイズム（欠勤日数）は「低いほど良い」");
        assertThat(page).containsPattern("has-error\"[^>]*>\\s*<label for=\"benefitKind\"");
        assertThat(as(() -> healthIndicators.indicators())).isEmpty();
    }

    @Test
    void theAnalysisAndTheDisclosureShowThePopulationAndTheResponseRate() throws Exception {
        UUID spq = as(() -> healthIndicators.createIndicator(new HealthAccounting.IndicatorCommand("プレゼンティーイズム", IndicatorTier.FINAL,
                "%", Direction.HIGHER_IS_BETTER, "SPQ", "全従業員（派遣を除く）", BenefitKind.PRESENTEEISM_SPQ)));
        as(() -> {
            healthIndicators.setValue(spq, FY, new java.math.BigDecimal("80"), new java.math.BigDecimal("85"), new java.math.BigDecimal("81.5"),
                    new java.math.BigDecimal("86.50"));
            return null;
        });
        assertThat(as(() -> accounting.analysis(FY, true)).costPerChange()).singleElement().satisfies(c -> {
            assertThat(c.population()).isEqualTo("全従業員（派遣を除く）");
            assertThat(c.responseRate()).isEqualByComparingTo("86.5");
        });
        Cookie session = Accounts.signIn(mvc, hr.email());
        for (String path : List.of("/company/analyses", "/company/disclosure")) {
            String page = mvc.perform(get(path).param("year", "2025").cookie(session)).andExpect(status().isOk())
                    .andReturn().getResponse().getContentAsString();
            assertThat(page).as(path).contains("全従業員（派遣を除く）", ">86.5<", "回答率（%）");
        }
    }
}
