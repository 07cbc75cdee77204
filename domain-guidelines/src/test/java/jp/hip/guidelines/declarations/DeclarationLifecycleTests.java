package jp.hip.guidelines.declarations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import jp.hip.guidelines.Actor;
import jp.hip.guidelines.GuidelineException;
import jp.hip.guidelines.Party;
import jp.hip.guidelines.association.Association;
import jp.hip.guidelines.association.AssociationKind;
import jp.hip.guidelines.guideline.Guideline;
import jp.hip.guidelines.guideline.GuidelineKind;
import jp.hip.guidelines.guideline.GuidelineVersion;
import jp.hip.guidelines.guideline.ServiceCategory;
import jp.hip.guidelines.rules.ChecklistItem;
import jp.hip.guidelines.rules.ChecklistItemFixtures;
import jp.hip.guidelines.rules.Viewpoint;

/** Every transition from every status, by every party: the allowed ones move and record, the rest change nothing. */
class DeclarationLifecycleTests {

    static final LocalDate VERSION_DATE = LocalDate.of(2025, 4, 1);
    static final LocalDate DECLARED = LocalDate.of(2025, 6, 2);
    static final Instant NOW = Instant.parse("2025-06-02T01:00:00Z");
    static final Actor ASSOCIATION = new Actor("a-1", "協会 担当", Party.ASSOCIATION);
    static final Actor METI = new Actor("m-1", "経産 職員", Party.REGISTRY);
    static final UUID TENANT = UUID.randomUUID();

    static final List<ChecklistItem> ITEMS = List.of(
            ChecklistItemFixtures.item("2025", Viewpoint.TRANSPARENCY, "T1", "透明", true, 1),
            ChecklistItemFixtures.item("2025", Viewpoint.OBJECTIVITY, "O2", "用語", false, 2));

    enum Action {
        SUBMIT(Party.ASSOCIATION, EnumSet.of(DeclarationStatus.DRAFT), DeclarationStatus.SUBMITTED),
        RETURN(Party.REGISTRY, EnumSet.of(DeclarationStatus.SUBMITTED), DeclarationStatus.DRAFT),
        LIST(Party.REGISTRY, EnumSet.of(DeclarationStatus.SUBMITTED), DeclarationStatus.LISTED),
        NOT_ACCEPT(Party.REGISTRY, EnumSet.of(DeclarationStatus.SUBMITTED), DeclarationStatus.NOT_ACCEPTED),
        WITHDRAW(Party.ASSOCIATION, EnumSet.of(DeclarationStatus.LISTED, DeclarationStatus.SUSPENDED), DeclarationStatus.WITHDRAWN),
        DELIST(Party.REGISTRY, EnumSet.of(DeclarationStatus.LISTED, DeclarationStatus.SUSPENDED), DeclarationStatus.DELISTED),
        SUSPEND(Party.REGISTRY, EnumSet.of(DeclarationStatus.LISTED), DeclarationStatus.SUSPENDED),
        RESTORE(Party.REGISTRY, EnumSet.of(DeclarationStatus.SUSPENDED), DeclarationStatus.LISTED),
        EXPIRE(Party.SYSTEM, EnumSet.of(DeclarationStatus.LISTED), DeclarationStatus.EXPIRED),
        SUPERSEDE(Party.SYSTEM, EnumSet.of(DeclarationStatus.LISTED, DeclarationStatus.SUSPENDED, DeclarationStatus.EXPIRED),
                DeclarationStatus.SUPERSEDED);

        final Party party;
        final Set<DeclarationStatus> from;
        final DeclarationStatus to;

        Action(Party party, Set<DeclarationStatus> from, DeclarationStatus to) {
            this.party = party;
            this.from = from;
            this.to = to;
        }

