package jp.hip.accounting.resources;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class OwnHealthIssueTests {

    static final List<String> STANDARD = List.of("従業員間のコミュニケーションの促進", "Communication among employees");

    @Test
    void aNewNameIsAccepted() {
        assertThatCode(() -> OwnHealthIssue.requireNew("腰痛予防", STANDARD, List.of("睡眠の質"))).doesNotThrowAnyException();
    }

    @Test
    void aBlankNameIsRefused() {
        assertThatThrownBy(() -> OwnHealthIssue.requireNew(" 　", STANDARD, List.of()))
                .hasMessageContaining("accounting.issue.name.required");
        assertThatThrownBy(() -> OwnHealthIssue.requireNew(null, STANDARD, List.of()))
                .hasMessageContaining("accounting.issue.name.required");
    }

    @Test
    void aNameOfAStandardIssueIsRefusedInEitherLanguage() {
        assertThatThrownBy(() -> OwnHealthIssue.requireNew("従業員間の コミュニケーションの促進", STANDARD, List.of()))
                .hasMessageContaining("accounting.issue.name.standard");
        assertThatThrownBy(() -> OwnHealthIssue.requireNew("communication among employees", STANDARD, List.of()))
                .hasMessageContaining("accounting.issue.name.standard");
    }

    @Test
    void aNameAlreadyOwnedIsRefusedIgnoringWidthCaseAndSpaces() {
        assertThatThrownBy(() -> OwnHealthIssue.requireNew("ＥＡＰ 相談", STANDARD, List.of("eap相談")))
                .hasMessageContaining("accounting.issue.name.duplicate");
    }

    @Test
    void aTooLongNameIsRefused() {
        assertThatThrownBy(() -> new OwnHealthIssue("あ".repeat(201))).hasMessageContaining("accounting.issue.name.required");
    }
}
