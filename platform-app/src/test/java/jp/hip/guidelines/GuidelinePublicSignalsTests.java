package jp.hip.guidelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import jp.hip.Accounts;
import jp.hip.PlatformTest;
import jp.hip.guidelines.association.AssociationDesk;
import jp.hip.guidelines.declarations.FormType;
import jp.hip.guidelines.review.RegistryReview.RegistryAction;

/**
 * What the public sees never claims more than an entry's current state: the live logo, the default list (each
 * guideline once), links built from the public base URL whatever the Host header says, bounded paging, and a
 * verification API that names what was wrong.
 */
@PlatformTest
class GuidelinePublicSignalsTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    AssociationDesk desk;

    @Autowired
    GuidelineFixtures fx;

    Accounts.Account association;
    Accounts.Account officer;
    String associationName;

    @BeforeEach
    void accounts() {
        associationName = GuidelineFixtures.unique("一般社団法人 公開表示協会");
        association = fx.association(associationName);
        officer = fx.officer();
    }

    private String logo(String registrationNo) throws Exception {
        return mvc.perform(get("/guidelines/{no}/logo.svg", registrationNo))
                .andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", org.hamcrest.Matchers.containsString("no-cache")))
                .andExpect(header().exists("ETag"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void theLogoOfAWithdrawnOrDelistedEntrySaysSoWithNoCheckMarkAndNoDateToCome() throws Exception {
        var withdrawn = fx.listed(association, officer, "取下げのロゴ");
        var delisted = fx.listed(association, officer, "掲載取消のロゴ");
        var valid = fx.listed(association, officer, "有効なロゴ");
        String validUntil = LocalDate.now().minusMonths(2).plusYears(2).toString().replace('-', '/');
        fx.as(association, () -> desk.withdraw(withdrawn.declarationId(), fx.version(association, withdrawn.declarationId()), "改訂のため"));
        fx.decide(officer, delisted.declarationId(), RegistryAction.DELIST, "使用規約違反");

        String validLogo = logo(valid.registrationNo());
        assertThat(validLogo).contains("M24 44 l7 7 l13 -14").contains("〜" + validUntil).contains("掲載中");
        for (var ended : new GuidelineFixtures.Drafted[] {withdrawn, delisted}) {
            String svg = logo(ended.registrationNo());
            assertThat(svg).doesNotContain("M24 44 l7 7 l13 -14").doesNotContain("〜").doesNotContain(validUntil)
                    .doesNotContain("掲載中").contains("このロゴマークは使用できません").contains("#999999");
        }
        assertThat(logo(withdrawn.registrationNo())).contains("取下げ");
        assertThat(logo(delisted.registrationNo())).contains("掲載終了");
        String page = mvc.perform(get("/guidelines/{no}", withdrawn.registrationNo())).andReturn().getResponse().getContentAsString();
        assertThat(page).doesNotContain(LocalDate.now().minusMonths(2).plusYears(2).toString());
    }

    @Test
    void aRevalidatedLogoIsNotSentAgainWhileUnchangedButIsAfterAWithdrawal() throws Exception {
        var listed = fx.listed(association, officer, "再検証のロゴ");
        String etag = mvc.perform(get("/guidelines/{no}/logo.svg", listed.registrationNo())).andReturn().getResponse().getHeader("ETag");
        mvc.perform(get("/guidelines/{no}/logo.svg", listed.registrationNo()).header("If-None-Match", etag))
                .andExpect(status().isNotModified());
        fx.as(association, () -> desk.withdraw(listed.declarationId(), fx.version(association, listed.declarationId()), null));
        String after = mvc.perform(get("/guidelines/{no}/logo.svg", listed.registrationNo()).header("If-None-Match", etag))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(after).contains("取下げ");
    }

    @Test
    void theDefaultListShowsEachGuidelineOnceInItsCurrentStateAndTheFilterFindsThePast() throws Exception {
        var first = fx.listed(association, officer, "一度だけ表示");
        UUID revised = fx.as(association, () -> desk.addVersion(first.guidelineId(),
                new AssociationDesk.NewVersion("第2版", LocalDate.now().minusDays(2), null)));
        UUID second = fx.as(association, () -> desk.startDeclaration(first.guidelineId(), revised, FormType.FORM_1_ASSOCIATION, "2025"));
        fx.submit(association, second);
        fx.decide(officer, second, RegistryAction.LIST, null);

        String list = mvc.perform(get("/guidelines").param("association", associationName))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(list.split(first.registrationNo() + "<", -1)).hasSize(2);
        assertThat(list).contains("(2)").doesNotContain("差替え</span>");
        String past = mvc.perform(get("/guidelines").param("association", associationName).param("status", "SUPERSEDED"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(past).contains(first.registrationNo()).contains("差替え</span>");
        String csv = mvc.perform(get("/guidelines/export.csv").param("association", associationName))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(csv.lines().filter(l -> l.startsWith(first.registrationNo() + ","))).hasSize(1);
    }

    @Test
    void aForgedHostOrForwardedHostNeverReachesThePermalinkQrLogoOrApiLinks() throws Exception {
        var listed = fx.listed(association, officer, "偽のホスト");
        String page = mvc.perform(get("/guidelines/{no}", listed.registrationNo())
                        .header("Host", "evil.example").header("X-Forwarded-Host", "evil2.example").header("X-Forwarded-Proto", "https"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).doesNotContain("evil").contains("data-url=\"http://localhost/guidelines/" + listed.registrationNo() + "\"");
        mvc.perform(get("/api/v1/public/guidelines/{no}", listed.registrationNo())
                        .header("Host", "evil.example").header("X-Forwarded-Host", "evil2.example"))
                .andExpect(jsonPath("$.permalink").value("http://localhost/guidelines/" + listed.registrationNo()))
                .andExpect(jsonPath("$.logo").value("http://localhost/guidelines/" + listed.registrationNo() + "/logo.svg"));
    }

    @Test
    void aPageOutsideTheListIsRedirectedToTheNearestPageNeverA500() throws Exception {
        fx.listed(association, officer, "ページ送り");
        for (String page : new String[] {"2147483647", "999999"}) {
            mvc.perform(get("/guidelines").param("association", associationName).param("page", page))
                    .andExpect(status().is3xxRedirection())
                    .andExpect(header().string("Location", org.hamcrest.Matchers.allOf(
                            org.hamcrest.Matchers.containsString("page=1"), org.hamcrest.Matchers.containsString("association="))));
        }
        for (String page : new String[] {"-5", "0", "abc"}) {
            mvc.perform(get("/guidelines").param("page", page))
                    .andExpect(status().is3xxRedirection())
                    .andExpect(header().string("Location", org.hamcrest.Matchers.containsString("page=1")));
        }
        mvc.perform(get("/guidelines").param("association", associationName).param("page", "1")).andExpect(status().isOk());
    }

    @Test
    void aBatchNamesEachMalformedAndUnknownNumberAndNormalisesLowerCase() throws Exception {
        var listed = fx.listed(association, officer, "一括照会");
        String lower = listed.registrationNo().toLowerCase();
        mvc.perform(get("/api/v1/public/guidelines").param("numbers", lower + ",HG-999997"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.results[0].registrationNo").value(listed.registrationNo()))
                .andExpect(jsonPath("$.results[0].found").value(true))
                .andExpect(jsonPath("$.unknown[0]").value("HG-999997"));
        mvc.perform(get("/api/v1/public/guidelines/{no}", lower)).andExpect(status().isOk())
                .andExpect(jsonPath("$.registrationNo").value(listed.registrationNo()));
        mvc.perform(get("/api/v1/public/guidelines").param("numbers", listed.registrationNo() + ",HG-12,HG-999997,bogus"))
                .andExpect(status().isBadRequest())
                .andExpect(header().string("Content-Type", org.hamcrest.Matchers.containsString("application/problem+json")))
                .andExpect(jsonPath("$.code").value("guidelines.verify.malformed"))
                .andExpect(jsonPath("$.malformed[0].position").value(2))
                .andExpect(jsonPath("$.malformed[0].given").value("HG-12"))
                .andExpect(jsonPath("$.malformed[1].position").value(4))
                .andExpect(jsonPath("$.unknown[0]").value("HG-999997"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.allOf(
                        org.hamcrest.Matchers.containsString("#2"), org.hamcrest.Matchers.containsString("#4"),
                        org.hamcrest.Matchers.containsString("HG-999997"))));
        mvc.perform(get("/api/v1/public/guidelines/{no}", "HG-999996"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("HG-999996")));
        String many = IntStream.rangeClosed(1, 101).mapToObj(i -> "HG-%04d".formatted(i)).collect(Collectors.joining(","));
        mvc.perform(get("/api/v1/public/guidelines").param("numbers", many))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("guidelines.verify.tooMany"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("101")));
    }
}
