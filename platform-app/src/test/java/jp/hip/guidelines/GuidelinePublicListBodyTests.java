package jp.hip.guidelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import jp.hip.Accounts;
import jp.hip.PlatformTest;
import jp.hip.guidelines.association.AssociationDesk;

/**
 * The public list's body is rendered once and reused (ADR 0017): it is the same for every visitor (nothing of the
 * session, the user or a CSRF token in it), follows the page of results at once (a withdrawal), and is kept apart
 * per language and per filter text as typed.
 */
@PlatformTest
class GuidelinePublicListBodyTests {

    @Autowired MockMvc mvc;
    @Autowired AssociationDesk desk;
    @Autowired GuidelineFixtures fx;

    Accounts.Account association;
    Accounts.Account officer;
    String associationName;

    @BeforeEach
    void accounts() {
        associationName = GuidelineFixtures.unique("本文キャッシュ協会");
        association = fx.association(associationName);
        officer = fx.officer();
    }

    private MvcResult list(Cookie session, String... namesAndValues) throws Exception {
        var request = get("/guidelines").param("association", associationName);
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            request = request.param(namesAndValues[i], namesAndValues[i + 1]);
        }
        if (session != null) {
            request = request.cookie(session);
        }
        return mvc.perform(request).andExpect(status().isOk()).andReturn();
    }

    private static String main(MvcResult result) throws Exception {
        String html = result.getResponse().getContentAsString();
        return html.substring(html.indexOf("<main"), html.indexOf("</main>"));
    }

    @Test
    void everyVisitorGetsTheSameBodyWithNothingOfTheirSessionAndAnonymousVisitorsGetNoSession() throws Exception {
        var entry = fx.listed(association, officer, "誰にも同じ本文");
        MvcResult anonymous = list(null);
        assertThat(anonymous.getResponse().getCookie(Accounts.SESSION_COOKIE)).as("no session for an anonymous visitor").isNull();
        assertThat(anonymous.getResponse().getHeader("Set-Cookie")).isNull();

        Cookie session = Accounts.signIn(mvc, association.email());
        MvcResult signedIn = list(session);
        assertThat(main(signedIn)).isEqualTo(main(anonymous)).contains(entry.registrationNo());
        assertThat(main(signedIn)).doesNotContain("_csrf").doesNotContain(session.getValue())
                .doesNotContainIgnoringCase("jsessionid");
        // the layout around it is still the visitor's own
        assertThat(signedIn.getResponse().getContentAsString()).contains("/logout");
        assertThat(anonymous.getResponse().getContentAsString()).doesNotContain("/logout");
    }

    @Test
    void aWithdrawalShowsInTheBodyAtOnce() throws Exception {
        var entry = fx.listed(association, officer, "取下げは本文にもすぐ出る");
        for (int i = 0; i < 2; i++) {
            assertThat(main(list(null, "status", "LISTED"))).contains(entry.registrationNo());
        }
        fx.as(association, () -> desk.withdraw(entry.declarationId(), fx.version(association, entry.declarationId()), "改訂のため"));
        assertThat(main(list(null, "status", "LISTED"))).doesNotContain(entry.registrationNo());
        assertThat(main(list(null))).contains(entry.registrationNo()).contains("取下げ</span>").doesNotContain("掲載中</span>");
    }

    @Test
    void theBodyIsKeptPerLanguageAndPerFilterTextAsTyped() throws Exception {
        fx.listed(association, officer, "言語と入力のまま");
        assertThat(main(list(null))).contains("掲載中</span>");
        assertThat(main(list(null, "lang", "en"))).contains("Listed</span>").doesNotContain("掲載中</span>");
        assertThat(main(list(null))).contains("掲載中</span>");

        // the same dates typed two ways select the same page of results; each body shows what was typed
        String slashed = main(list(null, "from", "2020/4/1"));
        String dashed = main(list(null, "from", "2020-04-01"));
        assertThat(slashed).contains("value=\"2020/4/1\"").doesNotContain("value=\"2020-04-01\"");
        assertThat(dashed).contains("value=\"2020-04-01\"").doesNotContain("value=\"2020/4/1\"");

        // the chosen filter is selected in its list
        assertThat(main(list(null, "status", "WITHDRAWN"))).contains("<option value=\"WITHDRAWN\" selected=\"selected\"");
    }
}
