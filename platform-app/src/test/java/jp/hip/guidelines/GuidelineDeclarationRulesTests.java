package jp.hip.guidelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import jp.hip.Accounts;
import jp.hip.PlatformTest;
import jp.hip.guidelines.association.AssociationDesk;
import jp.hip.guidelines.comments.Visibility;
import jp.hip.guidelines.declarations.DeclarationStatus;
import jp.hip.guidelines.declarations.DeclarationView;
import jp.hip.guidelines.declarations.FormType;
import jp.hip.guidelines.declarations.ReviewDetail;
import jp.hip.guidelines.publicregister.PublicRegister;
import jp.hip.guidelines.review.RegistryReview;
import jp.hip.guidelines.review.RegistryReview.RegistryAction;
import jp.hip.guidelines.rules.ChecklistItemView;

/**
 * What a declaration is tied to (ADR 0013): a newer version once listed, the edition in force, the wording it
 * answered; and METI sees what was submitted, never a draft.
 */
@PlatformTest
class GuidelineDeclarationRulesTests {

    @Autowired
    AssociationDesk desk;

    @Autowired
    RegistryReview review;

    @Autowired
    PublicRegister register;

    @Autowired
    GuidelineFixtures fx;

    @Autowired
    JdbcClient jdbc;

    Accounts.Account association;
    Accounts.Account officer;

    @BeforeEach
    void accounts() {
        association = fx.association(GuidelineFixtures.unique("一般社団法人 宣言規則協会"));
        officer = fx.officer();
    }

    private long declarations(UUID guidelineId) {
        return jdbc.sql("select count(*) from gl_declaration where guideline_id = ?").param(guidelineId).query(Long.class).single();
    }

    @Test
    void reDeclaringTheListedVersionIsRefusedAndNothingChanges() {
        var listed = fx.listed(association, officer, "同じ版の再宣言");
        UUID sameVersion = fx.as(association, () -> desk.myGuideline(listed.guidelineId()).orElseThrow().versions().get(0).id());

        fx.as(association, () -> assertThatThrownBy(() -> desk.startDeclaration(listed.guidelineId(), sameVersion,
                FormType.FORM_1_ASSOCIATION, "2025"))
                .isInstanceOfSatisfying(GuidelineException.class, e -> {
                    assertThat(e.messageKey()).isEqualTo("guidelines.declaration.newVersionRequired");
                    assertThat(e.args()).contains("第1版");
                }));
        assertThat(declarations(listed.guidelineId())).isEqualTo(1);
        assertThat(register.publicEntry(listed.registrationNo()).orElseThrow().current().status()).isEqualTo(DeclarationStatus.LISTED);
    }

    @Test
    void aVersionDatedOnOrBeforeTheListedOneIsRefusedButALaterRevisionIsAccepted() {
        var listed = fx.listed(association, officer, "古い日付の版");
        LocalDate listedDate = LocalDate.now().minusMonths(2);
        UUID older = fx.as(association, () -> desk.addVersion(listed.guidelineId(),
                new AssociationDesk.NewVersion("第0.9版", listedDate.minusDays(1), null)));
        fx.as(association, () -> assertThatThrownBy(() -> desk.startDeclaration(listed.guidelineId(), older,
                FormType.FORM_1_ASSOCIATION, "2025"))
                .extracting(e -> ((GuidelineException) e).messageKey()).isEqualTo("guidelines.declaration.newVersionRequired"));

        UUID revised = fx.as(association, () -> desk.addVersion(listed.guidelineId(),
                new AssociationDesk.NewVersion("第2版", LocalDate.now().minusDays(1), null)));
        UUID second = fx.as(association, () -> desk.startDeclaration(listed.guidelineId(), revised, FormType.FORM_1_ASSOCIATION, "2025"));
        assertThat(fx.as(association, () -> desk.myDeclaration(second).orElseThrow().declaration().versionLabel())).isEqualTo("第2版");
    }

    @Test
    void aNotAcceptedDeclarationDoesNotBlockDeclaringTheSameVersionAgain() {
        var drafted = fx.draft(association, "不受理のあと", LocalDate.now().minusMonths(1));
        fx.submit(association, drafted.declarationId());
        fx.decide(officer, drafted.declarationId(), RegistryAction.NOT_ACCEPT, "様式の不備");
        UUID version = fx.as(association, () -> desk.myGuideline(drafted.guidelineId()).orElseThrow().versions().get(0).id());
        UUID again = fx.as(association, () -> desk.startDeclaration(drafted.guidelineId(), version, FormType.FORM_1_ASSOCIATION, "2025"));
        assertThat(again).isNotNull();
    }

