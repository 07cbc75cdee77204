package jp.hip;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import jp.hip.identity.Role;

/** Every role reaches its own pages and is refused (403) on every other role's pages. */
@PlatformTest
class RoleAccessTests {

    /** Each role's pages (a page may belong to more than one role), each role's home first. */
    static final Map<String, List<Role>> PAGES = new java.util.LinkedHashMap<>();

    static {
        PAGES.put("/company", List.of(Role.HR_STAFF, Role.COMPANY_VIEWER));
        PAGES.put("/insurer", List.of(Role.INSURER_STAFF));
        PAGES.put("/insurer/members", List.of(Role.INSURER_STAFF));
        PAGES.put("/insurer/checkups", List.of(Role.INSURER_STAFF));
        PAGES.put("/insurer/collabo", List.of(Role.INSURER_STAFF));
        PAGES.put("/company/collabo", List.of(Role.HR_STAFF, Role.COMPANY_VIEWER));
        PAGES.put("/insurer/checkups/guidance", List.of(Role.INSURER_STAFF));
        PAGES.put("/insurer/checkups/review", List.of(Role.INSURER_STAFF));
        PAGES.put("/registry", List.of(Role.REGISTRY_OFFICER));
        PAGES.put("/association", List.of(Role.ASSOCIATION_USER));
        PAGES.put("/me", List.of(Role.INDIVIDUAL));
        PAGES.put("/tenant/users", List.of(Role.TENANT_ADMIN));
        PAGES.put("/tenant/audit", List.of(Role.TENANT_ADMIN));
        PAGES.put("/tenant/api-clients", List.of(Role.TENANT_ADMIN));
        PAGES.put("/admin/tenants", List.of(Role.PLATFORM_ADMIN));
        PAGES.put("/admin/api-clients", List.of(Role.PLATFORM_ADMIN));
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @ParameterizedTest
    @EnumSource(Role.class)
    void eachRoleReachesOnlyItsOwnPages(Role role) throws Exception {
        Accounts.Account account = role == Role.TENANT_ADMIN
                ? accounts.user(accounts.tenant(jp.hip.identity.TenantKind.COMPANY), Role.TENANT_ADMIN)
                : accounts.withRole(role);
        Cookie session = Accounts.signIn(mvc, account.email());
        for (var page : PAGES.entrySet()) {
            if (page.getValue().contains(role)) {
                mvc.perform(get(page.getKey()).cookie(session))
                        .andExpect(status().isOk())
                        .andExpect(content().contentTypeCompatibleWith("text/html"));
            } else {
                mvc.perform(get(page.getKey()).cookie(session)).andExpect(status().isForbidden());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void homeLeadsToTheRolesOwnPage(Role role) throws Exception {
        Accounts.Account account = accounts.withRole(role);
        Cookie session = Accounts.signIn(mvc, account.email());
        String expected = PAGES.entrySet().stream()
                .filter(e -> e.getValue().contains(role))
                .map(Map.Entry::getKey)
                .findFirst().orElseThrow();
        mvc.perform(get("/home").cookie(session)).andExpect(redirectedUrl(expected));
    }

    @org.junit.jupiter.api.Test
    void anonymousVisitorsAreSentToSignInForEveryRolePage() throws Exception {
        for (String page : PAGES.keySet()) {
            mvc.perform(get(page)).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/login"));
        }
    }

    @org.junit.jupiter.api.Test
    void undeclaredPathsAreDeniedEvenWhenSignedIn() throws Exception {
        Cookie session = Accounts.signIn(mvc, accounts.withRole(Role.PLATFORM_ADMIN).email());
        mvc.perform(get("/some/undeclared/page").cookie(session)).andExpect(status().isForbidden());
    }
}
