package jp.hip.accounting.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import jp.hip.Accounts;
import jp.hip.PlatformTest;
import jp.hip.accounting.FiscalYear;
import jp.hip.accounting.HealthAccounting;
import jp.hip.accounting.Yen;
import jp.hip.accounting.indicators.BenefitKind;
import jp.hip.accounting.indicators.Direction;
import jp.hip.accounting.indicators.HealthIndicators;
import jp.hip.accounting.indicators.IndicatorTier;
import jp.hip.accounting.ledger.AllocationRule;
import jp.hip.accounting.ledger.ExpenseType;
import jp.hip.accounting.ledger.PurposeCategory;
import jp.hip.accounting.ledger.ResourceView;
import jp.hip.identity.CurrentTenant;
import jp.hip.identity.Role;
import jp.hip.identity.TenantKind;

/**
 * The pages of 投資最小化分析 and 投資効用分析 (ADR 0105): empty states that say what to do, HR records effects, the
 * margin and a utility indicator with success messages, refused input beside its field, the delete asked first,
 * another company's ids refused, viewers read only, Japanese and English.
 */
@PlatformTest
class EfficiencyPagesTests {

    static final FiscalYear FY = FiscalYear.of(2025);

    @Autowired MockMvc mvc;
    @Autowired Accounts accounts;
    @Autowired HealthAccounting accounting;
    @Autowired HealthIndicators healthIndicators;
    @Autowired EfficiencyAnalyses analyses;
    @Autowired jp.hip.accounting.years.AccountingYears years;

    String page(String url, Cookie who) throws Exception {
        var response = mvc.perform(get(url).cookie(who)).andReturn().getResponse();
        assertThat(response.getStatus()).as(url).isEqualTo(200);
        return response.getContentAsString();
    }

    UUID measure(UUID tenant, String name, long yen, UUID indicator) {
        return CurrentTenant.runAs(tenant, () -> {
            UUID m = accounting.createMeasure(FY, new HealthAccounting.MeasureCommand(name, null, PurposeCategory.HIGH_RISK,
                    Set.of(2), Set.of(), 30));
            UUID line = accounting.addLine(m, new HealthAccounting.LineCommand(name, ExpenseType.OTHER, ResourceView.OTHER, Yen.of(yen), null));
            accounting.allocate(line, new AllocationRule(false, List.of(new AllocationRule.Share(indicator, BigDecimal.ONE))));
            return m;
        });
    }

    UUID indicator(UUID tenant, String name, Direction direction) {
        return CurrentTenant.runAs(tenant, () -> healthIndicators.createIndicator(new HealthAccounting.IndicatorCommand(name,
                IndicatorTier.FINAL, "%", direction, null, null, BenefitKind.NONE)));
    }

    @Test
    void emptyStatesSayWhatToDo() throws Exception {
        UUID company = accounts.tenant(TenantKind.COMPANY);
        Cookie hr = Accounts.signIn(mvc, accounts.user(company, Role.HR_STAFF).email());
        String analysis = page("/company/analyses/efficiency?year=2025", hr);
        assertThat(analysis).contains("id=\"minimisation-empty\"", "最終目標の指標に按分した施策も", "id=\"utility-no-scale\"",
                "同等とみなす幅：10%（初期値");
        String effects = page("/company/analyses/effects?year=2025", hr);
        assertThat(effects).contains("id=\"effects-empty\"", "先に「施策と投資」で施策を登録してください", "id=\"effects-need\"");
        assertThat(page("/company/analyses?year=2025", hr)).contains("href=\"/company/analyses/efficiency?year=2025\"");
        String english = page("/company/analyses/efficiency?year=2025&lang=en", hr);
        assertThat(english).contains("Cost-minimisation analysis", "Equivalence margin: 10% (default").doesNotContain("{0}", "??");
    }

