package jp.hip.web.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verifyNoInteractions;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import jp.hip.identity.apiclients.ApiCredentialIssuer;
import jp.hip.identity.IdentityManagement;
import jp.hip.identity.apiclients.SmartAppDirectory;
import jp.hip.web.FormPosts;
import jp.hip.web.WebSlice;

/** The platform administrator's API-client and SMART-app forms: every error at once, by field, nothing registered. */
@WebSlice({ApiClientAdminController.class, SmartAppAdminController.class})
@WithMockUser(roles = "PLATFORM_ADMIN")
class ApiClientAndSmartAppFormsTests {

    @Autowired FormPosts forms;
    @MockitoBean IdentityManagement identity;
    @MockitoBean ApiCredentialIssuer issuer;
    @MockitoBean SmartAppDirectory apps;

    @BeforeEach
    void scopes() {
        Mockito.when(issuer.availableScopes()).thenReturn(Set.of("users.read"));
        Mockito.when(apps.availableScopes()).thenReturn(java.util.List.of("patient/Observation.rs"));
    }

    @Test
    void emptyApiClientFormNamesEveryField() {
        var result = forms.post("/admin/api-clients", "tenantId", "", "name", "");
        assertThat(FormPosts.fieldErrors(result)).isEqualTo(Map.of("tenantId", "validation.required",
                "name", "validation.required", "scopes", "validation.required"));
        assertThat(result).bodyText().contains("テナント：入力してください。", "名称：入力してください。", "スコープ：入力してください。");
        Mockito.verify(identity, Mockito.never()).registerApiClient(Mockito.any(), Mockito.any(), Mockito.any(), Mockito.any());
    }

    @Test
    void tenantThatIsNotAnIdAndTooLongNameAreAnsweredTogetherAndTheNameIsKept() {
        String name = "システム".repeat(51);
        var result = forms.post("/admin/api-clients", "tenantId", "not-a-uuid", "name", name, "scopes", "users.read");
        assertThat(FormPosts.fieldErrors(result)).isEqualTo(Map.of("tenantId", "typeMismatch", "name", "validation.tooLong"));
        assertThat(result).bodyText().contains(name);
        Mockito.verify(identity, Mockito.never()).registerApiClient(Mockito.any(), Mockito.any(), Mockito.any(), Mockito.any());
    }

    @Test
    void smartAppFormReportsEveryFieldAtOnce() {
        var result = forms.post("/admin/smart-apps", "name", "", "redirectUris", "");
        assertThat(FormPosts.fieldErrors(result)).isEqualTo(Map.of("name", "validation.required",
                "redirectUris", "validation.required", "scopes", "validation.required"));
        Mockito.verify(apps, Mockito.never()).register(Mockito.any(), Mockito.any(), Mockito.any());
    }

    @Test
    void smartAppNameTooLongIsAnsweredByField() {
        var result = forms.post("/admin/smart-apps", "name", "x".repeat(201), "redirectUris", "https://app.example/cb",
                "scopes", "patient/Observation.rs");
        assertThat(FormPosts.fieldErrors(result)).isEqualTo(Map.of("name", "validation.tooLong"));
        assertThat(result).bodyText().contains("https://app.example/cb");
        Mockito.verify(apps, Mockito.never()).register(Mockito.any(), Mockito.any(), Mockito.any());
    }

    @Test
    void fullWidthInputIsKeptAsTyped() {
        var result = forms.post("/admin/smart-apps", "name", "", "redirectUris", "ｈｔｔｐｓ：／／app.example/cb",
                "scopes", "patient/Observation.rs");
        assertThat(FormPosts.fieldErrors(result)).containsOnlyKeys("name");
        assertThat(FormPosts.shownValues(result, "redirectUris")).containsEntry("redirectUris", "ｈｔｔｐｓ：／／app.example/cb");
        verifyNoInteractions(identity);
    }
}