        StatusTransition apply(Declaration d, Actor actor) {
            return switch (this) {
                case SUBMIT -> d.submit(actor, ITEMS, Set.of(), DECLARED, NOW);
                case RETURN -> d.returnForChanges(actor, "T1 の根拠URLを追加してください", NOW);
                case LIST -> d.list(actor, DECLARED, NOW);
                case NOT_ACCEPT -> d.notAccept(actor, "様式が異なります", NOW);
                case WITHDRAW -> d.withdraw(actor, "改訂のため", NOW);
                case DELIST -> d.delist(actor, "規約違反", NOW);
                case SUSPEND -> d.suspend(actor, "調査中", true, NOW);
                case RESTORE -> d.restore(actor, "調査完了", true, NOW);
                case EXPIRE -> d.expire(actor, VERSION_DATE.plusYears(2).plusDays(1), NOW);
                case SUPERSEDE -> d.supersede(actor, "HG-0001 (2)", NOW);
            };
        }
    }

    static Actor actorOf(Party party) {
        return switch (party) {
            case ASSOCIATION -> ASSOCIATION;
            case REGISTRY -> METI;
            case SYSTEM -> Actor.SYSTEM;
        };
    }

    static Declaration draft() {
        Guideline g = new Guideline(TENANT, "HG-0001", GuidelineKind.GUIDELINE, ServiceCategory.ESTHETICS,
                "エステティックサービスガイドライン", null, "https://example.org/gl", NOW);
        GuidelineVersion v = new GuidelineVersion(TENANT, g.id(), "第1版", VERSION_DATE, null, DECLARED, NOW);
        Declaration d = Declaration.draft(g, v, "日本エステ協会", 1, FormType.FORM_1_ASSOCIATION, "2025", NOW);
        Map<UUID, AnswerInput> answers = new HashMap<>();
        answers.put(ITEMS.get(0).id(), new AnswerInput(Answer.YES, "https://example.org/coi"));
        answers.put(ITEMS.get(1).id(), new AnswerInput(Answer.NA, null, "用語を定義する必要のないガイドラインのため"));
        d.edit(ASSOCIATION, new Declaration.DraftContent(FormType.FORM_1_ASSOCIATION, "2025", "山田 一郎", "会長", true,
                answers), Map.of(ITEMS.get(0).id(), "T1", ITEMS.get(1).id(), "O2"));
        return d;
    }

    static Declaration in(DeclarationStatus status) {
        Declaration d = draft();
        switch (status) {
            case DRAFT -> { }
            case SUBMITTED -> Action.SUBMIT.apply(d, ASSOCIATION);
            case NOT_ACCEPTED -> { Action.SUBMIT.apply(d, ASSOCIATION); Action.NOT_ACCEPT.apply(d, METI); }
            case LISTED -> { Action.SUBMIT.apply(d, ASSOCIATION); Action.LIST.apply(d, METI); }
            case SUSPENDED -> { in(d, DeclarationStatus.LISTED); Action.SUSPEND.apply(d, METI); }
            case WITHDRAWN -> { in(d, DeclarationStatus.LISTED); Action.WITHDRAW.apply(d, ASSOCIATION); }
            case DELISTED -> { in(d, DeclarationStatus.LISTED); Action.DELIST.apply(d, METI); }
            case EXPIRED -> { in(d, DeclarationStatus.LISTED); Action.EXPIRE.apply(d, Actor.SYSTEM); }
            case SUPERSEDED -> { in(d, DeclarationStatus.LISTED); Action.SUPERSEDE.apply(d, Actor.SYSTEM); }
        }
        assertThat(d.status()).isEqualTo(status);
        return d;
    }

    private static void in(Declaration d, DeclarationStatus listed) {
        Action.SUBMIT.apply(d, ASSOCIATION);
        Action.LIST.apply(d, METI);
    }

    static Stream<Arguments> everyActionFromEveryStatus() {
        return Stream.of(Action.values()).flatMap(a -> Stream.of(DeclarationStatus.values()).map(s -> Arguments.of(a, s)));
    }

