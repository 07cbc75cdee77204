package jp.hip.guidelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

import jp.hip.Accounts;
import jp.hip.PlatformTest;
import jp.hip.guidelines.association.AssociationDesk;
import jp.hip.guidelines.association.AssociationKind;
import jp.hip.guidelines.comments.CommentView;
import jp.hip.guidelines.comments.Visibility;
import jp.hip.guidelines.declarations.DeclarationStatus;
import jp.hip.guidelines.declarations.DeclarationView;
import jp.hip.guidelines.declarations.FormType;
import jp.hip.guidelines.declarations.ReviewDetail;
import jp.hip.guidelines.declarations.TransitionView;
import jp.hip.guidelines.guideline.GuidelineKind;
import jp.hip.guidelines.guideline.ServiceCategory;
import jp.hip.guidelines.publicregister.PublicEntry;
import jp.hip.guidelines.publicregister.PublicEntryDetail;
import jp.hip.guidelines.publicregister.PublicPage;
import jp.hip.guidelines.publicregister.PublicQuery;
import jp.hip.guidelines.publicregister.PublicRegister;
import jp.hip.guidelines.publicregister.Verification;
import jp.hip.guidelines.review.RegistryReview;
import jp.hip.guidelines.review.RegistryReview.RegistryAction;
import jp.hip.guidelines.review.TrailEntry;
import jp.hip.guidelines.seeding.GuidelineSeeding;
import jp.hip.guidelines.seeding.Seed;

/** The registry's facade against the real schema: journey, tenant crossing, publicity, races, filters (the expiry job: {@code expiry.GuidelineExpiryTests}). */
@PlatformTest
class GuidelineRegistryTests {

    @Autowired
    AssociationDesk desk;

    @Autowired
    RegistryReview review;

    @Autowired
    PublicRegister register;

    @Autowired
    GuidelineSeeding seeding;

    @Autowired
    GuidelineFixtures fx;

    @Autowired
    JdbcClient jdbc;

    Accounts.Account association;
    Accounts.Account officer;
    String associationName;

    @BeforeEach
    void accounts() {
        associationName = GuidelineFixtures.unique("一般社団法人 テスト協会");
        association = fx.association(associationName);
        officer = fx.officer();
    }

    @Test
    void aDeclarationReturnedWithACommentIsFixedResubmittedListedAndThenPublic() {
        var drafted = fx.draft(association, "睡眠サービスガイドライン", LocalDate.now().minusMonths(1));
        fx.submit(association, drafted.declarationId());
        fx.decide(officer, drafted.declarationId(), RegistryAction.RETURN, "O1 の根拠URLを見直してください");

        ReviewDetail returned = fx.as(association, () -> desk.myDeclaration(drafted.declarationId()).orElseThrow());
        assertThat(returned.declaration().status()).isEqualTo(DeclarationStatus.DRAFT);
        assertThat(returned.comments()).extracting(CommentView::body).contains("O1 の根拠URLを見直してください");

        fx.submit(association, drafted.declarationId());
        fx.decide(officer, drafted.declarationId(), RegistryAction.LIST, null);

        PublicEntryDetail entry = register.publicEntry(drafted.registrationNo()).orElseThrow();
        assertThat(entry.current().status()).isEqualTo(DeclarationStatus.LISTED);
        assertThat(entry.current().logoValid()).isTrue();
        assertThat(entry.current().validUntil()).isEqualTo(LocalDate.now().minusMonths(1).plusYears(2));
        List<TransitionView> history = fx.as(officer, () -> review.registryDeclaration(drafted.declarationId()).orElseThrow().transitions());
        assertThat(history).extracting(TransitionView::to).containsExactly(DeclarationStatus.SUBMITTED,
                DeclarationStatus.DRAFT, DeclarationStatus.SUBMITTED, DeclarationStatus.LISTED);
        assertThat(history.get(1).reason()).isEqualTo("O1 の根拠URLを見直してください");
        // METI's return (with its comment) and the listing reached the association by mail (outbox, ADR 0009)
        assertThat(jdbc.sql("select body from plat_mail_outbox where tenant_id = ? and purpose = 'GUIDELINE_DECISION' "
                + "and recipient = 'info@assoc.example.org' order by created_at").param(association.tenantId()).query(String.class).list())
                .satisfiesExactly(
                        returnMail -> assertThat(returnMail).contains("差し戻されました", "O1 の根拠URLを見直してください"),
                        listMail -> assertThat(listMail).contains("掲載されました", "睡眠サービスガイドライン"));
        assertThat(history.get(1).party()).isEqualTo(Party.REGISTRY);
    }