    @Test
    void onlyTheEditionInForceIsAcceptedForANewDeclarationOrADraft() {
        var drafted = fx.draft(association, "旧版で宣言", LocalDate.now().minusMonths(1));
        UUID version = fx.as(association, () -> desk.myGuideline(drafted.guidelineId()).orElseThrow().versions().get(0).id());
        assertThat(fx.as(association, () -> desk.editionInForce().edition())).isEqualTo("2025");

        var input = fx.completeInput();
        var oldEdition = new AssociationDesk.DraftInput(input.formType(), "2019", input.signatoryName(),
                input.signatoryTitle(), input.pledged(), input.answers());
        long before = fx.version(association, drafted.declarationId());
        fx.as(association, () -> assertThatThrownBy(() -> desk.saveAndSubmit(drafted.declarationId(), before, oldEdition))
                .isInstanceOfSatisfying(GuidelineException.class, e -> {
                    assertThat(e.messageKey()).isEqualTo("guidelines.declaration.edition.notInForce");
                    assertThat(e.args()).containsExactly("2019", "2025");
                }));
        var after = fx.as(association, () -> desk.myDeclaration(drafted.declarationId()).orElseThrow().declaration());
        assertThat(after.status()).isEqualTo(DeclarationStatus.DRAFT);
        assertThat(after.edition()).isEqualTo("2025");
        assertThat(after.version()).isEqualTo(before);

        // A second guideline: starting against the superseded 2019 edition is refused.
        var other = fx.draft(association, "別のガイドライン", LocalDate.now().minusMonths(1));
        UUID otherVersion = fx.as(association, () -> desk.myGuideline(other.guidelineId()).orElseThrow().versions().get(0).id());
        fx.as(association, () -> desk.saveDraft(other.declarationId(), fx.version(association, other.declarationId()), fx.completeInput()));
        assertThat(version).isNotEqualTo(otherVersion);
        fx.as(association, () -> assertThatThrownBy(() -> desk.startDeclaration(drafted.guidelineId(), version,
                FormType.FORM_1_ASSOCIATION, "2021"))
                .extracting(e -> ((GuidelineException) e).messageKey())
                .isIn("guidelines.declaration.edition.notInForce", "guidelines.declaration.openExists"));
    }

    @Test
    void anOldEditionIsRefusedWhenADeclarationIsStarted() {
        var listed = fx.listed(association, officer, "旧版で開始");
        UUID revised = fx.as(association, () -> desk.addVersion(listed.guidelineId(),
                new AssociationDesk.NewVersion("第2版", LocalDate.now().minusDays(1), null)));
        fx.as(association, () -> assertThatThrownBy(() -> desk.startDeclaration(listed.guidelineId(), revised,
                FormType.FORM_1_ASSOCIATION, "2019"))
                .extracting(e -> ((GuidelineException) e).messageKey()).isEqualTo("guidelines.declaration.edition.notInForce"));
        assertThat(declarations(listed.guidelineId())).isEqualTo(1);
    }

    @Test
    void aListedDeclarationKeepsTheWordingItAnsweredAfterMetiRewordsTheItem() {
        var listed = fx.listed(association, officer, "文言の固定");
        ChecklistItemView t3 = fx.as(officer, () -> review.checklist("2025")).stream()
                .filter(i -> i.code().equals("T3")).findFirst().orElseThrow();
        String newWording = "倫理規程を開示し、その改定履歴も公開している (" + UUID.randomUUID().toString().substring(0, 6) + ")";

        UUID next = fx.as(officer, () -> review.rewordChecklistItem(t3.id(), t3.version(), newWording, true));

        ChecklistItemView listedT3 = fx.as(officer, () -> review.registryDeclaration(listed.declarationId())).orElseThrow()
                .checklist().stream().filter(i -> i.code().equals("T3")).findFirst().orElseThrow();
        assertThat(listedT3.text()).isEqualTo(t3.text());
        assertThat(listedT3.id()).isEqualTo(t3.id());
        ChecklistItemView current = fx.as(officer, () -> review.checklist("2025")).stream()
                .filter(i -> i.code().equals("T3")).findFirst().orElseThrow();
        assertThat(current.id()).isEqualTo(next);
        assertThat(current.text()).isEqualTo(newWording);
        assertThat(current.revision()).isEqualTo(t3.revision() + 1);
        // The retired revision cannot be edited again.
        fx.as(officer, () -> assertThatThrownBy(() -> review.rewordChecklistItem(t3.id(), t3.version() + 1, "x", true))
                .isInstanceOf(GuidelineException.class));
    }