    @Test
    void hrRecordsEffectsAndSeesTheLeastCostAndTheUtilityGain() throws Exception {
        UUID company = accounts.tenant(TenantKind.COMPANY);
        UUID smoking = indicator(company, "喫煙率", Direction.LOWER_IS_BETTER);
        UUID qol = indicator(company, "QOL効用値", Direction.HIGHER_IS_BETTER);
        UUID clinic = measure(company, "禁煙外来", 900_000, smoking);
        UUID app = measure(company, "禁煙アプリ", 600_000, smoking);
        UUID seminar = measure(company, "禁煙セミナー", 100_000, smoking);
        UUID yoga = measure(company, "ヨガ教室", 1_234_567, qol);
        Cookie hr = Accounts.signIn(mvc, accounts.user(company, Role.HR_STAFF).email());
        Cookie viewer = Accounts.signIn(mvc, accounts.user(company, Role.COMPANY_VIEWER).email());

        record(hr, clinic, smoking, "30", "20", "40").andExpect(flash().attribute("done", "accounting.effect.recorded"));
        record(hr, app, smoking, "30", "20.5", "60");
        record(hr, seminar, smoking, "30", "28", "80");
        mvc.perform(post("/company/analyses/utility-scales").param("year", "2025").with(csrf()).cookie(hr)
                .param("utilityIndicator", qol.toString()).param("utilityInstrument", "EQ-5D-5L"))
                .andExpect(flash().attribute("done", "accounting.utility.marked"));
        // a utility value above 1: the page again with the message beside the field and nothing stored
        String refused = record(hr, yoga, qol, "0.6", "1.2", "25").andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("前の値と後の値は0〜1で入力してください", "value=\"1.2\"");
        assertThat(CurrentTenant.runAs(company, () -> analyses.effectsOf(yoga)).orElseThrow()).isEmpty();
        record(hr, yoga, qol, "0.6", "0.65", "25").andExpect(flash().attribute("done", "accounting.effect.recorded"));

        String analysis = page("/company/analyses/efficiency?year=2025", viewer);
        assertThat(analysis).contains("禁煙アプリ", "最小費用", "600,000円", "63,158円", "効果は同等（費用はより多い）",
                "効果が同等でないため比較対象外", "最も大きい効果：10（%）");
        // (0.65 − 0.6) × 25 × 1 = 1.25 quality-adjusted person-years; 1,234,567 ÷ 1.25 = 987,653.6 → 987,654円
        assertThat(analysis).contains("ヨガ教室", "1.25", "987,654円", "QOL効用値（EQ-5D-5L）");

        mvc.perform(post("/company/analyses/margin").param("year", "2025").with(csrf()).cookie(hr).param("marginPercent", "4"))
                .andExpect(flash().attribute("done", "accounting.minimisation.margin.saved"));
        assertThat(page("/company/analyses/efficiency?year=2025", viewer)).contains("同等とみなす幅：4%（この年度の設定）",
                "効果が同等の施策が2つ以上ないため");
        String badMargin = mvc.perform(post("/company/analyses/margin").param("year", "2025").with(csrf()).cookie(hr)
                .param("marginPercent", "60")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(badMargin).contains("0〜50（%）");

        // viewers read the inputs but get no forms and cannot post
        String effectsForViewer = page("/company/analyses/effects?year=2025", viewer);
        assertThat(effectsForViewer).contains("禁煙外来", "EQ-5D-5L").doesNotContain("id=\"effect-form\"", "id=\"margin-form\"");
        record(viewer, clinic, smoking, "30", "10", "40").andExpect(status().isForbidden());

        // the delete is asked first, then done with its message
        UUID effect = CurrentTenant.runAs(company, () -> analyses.effectsOf(seminar)).orElseThrow().get(0).id();
        assertThat(page("/company/effects/" + effect + "/delete", hr)).contains("禁煙セミナー → 喫煙率", "元に戻せません");
        mvc.perform(post("/company/effects/" + effect + "/delete").with(csrf()).cookie(hr))
                .andExpect(flash().attribute("done", "accounting.effect.deleted"));
        assertThat(CurrentTenant.runAs(company, () -> analyses.effectsOf(seminar)).orElseThrow()).isEmpty();
        assertThat(page("/company/analyses/efficiency?year=2025", hr)).contains("データなし（効果が未記録）");
    }

    @Test
    void anotherCompanysMeasureIndicatorOrEffectIsRefused() throws Exception {
        UUID a = accounts.tenant(TenantKind.COMPANY);
        UUID b = accounts.tenant(TenantKind.COMPANY);
        UUID indicatorA = indicator(a, "喫煙率", Direction.LOWER_IS_BETTER);
        UUID measureA = measure(a, "禁煙外来", 100_000, indicatorA);
        UUID indicatorB = indicator(b, "喫煙率", Direction.LOWER_IS_BETTER);
        UUID measureB = measure(b, "禁煙外来", 100_000, indicatorB);
        UUID effectB = CurrentTenant.runAs(b, () -> analyses.recordEffect(measureB, indicatorB,
                new EffectCommand(new BigDecimal("30"), new BigDecimal("20"), 10, null, null)));
        Cookie hrA = Accounts.signIn(mvc, accounts.user(a, Role.HR_STAFF).email());

        String page = record(hrA, measureB, indicatorA, "30", "20", "10").andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"effect-form\"").doesNotContain(measureB.toString());
        record(hrA, measureA, indicatorB, "30", "20", "10").andExpect(status().isOk());
        mvc.perform(post("/company/analyses/utility-scales").param("year", "2025").with(csrf()).cookie(hrA)
                .param("utilityIndicator", indicatorB.toString()).param("utilityInstrument", "EQ-5D")).andExpect(status().isOk());
        mvc.perform(get("/company/effects/" + effectB + "/delete").cookie(hrA)).andExpect(status().isNotFound());
        mvc.perform(post("/company/effects/" + effectB + "/delete").with(csrf()).cookie(hrA)).andExpect(status().isNotFound());
        assertThat(CurrentTenant.runAs(a, () -> analyses.effects(FY))).isEmpty();
        assertThat(CurrentTenant.runAs(a, () -> analyses.utilityScales())).isEmpty();
        assertThat(CurrentTenant.runAs(b, () -> analyses.effects(FY))).hasSize(1);
    }