    @Test
    void draftSubmittedAndNotAcceptedDeclarationsNeverAppearPublicly() {
        var draft = fx.draft(association, "下書きのガイドライン", LocalDate.now().minusMonths(1));
        var submitted = fx.draft(association, "提出済みのガイドライン", LocalDate.now().minusMonths(1));
        fx.submit(association, submitted.declarationId());
        var refused = fx.draft(association, "不受理のガイドライン", LocalDate.now().minusMonths(1));
        fx.submit(association, refused.declarationId());
        fx.decide(officer, refused.declarationId(), RegistryAction.NOT_ACCEPT, "様式が異なります");

        PublicQuery mine = new PublicQuery(associationName, null, null, null, null, null, null, null);
        assertThat(register.publicList(mine, 0, 50).total()).isZero();
        assertThat(register.publicExport(mine)).isEmpty();
        for (DeclarationStatus status : DeclarationStatus.values()) {
            assertThat(register.publicList(new PublicQuery(associationName, null, null, null, status, null, null, null), 0, 50)
                    .entries()).isEmpty();
        }
        for (var hidden : List.of(draft, submitted, refused)) {
            assertThat(register.publicEntry(hidden.registrationNo())).isEmpty();
            assertThat(register.verify(List.of(hidden.registrationNo())).get(0).found()).isFalse();
        }
    }

    @Test
    void anotherAssociationCannotReadOrChangeDeclarationsOrGuidelinesById() {
        var mine = fx.draft(association, "協会Aのガイドライン", LocalDate.now().minusMonths(1));
        Accounts.Account other = fx.association(GuidelineFixtures.unique("協会B"));

        fx.as(other, () -> {
            assertThat(desk.myDeclaration(mine.declarationId())).isEmpty();
            assertThat(desk.myGuideline(mine.guidelineId())).isEmpty();
            assertThat(desk.myGuidelines()).isEmpty();
            assertThatThrownBy(() -> desk.saveAndSubmit(mine.declarationId(), 0, fx.completeInput()))
                    .extracting(e -> ((GuidelineException) e).messageKey()).isEqualTo("guidelines.declaration.notFound");
            assertThatThrownBy(() -> desk.commentAsAssociation(mine.declarationId(), "横から"))
                    .extracting(e -> ((GuidelineException) e).messageKey()).isEqualTo("guidelines.declaration.notFound");
            assertThatThrownBy(() -> desk.addVersion(mine.guidelineId(), new AssociationDesk.NewVersion("第9版", LocalDate.now(), null)))
                    .extracting(e -> ((GuidelineException) e).messageKey()).isEqualTo("guidelines.guideline.notFound");
        });
        assertThat(fx.as(association, () -> desk.myDeclaration(mine.declarationId()).orElseThrow().declaration().status()))
                .isEqualTo(DeclarationStatus.DRAFT);
        assertThat(fx.as(association, () -> desk.myDeclaration(mine.declarationId()).orElseThrow().comments())).isEmpty();
    }

