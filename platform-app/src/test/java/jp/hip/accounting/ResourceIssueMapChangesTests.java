package jp.hip.accounting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import jp.hip.Accounts;
import jp.hip.PlatformTest;
import jp.hip.accounting.ledger.PurposeCategory;
import jp.hip.accounting.resources.HealthIssues;
import jp.hip.accounting.resources.HealthResources;
import jp.hip.accounting.resources.ResourceKind;
import jp.hip.accounting.strategy.StrategyMaps;
import jp.hip.accounting.strategy.StrategyNodeKind;
import jp.hip.accounting.years.AccountingYears;
import jp.hip.identity.CurrentTenant;
import jp.hip.identity.Role;
import jp.hip.identity.TenantKind;

/** Edit and delete for health resources, own issues and strategy maps: confirmation, success, closed year, viewer, tenant. */
@PlatformTest
class ResourceIssueMapChangesTests {

    static final FiscalYear FY = FiscalYear.of(2025);

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Autowired
    HealthAccounting accounting;

    @Autowired
    HealthResources resources;

    @Autowired
    HealthIssues issues;

    @Autowired
    StrategyMaps maps;

    @Autowired
    AccountingYears years;

    UUID company;
    Cookie hr;
    Cookie viewer;
    Cookie otherHr;

    @BeforeEach
    void company() throws Exception {
        company = accounts.tenant(TenantKind.COMPANY);
        hr = Accounts.signIn(mvc, accounts.user(company, Role.HR_STAFF).email());
        viewer = Accounts.signIn(mvc, accounts.user(company, Role.COMPANY_VIEWER).email());
        otherHr = Accounts.signIn(mvc, accounts.user(accounts.tenant(TenantKind.COMPANY), Role.HR_STAFF).email());
    }

    <T> T as(java.util.function.Supplier<T> work) {
        return CurrentTenant.runAs(company, work);
    }

    String page(Cookie session, String path) throws Exception {
        return mvc.perform(get(path).cookie(session)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    @Test
    void hrChangesAndDeletesAHealthResourceAfterAConfirmation() throws Exception {
        UUID id = as(() -> resources.addResource(new HealthResources.ResourceCommand("保健師", ResourceKind.HUMAN_TANGIBLE,
                BigDecimal.ONE, "人", LocalDate.of(2025, 3, 31), null)));
        assertThat(page(hr, "/company/resources")).contains("/company/resources/" + id + "/edit", "/company/resources/" + id + "/delete");
        assertThat(page(viewer, "/company/resources")).contains("保健師").doesNotContain("/company/resources/" + id + "/edit");

        mvc.perform(post("/company/resources/" + id + "/edit").with(csrf()).cookie(hr).param("name", "保健師")
                        .param("kind", "HUMAN_TANGIBLE").param("value", "abc").param("asOf", "2025-03-31"))
                .andExpect(status().isOk());
        assertThat(as(() -> resources.resource(id)).orElseThrow().value()).isEqualByComparingTo("1");
        mvc.perform(post("/company/resources/" + id + "/edit").with(csrf()).cookie(hr).param("name", "保健師（常勤）")
                        .param("kind", "HUMAN_TANGIBLE").param("value", "2").param("unit", "人").param("asOf", "2025-03-31"))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("done", "accounting.resource.changed"));
        assertThat(as(() -> resources.resource(id)).orElseThrow()).satisfies(r -> {
            assertThat(r.name()).isEqualTo("保健師（常勤）");
            assertThat(r.value()).isEqualByComparingTo("2");
        });

        // a viewer cannot, another company finds nothing
        mvc.perform(post("/company/resources/" + id + "/delete").with(csrf()).cookie(viewer)).andExpect(status().isForbidden());
        mvc.perform(get("/company/resources/" + id + "/delete").cookie(otherHr)).andExpect(status().isNotFound());
        mvc.perform(post("/company/resources/" + id + "/delete").with(csrf()).cookie(otherHr)).andExpect(status().isNotFound());
        assertThat(as(() -> resources.resource(id))).isPresent();

        assertThat(page(hr, "/company/resources/" + id + "/delete")).contains("保健師（常勤）", "健康資源シートと開示レポートからも消えます");
        mvc.perform(post("/company/resources/" + id + "/delete").with(csrf()).cookie(hr))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("done", "accounting.resource.deleted"));
        assertThat(as(() -> resources.resource(id))).isEmpty();
    }

