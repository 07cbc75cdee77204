package jp.hip.accounting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import jp.hip.Accounts;
import jp.hip.PlatformTest;
import jp.hip.accounting.resources.HealthIssues;
import jp.hip.identity.CurrentTenant;
import jp.hip.identity.Role;
import jp.hip.identity.TenantKind;

/** 健康課題 page: HR staff add the company's own issues in the browser and tie measures to them. */
@PlatformTest
class HealthIssuePagesTests {

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Autowired
    HealthAccounting accounting;

    @Autowired
    HealthIssues issues;

    Accounts.Account hr;
    Accounts.Account viewer;
    Accounts.Account otherHr;

    @BeforeEach
    void company() {
        UUID company = accounts.tenant(TenantKind.COMPANY);
        hr = accounts.user(company, Role.HR_STAFF);
        viewer = accounts.user(company, Role.COMPANY_VIEWER);
        otherHr = accounts.user(accounts.tenant(TenantKind.COMPANY), Role.HR_STAFF);
    }

    String page(Cookie session, String path) throws Exception {
        return mvc.perform(get(path).cookie(session)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    List<HealthAccounting.HealthIssue> ownIssues(Accounts.Account account) {
        return CurrentTenant.runAs(account.tenantId(), () -> accounting.healthIssues(true)).stream()
                .filter(i -> !i.standard()).toList();
    }

    @Test
    void hrAddsAnOwnIssueAndTiesAMeasureToIt() throws Exception {
        Cookie session = Accounts.signIn(mvc, hr.email());
        String before = page(session, "/company/health-issues");
        assertThat(before).contains("従業員間のコミュニケーションの促進", "まだ自社の健康課題はありません。", "action=\"/company/health-issues\"");

        mvc.perform(post("/company/health-issues").with(csrf()).cookie(session).param("name", "腰痛予防"))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/company/health-issues"));
        assertThat(page(session, "/company/health-issues")).contains("腰痛予防");
        String key = ownIssues(hr).get(0).key();

        String form = page(session, "/company/measures/new");
        assertThat(form).contains("腰痛予防", "value=\"" + key + "\"", "href=\"/company/health-issues\"");
        String location = mvc.perform(post("/company/measures").with(csrf()).cookie(session)
                        .param("year", Integer.toString(FiscalYear.current().startYear()))
                        .param("name", "ストレッチ講座").param("purpose", "POPULATION").param("issues", key, "4"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        UUID measure = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
        var view = CurrentTenant.runAs(hr.tenantId(), () -> accounting.measure(measure)).orElseThrow().measure();
        assertThat(view.ownIssues()).containsExactly(UUID.fromString(key));
        assertThat(page(session, "/company/measures/" + measure)).contains("腰痛予防");
        assertThat(page(session, "/company/measures")).contains("href=\"/company/health-issues\"");
    }

    @Test
    void aViewerSeesTheIssuesButCannotAddOne() throws Exception {
        CurrentTenant.runAs(hr.tenantId(), () -> issues.addOwnHealthIssue("睡眠の質"));
        Cookie session = Accounts.signIn(mvc, viewer.email());
        String body = page(session, "/company/health-issues");
        assertThat(body).contains("睡眠の質").doesNotContain("action=\"/company/health-issues\"");
        mvc.perform(post("/company/health-issues").with(csrf()).cookie(session).param("name", "腰痛予防"))
                .andExpect(status().isForbidden());
        assertThat(ownIssues(hr)).extracting(HealthAccounting.HealthIssue::name).containsExactly("睡眠の質");
    }

    @Test
    void anotherCompanyNeverSeesTheIssueNorCanTieAMeasureToIt() throws Exception {
        UUID issue = CurrentTenant.runAs(hr.tenantId(), () -> issues.addOwnHealthIssue("当社だけの課題"));
        Cookie other = Accounts.signIn(mvc, otherHr.email());
        assertThat(page(other, "/company/health-issues")).doesNotContain("当社だけの課題");
        assertThat(page(other, "/company/measures/new")).doesNotContain("当社だけの課題").doesNotContain(issue.toString());
        String body = mvc.perform(post("/company/measures").with(csrf()).cookie(other)
                        .param("year", Integer.toString(FiscalYear.current().startYear()))
                        .param("name", "乗っ取り").param("purpose", "POPULATION").param("issues", issue.toString()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(body).contains("選んだ健康課題が見つかりません。");
        assertThat(ownIssues(otherHr)).isEmpty();
        // the other company may use the same name for its own issue: names are unique per company only
        mvc.perform(post("/company/health-issues").with(csrf()).cookie(other).param("name", "当社だけの課題"))
                .andExpect(status().is3xxRedirection());
        assertThat(ownIssues(otherHr)).hasSize(1);
        assertThat(ownIssues(hr)).hasSize(1);
    }

    @Test
    void aDuplicateOrBlankNameIsRefusedBesideTheFieldAndNothingIsWritten() throws Exception {
        CurrentTenant.runAs(hr.tenantId(), () -> issues.addOwnHealthIssue("EAP相談"));
        Cookie session = Accounts.signIn(mvc, hr.email());

        String own = mvc.perform(post("/company/health-issues").with(csrf()).cookie(session).param("name", "ＥＡＰ 相談"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(own).contains("この名前の自社の健康課題は既にあります。", "class=\"error\"", "value=\"ＥＡＰ 相談\"");

        String standard = mvc.perform(post("/company/health-issues").with(csrf()).cookie(session)
                        .param("name", "従業員間のコミュニケーションの促進"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(standard).contains("この名前は健康経営度調査の健康課題と同じです。");

        String blank = mvc.perform(post("/company/health-issues").with(csrf()).cookie(session).param("name", "  "))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(blank).contains("健康課題名を入力してください");

        assertThat(ownIssues(hr)).extracting(HealthAccounting.HealthIssue::name).containsExactly("EAP相談");
    }

    @Test
    void twoHrUsersAddingTheSameNameAtOnceEndWithOneIssue() throws Exception {
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
        java.util.concurrent.Callable<String> add = () -> {
            start.await();
            try {
                CurrentTenant.runAs(hr.tenantId(), () -> issues.addOwnHealthIssue(Thread.currentThread().getName().endsWith("1") ? "同時 の課題" : "同時の課題"));
                return "added";
            } catch (AccountingException e) {
                return e.messageKey();
            }
        };
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<String> outcomes = new java.util.ArrayList<>();
            for (var f : pool.invokeAll(List.of(add, add))) {
                outcomes.add(f.get());
            }
            assertThat(outcomes).containsExactlyInAnyOrder("added", "accounting.issue.name.duplicate");
        } finally {
            pool.shutdown();
        }
        assertThat(ownIssues(hr)).hasSize(1);
        // The database holds the rule too: a second row with the same comparable name cannot be written at all.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.sql(
                        "insert into acc_own_health_issue (tenant_id, id, name, name_key) values (?, ?, 'どうじのかだい', '同時の課題')")
                .params(hr.tenantId(), UUID.randomUUID()).update())
                .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
    }
}
