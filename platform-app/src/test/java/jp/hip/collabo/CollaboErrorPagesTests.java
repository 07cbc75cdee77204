package jp.hip.collabo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import jp.hip.Accounts;
import jp.hip.PlatformTest;
import jp.hip.identity.Role;

/**
 * Refusals of the コラボヘルス button-only actions and the 事業主 grouping (ADR 0114): the page they came from is shown
 * again (200) with every message beside its field and in the summary, the input kept and nothing written; another
 * party's link or report is not found (404) and left as it was.
 */
@PlatformTest
class CollaboErrorPagesTests {

    @Autowired MockMvc mvc;
    @Autowired Accounts accounts;
    @Autowired CollaboFixture fixture;
    @Autowired JdbcClient jdbc;

    CollaboFixture.Parties p;
    Cookie staff;
    Cookie hr;

    @BeforeEach
    void setUp() throws Exception {
        p = fixture.linked("E-1", "E-2");
        fixture.population(p, "E-1", 60);
        staff = Accounts.signIn(mvc, accounts.user(p.insurer(), Role.INSURER_STAFF).email());
        hr = Accounts.signIn(mvc, accounts.user(p.company(), Role.HR_STAFF).email());
    }

    @Test
    void employerGroupsThatAreEmptyTooLongOrOnlyFullWidthSpaceAreAnsweredBesideEachEstablishmentWithTheInputKept()
            throws Exception {
        List<String> before = groups(p.linkId());
        String path = "/insurer/collabo/links/" + p.linkId() + "/groups";
        String tooLong = "長".repeat(101);
        MvcResult result = send(staff, path, 200, "group[E-1]", "", "group[E-2]", tooLong);
        Map<String, String> errors = errors(result);
        assertThat(errors).containsOnlyKeys(field("E-1"), field("E-2"));
        String page = page(result);
        assertThat(page).contains("入力内容を確認してください。", "事業所番号 E-1 の事業主名を100文字以内で入力してください。",
                "事業所番号 E-2 の事業主名", "href=\"#" + field("E-1") + "\"", "id=\"" + field("E-2") + "-error\"",
                "value=\"" + tooLong + "\"");
        // A full-width space only is empty; a full-width name is a name like any other.
        assertThat(errors(send(staff, path, 200, "group[E-1]", "　", "group[E-2]", "本社グループ"))).containsOnlyKeys(field("E-1"));
        assertThat(groups(p.linkId())).isEqualTo(before);
        // An establishment not in the link: the domain's refusal beside the link, nothing written.
        MvcResult unknown = send(staff, path, 200, "group[E-1]", "本社", "group[ZZ-9]", "支社");
        assertThat(errors(unknown)).containsOnlyKeys("link-" + p.linkId());
        assertThat(page(unknown)).contains("事業所番号 ZZ-9 はこの連携に含まれていません。", "value=\"本社\"");
        assertThat(groups(p.linkId())).isEqualTo(before);
        // Right, the success message after the redirect.
        mvc.perform(post(path).cookie(staff).with(csrf()).param("group[E-1]", "本社").param("group[E-2]", "本社"))
                .andExpect(r -> assertThat(r.getFlashMap().get("done")).isEqualTo("collabo.done.grouped"));
        assertThat(groups(p.linkId())).containsOnly("本社");
    }

    @Test
    void aStepTheLinkDoesNotAllowIsAnsweredOnTheSamePageAndChangesNothing() throws Exception {
        String status = linkStatus(p.linkId());
        MvcResult again = send(hr, "/company/collabo/links/" + p.linkId() + "/accept", 200);
        assertThat(errors(again)).containsOnlyKeys("link-" + p.linkId());
        assertThat(page(again)).contains("この連携はすでに承諾されています。", "id=\"link-" + p.linkId() + "-error\"");
        // Ending without ticking the confirmation is refused beside the link, on either side.
        assertThat(page(send(staff, "/insurer/collabo/links/" + p.linkId() + "/end", 200))).contains("確認のチェックを入れてください。");
        assertThat(page(send(hr, "/company/collabo/links/" + p.linkId() + "/end", 200))).contains("確認のチェックを入れてください。");
        // Withdrawing an investment never shared: beside that link's investment.
        MvcResult withdraw = send(hr, "/company/collabo/links/" + p.linkId() + "/investment/withdraw", 200, "year", "2020");
        assertThat(errors(withdraw)).containsOnlyKeys("invest-" + p.linkId());
        assertThat(page(withdraw)).contains("2020年度は共有していません。");
        // Naming an establishment the company does not have: refused, the boxes stay as they were ticked.
        MvcResult foreign = send(hr, "/company/collabo/links/" + p.linkId() + "/establishments", 200, "establishment", "E-1",
                "establishment", "ZZ-9");
        assertThat(errors(foreign)).containsOnlyKeys("link-" + p.linkId());
        assertThat(page(foreign)).contains("value=\"E-1\" checked=\"checked\"").doesNotContain("value=\"E-2\" checked=\"checked\"");
        assertThat(jdbc.sql("select count(*) from collabo_link_establishment where link_id = ?").param(p.linkId())
                .query(Integer.class).single()).isEqualTo(2);
        assertThat(linkStatus(p.linkId())).isEqualTo(status);
    }