    @Test
    void anAssociationCannotUseTheRegistryMethodsThatReadAcrossAssociations() {
        var mine = fx.draft(association, "自分のガイドライン", LocalDate.now().minusMonths(1));
        fx.submit(association, mine.declarationId());
        fx.as(association, () -> {
            assertThatThrownBy(() -> review.registryDeclarations(null)).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> review.registryDeclaration(mine.declarationId())).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> review.decide(mine.declarationId(), 1, RegistryAction.LIST, null)).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> review.auditTrail(mine.declarationId())).isInstanceOf(AccessDeniedException.class);
        });
        assertThatThrownBy(() -> fx.as(officer, () -> desk.myGuidelines())).isInstanceOf(AccessDeniedException.class);
        assertThat(register.publicEntry(mine.registrationNo())).isEmpty();
    }

    @Test
    void theRegistrySeesEverySubmittedDeclarationButInternalCommentsStayInternal() {
        var mine = fx.draft(association, "確認待ちのガイドライン", LocalDate.now().minusMonths(1));
        fx.submit(association, mine.declarationId());
        fx.as(officer, () -> {
            assertThat(review.registryDeclarations(null)).extracting(DeclarationView::id).contains(mine.declarationId());
            review.commentAsRegistry(mine.declarationId(), "省内メモ: 前回の版と比較", Visibility.INTERNAL);
            review.commentAsRegistry(mine.declarationId(), "確認を始めました", Visibility.TO_APPLICANT);
        });
        List<CommentView> seen = fx.as(association, () -> desk.myDeclaration(mine.declarationId()).orElseThrow().comments());
        assertThat(seen).extracting(CommentView::body).containsExactly("確認を始めました");
    }

    @Test
    void aSecondOpenDeclarationOnTheSameGuidelineIsRefused() {
        var mine = fx.draft(association, "一つだけ", LocalDate.now().minusMonths(1));
        UUID versionId = fx.as(association, () -> desk.myGuideline(mine.guidelineId()).orElseThrow().versions().get(0).id());
        fx.as(association, () -> assertThatThrownBy(() -> desk.startDeclaration(mine.guidelineId(), versionId, FormType.FORM_1_ASSOCIATION, "2025"))
                .extracting(e -> ((GuidelineException) e).messageKey()).isEqualTo("guidelines.declaration.openExists"));
        assertThat(fx.as(association, () -> desk.myGuideline(mine.guidelineId()).orElseThrow().declarations())).hasSize(1);
    }

    @Test
    void aStaleFormDoesNotOverwriteANewerEdit() {
        var mine = fx.draft(association, "同時編集", LocalDate.now().minusMonths(1));
        long version = fx.version(association, mine.declarationId());
        var input = fx.completeInput();
        fx.as(association, () -> desk.saveDraft(mine.declarationId(), version, input));
        var older = new AssociationDesk.DraftInput(FormType.FORM_2_NO_ASSOCIATION, "2025", "古い 署名者", null, false, java.util.Map.of());
        fx.as(association, () -> assertThatThrownBy(() -> desk.saveDraft(mine.declarationId(), version, older))
                .extracting(e -> ((GuidelineException) e).messageKey()).isEqualTo("guidelines.declaration.stale"));
        assertThat(fx.as(association, () -> desk.myDeclaration(mine.declarationId()).orElseThrow().declaration().signatoryName()))
                .isEqualTo("山田 一郎");
    }

    @Test
    void anIncompleteSubmissionWritesNothing() {
        var mine = fx.draft(association, "未完成", LocalDate.now().minusMonths(1));
        long version = fx.version(association, mine.declarationId());
        var incomplete = new AssociationDesk.DraftInput(FormType.FORM_1_ASSOCIATION, "2025", "新しい 署名者", null, true, java.util.Map.of());
        fx.as(association, () -> assertThatThrownBy(() -> desk.saveAndSubmit(mine.declarationId(), version, incomplete))
                .extracting(e -> ((GuidelineException) e).messageKey()).isEqualTo("guidelines.declaration.checklist.incomplete"));
        DeclarationView after = fx.as(association, () -> desk.myDeclaration(mine.declarationId()).orElseThrow().declaration());
        assertThat(after.status()).isEqualTo(DeclarationStatus.DRAFT);
        assertThat(after.signatoryName()).isNull();
        assertThat(after.version()).isEqualTo(version);
    }

    @Test
    void aVersionDatedInTheFutureAndABadCorporateNumberAreRefused() {
        fx.as(association, () -> {
            assertThatThrownBy(() -> desk.registerGuideline(new AssociationDesk.NewGuideline(GuidelineKind.GUIDELINE,
                    ServiceCategory.SLEEP, "未来の版", null, null, "第1版", LocalDate.now().plusDays(2), null)))
                    .extracting(e -> ((GuidelineException) e).messageKey()).isEqualTo("guidelines.version.datedOn.future");
            assertThat(desk.myGuidelines()).isEmpty();
            assertThatThrownBy(() -> desk.saveAssociation(new AssociationDesk.AssociationProfile("1234567890123", "名前",
                    AssociationKind.OTHER, null, null, null)))
                    .extracting(e -> ((GuidelineException) e).messageKey()).isEqualTo("guidelines.association.corporateNumber.invalid");
            assertThat(desk.myAssociation().orElseThrow().name()).isEqualTo(associationName);
        });
    }

    @Test
    void listingARevisedDeclarationSupersedesTheEarlierListing() {
        var first = fx.listed(association, officer, "改訂されるガイドライン");
        UUID revised = fx.as(association, () -> desk.addVersion(first.guidelineId(),
                new AssociationDesk.NewVersion("第2版", LocalDate.now().minusDays(3), null)));
        UUID second = fx.as(association, () -> desk.startDeclaration(first.guidelineId(), revised, FormType.FORM_1_ASSOCIATION, "2025"));
        fx.submit(association, second);
        fx.decide(officer, second, RegistryAction.LIST, null);

        PublicEntryDetail entry = register.publicEntry(first.registrationNo()).orElseThrow();
        assertThat(entry.current().generation()).isEqualTo(2);
        assertThat(entry.current().status()).isEqualTo(DeclarationStatus.LISTED);
        assertThat(entry.history()).extracting(PublicEntry::status).containsExactly(DeclarationStatus.SUPERSEDED);
    }

    @Test
    void withdrawalAndDelistingKeepTheEntryPublicButTheLogoInvalid() {
        var withdrawn = fx.listed(association, officer, "取り下げるガイドライン");
        fx.as(association, () -> desk.withdraw(withdrawn.declarationId(), fx.version(association, withdrawn.declarationId()), "事業終了"));
        var delisted = fx.listed(association, officer, "取り消されるガイドライン");
        fx.as(officer, () -> assertThatThrownBy(() -> review.decide(delisted.declarationId(),
                review.registryDeclaration(delisted.declarationId()).orElseThrow().declaration().version(), RegistryAction.DELIST, " "))
                .extracting(e -> ((GuidelineException) e).messageKey()).isEqualTo("guidelines.transition.reasonRequired"));
        fx.decide(officer, delisted.declarationId(), RegistryAction.DELIST, "ロゴマーク使用規約に反する使用");

        assertThat(register.publicEntry(withdrawn.registrationNo()).orElseThrow().current())
                .extracting(PublicEntry::status, PublicEntry::logoValid).containsExactly(DeclarationStatus.WITHDRAWN, false);
        assertThat(register.publicEntry(delisted.registrationNo()).orElseThrow().current())
                .extracting(PublicEntry::status, PublicEntry::logoValid).containsExactly(DeclarationStatus.DELISTED, false);
    }

    @Test
    void theAuditTrailShowsWhoChangedWhatWhenAndWhyWithBeforeAndAfter() {
        var mine = fx.draft(association, "証跡", LocalDate.now().minusMonths(1));
        fx.submit(association, mine.declarationId());
        fx.decide(officer, mine.declarationId(), RegistryAction.NOT_ACCEPT, "対象外のサービスです");
        List<TrailEntry> trail = fx.as(officer, () -> review.auditTrail(mine.declarationId()));
        assertThat(trail).extracting(TrailEntry::kind).contains("START", "EDIT", "STATUS");
        assertThat(trail).filteredOn(t -> t.field().equals("signatoryName")).first()
                .extracting(TrailEntry::before, TrailEntry::after, TrailEntry::party).containsExactly(null, "山田 一郎", Party.ASSOCIATION);
        assertThat(trail).filteredOn(t -> t.kind().equals("STATUS")).last()
                .extracting(TrailEntry::before, TrailEntry::after, TrailEntry::reason, TrailEntry::party)
                .containsExactly("SUBMITTED", "NOT_ACCEPTED", "対象外のサービスです", Party.REGISTRY);
        // METI's decision is also in METI's own tenant audit, naming the entry.
        UUID metiTenant = jdbc.sql("select tenant_id from plat_role_membership where user_id = (select id from plat_user where email = ?) limit 1")
                .param(officer.email()).query(UUID.class).single();
        assertThat(jdbc.sql("select count(*) from plat_audit_event where tenant_id = ? and action = 'GL_STATUS_NOT_ACCEPTED' and record_id = ?")
                .params(metiTenant, mine.declarationId().toString()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void thePublicListFiltersByAssociationTitleKindCategoryStatusAndListedDateAndPages() {
        UUID tenant = fx.associationTenant();
        String name = GuidelineFixtures.unique("フィルタ協会");
        LocalDate today = LocalDate.now();
        for (int i = 0; i < 5; i++) {
            seeding.seed(new Seed(tenant, name, GuidelineFixtures.corporateNumber(), AssociationKind.CONSORTIUM, null,
                    i % 2 == 0 ? GuidelineKind.GUIDELINE : GuidelineKind.CERTIFICATION_SCHEME,
                    i < 3 ? ServiceCategory.SLEEP : ServiceCategory.RELAXATION, "指針その" + i, null, "https://f.example.org",
                    "第1版", today.minusMonths(6), today.minusMonths(5), today.minusMonths(5).plusDays(i), today.minusDays(1),
                    i == 4 ? DeclarationStatus.WITHDRAWN : DeclarationStatus.LISTED, null));
        }
        PublicQuery base = new PublicQuery(name, null, null, null, null, null, null, PublicQuery.Sort.REGISTRATION_NO);
        assertThat(register.publicList(base, 0, 50).total()).isEqualTo(5);
        assertThat(register.publicList(withTitle(base, "その3"), 0, 50).entries()).extracting(PublicEntry::title).containsExactly("指針その3");
        assertThat(register.publicList(new PublicQuery(name, null, ServiceCategory.SLEEP, null, null, null, null, null), 0, 50).total()).isEqualTo(3);
        assertThat(register.publicList(new PublicQuery(name, null, null, GuidelineKind.CERTIFICATION_SCHEME, null, null, null, null), 0, 50).total()).isEqualTo(2);
        assertThat(register.publicList(new PublicQuery(name, null, null, null, DeclarationStatus.WITHDRAWN, null, null, null), 0, 50).total()).isEqualTo(1);
        assertThat(register.publicList(new PublicQuery(name, null, null, null, DeclarationStatus.LISTED, null, null, null), 0, 50).total()).isEqualTo(4);
        LocalDate from = today.minusMonths(5).plusDays(1);
        assertThat(register.publicList(new PublicQuery(name, null, null, null, null, from, from.plusDays(1), null), 0, 50).total()).isEqualTo(2);
        PublicPage second = register.publicList(base, 1, 2);
        assertThat(second.entries()).hasSize(2);
        assertThat(second.pages()).isEqualTo(3);
        assertThat(second.hasNext()).isTrue();
    }

    @Test
    void verificationTakesAtMostOneHundredNumbers() {
        List<String> many = java.util.stream.IntStream.rangeClosed(1, 101).mapToObj(i -> "HG-%04d".formatted(9000 + i)).toList();
        assertThatThrownBy(() -> register.verify(many)).extracting(e -> ((GuidelineException) e).messageKey()).isEqualTo("guidelines.verify.tooMany");
        assertThat(register.verify(many.subList(0, 100))).hasSize(100).noneMatch(Verification::found);
    }

    private static PublicQuery withTitle(PublicQuery q, String title) {
        return new PublicQuery(q.association(), title, q.serviceCategory(), q.kind(), q.status(), q.listedFrom(), q.listedTo(), q.sort());
    }
}
