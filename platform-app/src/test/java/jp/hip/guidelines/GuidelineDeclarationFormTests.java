package jp.hip.guidelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import jp.hip.Accounts;
import jp.hip.PlatformTest;
import jp.hip.guidelines.association.AssociationDesk;
import jp.hip.guidelines.declarations.DeclarationStatus;
import jp.hip.guidelines.declarations.DraftProblems;
import jp.hip.guidelines.declarations.FormType;
import jp.hip.guidelines.rules.ChecklistItemView;

/**
 * A declaration reports every problem at once (ADR 0018): each unanswered item, each missing evidence or reason, the
 * signatory and the pledge on submit; each malformed URL or over-long reason on saving. The page puts each beside
 * its item and names it in the summary; nothing is written.
 */
@PlatformTest
class GuidelineDeclarationFormTests {

    @Autowired MockMvc mvc;
    @Autowired AssociationDesk desk;
    @Autowired GuidelineFixtures fx;

    Accounts.Account association;

    @BeforeEach
    void accounts() {
        association = fx.association(GuidelineFixtures.unique("一般社団法人 一度に全部協会"));
    }

    private List<ChecklistItemView> items(UUID declarationId) {
        return fx.as(association, () -> desk.myDeclaration(declarationId).orElseThrow().checklist());
    }

    @Test
    void submittingAnEmptyFormNamesEveryItemTheSignatoryAndThePledgeAndWritesNothing() {
        var drafted = fx.draft(association, "空の宣言書", LocalDate.now().minusMonths(1));
        long before = fx.version(association, drafted.declarationId());
        List<ChecklistItemView> items = items(drafted.declarationId());
        assertThatThrownBy(() -> fx.as(association, () -> desk.saveAndSubmit(drafted.declarationId(), before,
                new AssociationDesk.DraftInput(FormType.FORM_1_ASSOCIATION, "2025", "", "", false, Map.of()))))
                .isInstanceOfSatisfying(DraftProblems.class, e -> {
                    assertThat(e.messageKey()).isEqualTo("guidelines.declaration.signatory.required");
                    assertThat(e.problems()).extracting(DraftProblems.Problem::part).startsWith(
                            DraftProblems.Part.SIGNATORY_NAME, DraftProblems.Part.PLEDGE);
                    assertThat(e.problems()).hasSize(2 + items.size());
                    assertThat(e.problems().subList(2, e.problems().size())).extracting(p -> p.args()[0])
                            .containsExactlyElementsOf(items.stream().map(ChecklistItemView::code).toList());
                });
        var after = fx.as(association, () -> desk.myDeclaration(drafted.declarationId()).orElseThrow().declaration());
        assertThat(after.status()).isEqualTo(DeclarationStatus.DRAFT);
        assertThat(after.version()).isEqualTo(before);
    }

    @Test
    void thePageShowsEveryProblemBesideItsItemAndInTheSummary() throws Exception {
        var drafted = fx.draft(association, "一度に全部", LocalDate.now().minusMonths(1));
        long before = fx.version(association, drafted.declarationId());
        List<ChecklistItemView> items = items(drafted.declarationId());
        Cookie session = Accounts.signIn(mvc, association.email());
        String page = mvc.perform(post("/association/guidelines/declarations/{id}/submit", drafted.declarationId())
                        .param("version", String.valueOf(before)).param("formType", "FORM_1_ASSOCIATION").param("edition", "2025")
                        .param("signatoryName", "").param("signatoryTitle", "").with(csrf()).cookie(session))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"error-summary\"", "署名者 氏名：署名者の氏名を入力してください。", "誓約：誓約にチェックしてください。");
        for (ChecklistItemView item : items) {
            assertThat(page).contains("チェックリスト項目 " + item.code() + " に回答してください。", "href=\"#item-" + item.code() + "\"");
        }
        assertThat(fx.version(association, drafted.declarationId())).isEqualTo(before);
    }

    @Test
    void savingNamesEveryMalformedUrlAndOverLongReasonAtOnceAndKeepsWhatWasTyped() throws Exception {
        var drafted = fx.draft(association, "形式の誤り", LocalDate.now().minusMonths(1));
        long before = fx.version(association, drafted.declarationId());
        List<ChecklistItemView> items = items(drafted.declarationId());
        Cookie session = Accounts.signIn(mvc, association.email());
        var request = post("/association/guidelines/declarations/{id}", drafted.declarationId())
                .param("version", String.valueOf(before)).param("formType", "FORM_1_ASSOCIATION").param("edition", "2025")
                .param("signatoryName", "山田 一郎").param("signatoryTitle", "会長").with(csrf()).cookie(session);
        request.param("answer[" + items.get(0).id() + "]", "YES").param("evidence[" + items.get(0).id() + "]", "javascript:alert(1)");
        request.param("answer[" + items.get(1).id() + "]", "YES").param("evidence[" + items.get(1).id() + "]", "ftp://files.example/e");
        request.param("answer[" + items.get(2).id() + "]", "NA").param("reason[" + items.get(2).id() + "]", "理".repeat(1001));
        String page = mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("項目 " + items.get(0).code() + " の根拠URL", "項目 " + items.get(1).code() + " の根拠URL",
                "項目 " + items.get(2).code() + " の該当しない理由は1,000文字以内", "ftp://files.example/e", "理".repeat(1001), "山田 一郎");
        var after = fx.as(association, () -> desk.myDeclaration(drafted.declarationId()).orElseThrow().declaration());
        assertThat(after.version()).isEqualTo(before);
        assertThat(after.signatoryName()).isNull();
    }
}
