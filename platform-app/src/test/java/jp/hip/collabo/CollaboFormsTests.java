package jp.hip.collabo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;

import jp.hip.Accounts;
import jp.hip.PlatformTest;
import jp.hip.identity.Role;

/**
 * The コラボヘルス forms (ADR 0097): empty, too long, wrong format, full-width and out-of-range input is answered on
 * the page again, by field and all at once, in the summary naming the fields, with the input kept and nothing written.
 */
@PlatformTest
class CollaboFormsTests {

    @Autowired MockMvc mvc;
    @Autowired Accounts accounts;
    @Autowired CollaboFixture fixture;
    @Autowired JdbcClient jdbc;

    CollaboFixture.Parties p;
    Cookie staff;
    Cookie hr;

    @BeforeEach
    void setUp() throws Exception {
        p = fixture.linked("F-1");
        fixture.population(p, "F-1", 60);
        staff = Accounts.signIn(mvc, accounts.user(p.insurer(), Role.INSURER_STAFF).email());
        hr = Accounts.signIn(mvc, accounts.user(p.company(), Role.HR_STAFF).email());
    }

    @Test
    void aPartnerIdThatIsEmptyTooLongMalformedOrFullWidthIsAnsweredByFieldAndNoLinkIsProposed() throws Exception {
        int links = count("collabo_link");
        for (Cookie who : new Cookie[] {staff, hr}) {
            String path = who == staff ? "/insurer/collabo/links" : "/company/collabo/links";
            assertThat(errors(send(who, path, "partnerId", ""), "propose")).containsOnlyKeys("partnerId")
                    .containsEntry("partnerId", "NotBlank");
            assertThat(page(send(who, path, "partnerId", ""))).contains("入力内容を確認してください。", "連携ID：入力してください。");
            assertThat(errors(send(who, path, "partnerId", "x".repeat(41)), "propose").get("partnerId")).contains("Size");
            assertThat(errors(send(who, path, "partnerId", "not-an-id"), "propose")).containsEntry("partnerId", "Pattern");
            MvcResult fullWidth = send(who, path, "partnerId", "０ｂ４ｅ７ａ５２－１ｃ９ｄ－４ｆ３ｅ－８ａ２１－５ｄ６ｃ７ｅ８ｆ９ａ０ｂ");
            assertThat(errors(fullWidth, "propose")).containsEntry("partnerId", "Pattern");
            assertThat(page(fullWidth)).contains("連携ID：", "半角で入力してください", "０ｂ４ｅ７ａ５２");
            // Well formed but nobody's: the domain's refusal beside the field.
            assertThat(errors(send(who, path, "partnerId", UUID.randomUUID().toString()), "propose"))
                    .containsEntry("partnerId", "collabo.link.partnerUnknown");
        }
        assertThat(count("collabo_link")).isEqualTo(links);
    }

    @Test
    void aReportRequestWithoutGroupOrWithABadYearIsAnsweredByFieldAndNothingIsBuilt() throws Exception {
        Map<String, String> empty = errors(send(staff, "/insurer/collabo/reports", "employerGroup", "", "year", ""), "build");
        assertThat(empty).containsOnlyKeys("employerGroup", "year");
        assertThat(errors(send(staff, "/insurer/collabo/reports", "employerGroup", p.linkId() + "|" + "x".repeat(200),
                "year", "abc"), "build")).containsEntry("year", "typeMismatch").containsKey("employerGroup");
        assertThat(errors(send(staff, "/insurer/collabo/reports", "employerGroup", "ｘ|本社", "year", "1999"), "build"))
                .containsEntry("employerGroup", "Pattern").containsEntry("year", "Min");
        assertThat(errors(send(staff, "/insurer/collabo/reports", "employerGroup", p.linkId() + "|" + group(), "year", "2101"),
                "build")).containsOnlyKeys("year");
        assertThat(errors(send(staff, "/insurer/collabo/reports", "employerGroup", p.linkId() + "|無い事業主", "year", "2024"),
                "build")).containsEntry("employerGroup", "collabo.report.groupUnknown");
        assertThat(count("collabo_report")).isZero();
    }

