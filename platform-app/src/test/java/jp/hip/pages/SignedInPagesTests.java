package jp.hip.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

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
import jp.hip.accounting.ledger.PurposeCategory;
import jp.hip.identity.CurrentTenant;
import jp.hip.identity.Role;
import jp.hip.identity.TenantKind;

/**
 * Issue 15, who is signed in: menus show only what the role can do and the server refuses the rest; paging beyond
 * the end redirects to the last page; an over-long search gets the page's own message. (Error pages are checked
 * in {@link PhoneBrowserTests}: MockMvc does not dispatch to the error page.)
 */
@PlatformTest
class SignedInPagesTests {

    @Autowired MockMvc mvc;
    @Autowired Accounts accounts;
    @Autowired HealthAccounting accounting;

    String page(Cookie session, String path) throws Exception {
        return mvc.perform(get(path).cookie(session)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    @Test
    void aCompanyViewerHasNoImportOrNewMeasureAndIsRefusedTheWriteForms() throws Exception {
        UUID company = accounts.tenant(TenantKind.COMPANY);
        Cookie viewer = Accounts.signIn(mvc, accounts.user(company, Role.COMPANY_VIEWER).email());
        Cookie hr = Accounts.signIn(mvc, accounts.user(company, Role.HR_STAFF).email());
        UUID measure = CurrentTenant.runAs(company, () -> accounting.createMeasure(FiscalYear.current(),
                new HealthAccounting.MeasureCommand("禁煙外来の補助", null, PurposeCategory.HIGH_RISK, Set.of(2), Set.of(), 10)));

        String measures = page(viewer, "/company/measures");
        assertThat(measures).contains("禁煙外来の補助").doesNotContain("href=\"/company/import\"", "/company/measures/new");
        String detail = page(viewer, "/company/measures/" + measure);
        assertThat(detail.substring(detail.indexOf("<main"))).contains("禁煙外来の補助")
                .doesNotContain("/edit\"", "/delete\"", "method=\"post\"");
        for (String form : new String[] {"/company/measures/new", "/company/import", "/company/measures/" + measure + "/edit",
                "/company/measures/" + measure + "/delete"}) {
            mvc.perform(get(form).cookie(viewer)).andExpect(status().isForbidden());
        }
        // HR staff keep them
        assertThat(page(hr, "/company/measures")).contains("href=\"/company/import\"", "/company/measures/new");
        page(hr, "/company/measures/new");
        page(hr, "/company/import");
    }

    @Test
    void pagingBeyondTheEndRedirectsToTheLastPage() throws Exception {
        UUID company = accounts.tenant(TenantKind.COMPANY);
        Cookie hr = Accounts.signIn(mvc, accounts.user(company, Role.HR_STAFF).email());
        UUID measure = CurrentTenant.runAs(company, () -> accounting.createMeasure(FiscalYear.current(),
                new HealthAccounting.MeasureCommand("健康セミナー", null, PurposeCategory.LITERACY, Set.of(3), Set.of(), 10)));
        int year = FiscalYear.current().startYear();
        mvc.perform(get("/company/measures").param("year", Integer.toString(year)).param("sort", "name").param("page", "999").cookie(hr))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/company/measures?year=" + year + "&sort=name&page=1"));
        mvc.perform(get("/company/measures").param("page", "abc").cookie(hr)).andExpect(redirectedUrl("/company/measures?page=1"));
        mvc.perform(get("/company/measures/{id}", measure).param("page", "999").cookie(hr))
                .andExpect(redirectedUrl("/company/measures/" + measure + "?page=1"));
        assertThat(page(hr, "/company/measures?page=1")).contains("健康セミナー").doesNotContain("ページ 999").doesNotContain("999 /"); // not "999" alone: a random id may contain it

        Cookie insurer = Accounts.signIn(mvc, accounts.withRole(Role.INSURER_STAFF).email());
        mvc.perform(get("/insurer/checkups").param("page", "999").cookie(insurer)).andExpect(redirectedUrl("/insurer/checkups?page=1"));
        mvc.perform(get("/insurer/checkups").param("page", "0").cookie(insurer)).andExpect(redirectedUrl("/insurer/checkups?page=1"));
        page(insurer, "/insurer/checkups?page=1");
        mvc.perform(get("/guidelines").param("page", "999")).andExpect(status().is3xxRedirection());
    }

    @Test
    void anOverLongSearchGetsThePagesOwnMessage() throws Exception {
        String html = mvc.perform(get("/guidelines").param("title", "あ".repeat(1000)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("id=\"filter-errors\"", "100文字以内", "maxlength=\"100\"");
        String shortSearch = mvc.perform(get("/guidelines").param("title", "ガイドライン"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(shortSearch).doesNotContain("filter-errors");
    }
}