    @ParameterizedTest(name = "{0} from {1}")
    @MethodSource("everyActionFromEveryStatus")
    void eachActionMovesOnlyFromItsAllowedStatusesAndRecordsWhoWhenAndWhy(Action action, DeclarationStatus from) {
        Declaration d = in(from);
        long answersBefore = d.answers().size();
        if (action.from.contains(from)) {
            StatusTransition t = action.apply(d, actorOf(action.party));
            assertThat(d.status()).isEqualTo(action.to);
            assertThat(t.from()).isEqualTo(from);
            assertThat(t.to()).isEqualTo(action.to);
            assertThat(t.party()).isEqualTo(action.party);
            assertThat(t.view().at()).isEqualTo(NOW);
            assertThat(t.view().actor()).isNotBlank();
        } else {
            assertThatThrownBy(() -> action.apply(d, actorOf(action.party)))
                    .isInstanceOf(GuidelineException.class)
                    .extracting(e -> ((GuidelineException) e).messageKey())
                    .isEqualTo("guidelines.transition.illegal");
            assertThat(d.status()).isEqualTo(from);
            assertThat(d.answers()).hasSize((int) answersBefore);
        }
    }

    static Stream<Arguments> everyActionByEveryOtherParty() {
        return Stream.of(Action.values()).flatMap(a -> Stream.of(Party.values()).filter(p -> p != a.party)
                .map(p -> Arguments.of(a, p)));
    }

    @ParameterizedTest(name = "{0} by {1}")
    @MethodSource("everyActionByEveryOtherParty")
    void eachActionIsRefusedToEveryOtherPartyAndChangesNothing(Action action, Party party) {
        DeclarationStatus from = action.from.iterator().next();
        Declaration d = in(from);
        assertThatThrownBy(() -> action.apply(d, actorOf(party)))
                .isInstanceOf(GuidelineException.class)
                .extracting(e -> ((GuidelineException) e).messageKey())
                .isEqualTo("guidelines.transition.wrongParty");
        assertThat(d.status()).isEqualTo(from);
    }

    @Test
    void submittingFixesTheLogoWindowFromTheDeclarationDate() {
        Declaration d = in(DeclarationStatus.SUBMITTED);
        assertThat(d.view(DECLARED).validFrom()).isEqualTo(DECLARED);
        assertThat(d.view(DECLARED).validUntil()).isEqualTo(LocalDate.of(2027, 4, 1));
    }

    @Test
    void aListingReadsAsExpiredTheDayAfterItsWindowEvenBeforeTheJobRuns() {
        Declaration d = in(DeclarationStatus.LISTED);
        assertThat(d.statusOn(LocalDate.of(2027, 4, 1))).isEqualTo(DeclarationStatus.LISTED);
        assertThat(d.logoValidOn(LocalDate.of(2027, 4, 1))).isTrue();
        assertThat(d.statusOn(LocalDate.of(2027, 4, 2))).isEqualTo(DeclarationStatus.EXPIRED);
        assertThat(d.logoValidOn(LocalDate.of(2027, 4, 2))).isFalse();
    }

    @Test
    void expiringBeforeTheWindowEndsIsRefused() {
        Declaration d = in(DeclarationStatus.LISTED);
        assertThatThrownBy(() -> d.expire(Actor.SYSTEM, LocalDate.of(2027, 4, 1), NOW))
                .extracting(e -> ((GuidelineException) e).messageKey()).isEqualTo("guidelines.declaration.notYetExpired");
        assertThat(d.status()).isEqualTo(DeclarationStatus.LISTED);
    }

    @Test
    void aSuspendedListingShowsNoValidLogo() {
        assertThat(in(DeclarationStatus.SUSPENDED).logoValidOn(DECLARED)).isFalse();
    }

    @Test
    void suspensionIsRefusedWhileTheSettingIsOff() {
        Declaration d = in(DeclarationStatus.LISTED);
        assertThatThrownBy(() -> d.suspend(METI, "調査", false, NOW))
                .extracting(e -> ((GuidelineException) e).messageKey()).isEqualTo("guidelines.transition.suspensionDisabled");
        assertThat(d.status()).isEqualTo(DeclarationStatus.LISTED);
    }