    @Test
    void aGuidanceEntryIsCheckedFieldByFieldAllAtOnceAndNothingIsRecorded() throws Exception {
        String path = "/insurer/collabo/guidance/entry";
        assertThat(errors(send(staff, path, "fiscalYear", "", "symbol", "", "number", "", "level", "", "startedOn", "",
                "completedOn", ""), "guidanceForm")).containsOnlyKeys("fiscalYear", "number", "level");
        MvcResult wrong = send(staff, path, "fiscalYear", "abc", "symbol", "s".repeat(41), "number", "n".repeat(41),
                "level", "SPACESHIP", "startedOn", "2024-13-40", "completedOn", "２０２４／１３／０１");
        assertThat(errors(wrong, "guidanceForm")).containsOnlyKeys("fiscalYear", "symbol", "number", "level", "startedOn",
                "completedOn").containsEntry("fiscalYear", "typeMismatch").containsEntry("startedOn", "typeMismatch")
                .containsEntry("completedOn", "typeMismatch");
        assertThat(page(wrong)).contains("年度：", "初回面接日：", "実績評価日：", "2024-13-40");
        assertThat(errors(send(staff, path, "fiscalYear", "2200", "number", "1", "level", "INTENSIVE"), "guidanceForm"))
                .containsOnlyKeys("fiscalYear").containsEntry("fiscalYear", "Max");
        // Well formed but not a member: the rule of the domain, beside the number.
        assertThat(errors(send(staff, path, "fiscalYear", "2024", "symbol", "", "number", "99999999", "level", "MOTIVATIONAL",
                "startedOn", "2024-06-01", "completedOn", ""), "guidanceForm")).containsEntry("number", "collabo.guidance.nonMember");
        assertThat(count("collabo_guidance")).isZero();
    }

    @Test
    void settingsOutOfRangeOrNotNumbersAreAnsweredByFieldAndNotSaved() throws Exception {
        String path = "/insurer/collabo/settings";
        assertThat(errors(send(staff, path, "minReportPersons", "", "minCellPersons", ""), "settingsForm"))
                .containsOnlyKeys("minReportPersons", "minCellPersons");
        assertThat(errors(send(staff, path, "minReportPersons", "abc", "minCellPersons", "1.5"), "settingsForm"))
                .containsEntry("minReportPersons", "typeMismatch").containsEntry("minCellPersons", "typeMismatch");
        assertThat(errors(send(staff, path, "minReportPersons", "49", "minCellPersons", "1001"), "settingsForm"))
                .containsEntry("minReportPersons", "Min").containsEntry("minCellPersons", "Max");
        MvcResult high = send(staff, path, "medicationIsRisk", "true", "minReportPersons", "100001", "minCellPersons", "9");
        assertThat(errors(high, "settingsForm")).containsEntry("minReportPersons", "Max").containsEntry("minCellPersons", "Min");
        assertThat(page(high)).contains("100001", "50人以上100,000人以下");
        assertThat(count("collabo_insurer_setting")).isZero();
        mvc.perform(post(path).cookie(staff).with(csrf()).param("minReportPersons", "60").param("minCellPersons", "12"))
                .andExpect(r -> assertThat(r.getResponse().getRedirectedUrl()).startsWith("/insurer/collabo"))
                .andExpect(r -> assertThat(r.getFlashMap().get("done")).isEqualTo("collabo.done.settings"));
        assertThat(count("collabo_insurer_setting")).isEqualTo(1);
    }

    @Test
    void anInvestmentYearThatIsEmptyMalformedOrOutOfRangeIsAnsweredBesideThatLinksYearAndNothingIsShared() throws Exception {
        String path = "/company/collabo/links/" + p.linkId() + "/investment";
        assertThat(errors(send(hr, path, "year", ""), "investForm")).containsOnlyKeys("year").containsEntry("year", "NotNull");
        assertThat(errors(send(hr, path, "year", "2024年"), "investForm")).containsEntry("year", "typeMismatch");
        MvcResult old = send(hr, path, "year", "1999");
        assertThat(errors(old, "investForm")).containsEntry("year", "Min");
        assertThat(page(old)).contains("年度：年度が正しくありません。", "value=\"1999\"");
        // Full-width digits are read as the year; with no investment entered, the domain's refusal beside it.
        assertThat(errors(send(hr, path, "year", "２０２４"), "investForm")).containsEntry("year", "collabo.investment.nothing");
        assertThat(count("collabo_investment_share")).isZero();
    }

