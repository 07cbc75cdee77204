package jp.hip.guidelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

import jp.hip.Accounts;
import jp.hip.PlatformTest;
import jp.hip.guidelines.RegistryReview.RegistryAction;

/** The registry's facade against the real schema: journey, tenant crossing, publicity, races, expiry, filters. */
@PlatformTest
class GuidelineRegistryTests {

    @Autowired
    AssociationDesk desk;

    @Autowired
    RegistryReview review;

    @Autowired
    PublicRegister register;

    @Autowired
    ExpiryJob expiry;

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
    void theExpiryJobExpiresAnOverdueListingOnceEvenWhenTwoInstancesRunAtTheSameTime() throws Exception {
        UUID tenant = fx.associationTenant();
        LocalDate versionDate = LocalDate.now().minusYears(3);
        UUID id = seeding.seed(new Seed(tenant, GuidelineFixtures.unique("期限切れ協会"), GuidelineFixtures.corporateNumber(),
                AssociationKind.INDUSTRY_ASSOCIATION, null, GuidelineKind.GUIDELINE, ServiceCategory.FITNESS, "古いガイドライン",
                null, "https://old.example.org", "第1版", versionDate, versionDate.plusMonths(1), versionDate.plusMonths(2),
                null, DeclarationStatus.LISTED, null));
        String no = jdbc.sql("select registration_no from gl_declaration where id = ?").param(id).query(String.class).single();
        // Read before the job: already 失効, computed on read.
        assertThat(register.publicEntry(no).orElseThrow().current().status()).isEqualTo(DeclarationStatus.EXPIRED);
        assertThat(jdbc.sql("select status from gl_declaration where id = ?").param(id).query(String.class).single()).isEqualTo("LISTED");

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> job = () -> expiry.expireOverdue(LocalDate.now());
            List<Future<Integer>> runs = pool.invokeAll(List.of(job, job));
            int total = runs.get(0).get() + runs.get(1).get();
            assertThat(total).isPositive();
        } finally {
            pool.shutdown();
        }
        assertThat(jdbc.sql("select status from gl_declaration where id = ?").param(id).query(String.class).single()).isEqualTo("EXPIRED");
        assertThat(jdbc.sql("select count(*) from gl_status_transition where declaration_id = ? and to_status = 'EXPIRED'")
                .param(id).query(Integer.class).single()).isEqualTo(1);
        assertThat(expiry.expireOverdue(LocalDate.now())).isZero();
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

    private static final java.util.Random RANDOM_DAYS = new java.util.Random();

    @Test
    void eachDueReminderIsSentOnceEvenWhenTwoInstancesSendAtTheSameTime() throws Exception {
        UUID tenant = fx.associationTenant();
        // A "today" decades ahead: only this test's declaration is due on it, so other listings in the shared test
        // database (or a reminder run of another test context on the real date) cannot claim or mask its reminder.
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Tokyo")).plusYears(40).plusDays(RANDOM_DAYS.nextInt(3650));
        LocalDate version = today.minusYears(2).plusDays(100);
        UUID id = seeding.seed(new Seed(tenant, GuidelineFixtures.unique("期限間近協会"), GuidelineFixtures.corporateNumber(),
                AssociationKind.INDUSTRY_ASSOCIATION, null, GuidelineKind.GUIDELINE, ServiceCategory.SLEEP, "期限間近",
                null, "https://soon.example.org", "第1版", version, version.plusDays(10), version.plusDays(20), null,
                DeclarationStatus.LISTED, null));
        List<Reminder> sent = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        ReminderSender sender = (name, email, reminder) -> sent.add(reminder);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> job = () -> expiry.sendDueReminders(today, sender);
            for (Future<Integer> run : pool.invokeAll(List.of(job, job))) {
                run.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(sent).filteredOn(r -> r.declarationId().equals(id)).singleElement()
                .extracting(Reminder::stage).isEqualTo(Reminder.Stage.MONTHS_4);
        expiry.sendDueReminders(today, sender);
        assertThat(sent).filteredOn(r -> r.declarationId().equals(id)).hasSize(1);
    }

    @Autowired
    ReminderSender reminderSender;

    @Test
    @DisplayName("使用期限のお知らせは協会の連絡先メールに送られる（outbox）")
    void aDueReminderIsMailedToTheAssociationsContact() {
        UUID tenant = fx.associationTenant();
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Tokyo")).plusYears(40).plusDays(RANDOM_DAYS.nextInt(3650));
        LocalDate version = today.minusYears(2).plusDays(100);
        seeding.seed(new Seed(tenant, GuidelineFixtures.unique("通知協会"), GuidelineFixtures.corporateNumber(),
                AssociationKind.INDUSTRY_ASSOCIATION, null, GuidelineKind.GUIDELINE, ServiceCategory.SLEEP, "通知テスト",
                null, "https://notice.example.org", "第1版", version, version.plusDays(10), version.plusDays(20), null,
                DeclarationStatus.LISTED, null));
        jdbc.sql("update gl_association set contact_email = 'remind@assoc.example.org' where tenant_id = ?").param(tenant).update();
        expiry.sendDueReminders(today, reminderSender);
        assertThat(jdbc.sql("select subject || ' ' || body from plat_mail_outbox where tenant_id = ? and purpose = 'GUIDELINE_REMINDER' "
                + "and recipient = 'remind@assoc.example.org'").param(tenant).query(String.class).list())
                .singleElement().asString().contains("ロゴマーク使用期限のお知らせ", "通知テスト", "HG-");
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