    @Test
    void aDraftFollowsTheNewWordingAndKeepsItsAnswer() {
        var drafted = fx.draft(association, "下書きと文言", LocalDate.now().minusMonths(1));
        fx.as(association, () -> desk.saveDraft(drafted.declarationId(), fx.version(association, drafted.declarationId()), fx.completeInput()));
        ChecklistItemView c1 = fx.as(officer, () -> review.checklist("2025")).stream()
                .filter(i -> i.code().equals("C1")).findFirst().orElseThrow();
        UUID next = fx.as(officer, () -> review.rewordChecklistItem(c1.id(), c1.version(), c1.text() + "(改)", true));

        ReviewDetail draft = fx.as(association, () -> desk.myDeclaration(drafted.declarationId())).orElseThrow();
        assertThat(draft.checklist()).extracting(ChecklistItemView::id).contains(next).doesNotContain(c1.id());
        assertThat(draft.declaration().answerFor(next)).isNotNull();
        fx.submit(association, drafted.declarationId());
        assertThat(fx.as(association, () -> desk.myDeclaration(drafted.declarationId())).orElseThrow().declaration().status())
                .isEqualTo(DeclarationStatus.SUBMITTED);
    }

    @Test
    void metiSeesSubmittedDeclarationsButNeverDrafts() {
        var drafted = fx.draft(association, "下書きは見えない", LocalDate.now().minusMonths(1));
        fx.as(officer, () -> {
            assertThat(review.registryDeclaration(drafted.declarationId())).isEmpty();
            assertThat(review.registryDeclarations(DeclarationStatus.DRAFT)).isEmpty();
            assertThat(review.auditTrail(drafted.declarationId())).isEmpty();
            assertThatThrownBy(() -> review.commentAsRegistry(drafted.declarationId(), "見えるはずがない", Visibility.INTERNAL))
                    .extracting(e -> ((GuidelineException) e).messageKey()).isEqualTo("guidelines.declaration.notFound");
        });
        fx.submit(association, drafted.declarationId());
        assertThat(fx.as(officer, () -> review.registryDeclaration(drafted.declarationId()))).isPresent();
        // Returned with a comment, it is the association's draft again: METI no longer sees it.
        fx.decide(officer, drafted.declarationId(), RegistryAction.RETURN, "署名者の役職を補ってください");
        assertThat(fx.as(officer, () -> review.registryDeclaration(drafted.declarationId()))).isEmpty();
        assertThat(fx.as(officer, () -> review.registryDeclarations(null))).extracting(DeclarationView::id)
                .doesNotContain(drafted.declarationId());
    }

    @Test
    void aReplayedDecisionIsRefusedAndChangesNothing() {
        var drafted = fx.draft(association, "二重の決定", LocalDate.now().minusMonths(1));
        fx.submit(association, drafted.declarationId());
        long version = fx.as(officer, () -> review.registryDeclaration(drafted.declarationId()).orElseThrow().declaration().version());
        fx.as(officer, () -> review.decide(drafted.declarationId(), version, RegistryAction.LIST, null));
        long transitions = jdbc.sql("select count(*) from gl_status_transition where declaration_id = ?")
                .param(drafted.declarationId()).query(Long.class).single();
        fx.as(officer, () -> assertThatThrownBy(() -> review.decide(drafted.declarationId(), version, RegistryAction.LIST, null))
                .extracting(e -> ((GuidelineException) e).messageKey()).isEqualTo("guidelines.declaration.stale"));
        assertThat(jdbc.sql("select count(*) from gl_status_transition where declaration_id = ?")
                .param(drafted.declarationId()).query(Long.class).single()).isEqualTo(transitions);
    }
}