    @Test
    void aCommentThatIsEmptyTooLongOrForAnUnknownSectionIsAnsweredByFieldWithTheTextKept() throws Exception {
        String location = mvc.perform(post("/insurer/collabo/reports").cookie(staff).with(csrf())
                .param("employerGroup", p.linkId() + "|" + group()).param("year", "2024")).andReturn().getResponse().getRedirectedUrl();
        UUID id = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
        mvc.perform(post("/insurer/collabo/reports/" + id + "/share").cookie(staff).with(csrf()).param("confirm", "yes"));
        for (Cookie who : new Cookie[] {staff, hr}) {
            String path = (who == staff ? "/insurer" : "/company") + "/collabo/reports/" + id + "/comments";
            assertThat(errors(send(who, path, "linkId", p.linkId().toString(), "section", "", "body", "　"), "commentForm"))
                    .containsOnlyKeys("body");
            MvcResult tooLong = send(who, path, "linkId", "abc", "section", "", "body", "長".repeat(2001));
            assertThat(errors(tooLong, "commentForm")).containsEntry("linkId", "typeMismatch").containsEntry("body", "Size");
            assertThat(page(tooLong)).contains("コメント：", "コメントは2000文字以内にしてください。");
            MvcResult section = send(who, path, "linkId", p.linkId().toString(), "section", "nope", "body", "肥満について");
            assertThat(errors(section, "commentForm")).containsEntry("section", "collabo.comment.section.unknown");
            assertThat(page(section)).contains("肥満について");
        }
        assertThat(count("collabo_comment")).isZero();
    }

    MvcResult send(Cookie who, String path, String... namesAndValues) throws Exception {
        var request = post(path).cookie(who).with(csrf());
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            request = request.param(namesAndValues[i], namesAndValues[i + 1]);
        }
        MvcResult result = mvc.perform(request).andReturn();
        assertThat(result.getResponse().getStatus()).as(path + " answers on the page").isEqualTo(200);
        return result;
    }

    /** The form's field errors: field → the most specific-free code (NotBlank, Size, typeMismatch, a domain key). */
    static Map<String, String> errors(MvcResult result, String form) {
        BindingResult binding = (BindingResult) result.getModelAndView().getModel().get(BindingResult.MODEL_KEY_PREFIX + form);
        assertThat(binding).as("the form " + form + " is shown again").isNotNull();
        Map<String, String> errors = new TreeMap<>();
        for (FieldError e : binding.getFieldErrors()) {
            String code = e.getCodes() == null ? e.getCode() : e.getCodes()[e.getCodes().length - 1];
            errors.merge(e.getField(), code, (a, b) -> a + "," + b);
        }
        return errors;
    }

    static String page(MvcResult result) throws Exception {
        return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    /** Rows of this test's insurer (other tests' rows stay in the shared database). */
    int count(String table) {
        String where = switch (table) {
            case "collabo_link", "collabo_report", "collabo_guidance", "collabo_insurer_setting" -> "insurer_tenant_id = ?";
            case "collabo_investment_share" -> "link_id in (select id from collabo_link where insurer_tenant_id = ?)";
            case "collabo_comment" -> "report_id in (select id from collabo_report where insurer_tenant_id = ?)";
            default -> throw new IllegalArgumentException(table);
        };
        return jdbc.sql("select count(*) from " + table + " where " + where).param(p.insurer()).query(Integer.class).single();
    }

    String group() {
        return jdbc.sql("select employer_group from collabo_link_establishment where link_id = ?").param(p.linkId())
                .query(String.class).single();
    }
}