    @Test
    void returningNotAcceptingAndDelistingRequireAReason() {
        Declaration submitted = in(DeclarationStatus.SUBMITTED);
        assertThatThrownBy(() -> submitted.returnForChanges(METI, " ", NOW))
                .extracting(e -> ((GuidelineException) e).messageKey()).isEqualTo("guidelines.transition.reasonRequired");
        assertThatThrownBy(() -> submitted.notAccept(METI, null, NOW))
                .extracting(e -> ((GuidelineException) e).messageKey()).isEqualTo("guidelines.transition.reasonRequired");
        Declaration listed = in(DeclarationStatus.LISTED);
        assertThatThrownBy(() -> listed.delist(METI, "", NOW))
                .extracting(e -> ((GuidelineException) e).messageKey()).isEqualTo("guidelines.transition.reasonRequired");
        assertThat(submitted.status()).isEqualTo(DeclarationStatus.SUBMITTED);
        assertThat(listed.status()).isEqualTo(DeclarationStatus.LISTED);
    }

    @Test
    void submittingAnIncompleteChecklistIsRefused() {
        Declaration d = draft();
        d.edit(ASSOCIATION, new Declaration.DraftContent(FormType.FORM_1_ASSOCIATION, "2025", "山田 一郎", "会長", true,
                Map.of(ITEMS.get(0).id(), new AnswerInput(Answer.YES, "https://example.org/e"))),
                Map.of(ITEMS.get(0).id(), "T1", ITEMS.get(1).id(), "O2"));
        assertThatThrownBy(() -> d.submit(ASSOCIATION, ITEMS, Set.of(), DECLARED, NOW))
                .extracting(e -> ((GuidelineException) e).messageKey()).isEqualTo("guidelines.declaration.checklist.incomplete");
        assertThat(d.status()).isEqualTo(DeclarationStatus.DRAFT);
    }

    @Test
    void submittingWithoutEvidenceWhereAnItemAsksForItIsRefused() {
        Declaration d = draft();
        d.edit(ASSOCIATION, new Declaration.DraftContent(FormType.FORM_1_ASSOCIATION, "2025", "山田 一郎", "会長", true,
                Map.of(ITEMS.get(0).id(), new AnswerInput(Answer.YES, null), ITEMS.get(1).id(), new AnswerInput(Answer.NA, null, "不要"))),
                Map.of(ITEMS.get(0).id(), "T1", ITEMS.get(1).id(), "O2"));
        assertThatThrownBy(() -> d.submit(ASSOCIATION, ITEMS, Set.of(), DECLARED, NOW))
                .extracting(e -> ((GuidelineException) e).messageKey()).isEqualTo("guidelines.declaration.checklist.evidenceMissing");
    }

    @Test
    void applicableNeedsAUrlOrAnUploadedDocumentAndNotApplicableNeedsAReason() {
        Declaration withoutReason = draft();
        withoutReason.edit(ASSOCIATION, new Declaration.DraftContent(FormType.FORM_1_ASSOCIATION, "2025", "山田 一郎", "会長", true,
                Map.of(ITEMS.get(0).id(), new AnswerInput(Answer.YES, "https://example.org/e"), ITEMS.get(1).id(), new AnswerInput(Answer.NA, null, " "))),
                Map.of(ITEMS.get(0).id(), "T1", ITEMS.get(1).id(), "O2"));
        assertThatThrownBy(() -> withoutReason.submit(ASSOCIATION, ITEMS, Set.of(), DECLARED, NOW))
                .isInstanceOfSatisfying(GuidelineException.class, e -> {
                    assertThat(e.messageKey()).isEqualTo("guidelines.declaration.checklist.reasonMissing");
                    assertThat(e.args()).containsExactly("O2");
                });
        Declaration documented = draft();
        documented.edit(ASSOCIATION, new Declaration.DraftContent(FormType.FORM_1_ASSOCIATION, "2025", "山田 一郎", "会長", true,
                Map.of(ITEMS.get(0).id(), new AnswerInput(Answer.YES, null), ITEMS.get(1).id(), new AnswerInput(Answer.YES, null))),
                Map.of(ITEMS.get(0).id(), "T1", ITEMS.get(1).id(), "O2"));
        assertThatThrownBy(() -> documented.submit(ASSOCIATION, ITEMS, Set.of(ITEMS.get(0).id()), DECLARED, NOW))
                .isInstanceOfSatisfying(GuidelineException.class, e -> assertThat(e.args()).containsExactly("O2"));
        documented.submit(ASSOCIATION, ITEMS, Set.of(ITEMS.get(0).id(), ITEMS.get(1).id()), DECLARED, NOW);
        assertThat(documented.status()).isEqualTo(DeclarationStatus.SUBMITTED);
    }

