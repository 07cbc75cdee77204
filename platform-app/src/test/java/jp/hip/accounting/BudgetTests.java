package jp.hip.accounting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import jp.hip.Accounts;
import jp.hip.PlatformTest;
import jp.hip.accounting.ledger.ExpenseType;
import jp.hip.accounting.ledger.PurposeCategory;
import jp.hip.accounting.ledger.ResourceView;
import jp.hip.accounting.outputs.AccountingOutputs;
import jp.hip.accounting.years.AccountingYears;
import jp.hip.identity.CurrentTenant;
import jp.hip.identity.Role;
import jp.hip.identity.TenantKind;

/** 予算 beside the actuals (ADR 0081): set, shown with the variance, cleared; viewer, other company and closed year refused. */
@PlatformTest
class BudgetTests {

    static final FiscalYear FY = FiscalYear.of(2025);

    @Autowired
    HealthAccounting accounting;

    @Autowired
    AccountingYears years;

    @Autowired
    Accounts accounts;

    @Autowired
    MockMvc mvc;

    @Test
    void hrPlansAMeasureAndSeesTheVarianceOnTheMeasureAndTheAnalysis() throws Exception {
        UUID company = accounts.tenant(TenantKind.COMPANY);
        UUID m = CurrentTenant.runAs(company, () -> {
            UUID id = accounting.createMeasure(FY, new HealthAccounting.MeasureCommand("禁煙外来補助", null, PurposeCategory.HIGH_RISK,
                    Set.of(2), Set.of(), 20));
            accounting.addLine(id, new HealthAccounting.LineCommand("補助金", ExpenseType.OTHER, ResourceView.OTHER, Yen.of(1_250_000), null));
            return id;
        });
        Cookie hr = Accounts.signIn(mvc, accounts.user(company, Role.HR_STAFF).email());
        Cookie viewer = Accounts.signIn(mvc, accounts.user(company, Role.COMPANY_VIEWER).email());
        Cookie other = Accounts.signIn(mvc, accounts.user(accounts.tenant(TenantKind.COMPANY), Role.HR_STAFF).email());

        // an unreadable amount: the page again, the error beside the field and the input kept (ADR 0097)
        var refused = mvc.perform(post("/company/measures/" + m + "/budget").with(csrf()).cookie(hr).param("budget", "abc"))
                .andExpect(status().isOk()).andReturn();
        assertThat(((org.springframework.validation.BindingResult) refused.getModelAndView().getModel()
                .get(org.springframework.validation.BindingResult.MODEL_KEY_PREFIX + "budgetForm")).getFieldError("budget")).isNotNull();
        assertThat(refused.getResponse().getContentAsString()).contains("予算：数字で入力してください", "value=\"abc\"");
        mvc.perform(post("/company/measures/" + m + "/budget").with(csrf()).cookie(viewer).param("budget", "1"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/company/measures/" + m + "/budget").with(csrf()).cookie(other).param("budget", "1"))
                .andExpect(status().isNotFound());
        assertThat(CurrentTenant.runAs(company, () -> accounting.measure(m)).orElseThrow().measure().budget()).isNull();

        mvc.perform(post("/company/measures/" + m + "/budget").with(csrf()).cookie(hr).param("budget", "1,000,000"))
                .andExpect(flash().attribute("done", "accounting.measure.budget.saved"));
        var view = CurrentTenant.runAs(company, () -> accounting.measure(m)).orElseThrow().measure();
        assertThat(view.budget()).isEqualTo(Yen.of(1_000_000));
        assertThat(view.budgetVariance()).isEqualTo(250_000L);
        String page = mvc.perform(get("/company/measures/" + m).cookie(viewer)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("1,000,000円", "（実績との差 250,000円）").doesNotContain("id=\"budget-input\"");
        assertThat(CurrentTenant.runAs(company, () -> accounting.analysis(FY, true)).costPerParticipant()).singleElement()
                .satisfies(c -> assertThat(c.budgetVariance()).isEqualTo(250_000L));
        assertThat(mvc.perform(get("/company/analyses").param("year", "2025").cookie(hr)).andReturn().getResponse().getContentAsString())
                .contains("1,000,000円", "250,000円");

        mvc.perform(post("/company/measures/" + m + "/budget").with(csrf()).cookie(hr).param("budget", ""))
                .andExpect(flash().attribute("done", "accounting.measure.budget.cleared"));
        assertThat(CurrentTenant.runAs(company, () -> accounting.measure(m)).orElseThrow().measure().budget()).isNull();

        CurrentTenant.runAs(company, () -> years.close(FY));
        assertThat(mvc.perform(post("/company/measures/" + m + "/budget").with(csrf()).cookie(hr).param("budget", "5"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString()).contains("この年度は確定済みのため変更できません");
        assertThat(CurrentTenant.runAs(company, () -> accounting.measure(m)).orElseThrow().measure().budget()).isNull();
    }

    @Autowired
    AccountingOutputs outputs;

    @Test
    void theFiveYearTrendSumsEachYearAndSaysDataNashiForAYearWithout() throws Exception {
        UUID company = accounts.tenant(TenantKind.COMPANY);
        CurrentTenant.runAs(company, () -> {
            for (int y : new int[] {2021, 2023, 2025}) {
                UUID id = accounting.createMeasure(FiscalYear.of(y), new HealthAccounting.MeasureCommand("健診", null,
                        PurposeCategory.POPULATION, Set.of(1), Set.of(), 10));
                if (y != 2023) {
                    accounting.addLine(id, new HealthAccounting.LineCommand("委託費", ExpenseType.OUTSOURCING, ResourceView.OUTSOURCED,
                            Yen.of(y * 100L), null));
                }
            }
            return null;
        });
        var trend = CurrentTenant.runAs(company, () -> outputs.trend(FY, 5));
        assertThat(trend).extracting(t -> t.fiscalYear().startYear(), t -> t.total() == null ? null : t.total().amount())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2021, 202_100L), org.assertj.core.groups.Tuple.tuple(2022, null),
                        org.assertj.core.groups.Tuple.tuple(2023, 0L), org.assertj.core.groups.Tuple.tuple(2024, null),
                        org.assertj.core.groups.Tuple.tuple(2025, 202_500L));
        Cookie hr = Accounts.signIn(mvc, accounts.user(company, Role.HR_STAFF).email());
        String page = mvc.perform(get("/company/analyses").param("year", "2025").cookie(hr)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        String table = page.substring(page.indexOf("id=\"trend\""), page.indexOf("</table>", page.indexOf("id=\"trend\"")));
        assertThat(table).contains("2022年度", "202,100円", "202,500円");
        assertThat(table.split("データなし", -1)).hasSize(3);
    }
}
