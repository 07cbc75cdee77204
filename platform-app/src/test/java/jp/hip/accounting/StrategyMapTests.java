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
import jp.hip.accounting.strategy.StrategyGraph;
import jp.hip.accounting.strategy.StrategyMaps;
import jp.hip.identity.CurrentTenant;
import jp.hip.identity.Role;
import jp.hip.identity.TenantKind;

/** The strategy map: edited in the browser, every edit a version, drawn as SVG, private to the company. */
@PlatformTest
class StrategyMapTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Autowired
    HealthAccounting accounting;

    @Autowired
    HealthIndicators healthIndicators;

    @Autowired
    StrategyMaps strategyMaps;

    @Test
    void hrDraftsAndEditsTheMapAndEveryEditIsAVersion() throws Exception {
        UUID company = accounts.tenant(TenantKind.COMPANY);
        Accounts.Account hr = accounts.user(company, Role.HR_STAFF);
        Accounts.Account viewer = accounts.user(company, Role.COMPANY_VIEWER);
        Accounts.Account other = accounts.user(accounts.tenant(TenantKind.COMPANY), Role.HR_STAFF);
        FiscalYear year = FiscalYear.current();
        CurrentTenant.runAs(company, () -> {
            UUID m = accounting.createMeasure(year, new HealthAccounting.MeasureCommand("禁煙チャレンジ", null, PurposeCategory.HIGH_RISK,
                    Set.of(2), Set.of(), 30));
            UUID line = accounting.addLine(m, new HealthAccounting.LineCommand("禁煙外来補助", ExpenseType.OUTSOURCING,
                    ResourceView.OUTSOURCED, Yen.of(300_000), null));
            UUID smoking = healthIndicators.createIndicator(new HealthAccounting.IndicatorCommand("喫煙率", IndicatorTier.FINAL, "%",
                    Direction.LOWER_IS_BETTER, null, null, BenefitKind.NONE));
            accounting.allocate(line, AllocationRule.primaryOnly(smoking));
            return null;
        });
        Cookie session = Accounts.signIn(mvc, hr.email());
        String y = Integer.toString(year.startYear());
        mvc.perform(post("/company/strategy-map/draft").with(csrf()).cookie(session).param("year", y)).andExpect(status().is3xxRedirection());
        var drafted = CurrentTenant.runAs(company, () -> strategyMaps.strategyMap(year, null)).orElseThrow();
        assertThat(drafted.version()).isEqualTo(1);
        assertThat(drafted.graph().nodes()).extracting(StrategyGraph.Node::label)
                .containsExactly("禁煙チャレンジ", "喫煙率", "生活習慣病などの疾病の高リスク者に対する重症化予防");
        assertThat(drafted.graph().edges()).hasSize(2);

        mvc.perform(post("/company/strategy-map/nodes").with(csrf()).cookie(session).param("year", y)
                .param("nodeKind", "MANAGEMENT_ISSUE").param("nodeLabel", "人材の定着")).andExpect(status().is3xxRedirection());
        mvc.perform(post("/company/strategy-map/edges").with(csrf()).cookie(session).param("year", y)
                .param("from", "n3").param("to", "n4")).andExpect(status().is3xxRedirection());
        // backwards: refused with a message, no new version
        var refused = mvc.perform(post("/company/strategy-map/edges").with(csrf()).cookie(session).param("year", y)
                .param("from", "n4").param("to", "n1")).andExpect(status().isOk()).andReturn();
        assertThat(refused.getResponse().getContentAsString()).contains("効果：つながりは 施策 → 取組状況");
        var latest = CurrentTenant.runAs(company, () -> strategyMaps.strategyMap(year, null)).orElseThrow();
        assertThat(latest.version()).isEqualTo(3);
        assertThat(latest.versions()).isEqualTo(List.of(3, 2, 1));
        assertThat(CurrentTenant.runAs(company, () -> strategyMaps.strategyMap(year, 1)).orElseThrow().graph().nodes()).hasSize(3);

        String page = mvc.perform(get("/company/strategy-map").cookie(session)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("<svg class=\"acc-map\"", "人材の定着", "marker-end", "第3版");

        Cookie viewerSession = Accounts.signIn(mvc, viewer.email());
        mvc.perform(get("/company/strategy-map").cookie(viewerSession)).andExpect(status().isOk());
        mvc.perform(post("/company/strategy-map/nodes").with(csrf()).cookie(viewerSession).param("year", y)
                .param("nodeKind", "MEASURE").param("nodeLabel", "x")).andExpect(status().isForbidden());

        Cookie otherSession = Accounts.signIn(mvc, other.email());
        String otherPage = mvc.perform(get("/company/strategy-map").cookie(otherSession)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(otherPage).doesNotContain("人材の定着").doesNotContain("禁煙チャレンジ");
        assertThat(CurrentTenant.runAs(company, () -> strategyMaps.strategyMap(year, null)).orElseThrow().version()).isEqualTo(3);
    }
}