    @Test
    void submittingWithoutThePledgeIsRefused() {
        Declaration d = draft();
        d.edit(ASSOCIATION, new Declaration.DraftContent(FormType.FORM_1_ASSOCIATION, "2025", "山田 一郎", "会長", false,
                Map.of()), Map.of());
        assertThatThrownBy(() -> d.submit(ASSOCIATION, ITEMS, Set.of(), DECLARED, NOW))
                .extracting(e -> ((GuidelineException) e).messageKey()).isEqualTo("guidelines.declaration.pledge.required");
    }

    @Test
    void submittingWhenTheLogoWindowWouldBeEmptyIsRefused() {
        Declaration d = draft();
        assertThatThrownBy(() -> d.submit(ASSOCIATION, ITEMS, Set.of(), VERSION_DATE.plusYears(2).plusDays(1), NOW))
                .extracting(e -> ((GuidelineException) e).messageKey()).isEqualTo("guidelines.declaration.window.empty");
        assertThat(d.status()).isEqualTo(DeclarationStatus.DRAFT);
    }

    @Test
    void aNonHttpEvidenceUrlIsRefused() {
        Declaration d = draft();
        assertThatThrownBy(() -> d.edit(ASSOCIATION, new Declaration.DraftContent(FormType.FORM_1_ASSOCIATION, "2025",
                "山田", null, true, Map.of(ITEMS.get(0).id(), new AnswerInput(Answer.YES, "javascript:alert(1)"))),
                Map.of(ITEMS.get(0).id(), "T1")))
                .extracting(e -> ((GuidelineException) e).messageKey()).isEqualTo("guidelines.declaration.evidenceUrl.invalid");
    }

    @Test
    void onlyADraftCanBeEdited() {
        Declaration d = in(DeclarationStatus.SUBMITTED);
        assertThatThrownBy(() -> d.edit(ASSOCIATION, new Declaration.DraftContent(FormType.FORM_1_ASSOCIATION, "2025",
                "別人", null, true, Map.of()), Map.of()))
                .extracting(e -> ((GuidelineException) e).messageKey()).isEqualTo("guidelines.declaration.notEditable");
    }

    @Test
    void aVersionDatedInTheFutureIsRefused() {
        assertThatThrownBy(() -> new GuidelineVersion(TENANT, UUID.randomUUID(), "第2版", DECLARED.plusDays(1), null, DECLARED, NOW))
                .extracting(e -> ((GuidelineException) e).messageKey()).isEqualTo("guidelines.version.datedOn.future");
    }

    @Test
    void aCorporateNumberWithAWrongCheckDigitIsRefused() {
        Association a = new Association(UUID.randomUUID());
        assertThatThrownBy(() -> a.update("1234567890123", "協会", AssociationKind.INDUSTRY_ASSOCIATION, null, null, null))
                .extracting(e -> ((GuidelineException) e).messageKey()).isEqualTo("guidelines.association.corporateNumber.invalid");
        a.update("7000012050002", "協会", AssociationKind.INDUSTRY_ASSOCIATION, null, null, null);
        assertThat(a.view().corporateNumber()).isEqualTo("7000012050002");
    }
}
