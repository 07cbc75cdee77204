package jp.hip.web.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verifyNoInteractions;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import jp.hip.identity.IdentityManagement;
import jp.hip.web.FormPosts;
import jp.hip.web.WebSlice;

/** Setting a password from an invitation: the length rules and the repeat are reported together, by field. */
@WebSlice(InvitationController.class)
@WithMockUser // the page is public; the slice runs under Boot's default security, which asks for a user
class InvitationFormTests {

    @Autowired FormPosts forms;
    @MockitoBean IdentityManagement identity;

    @Test
    void emptyFormNamesBothFields() {
        var result = forms.post("/invitation/abc", "password", "", "passwordConfirmation", "");
        assertThat(FormPosts.fieldErrors(result)).isEqualTo(Map.of("password", "identity.user.password.tooShort",
                "passwordConfirmation", "validation.required"));
        verifyNoInteractions(identity);
    }

    @Test
    void tooShortAndNotRepeatedAreAnsweredAtOnce() {
        var result = forms.post("/invitation/abc", "password", "short", "passwordConfirmation", "other");
        assertThat(FormPosts.fieldErrors(result)).isEqualTo(Map.of("password", "identity.user.password.tooShort",
                "passwordConfirmation", "invitation.password.mismatch"));
        verifyNoInteractions(identity);
    }

    @Test
    void tooLongIsAnsweredByField() {
        String longPassword = "ｐ".repeat(257);
        var result = forms.post("/invitation/abc", "password", longPassword, "passwordConfirmation", longPassword);
        assertThat(FormPosts.fieldErrors(result)).isEqualTo(Map.of("password", "identity.user.password.tooLong"));
        verifyNoInteractions(identity);
    }
}
