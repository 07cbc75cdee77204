package jp.hip.accounting.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import jp.hip.Accounts;
import jp.hip.ApiTokens;
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

/** 投資最小化分析 and 投資効用分析 through the API (ADR 0105): read with accounting.read, another company's measure 404. */
@PlatformTest
class EfficiencyApiTests {

    static final FiscalYear FY = FiscalYear.of(2025);

    @Autowired MockMvc mvc;
    @Autowired Accounts accounts;
    @Autowired ApiTokens tokens;
    @Autowired HealthAccounting accounting;
    @Autowired HealthIndicators healthIndicators;
    @Autowired EfficiencyAnalyses analyses;

    String readA;
    String readB;
    String usersOnlyA;
    UUID measureA;
    UUID measureB;

    UUID seed(UUID tenant) {
        return CurrentTenant.runAs(tenant, () -> {
            UUID eq5d = healthIndicators.createIndicator(new HealthAccounting.IndicatorCommand("EQ-5D効用値", IndicatorTier.FINAL, "点",
                    Direction.HIGHER_IS_BETTER, null, null, BenefitKind.NONE));
            analyses.markUtility(eq5d, "EQ-5D-5L");
            UUID first = null;
            for (String[] m : new String[][] {{"ウォーキング", "500000", "0.70", "0.75"}, {"ヨガ", "400000", "0.70", "0.746"}}) {
                UUID id = accounting.createMeasure(FY, new HealthAccounting.MeasureCommand(m[0], null, PurposeCategory.LITERACY,
                        Set.of(1), Set.of(), 10));
                UUID line = accounting.addLine(id, new HealthAccounting.LineCommand(m[0], ExpenseType.OUTSOURCING,
                        ResourceView.OUTSOURCED, Yen.of(Long.parseLong(m[1])), null));
                accounting.allocate(line, new AllocationRule(false, List.of(new AllocationRule.Share(eq5d, BigDecimal.ONE))));
                analyses.recordEffect(id, eq5d, new EffectCommand(new BigDecimal(m[2]), new BigDecimal(m[3]), 100, null, null));
                first = first == null ? id : first;
            }
            return first;
        });
    }

    @BeforeEach
    void clients() throws Exception {
        UUID a = accounts.withRole(Role.HR_STAFF).tenantId();
        UUID b = accounts.withRole(Role.HR_STAFF).tenantId();
        readA = ApiTokens.token(mvc, tokens.register(a, "accounting.read"), "accounting.read");
        readB = ApiTokens.token(mvc, tokens.register(b, "accounting.read"), "accounting.read");
        usersOnlyA = ApiTokens.token(mvc, tokens.register(a, "users.read"), "users.read");
        measureA = seed(a);
        measureB = seed(b);
    }

    @Test
    void theAnalysesOfAYearAreReadWithTheirInputs() throws Exception {
        // 0.05 and 0.046 are within 10 % of 0.05: equivalent; ヨガ costs less
        mvc.perform(get("/api/v1/accounting/analyses/2025/minimisation").header("Authorization", "Bearer " + readA))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.marginPercent").value(10))
                .andExpect(jsonPath("$.defaultMargin").value(true))
                .andExpect(jsonPath("$.groups[0].indicatorName").value("EQ-5D効用値"))
                .andExpect(jsonPath("$.groups[0].rows[0].measureName").value("ヨガ"))
                .andExpect(jsonPath("$.groups[0].rows[0].status").value("LEAST_COST"))
                .andExpect(jsonPath("$.groups[0].rows[0].cost.amount").value(400_000))
                .andExpect(jsonPath("$.groups[0].rows[1].status").value("EQUIVALENT"));
        // (0.75 − 0.70) × 100 × 1 = 5 person-years; 500,000 ÷ 5 = 100,000円
        mvc.perform(get("/api/v1/accounting/analyses/2025/utility").header("Authorization", "Bearer " + readA))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.scales[0].instrument").value("EQ-5D-5L"))
                .andExpect(jsonPath("$.rows[?(@.measureName == 'ウォーキング')].utilityGained").value(5.0))
                .andExpect(jsonPath("$.rows[?(@.measureName == 'ウォーキング')].costPerUtilityYear.amount").value(100_000))
                .andExpect(jsonPath("$.outOfRange").isEmpty());
        mvc.perform(get("/api/v1/accounting/analyses/2025/effects").header("Authorization", "Bearer " + readA))
                .andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(2));
        mvc.perform(get("/api/v1/accounting/measures/" + measureA + "/effects").header("Authorization", "Bearer " + readA))
                .andExpect(status().isOk()).andExpect(jsonPath("$[0].persons").value(100));
        // a year without anything: empty lists, not zeros
        mvc.perform(get("/api/v1/accounting/analyses/2019/minimisation").header("Authorization", "Bearer " + readA))
                .andExpect(status().isOk()).andExpect(jsonPath("$.groups").isEmpty());
    }

    @Test
    void anotherCompanysMeasureIsNotFoundAndTheScopeIsNeeded() throws Exception {
        String body = mvc.perform(get("/api/v1/accounting/measures/" + measureB + "/effects").header("Authorization", "Bearer " + readA))
                .andExpect(status().isNotFound()).andReturn().getResponse().getContentAsString();
        assertThat(body).doesNotContain("EQ-5D");
        mvc.perform(get("/api/v1/accounting/measures/" + measureA + "/effects").header("Authorization", "Bearer " + readB))
                .andExpect(status().isNotFound());
        // B's analyses list only B's measures
        String bAnalysis = mvc.perform(get("/api/v1/accounting/analyses/2025/utility").header("Authorization", "Bearer " + readB))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(bAnalysis).contains(measureB.toString()).doesNotContain(measureA.toString());
        mvc.perform(get("/api/v1/accounting/analyses/2025/minimisation").header("Authorization", "Bearer " + usersOnlyA))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/accounting/analyses/2025/utility")).andExpect(status().isUnauthorized());
    }

    @Test
    void theOpenApiDescriptionListsTheEndpoints() throws Exception {
        String doc = mvc.perform(get("/v3/api-docs")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(doc).contains("/api/v1/accounting/analyses/{year}/minimisation", "/api/v1/accounting/analyses/{year}/utility",
                "/api/v1/accounting/analyses/{year}/effects", "/api/v1/accounting/measures/{id}/effects");
    }
}
