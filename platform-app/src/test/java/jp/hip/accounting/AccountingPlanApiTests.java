package jp.hip.accounting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import jp.hip.Accounts;
import jp.hip.ApiTokens;
import jp.hip.PlatformTest;
import jp.hip.accounting.ledger.ExpenseType;
import jp.hip.accounting.ledger.PurposeCategory;
import jp.hip.accounting.ledger.ResourceView;
import jp.hip.accounting.years.AccountingYears;
import jp.hip.identity.CurrentTenant;
import jp.hip.identity.Role;

/** 予算 through the API (ADR 0081, 0085): read, set, replace, clear per measure and 年度, and the copy with or without plans. */
@PlatformTest
class AccountingPlanApiTests {

    static final FiscalYear FY = FiscalYear.of(2025);

    @Autowired MockMvc mvc;
    @Autowired Accounts accounts;
    @Autowired ApiTokens tokens;
    @Autowired HealthAccounting accounting;
    @Autowired AccountingYears years;

    UUID tenantA;
    String writeA;
    String readA;
    String writeB;
    UUID measure;

    @BeforeEach
    void clients() throws Exception {
        tenantA = accounts.withRole(Role.HR_STAFF).tenantId();
        ApiTokens.Client a = tokens.register(tenantA, "accounting.read", "accounting.write");
        writeA = ApiTokens.token(mvc, a, "accounting.read accounting.write");
        readA = ApiTokens.token(mvc, a, "accounting.read");
        writeB = ApiTokens.token(mvc, tokens.register(accounts.withRole(Role.HR_STAFF).tenantId(), "accounting.read", "accounting.write"),
                "accounting.read accounting.write");
        measure = CurrentTenant.runAs(tenantA, () -> {
            UUID m = accounting.createMeasure(FY, new HealthAccounting.MeasureCommand("ウォーキング", null, PurposeCategory.LITERACY,
                    Set.of(1), Set.of(), 10));
            accounting.addLine(m, new HealthAccounting.LineCommand("アプリ", ExpenseType.OUTSOURCING, ResourceView.OUTSOURCED,
                    Yen.of(1_200_000), null));
            return m;
        });
    }

    String budgetPath() {
        return "/api/v1/accounting/measures/" + measure + "/budget";
    }

    @Test
    void aBudgetIsSetReplacedReadBesideTheActualsAndCleared() throws Exception {
        mvc.perform(get(budgetPath()).header("Authorization", "Bearer " + readA)).andExpect(status().isOk())
                .andExpect(jsonPath("$.budget").doesNotExist()).andExpect(jsonPath("$.actual.amount").value(1_200_000));
        mvc.perform(put(budgetPath()).header("Authorization", "Bearer " + writeA).contentType("application/json")
                .content("{\"amount\":1000000}")).andExpect(status().isOk())
                .andExpect(jsonPath("$.budget.amount").value(1_000_000)).andExpect(jsonPath("$.variance").value(200_000));
        mvc.perform(put(budgetPath()).header("Authorization", "Bearer " + writeA).contentType("application/json")
                .content("{\"amount\":1500000}")).andExpect(status().isOk()).andExpect(jsonPath("$.variance").value(-300_000));
        mvc.perform(get("/api/v1/accounting/budgets").param("year", "2025").header("Authorization", "Bearer " + readA))
                .andExpect(status().isOk()).andExpect(jsonPath("$[0].measureName").value("ウォーキング"))
                .andExpect(jsonPath("$[0].budget.amount").value(1_500_000));
        mvc.perform(delete(budgetPath()).header("Authorization", "Bearer " + writeA)).andExpect(status().isNoContent());
        assertThat(CurrentTenant.runAs(tenantA, () -> accounting.measure(measure)).orElseThrow().measure().budget()).isNull();
    }

    @Test
    void badBudgetsAnotherClientAndTheReadScopeChangeNothing() throws Exception {
        mvc.perform(put(budgetPath()).header("Authorization", "Bearer " + writeA).contentType("application/json")
                .content("{\"amount\":-1}")).andExpect(status().isBadRequest());
        mvc.perform(put(budgetPath()).header("Authorization", "Bearer " + writeA).contentType("application/json")
                .content("{}")).andExpect(status().isBadRequest());
        mvc.perform(put(budgetPath()).header("Authorization", "Bearer " + writeA).contentType("application/json")
                .content("{\"amount\":1000000000000}")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("accounting.yen.tooLarge"));
        mvc.perform(put(budgetPath()).header("Authorization", "Bearer " + readA).contentType("application/json")
                .content("{\"amount\":1}")).andExpect(status().isForbidden());
        mvc.perform(get(budgetPath()).header("Authorization", "Bearer " + writeB)).andExpect(status().isNotFound());
        mvc.perform(put(budgetPath()).header("Authorization", "Bearer " + writeB).contentType("application/json")
                .content("{\"amount\":1}")).andExpect(status().isNotFound());
        mvc.perform(delete(budgetPath()).header("Authorization", "Bearer " + writeB)).andExpect(status().isNotFound());
        assertThat(CurrentTenant.runAs(tenantA, () -> accounting.measure(measure)).orElseThrow().measure().budget()).isNull();
        // a closed 年度 refuses a plan
        CurrentTenant.runAs(tenantA, () -> {
            years.close(FY);
            return null;
        });
        mvc.perform(put(budgetPath()).header("Authorization", "Bearer " + writeA).contentType("application/json")
                .content("{\"amount\":1}")).andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("accounting.year.closed"));
    }

    @Test
    void theCopyToTheNextYearCarriesBudgetsOnlyWhenAsked() throws Exception {
        CurrentTenant.runAs(tenantA, () -> {
            accounting.planBudget(measure, Yen.of(900_000));
            return null;
        });
        mvc.perform(post("/api/v1/accounting/years/2025/copy-to-next").header("Authorization", "Bearer " + writeA)
                .contentType("application/json").content("{\"withBudgets\":true}")).andExpect(status().isOk())
                .andExpect(jsonPath("$.measures").value(1)).andExpect(jsonPath("$.withBudgets").value(true));
        mvc.perform(get("/api/v1/accounting/budgets").param("year", "2026").header("Authorization", "Bearer " + readA))
                .andExpect(jsonPath("$[0].budget.amount").value(900_000)).andExpect(jsonPath("$[0].actual.amount").value(0));
        mvc.perform(post("/api/v1/accounting/years/2026/copy-to-next").header("Authorization", "Bearer " + writeA))
                .andExpect(status().isOk()).andExpect(jsonPath("$.withBudgets").value(false));
        mvc.perform(get("/api/v1/accounting/budgets").param("year", "2027").header("Authorization", "Bearer " + readA))
                .andExpect(jsonPath("$[0].measureName").value("ウォーキング")).andExpect(jsonPath("$[0].budget").doesNotExist());
    }
}
