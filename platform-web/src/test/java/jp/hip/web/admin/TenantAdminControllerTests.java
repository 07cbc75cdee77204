package jp.hip.web.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verifyNoInteractions;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import jp.hip.identity.IdentityManagement;
import jp.hip.web.FormPosts;
import jp.hip.web.WebSlice;

@WebSlice(TenantAdminController.class)
@WithMockUser(roles = "PLATFORM_ADMIN")
class TenantAdminControllerTests {

    @Autowired MockMvcTester mvc;
    @Autowired FormPosts forms;
    @MockitoBean IdentityManagement identity;

    static final String VALID_NUMBER = "8000012010038"; // 法人番号 with a correct check digit

    @Test
    void emptyFormAnswersEveryRequiredFieldAtOnceAndNamesThemInTheSummary() {
        var result = forms.post("/admin/tenants", "kind", "", "name", "", "corporateNumber", "", "firstUserEmail", "",
                "firstUserName", "");
        assertThat(result).hasStatusOk();
        assertThat(FormPosts.fieldErrors(result)).isEqualTo(Map.of("kind", "validation.required",
                "name", "validation.required", "firstUserEmail", "validation.required", "firstUserName", "validation.required"));
        assertThat(result).bodyText().contains("種別：入力してください。", "名称：入力してください。",
                "メールアドレス：入力してください。", "氏名：入力してください。");
        verifyNoInteractions(identity);
    }

    @Test
    void tooLongWrongFormatAndBadCheckDigitAreAnsweredByFieldAndTheInputIsKept() {
        String longName = "あ".repeat(201);
        var result = forms.post("/admin/tenants", "kind", "COMPANY", "name", longName, "corporateNumber", "8000012010039",
                "firstUserEmail", "not-an-address", "firstUserName", "い".repeat(101));
        assertThat(FormPosts.fieldErrors(result)).isEqualTo(Map.of("name", "validation.tooLong",
                "corporateNumber", "validation.corporateNumber", "firstUserEmail", "identity.user.email.invalid",
                "firstUserName", "validation.tooLong"));
        assertThat(result).bodyText().contains(longName, "not-an-address", "8000012010039");
        verifyNoInteractions(identity);
    }

    /** The one field fragment and the one layout (ADR 0100): each input is labelled and names its hint and its error. */
    @Test
    void eachFieldIsLabelledAndNamesItsHintAndItsErrorInsideTheOneLayout() throws Exception {
        var result = forms.post("/admin/tenants", "kind", "", "name", "", "corporateNumber", "8000012010039",
                "firstUserEmail", "hr@example.jp", "firstUserName", "人事 花子");
        String html = result.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(html).contains("<html lang=\"ja\">", "<title>テナントを追加 | ", "class=\"skip-link\"", "<main id=\"main\">",
                "<footer class=\"site-footer\">")
                .doesNotContain("th:", "pageTitle", "pageHead");
        assertThat(html).containsPattern("<label for=\"corporateNumber\">法人番号</label>\\s*<span class=\"hint\" id=\"corporateNumber-hint\">"
                + "[^<]+</span>\\s*<span class=\"error\" id=\"corporateNumber-error\">[^<]+</span>\\s*<input type=\"text\""
                + "[^>]*inputmode=\"numeric\"[^>]*maxlength=\"30\"[^>]*aria-describedby=\"corporateNumber-hint corporateNumber-error\"");
        assertThat(html).containsPattern("<input type=\"email\" id=\"firstUserEmail\" name=\"firstUserEmail\" value=\"hr@example.jp\">");
        assertThat(html).containsPattern("<label for=\"kind\">種別</label>\\s*<span class=\"error\" id=\"kind-error\">[^<]+</span>\\s*<select id=\"kind\" name=\"kind\">");
        verifyNoInteractions(identity);
    }

    @Test
    void fullWidthCorporateNumberIsReadAsItsDigits() {
        var result = forms.post("/admin/tenants", "kind", "COMPANY", "name", "", "corporateNumber", "８０００－０１２０－１００３８",
                "firstUserEmail", "hr@example.jp", "firstUserName", "人事 花子");
        assertThat(FormPosts.fieldErrors(result)).containsOnlyKeys("name");
        assertThat(FormPosts.shownValues(result, "corporateNumber")).containsEntry("corporateNumber", VALID_NUMBER);
        verifyNoInteractions(identity);
    }

    @Test
    void unknownKindIsAWrongFormatOfThatFieldAlongsideTheOthers() {
        var result = forms.post("/admin/tenants", "kind", "SPACESHIP", "name", "", "corporateNumber", "",
                "firstUserEmail", "hr@example.jp", "firstUserName", "人事 花子");
        assertThat(FormPosts.fieldErrors(result)).isEqualTo(Map.of("kind", "typeMismatch", "name", "validation.required"));
        verifyNoInteractions(identity);
    }

    @Test
    void aTenantIdThatIsNotAUuidIsNotFound() {
        assertThat(mvc.get().uri("/admin/tenants/not-a-uuid")).hasStatus(404);
        verifyNoInteractions(identity);
    }

    @Test
    void anUnknownTenantIsNotFound() {
        UUID id = UUID.randomUUID();
        org.mockito.Mockito.when(identity.tenant(id)).thenReturn(Optional.empty());
        assertThat(mvc.get().uri("/admin/tenants/{id}", id)).hasStatus(404);
    }
}