    @Test
    void aReportStepNotAllowedShowsTheReportAgainWithTheMessageAndWritesNothing() throws Exception {
        UUID id = build();
        MvcResult unconfirmed = send(staff, "/insurer/collabo/reports/" + id + "/share", 200);
        assertThat(errors(unconfirmed)).containsOnlyKeys("share");
        assertThat(page(unconfirmed)).contains("確認のチェックを入れてください。", "href=\"#share\"");
        assertThat(reportStatus(id)).isEqualTo("DRAFT");
        mvc.perform(post("/insurer/collabo/reports/" + id + "/share").cookie(staff).with(csrf()).param("confirm", "yes"))
                .andExpect(r -> assertThat(r.getFlashMap().get("done")).isEqualTo("collabo.done.shared"));
        mvc.perform(post("/company/collabo/reports/" + id + "/acknowledge").cookie(hr).with(csrf()))
                .andExpect(r -> assertThat(r.getFlashMap().get("done")).isEqualTo("collabo.done.acknowledged"));
        String acknowledgedAt = acknowledgedAt(id);
        MvcResult twice = send(hr, "/company/collabo/reports/" + id + "/acknowledge", 200);
        assertThat(errors(twice)).containsOnlyKeys("acknowledge");
        assertThat(page(twice)).contains("共有済みのレポートだけを確認済みにできます。");
        assertThat(acknowledgedAt(id)).isNotNull().isEqualTo(acknowledgedAt);
        // Sharing again is refused on the report page, which is shown again.
        assertThat(errors(send(staff, "/insurer/collabo/reports/" + id + "/share", 200, "confirm", "yes")))
                .containsOnlyKeys("share");
    }

    @Test
    void anotherPartysLinkOrReportIsNotFoundAndLeftAsItWas() throws Exception {
        CollaboFixture.Parties other = fixture.linked("O-1");
        fixture.population(other, "O-1", 60);
        Cookie otherStaff = Accounts.signIn(mvc, accounts.user(other.insurer(), Role.INSURER_STAFF).email());
        String location = mvc.perform(post("/insurer/collabo/reports").cookie(otherStaff).with(csrf())
                .param("employerGroup", other.linkId() + "|" + groups(other.linkId()).get(0)).param("year", "2024"))
                .andReturn().getResponse().getRedirectedUrl();
        UUID report = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
        List<String> groups = groups(other.linkId());
        String link = "/links/" + other.linkId();
        send(staff, "/insurer/collabo" + link + "/accept", 404);
        send(staff, "/insurer/collabo" + link + "/end", 404, "confirm", "yes");
        send(staff, "/insurer/collabo" + link + "/groups", 404, "group[O-1]", "乗っ取り");
        send(staff, "/insurer/collabo/reports/" + report + "/share", 404, "confirm", "yes");
        send(hr, "/company/collabo" + link + "/end", 404, "confirm", "yes");
        send(hr, "/company/collabo" + link + "/establishments", 404, "establishment", "E-1");
        send(hr, "/company/collabo" + link + "/establishments", 404, "establishment", "NOT-OURS"); // not a refusal naming it
        send(hr, "/company/collabo" + link + "/establishments", 404); // nor one asking for a 事業所
        send(hr, "/company/collabo" + link + "/investment/withdraw", 404, "year", "2024");
        send(hr, "/company/collabo/reports/" + report + "/acknowledge", 404);
        assertThat(linkStatus(other.linkId())).isEqualTo("ACTIVE");
        assertThat(groups(other.linkId())).isEqualTo(groups);
        assertThat(reportStatus(report)).isEqualTo("DRAFT");
    }

    UUID build() throws Exception {
        String location = mvc.perform(post("/insurer/collabo/reports").cookie(staff).with(csrf())
                .param("employerGroup", p.linkId() + "|" + groups(p.linkId()).get(0)).param("year", "2024"))
                .andReturn().getResponse().getRedirectedUrl();
        return UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
    }

    MvcResult send(Cookie who, String path, int status, String... namesAndValues) throws Exception {
        var request = post(path).cookie(who).with(csrf());
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            request = request.param(namesAndValues[i], namesAndValues[i + 1]);
        }
        MvcResult result = mvc.perform(request).andReturn();
        assertThat(result.getResponse().getStatus()).as(path).isEqualTo(status);
        return result;
    }

    String field(String establishment) {
        return "group-" + p.linkId() + "-" + establishment;
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> errors(MvcResult result) {
        Object errors = result.getModelAndView().getModel().get("errors");
        assertThat(errors).as("the page is shown again with its errors").isNotNull();
        return (Map<String, String>) errors;
    }

    static String page(MvcResult result) throws Exception {
        return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    List<String> groups(UUID link) {
        return jdbc.sql("select coalesce(employer_group, '') from collabo_link_establishment where link_id = ? order by establishment_number")
                .param(link).query(String.class).list();
    }

    String acknowledgedAt(UUID report) {
        return jdbc.sql("select acknowledged_at::text from collabo_report where id = ?").param(report).query(String.class).single();
    }

    String linkStatus(UUID link) {
        return jdbc.sql("select status from collabo_link where id = ?").param(link).query(String.class).single();
    }

    String reportStatus(UUID report) {
        return jdbc.sql("select status from collabo_report where id = ?").param(report).query(String.class).single();
    }
}
