package jp.hip.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

import jp.hip.Accounts;
import jp.hip.PlatformTest;
import jp.hip.demo.DemoData;

/**
 * Issue 15, "English mode has no raw placeholders": each role's main pages (the demo's users, as
 * {@link PhoneBrowserTests} walks them) and the public pages, rendered with {@code ?lang=en} and in Japanese, show no
 * raw message placeholder ({0}, {max}) and no missing key (Thymeleaf's ??key_en??).
 */
@PlatformTest
@ActiveProfiles("demo")
class EnglishPagesTests {

    /** A placeholder left in text ({0}, {1}, {max}) or a key the bundles lack (??guidelines.x_en??). */
    static final Pattern RAW = Pattern.compile("\\{(\\d+|max|min|value)\\}|\\?\\?[\\w.\\-\\[\\]]+\\?\\?");

    @Autowired MockMvc mvc;

    @BeforeAll
    static void secondFactors() {
        DemoData.TOTP_SECRETS.forEach(Accounts::rememberSecret);
    }

    static List<Arguments> roles() {
        return List.of(
                Arguments.of("kenpo@sakura-kenpo.example", List.of("/insurer", "/insurer/checkups", "/insurer/members",
                        "/insurer/members/invitations", "/insurer/collabo", "/insurer/checkups/review", "/insurer/checkups/guidance", "/tenant/users",
                        "/tenant/users/new", "/tenant/api-clients", "/tenant/audit")),
                Arguments.of("exec@sakura-seiki.example", List.of("/company", "/company/collabo")),
                Arguments.of("officer@meti.example", List.of("/registry", "/registry/guidelines", "/registry/guidelines/checklist",
                        "/tenant/audit")),
                Arguments.of("staff@jhsa.example", List.of("/association", "/association/guidelines", "/association/guidelines/new",
                        "/association/guidelines/profile")),
                Arguments.of("taro@example.jp", List.of("/me", "/me/records", "/me/consents", "/me/access-log", "/me/data",
                        "/me/apps", "/me/link")),
                Arguments.of("admin@hip.example", List.of("/admin/tenants", "/admin/tenants/new", "/admin/api-clients",
                        "/admin/mail", "/admin/smart-apps")));
    }

    @ParameterizedTest
    @MethodSource("roles")
    void eachRolesMainPagesHaveNoRawPlaceholdersInEitherLanguage(String email, List<String> pages) throws Exception {
        Cookie session = Accounts.signIn(mvc, email, DemoData.PASSWORD, "SESSION");
        List<String> found = new ArrayList<>();
        for (String page : pages) {
            for (String lang : List.of("en", "ja")) {
                found.addAll(raw(page + "?lang=" + lang, session));
            }
        }
        assertThat(found).as("raw placeholders or missing keys on %s's pages", email).isEmpty();
    }

    @Test
    void thePublicPagesAndTheirErrorsHaveNoRawPlaceholders() throws Exception {
        String list = mvc.perform(get("/guidelines")).andReturn().getResponse().getContentAsString();
        Matcher entry = Pattern.compile("/guidelines/(HG-\\d+)\"").matcher(list);
        List<String> pages = new ArrayList<>(List.of("/guidelines", "/guidelines/about", "/join", "/login",
                "/guidelines?title=" + "x".repeat(101) + "&from=2025-13-40&category=X&status=DRAFT"));
        if (entry.find()) {
            pages.add("/guidelines/" + entry.group(1));
        }
        List<String> found = new ArrayList<>();
        for (String page : pages) {
            for (String lang : List.of("en", "ja")) {
                found.addAll(raw(page + (page.contains("?") ? "&" : "?") + "lang=" + lang, null));
            }
        }
        assertThat(found).isEmpty();
        assertThat(pages).as("the demo lists an entry whose permalink is checked too").hasSizeGreaterThan(5);
    }

    @Test
    void aSignUpWithEveryErrorHasNoRawPlaceholdersInEnglish() throws Exception {
        var request = org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/join").param("lang", "en")
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
                .param("card.insurerNumber", "0613").param("card.birthDate", "1975-13-40").param("card.number", "1".repeat(41))
                .param("password", "short").param("passwordConfirmation", "other");
        String page = mvc.perform(request).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Insurer number").doesNotContainPattern(RAW);
    }

    List<String> raw(String path, Cookie session) throws Exception {
        var request = get(path);
        if (session != null) {
            request = request.cookie(session);
        }
        var response = mvc.perform(request).andReturn().getResponse();
        List<String> found = new ArrayList<>();
        if (response.getStatus() != 200) {
            found.add(path + " answered " + response.getStatus());
            return found;
        }
        String body = response.getContentAsString();
        // only the text people read: scripts, styles and attributes (an input's pattern, a script's template) may
        // hold braces of their own
        String text = body.replaceAll("(?s)<script.*?</script>|<style.*?</style>", "").replaceAll("(?s)<[^>]*>", " ");
        Matcher m = RAW.matcher(text);
        while (m.find()) {
            found.add(path + ": " + m.group() + " in …" + text.substring(Math.max(0, m.start() - 60), Math.min(text.length(), m.end() + 20)) + "…");
        }
        return found;
    }
}