    @Test
    void aResourceDatedInAClosedYearCannotBeChangedOrDeleted() {
        UUID id = as(() -> resources.addResource(new HealthResources.ResourceCommand("産業医", ResourceKind.HUMAN_TANGIBLE,
                BigDecimal.ONE, "人", LocalDate.of(2025, 6, 1), null)));
        as(() -> years.close(FY));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> as(() -> {
            resources.deleteResource(id);
            return null;
        })).hasMessage("accounting.year.closed");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> as(() -> {
            resources.changeResource(id, new HealthResources.ResourceCommand("産業医", ResourceKind.HUMAN_TANGIBLE, BigDecimal.valueOf(2),
                    "人", LocalDate.of(2026, 6, 1), null));
            return null;
        })).hasMessage("accounting.year.closed");
        assertThat(as(() -> resources.resource(id)).orElseThrow().value()).isEqualByComparingTo("1");
    }

    @Test
    void anOwnIssueIsRenamedAndOnlyDeletedWhenNoMeasureNamesIt() throws Exception {
        UUID used = as(() -> issues.addOwnHealthIssue("腰痛予防"));
        UUID unused = as(() -> issues.addOwnHealthIssue("睡眠の質"));
        as(() -> accounting.createMeasure(FY, new HealthAccounting.MeasureCommand("ストレッチ講座", null, PurposeCategory.POPULATION,
                Set.of(), Set.of(used), 10)));

        mvc.perform(post("/company/health-issues/" + unused + "/edit").with(csrf()).cookie(hr).param("name", "腰痛予防"))
                .andExpect(status().isOk());
        mvc.perform(post("/company/health-issues/" + unused + "/edit").with(csrf()).cookie(hr).param("name", "睡眠の質の向上"))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("done", "accounting.issue.renamed"));
        assertThat(as(() -> issues.ownIssue(unused)).orElseThrow().name()).isEqualTo("睡眠の質の向上");
        mvc.perform(post("/company/health-issues/" + unused + "/edit").with(csrf()).cookie(viewer).param("name", "x"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/company/health-issues/" + unused + "/edit").cookie(otherHr)).andExpect(status().isNotFound());

        String refused = page(hr, "/company/health-issues/" + used + "/delete");
        assertThat(refused).contains("1件の施策に紐づいているため削除できません").doesNotContain("action=\"/company/health-issues/" + used + "/delete\"");
        mvc.perform(post("/company/health-issues/" + used + "/delete").with(csrf()).cookie(hr))
                .andExpect(flash().attribute("failed", "accounting.issue.inUse"));
        assertThat(as(() -> issues.ownIssue(used))).isPresent();

        mvc.perform(post("/company/health-issues/" + unused + "/delete").with(csrf()).cookie(hr))
                .andExpect(flash().attribute("done", "accounting.issue.deleted"));
        assertThat(as(() -> issues.ownIssue(unused))).isEmpty();
        assertThat(page(hr, "/company/health-issues")).contains("腰痛予防").doesNotContain("睡眠の質の向上");
    }

    @Test
    void aMapNodeIsRenamedAsANewVersionAndTheYearsMapIsDeletedWithItsVersions() throws Exception {
        as(() -> maps.editStrategyMap(FY, g -> g.withNode(StrategyNodeKind.FINAL, "プレゼンティーイズム")));
        mvc.perform(post("/company/strategy-map/nodes/rename").with(csrf()).cookie(hr).param("year", "2025").param("node", "n1")
                        .param("newLabel", "プレゼンティーイズム（SPQ）"))
                .andExpect(flash().attribute("done", "accounting.map.saved"));
        var latest = as(() -> maps.strategyMap(FY, null)).orElseThrow();
        assertThat(latest.version()).isEqualTo(2);
        assertThat(latest.graph().node("n1").label()).isEqualTo("プレゼンティーイズム（SPQ）");
        assertThat(as(() -> maps.strategyMap(FY, 1)).orElseThrow().graph().node("n1").label()).isEqualTo("プレゼンティーイズム");

        mvc.perform(post("/company/strategy-map/delete").with(csrf()).cookie(viewer).param("year", "2025")).andExpect(status().isForbidden());
        mvc.perform(get("/company/strategy-map/delete").cookie(otherHr).param("year", "2025")).andExpect(status().isNotFound());
        assertThat(page(hr, "/company/strategy-map/delete?year=2025")).contains("保存されている2版すべてとともに削除します");
        mvc.perform(post("/company/strategy-map/delete").with(csrf()).cookie(hr).param("year", "2025"))
                .andExpect(flash().attribute("done", "accounting.map.deleted"));
        assertThat(as(() -> maps.strategyMap(FY, null))).isEmpty();

        as(() -> maps.editStrategyMap(FY, g -> g.withNode(StrategyNodeKind.FINAL, "欠勤日数")));
        as(() -> years.close(FY));
        mvc.perform(post("/company/strategy-map/delete").with(csrf()).cookie(hr).param("year", "2025"))
                .andExpect(flash().attribute("failed", "accounting.year.closed"));
        assertThat(as(() -> maps.strategyMap(FY, null))).isPresent();
    }
}