    org.springframework.test.web.servlet.ResultActions record(Cookie who, UUID measure, UUID indicator, String before, String after,
            String persons) throws Exception {
        return mvc.perform(post("/company/analyses/effects").param("year", "2025").with(csrf()).cookie(who)
                .param("effectMeasure", measure.toString()).param("effectIndicator", indicator.toString())
                .param("effectBefore", before).param("effectAfter", after).param("effectPersons", persons).param("effectPeriod", "1"));
    }

    /** A closed 年度 keeps the utility marking its closed analysis rests on (ADR 0113): refused with a message, not a 404. */
    @Test
    void theUtilityMarkingOfAnIndicatorAClosedYearUsesIsRefusedWithAMessage() throws Exception {
        UUID company = accounts.tenant(TenantKind.COMPANY);
        Cookie hr = Accounts.signIn(mvc, accounts.user(company, Role.HR_STAFF).email());
        UUID qol = indicator(company, "QOL", Direction.HIGHER_IS_BETTER);
        measure(company, "セミナー", 100_000, qol);
        CurrentTenant.runAs(company, () -> {
            analyses.markUtility(qol, "EQ-5D-5L");
            return years.close(FY);
        });
        mvc.perform(post("/company/analyses/utility-scales/" + qol + "/remove").param("year", "2025").with(csrf()).cookie(hr))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("failed", "accounting.utility.closedYear"));
        String refused = mvc.perform(post("/company/analyses/utility-scales").param("year", "2025").with(csrf()).cookie(hr)
                .param("utilityIndicator", qol.toString()).param("utilityInstrument", "SF-6D")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("確定済みの年度がこの指標を使っている");
        assertThat(CurrentTenant.runAs(company, () -> analyses.utilityScales())).extracting(EfficiencyAnalyses.ScaleView::instrument)
                .containsExactly("EQ-5D-5L");
    }
}
