package jp.hip.web.phr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import jp.hip.phr.PhrException;
import jp.hip.phr.invitations.MemberJoining;
import jp.hip.phr.invitations.MemberLinking;
import jp.hip.web.FormPosts;
import jp.hip.web.WebSlice;

/**
 * /join and /me/link share one nested card record ({@link CardForm}): empty, too long, wrong format, full width and
 * out of range are answered by field, all at once, with the input kept; a refused form never reaches the facade.
 */
@WebSlice({JoinController.class, PersonalLinkController.class})
@WithMockUser(roles = "PERSONAL")
class CardFormsTests {

    static final String PASSWORD = "correct-horse-battery";

    @Autowired FormPosts forms;
    @Autowired org.springframework.test.web.servlet.assertj.MockMvcTester mvc;
    @MockitoBean MemberJoining joining;
    @MockitoBean MemberLinking linking;

    static String[] join(String... overrides) {
        List<String> fields = new ArrayList<>(List.of("card.insurerNumber", "06130012", "card.symbol", "健001",
                "card.number", "1234567", "card.branch", "", "card.birthDate", "1975-04-01", "card.code", "K7QM-2XWA-H9PD",
                "email", "yamada@example.jp", "password", PASSWORD, "passwordConfirmation", PASSWORD));
        for (int i = 0; i + 1 < overrides.length; i += 2) {
            int at = fields.indexOf(overrides[i]);
            fields.set(at + 1, overrides[i + 1]);
        }
        return fields.toArray(String[]::new);
    }

    @Test
    void anEmptySignUpNamesEveryRequiredFieldAtOnce() {
        var result = forms.post("/join");
        assertThat(FormPosts.fieldErrors(result)).isEqualTo(Map.of("card.insurerNumber", "validation.required",
                "card.number", "validation.required", "card.birthDate", "validation.required", "card.code", "validation.required",
                "email", "validation.required", "password", "identity.user.password.tooShort",
                "passwordConfirmation", "validation.required"));
        assertThat(result).bodyText().contains("保険者番号：入力してください。", "招待コード：入力してください。");
        verifyNoInteractions(joining);
    }

    @Test
    void tooLongCardFieldsAndPasswordAreAnsweredByFieldAndKept() {
        String longNumber = "１".repeat(41);
        var result = forms.post("/join", join("card.number", longNumber, "card.branch", "123456789", "card.symbol", "記".repeat(81),
                "password", "p".repeat(257), "passwordConfirmation", "p".repeat(257)));
        assertThat(FormPosts.fieldErrors(result)).isEqualTo(Map.of("card.number", "validation.tooLong",
                "card.branch", "validation.tooLong", "card.symbol", "validation.tooLong", "password", "identity.user.password.tooLong"));
        assertThat(FormPosts.shownValues(result, "card.number")).containsEntry("card.number", longNumber);
        assertThat(result).bodyText().contains("番号：長すぎます。");
        verifyNoInteractions(joining);
    }

    @Test
    void aShortOrUnrepeatedPasswordIsAnsweredBesideTheCardsProblems() {
        var result = forms.post("/join", join("card.insurerNumber", "", "password", "short", "passwordConfirmation", "other"));
        assertThat(FormPosts.fieldErrors(result)).isEqualTo(Map.of("card.insurerNumber", "validation.required",
                "password", "identity.user.password.tooShort", "passwordConfirmation", "invitation.password.mismatch"));
        verifyNoInteractions(joining);
    }

    @Test
    void theCardsFormatProblemsComeBackBesideTheNestedFields() {
        when(joining.join(any(), anyString())).thenThrow(new PhrException(PhrException.Kind.INVALID, List.of(
                PhrException.Problem.of("phr.join.invalid.insurerNumber", "insurerNumber"),
                PhrException.Problem.of("phr.join.invalid.birthDate", "birthDate"),
                PhrException.Problem.of("identity.user.email.invalid", "email"))));
        // full width and an impossible date (out of range) are the domain's to read: it names each field
        var result = forms.post("/join", join("card.insurerNumber", "０６１３", "card.birthDate", "1975-13-40"));
        assertThat(FormPosts.fieldErrors(result)).isEqualTo(Map.of("card.insurerNumber", "phr.join.invalid.insurerNumber",
                "card.birthDate", "phr.join.invalid.birthDate", "email", "identity.user.email.invalid"));
        assertThat(FormPosts.shownValues(result, "card.insurerNumber", "card.birthDate"))
                .isEqualTo(Map.of("card.insurerNumber", "０６１３", "card.birthDate", "1975-13-40"));
    }

    @Test
    void anEmptyLinkFormNamesTheCardsRequiredFields() {
        var result = forms.post("/me/link", "card.insurerNumber", "", "card.code", "c".repeat(41));
        assertThat(FormPosts.fieldErrors(result)).isEqualTo(Map.of("card.insurerNumber", "validation.required",
                "card.number", "validation.required", "card.birthDate", "validation.required", "card.code", "validation.tooLong"));
        assertThat(result).bodyText().contains("招待コード：長すぎます。");
        verifyNoInteractions(linking);
    }

    @Test
    void theFormsShowTheNestedFieldsWithLabels() {
        assertThat(mvc.get().uri("/join")).bodyText().contains("保険者番号", "招待コード");
    }
}
