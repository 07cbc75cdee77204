package jp.hip.guidelines;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.persistence.EntityManager;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import jp.hip.identity.AuditLog;
import jp.hip.identity.CurrentTenant;
import jp.hip.identity.Role;
import jp.hip.identity.SignedInUser;
import jp.hip.identity.TenantKind;

/**
 * The guideline registry's facade, in three parts.
 * <ul>
 * <li><b>Association</b> methods act in the signed-in association's own tenant: Hibernate's {@code @TenantId}
 * filter makes another association's guideline or declaration simply not found.</li>
 * <li><b>Registry (METI)</b> methods read and change declarations of every association. They first check that the
 * caller is a REGISTRY_OFFICER of a REGISTRY_OPERATOR tenant, then run in {@link CurrentTenant#runAsSystem}: this
 * is the one explicit crossing of tenants in the module, and an association user calling them is refused.</li>
 * <li><b>Public</b> methods (no sign-in) run as system and return declarations in a public status only.</li>
 * </ul>
 */
@Service
public class GuidelineRegistry {

    static final Set<DeclarationStatus> OPEN = EnumSet.of(DeclarationStatus.DRAFT, DeclarationStatus.SUBMITTED);
    static final String AUDIT_TYPE = "GuidelineDeclaration";
    public static final int MAX_BATCH = 100;

    private final AssociationsRepository associations;
    private final GuidelinesRepository guidelines;
    private final VersionsRepository versions;
    private final DeclarationsRepository declarations;
    private final TransitionsRepository transitions;
    private final CommentsRepository comments;
    private final RuleDocumentsRepository ruleDocuments;
    private final ChecklistItemsRepository checklistItems;
    private final VersionDocumentsRepository documents;
    private final EntityManager em;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final boolean suspensionEnabled;

    GuidelineRegistry(AssociationsRepository associations, GuidelinesRepository guidelines, VersionsRepository versions,
            DeclarationsRepository declarations, TransitionsRepository transitions, CommentsRepository comments,
            RuleDocumentsRepository ruleDocuments, ChecklistItemsRepository checklistItems,
            VersionDocumentsRepository documents, EntityManager em,
            JdbcClient jdbc, AuditLog audit, TransactionTemplate tx, Clock clock,
            @Value("${hip.guidelines.suspension-enabled:false}") boolean suspensionEnabled) {
        this.associations = associations;
        this.guidelines = guidelines;
        this.versions = versions;
        this.declarations = declarations;
        this.transitions = transitions;
        this.comments = comments;
        this.ruleDocuments = ruleDocuments;
        this.checklistItems = checklistItems;
        this.documents = documents;
        this.em = em;
        this.jdbc = jdbc;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
        this.suspensionEnabled = suspensionEnabled;
    }

    /** Dates of the scheme are Japanese dates: 00:00 in Tokyo starts the day, whatever the server's zone. */
    static final java.time.ZoneId JAPAN = java.time.ZoneId.of("Asia/Tokyo");

    private LocalDate today() {
        return LocalDate.now(clock.withZone(JAPAN));
    }

    // ---------------------------------------------------------------- association (own tenant only)

    public record AssociationProfile(String corporateNumber, String name, AssociationKind kind,
            String representativeName, String websiteUrl, String contactEmail) {}

    public Optional<AssociationView> myAssociation() {
        association();
        return tx.execute(s -> associations.findFirstBy().map(Association::view));
    }

    public void saveAssociation(AssociationProfile profile) {
        association();
        tx.executeWithoutResult(s -> {
            Association a = associations.findFirstBy().orElseGet(() -> new Association(UUID.randomUUID()));
            a.update(profile.corporateNumber(), profile.name(), profile.kind(), profile.representativeName(),
                    profile.websiteUrl(), profile.contactEmail());
            associations.save(a);
            audit.record("GL_ASSOCIATION_SAVED", "GuidelineAssociation", a.view().id(), Map.of("corporateNumber", a.view().corporateNumber()));
        });
    }

    public record NewGuideline(GuidelineKind kind, ServiceCategory serviceCategory, String title,
            String targetBusinesses, String publicUrl, String versionLabel, LocalDate versionDatedOn, String documentUrl) {}

    /** A guideline with its first version; the registration number is fixed now and never changes. */
    public UUID registerGuideline(NewGuideline command) {
        Actor actor = association();
        UUID tenantId = CurrentTenant.tenantId().orElseThrow();
        return guard(() -> tx.execute(s -> {
            associations.findFirstBy().orElseThrow(() -> new GuidelineException("guidelines.association.profileRequired"));
            long next = jdbc.sql("select nextval('gl_registration_no_seq')").query(Long.class).single();
            Instant now = clock.instant();
            Guideline g = new Guideline(tenantId, Guideline.registrationNumber(next), command.kind(),
                    command.serviceCategory(), command.title(), command.targetBusinesses(), command.publicUrl(), now);
            GuidelineVersion v = new GuidelineVersion(tenantId, g.id(), command.versionLabel(), command.versionDatedOn(),
                    command.documentUrl(), today(), now);
            guidelines.save(g);
            versions.save(v);
            audit.record("GL_GUIDELINE_REGISTERED", "Guideline", g.id(), Map.of("registrationNo", g.registrationNo(), "by", actor.id()));
            return g.id();
        }));
    }

    public List<GuidelineSummary> myGuidelines() {
        association();
        LocalDate today = today();
        return tx.execute(s -> guidelines.findAllByOrderByRegistrationNoAsc().stream()
                .map(g -> new GuidelineSummary(g.id(), g.registrationNo(), g.title(), g.kind(), g.serviceCategory(),
                        declarations.findByGuidelineIdOrderByGenerationDesc(g.id()).stream().findFirst()
                                .map(d -> d.view(today)).orElse(null)))
                .toList());
    }

    public Optional<GuidelineDetail> myGuideline(UUID guidelineId) {
        association();
        LocalDate today = today();
        return tx.execute(s -> guidelines.findById(guidelineId).map(g -> new GuidelineDetail(g.id(), g.registrationNo(),
                g.title(), g.kind(), g.serviceCategory(), g.targetBusinesses(), g.publicUrl(),
                versions.findByGuidelineIdOrderByDatedOnDescCreatedAtDesc(g.id()).stream()
                        .map(v -> v.view(documents.existsById(v.id()))).toList(),
                declarations.findByGuidelineIdOrderByGenerationDesc(g.id()).stream().map(d -> d.view(today)).toList())));
    }

    /** A new version; the document is an optional PDF upload (at most 1 MB), beside or instead of the URL. */
    public record NewVersion(String label, LocalDate datedOn, String documentUrl, String documentName, byte[] document) {

        public NewVersion(String label, LocalDate datedOn, String documentUrl) {
            this(label, datedOn, documentUrl, null, null);
        }
    }

    public UUID addVersion(UUID guidelineId, NewVersion command) {
        association();
        return guard(() -> tx.execute(s -> {
            Guideline g = guidelines.findById(guidelineId).orElseThrow(() -> new GuidelineException("guidelines.guideline.notFound"));
            GuidelineVersion v = new GuidelineVersion(g.tenantId(), g.id(), command.label(), command.datedOn(),
                    command.documentUrl(), today(), clock.instant());
            VersionDocument document = command.document() == null || command.document().length == 0 ? null
                    : new VersionDocument(v, command.documentName(), command.document(), clock.instant());
            versions.saveAndFlush(v);
            if (document != null) {
                em.persist(document);
            }
            audit.record("GL_VERSION_ADDED", "Guideline", g.id(), Map.of("label", v.label(), "datedOn", v.datedOn().toString(),
                    "document", document == null ? "" : document.file().fileName()));
            return v.id();
        }));
    }

    /** The uploaded document of one of the own association's versions. */
    public Optional<DocumentFile> myVersionDocument(UUID versionId) {
        association();
        return tx.execute(s -> documents.findById(versionId).map(VersionDocument::file));
    }

    /** A new draft declaration on one version; only one declaration per guideline may be open at a time. */
    public UUID startDeclaration(UUID guidelineId, UUID versionId, FormType formType, String edition) {
        association();
        return guard(() -> tx.execute(s -> {
            Guideline g = guidelines.findById(guidelineId).orElseThrow(() -> new GuidelineException("guidelines.guideline.notFound"));
            GuidelineVersion v = versions.findById(versionId).filter(x -> x.guidelineId().equals(g.id()))
                    .orElseThrow(() -> new GuidelineException("guidelines.version.notFound"));
            if (!ruleDocuments.existsById(edition == null ? "" : edition)) {
                throw new GuidelineException("guidelines.declaration.edition.required");
            }
            if (declarations.existsByGuidelineIdAndStatusIn(g.id(), OPEN)) {
                throw new GuidelineException("guidelines.declaration.openExists");
            }
            Association a = associations.findFirstBy().orElseThrow(() -> new GuidelineException("guidelines.association.profileRequired"));
            Declaration d = Declaration.draft(g, v, a.name(), declarations.countByGuidelineId(g.id()) + 1, formType,
                    edition, clock.instant());
            declarations.saveAndFlush(d);
            audit.record("GL_DECLARATION_STARTED", AUDIT_TYPE, d.id(), Map.of("registrationNo", g.registrationNo(), "version", v.label()));
            return d.id();
        }));
    }

    /** The declaration of the own association, with the comments visible to it; empty for another's. */
    public Optional<ReviewDetail> myDeclaration(UUID declarationId) {
        association();
        return tx.execute(s -> declarations.findById(declarationId).map(d -> detail(d, false)));
    }

    public record DraftInput(FormType formType, String edition, String signatoryName, String signatoryTitle,
            boolean pledged, Map<UUID, AnswerInput> answers) {}

    public void saveDraft(UUID declarationId, long expectedVersion, DraftInput input) {
        Actor actor = association();
        guard(() -> tx.execute(s -> {
            edit(actor, ownDeclaration(declarationId, expectedVersion), input);
            return null;
        }));
    }

    /** Saves the form and submits it, in one transaction: if the form is incomplete nothing is written. */
    public void saveAndSubmit(UUID declarationId, long expectedVersion, DraftInput input) {
        Actor actor = association();
        guard(() -> tx.execute(s -> {
            Declaration d = ownDeclaration(declarationId, expectedVersion);
            edit(actor, d, input);
            record(d, d.submit(actor, checklistItems.findByEditionOrderByPositionAsc(d.edition()), today(), clock.instant()));
            return null;
        }));
    }

    private void edit(Actor actor, Declaration d, DraftInput input) {
        {
            if (input.edition() == null || !ruleDocuments.existsById(input.edition())) {
                throw new GuidelineException("guidelines.declaration.edition.required");
            }
            Set<UUID> items = checklistItems.findByEditionOrderByPositionAsc(input.edition()).stream()
                    .map(ChecklistItem::id).collect(Collectors.toSet());
            Map<String, List<Object>> changes = d.edit(actor, new Declaration.DraftContent(input.formType(),
                    input.edition(), input.signatoryName(), input.signatoryTitle(), input.pledged(),
                    input.answers() == null ? Map.of() : input.answers()), items);
            declarations.saveAndFlush(d);
            if (!changes.isEmpty()) {
                audit.record("GL_DECLARATION_EDITED", AUDIT_TYPE, d.id(), changesForAudit(changes));
            }
        }
    }

    public void submit(UUID declarationId, long expectedVersion) {
        Actor actor = association();
        guard(() -> tx.execute(s -> {
            Declaration d = ownDeclaration(declarationId, expectedVersion);
            record(d, d.submit(actor, checklistItems.findByEditionOrderByPositionAsc(d.edition()), today(), clock.instant()));
            return null;
        }));
    }

    public void withdraw(UUID declarationId, long expectedVersion, String reason) {
        Actor actor = association();
        guard(() -> tx.execute(s -> {
            Declaration d = ownDeclaration(declarationId, expectedVersion);
            record(d, d.withdraw(actor, reason, clock.instant()));
            return null;
        }));
    }

    /** The association answers in the thread; its comments are always visible to both sides. */
    public void commentAsAssociation(UUID declarationId, String body) {
        Actor actor = association();
        guard(() -> tx.execute(s -> {
            Declaration d = declarations.findById(declarationId).orElseThrow(() -> new GuidelineException("guidelines.declaration.notFound"));
            comments.save(new ReviewComment(d, actor, Visibility.TO_APPLICANT, body, clock.instant()));
            return null;
        }));
    }

    /** Logo windows of the own listings that end within 8 months (8 months, 4 months, 30 days: the reminder stages). */
    public List<Reminder> myReminders() {
        association();
        LocalDate today = today();
        return tx.execute(s -> declarations.findByStatusInOrderByStatusChangedAtAsc(EnumSet.of(DeclarationStatus.LISTED)).stream()
                .filter(d -> d.statusOn(today) == DeclarationStatus.LISTED)
                .map(d -> {
                    Reminder.Stage stage = Reminder.stageFor(today, d.validUntil());
                    return stage == null ? null : new Reminder(d.id(), d.registrationNo(), d.title(),
                            d.validUntil(), java.time.temporal.ChronoUnit.DAYS.between(today, d.validUntil()), stage);
                })
                .filter(java.util.Objects::nonNull)
                .sorted(Comparator.comparing(Reminder::validUntil))
                .toList());
    }

    /** The checklist of an edition and the editions, for the declaration form. */
    public List<ChecklistItemView> checklist(String edition) {
        return tx.execute(s -> checklistItems.findByEditionOrderByPositionAsc(edition).stream().map(ChecklistItem::view).toList());
    }

    public List<RuleDocumentView> ruleDocuments() {
        return tx.execute(s -> ruleDocuments.findAllByOrderByEditionDesc().stream().map(RuleDocument::view).toList());
    }

    private Declaration ownDeclaration(UUID declarationId, long expectedVersion) {
        Declaration d = declarations.findById(declarationId).orElseThrow(() -> new GuidelineException("guidelines.declaration.notFound"));
        if (d.version() != expectedVersion) {
            throw new GuidelineException("guidelines.declaration.stale");
        }
        return d;
    }

    // ---------------------------------------------------------------- registry operator (METI), across associations

    /** The work queue (SUBMITTED, oldest first) or, with a status, every declaration in that status. */
    public List<DeclarationView> registryDeclarations(DeclarationStatus status) {
        registry();
        LocalDate today = today();
        return asRegistry(() -> tx.execute(s -> {
            List<Declaration> found = status == null
                    ? declarations.findByStatusInOrderByStatusChangedAtAsc(EnumSet.of(DeclarationStatus.SUBMITTED))
                    : declarations.findByStatusInOrderByStatusChangedAtAsc(EnumSet.of(status));
            return found.stream().map(d -> d.view(today)).toList();
        }));
    }

    public Optional<ReviewDetail> registryDeclaration(UUID declarationId) {
        registry();
        return asRegistry(() -> tx.execute(s -> declarations.findById(declarationId).map(d -> detail(d, true))));
    }

    /** The uploaded document of the version a declaration was made on, for METI's check. */
    public Optional<DocumentFile> registryDeclarationDocument(UUID declarationId) {
        registry();
        return asRegistry(() -> tx.execute(s -> declarations.findById(declarationId)
                .flatMap(d -> documents.findById(d.guidelineVersionId())).map(VersionDocument::file)));
    }

    public enum RegistryAction { LIST, RETURN, NOT_ACCEPT, DELIST, SUSPEND, RESTORE }

    /** 形式確認 and the listing's later life, each by METI only: list, return with comment, not accept, delist… */
    public void decide(UUID declarationId, long expectedVersion, RegistryAction action, String reason) {
        Actor actor = registry();
        asRegistry(() -> guard(() -> tx.execute(s -> {
            Declaration d = declarations.findById(declarationId).orElseThrow(() -> new GuidelineException("guidelines.declaration.notFound"));
            if (d.version() != expectedVersion) {
                throw new GuidelineException("guidelines.declaration.stale");
            }
            Instant now = clock.instant();
            StatusTransition t = switch (action) {
                case LIST -> d.list(actor, today(), now);
                case RETURN -> d.returnForChanges(actor, reason, now);
                case NOT_ACCEPT -> d.notAccept(actor, reason, now);
                case DELIST -> d.delist(actor, reason, now);
                case SUSPEND -> d.suspend(actor, reason, suspensionEnabled, now);
                case RESTORE -> d.restore(actor, reason, suspensionEnabled, now);
            };
            record(d, t);
            if (action == RegistryAction.RETURN) {
                comments.save(new ReviewComment(d, actor, Visibility.TO_APPLICANT, t.reason(), now));
            }
            if (action == RegistryAction.LIST) {
                for (Declaration older : declarations.findByGuidelineIdOrderByGenerationDesc(d.guidelineId())) {
                    if (!older.id().equals(d.id()) && EnumSet.of(DeclarationStatus.LISTED, DeclarationStatus.SUSPENDED,
                            DeclarationStatus.EXPIRED).contains(older.status())) {
                        record(older, older.supersede(Actor.SYSTEM, d.registrationNo() + " (" + d.generation() + ")", now));
                    }
                }
            }
            return null;
        })));
    }

    public void commentAsRegistry(UUID declarationId, String body, Visibility visibility) {
        Actor actor = registry();
        asRegistry(() -> guard(() -> tx.execute(s -> {
            Declaration d = declarations.findById(declarationId).orElseThrow(() -> new GuidelineException("guidelines.declaration.notFound"));
            comments.save(new ReviewComment(d, actor, visibility, body, clock.instant()));
            return null;
        })));
    }

    /** Who changed what, when and why: status changes, comments and edits (with before and after), oldest first. */
    public List<TrailEntry> auditTrail(UUID declarationId) {
        registry();
        return asRegistry(() -> tx.execute(s -> {
            if (declarations.findById(declarationId).isEmpty()) {
                return List.<TrailEntry>of();
            }
            List<TrailEntry> trail = new ArrayList<>();
            for (StatusTransition t : transitions.findByDeclarationIdOrderByIdAsc(declarationId)) {
                TransitionView v = t.view();
                trail.add(new TrailEntry(v.at(), v.actor() + " (" + v.party() + ")", "STATUS",
                        (v.from() == null ? "" : v.from() + " → ") + v.to() + (v.reason() == null ? "" : ": " + v.reason())));
            }
            for (ReviewComment c : comments.findByDeclarationIdOrderByCreatedAtAsc(declarationId)) {
                CommentView v = c.view();
                trail.add(new TrailEntry(v.at(), v.author() + " (" + v.party() + ")", "COMMENT_" + v.visibility(), v.body()));
            }
            // The platform's append-only audit log holds the edits, with before and after of each changed field.
            trail.addAll(audit.historyOf(AUDIT_TYPE, declarationId.toString()).stream()
                    .map(e -> new TrailEntry(e.occurredAt(), e.actorName() != null ? e.actorName() : e.actorId(), e.action(),
                            e.details() == null ? "" : e.details()))
                    .toList());
            trail.sort(Comparator.comparing(TrailEntry::at));
            return trail;
        }));
    }

    public void rewordChecklistItem(UUID itemId, long expectedVersion, String text, boolean requiresEvidence) {
        registry();
        asRegistry(() -> guard(() -> tx.execute(s -> {
            ChecklistItem item = checklistItems.findById(itemId).orElseThrow(() -> new GuidelineException("guidelines.checklist.notFound"));
            if (item.version() != expectedVersion) {
                throw new GuidelineException("guidelines.declaration.stale");
            }
            ChecklistItemView before = item.view();
            item.reword(text, requiresEvidence);
            checklistItems.saveAndFlush(item);
            audit.record("GL_CHECKLIST_ITEM_CHANGED", "GuidelineChecklistItem", itemId,
                    Map.of("before", before.text(), "after", item.view().text(), "requiresEvidence", requiresEvidence));
            return null;
        })));
    }

    public boolean suspensionEnabled() {
        return suspensionEnabled;
    }

    // ---------------------------------------------------------------- public (no sign-in)

    public PublicPage publicList(PublicQuery query, int page, int size) {
        int safeSize = Math.max(1, Math.min(size, 200));
        int safePage = Math.max(0, page);
        LocalDate today = today();
        return CurrentTenant.runAsSystem(() -> tx.execute(s -> {
            long total = PublicListQuery.count(em, query, today);
            List<PublicEntry> entries = PublicListQuery.find(em, query, today, safePage * safeSize, safeSize).stream()
                    .map(d -> d.publicEntry(today)).toList();
            return new PublicPage(entries, total, safePage, safeSize);
        }));
    }

    /** Every public entry matching the filters, for the CSV export. */
    public List<PublicEntry> publicExport(PublicQuery query) {
        LocalDate today = today();
        return CurrentTenant.runAsSystem(() -> tx.execute(s -> PublicListQuery.find(em, query, today, 0, 0).stream()
                .map(d -> d.publicEntry(today)).toList()));
    }

    /** The permalink: the newest public generation of a registration number and the earlier ones. */
    public Optional<PublicEntryDetail> publicEntry(String registrationNo) {
        if (!Guideline.isRegistrationNumber(registrationNo)) {
            return Optional.empty();
        }
        LocalDate today = today();
        return CurrentTenant.runAsSystem(() -> tx.execute(s -> {
            List<PublicEntry> all = declarations.findByRegistrationNoAndStatusInOrderByGenerationDesc(registrationNo,
                    DeclarationStatus.PUBLIC).stream().map(d -> d.publicEntry(today)).toList();
            return all.isEmpty() ? Optional.<PublicEntryDetail>empty()
                    : Optional.of(new PublicEntryDetail(all.get(0), all.subList(1, all.size())));
        }));
    }

    /** Verifies up to {@value #MAX_BATCH} registration numbers at once; unknown or non-public ones come back empty. */
    public List<Verification> verify(List<String> registrationNos) {
        if (registrationNos == null || registrationNos.isEmpty()) {
            throw new GuidelineException("guidelines.verify.none");
        }
        if (registrationNos.size() > MAX_BATCH) {
            throw new GuidelineException("guidelines.verify.tooMany");
        }
        for (String no : registrationNos) {
            if (!Guideline.isRegistrationNumber(no)) {
                throw new GuidelineException("guidelines.verify.malformed");
            }
        }
        LocalDate today = today();
        return CurrentTenant.runAsSystem(() -> tx.execute(s -> {
            Map<String, PublicEntry> newest = new LinkedHashMap<>();
            em.createQuery("select d from Declaration d where d.registrationNo in :nos and d.status in :statuses "
                            + "order by d.registrationNo, d.generation desc", Declaration.class)
                    .setParameter("nos", Set.copyOf(registrationNos))
                    .setParameter("statuses", DeclarationStatus.PUBLIC)
                    .getResultList()
                    .forEach(d -> newest.putIfAbsent(d.registrationNo(), d.publicEntry(today)));
            return registrationNos.stream().map(no -> new Verification(no, newest.get(no))).toList();
        }));
    }

    // ---------------------------------------------------------------- system

    /**
     * 失効: moves every listing whose logo window ended before {@code today} to EXPIRED and records the transition,
     * in one statement. Safe with several app instances: a row another instance expired first no longer matches
     * {@code status = 'LISTED'} once its lock is released (PostgreSQL re-checks the condition), so each listing
     * expires once, with one transition. Mirrors {@link Declaration#expire}.
     */
    public int expireOverdue(LocalDate today) {
        Instant now = clock.instant();
        return tx.execute(s -> jdbc.sql("""
                with expired as (
                    update gl_declaration
                       set status = 'EXPIRED', status_reason = null, status_changed_at = :now, version = version + 1
                     where status = 'LISTED' and valid_until < :today
                 returning tenant_id, id)
                insert into gl_status_transition
                    (tenant_id, declaration_id, from_status, to_status, actor_id, actor_party, occurred_at, reason)
                select tenant_id, id, 'LISTED', 'EXPIRED', 'system', 'SYSTEM', :now, null from expired
                """)
                .param("now", Timestamp.from(now))
                .param("today", today)
                .update());
    }

    /**
     * Demo data and benchmarks only (no signed-in user): creates the association profile if missing, the guideline
     * or a revision of it, and drives a declaration through the aggregate's own transitions on the seed's dates.
     * Returns the declaration's id.
     */
    public UUID seed(Seed seed) {
        return CurrentTenant.runAs(seed.tenantId(), () -> tx.execute(s -> {
            Association a = associations.findFirstBy().orElseGet(() -> {
                Association created = new Association(UUID.randomUUID());
                created.update(seed.corporateNumber(), seed.associationName(), seed.associationKind(), null, null, null);
                return associations.save(created);
            });
            Instant declaredAt = at(seed.declaredOn());
            Guideline g;
            if (seed.guidelineId() == null) {
                long next = jdbc.sql("select nextval('gl_registration_no_seq')").query(Long.class).single();
                g = guidelines.save(new Guideline(seed.tenantId(), Guideline.registrationNumber(next), seed.kind(),
                        seed.category(), seed.title(), seed.targetBusinesses(), seed.publicUrl(), at(seed.versionDatedOn())));
            } else {
                g = guidelines.findById(seed.guidelineId()).orElseThrow();
            }
            GuidelineVersion v = versions.save(new GuidelineVersion(seed.tenantId(), g.id(), seed.versionLabel(),
                    seed.versionDatedOn(), seed.publicUrl(), seed.declaredOn(), at(seed.versionDatedOn())));
            Declaration d = Declaration.draft(g, v, a.name(), declarations.countByGuidelineId(g.id()) + 1,
                    a.view().kind() == AssociationKind.INDUSTRY_ASSOCIATION ? FormType.FORM_1_ASSOCIATION : FormType.FORM_2_NO_ASSOCIATION,
                    editionOn(seed.declaredOn()), declaredAt);
            Actor association = new Actor("demo", a.name(), Party.ASSOCIATION);
            Actor meti = new Actor("demo", "経済産業省 ヘルスケア産業課", Party.REGISTRY);
            List<ChecklistItem> items = checklistItems.findByEditionOrderByPositionAsc(d.edition());
            Map<UUID, AnswerInput> answers = new LinkedHashMap<>();
            String base = seed.publicUrl() == null ? "https://example.org/guideline" : seed.publicUrl();
            items.forEach(i -> answers.put(i.id(), new AnswerInput(Answer.YES, base + "#" + i.view().code().toLowerCase())));
            d.edit(association, new Declaration.DraftContent(d.view(seed.declaredOn()).formType(), d.edition(), "代表理事",
                    "会長", true, answers), answers.keySet());
            // persist, not save: the id is assigned, so Spring Data would merge a copy and leave d detached.
            em.persist(d);
            em.flush();
            DeclarationStatus target = seed.target();
            List<StatusTransition> steps = new ArrayList<>();
            if (target != DeclarationStatus.DRAFT) {
                steps.add(d.submit(association, items, seed.declaredOn(), declaredAt.plusSeconds(3600)));
            }
            if (target == DeclarationStatus.NOT_ACCEPTED) {
                steps.add(d.notAccept(meti, seed.reason(), at(seed.listedOn())));
            } else if (target != DeclarationStatus.DRAFT && target != DeclarationStatus.SUBMITTED) {
                steps.add(d.list(meti, seed.listedOn(), at(seed.listedOn())));
                for (Declaration older : declarations.findByGuidelineIdOrderByGenerationDesc(g.id())) {
                    if (!older.id().equals(d.id()) && EnumSet.of(DeclarationStatus.LISTED, DeclarationStatus.SUSPENDED,
                            DeclarationStatus.EXPIRED).contains(older.status())) {
                        transitions.save(older.supersede(Actor.SYSTEM, g.registrationNo() + " (" + d.generation() + ")", at(seed.listedOn())));
                        declarations.save(older);
                    }
                }
                switch (target) {
                    case WITHDRAWN -> steps.add(d.withdraw(association, seed.reason(), at(seed.endedOn())));
                    case DELISTED -> steps.add(d.delist(meti, seed.reason(), at(seed.endedOn())));
                    case SUSPENDED -> steps.add(d.suspend(meti, seed.reason(), true, at(seed.endedOn())));
                    case EXPIRED -> steps.add(d.expire(Actor.SYSTEM, seed.endedOn(), at(seed.endedOn())));
                    default -> { }
                }
            }
            declarations.saveAndFlush(d);
            transitions.saveAll(steps);
            if (seed.reason() != null && target == DeclarationStatus.DRAFT) {
                comments.save(new ReviewComment(d, meti, Visibility.TO_APPLICANT, seed.reason(), declaredAt));
            }
            return d.id();
        }));
    }

    /** The edition of 本指針 in force on a day. */
    private String editionOn(LocalDate day) {
        return ruleDocuments.findAllByOrderByEditionDesc().stream()
                .filter(r -> !r.view().effectiveOn().isAfter(day))
                .map(r -> r.view().edition())
                .findFirst().orElse("2019");
    }

    private static Instant at(LocalDate day) {
        return day == null ? Instant.now() : day.atTime(10, 0).atZone(java.time.ZoneId.of("Asia/Tokyo")).toInstant();
    }

    /**
     * Sends each due expiry reminder once (8 months, 4 months, 30 days before the window ends): the
     * {@code gl_reminder_sent} row is claimed first ({@code on conflict do nothing}), so concurrent instances never
     * send the same one twice. Returns how many were sent.
     */
    public int sendDueReminders(LocalDate today, ReminderSender sender) {
        Instant now = clock.instant();
        List<Declaration> listed = CurrentTenant.runAsSystem(() -> tx.execute(s -> declarations.findByStatusInOrderByStatusChangedAtAsc(
                EnumSet.of(DeclarationStatus.LISTED))));
        int sent = 0;
        for (Declaration d : listed) {
            Reminder.Stage stage = d.statusOn(today) == DeclarationStatus.LISTED ? Reminder.stageFor(today, d.validUntil()) : null;
            if (stage == null) {
                continue;
            }
            Reminder reminder = new Reminder(d.id(), d.registrationNo(), d.title(), d.validUntil(),
                    java.time.temporal.ChronoUnit.DAYS.between(today, d.validUntil()), stage);
            boolean claimed = tx.execute(s -> jdbc.sql("""
                    insert into gl_reminder_sent (tenant_id, declaration_id, stage, sent_at) values (?, ?, ?, ?)
                    on conflict do nothing
                    """).params(d.tenantId(), d.id(), stage.name(), Timestamp.from(now)).update() == 1);
            if (claimed) {
                String email = CurrentTenant.runAs(d.tenantId(), () -> tx.execute(s ->
                        associations.findFirstBy().map(a -> a.view().contactEmail()).orElse(null)));
                sender.send(d.associationName(), email, reminder);
                sent++;
            }
        }
        return sent;
    }

    // ---------------------------------------------------------------- internals

    private ReviewDetail detail(Declaration d, boolean forRegistry) {
        LocalDate today = today();
        List<CommentView> thread = comments.findByDeclarationIdOrderByCreatedAtAsc(d.id()).stream()
                .map(ReviewComment::view)
                .filter(c -> forRegistry || c.visibility() == Visibility.TO_APPLICANT)
                .toList();
        LogoValidity window = LogoValidity.of(today, d.versionDatedOn());
        return new ReviewDetail(d.view(today), checklist(d.edition()), thread,
                transitions.findByDeclarationIdOrderByIdAsc(d.id()).stream().map(StatusTransition::view).toList(),
                window, suspensionEnabled);
    }

    private void record(Declaration d, StatusTransition t) {
        declarations.saveAndFlush(d);
        transitions.save(t);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("from", t.from() == null ? null : t.from().name());
        details.put("to", t.to().name());
        details.put("party", t.party().name());
        if (t.reason() != null) {
            details.put("reason", t.reason());
        }
        audit.recordFor(d.tenantId(), actorId(), actorName(), "GL_STATUS_" + t.to(), AUDIT_TYPE, d.id().toString(), details);
    }

    private static Map<String, ?> changesForAudit(Map<String, List<Object>> changes) {
        Map<String, Object> out = new LinkedHashMap<>();
        changes.forEach((field, beforeAfter) -> {
            Map<String, Object> pair = new LinkedHashMap<>();
            pair.put("before", beforeAfter.get(0) == null ? null : beforeAfter.get(0).toString());
            pair.put("after", beforeAfter.get(1) == null ? null : beforeAfter.get(1).toString());
            out.put(field, pair);
        });
        return out;
    }

    /** Turns races into clear messages: a stale form, or a second open declaration on the same guideline. */
    private static <T> T guard(Supplier<T> work) {
        try {
            return work.get();
        } catch (ObjectOptimisticLockingFailureException e) {
            throw new GuidelineException("guidelines.declaration.stale");
        } catch (DataIntegrityViolationException e) {
            String text = String.valueOf(e.getMostSpecificCause().getMessage());
            if (text.contains("gl_declaration_one_open_uk") || text.contains("gl_declaration_generation_uk")) {
                throw new GuidelineException("guidelines.declaration.openExists");
            }
            if (text.contains("gl_guideline_version_label_uk")) {
                throw new GuidelineException("guidelines.version.label.taken");
            }
            throw e;
        }
    }

    private static <T> T asRegistry(Supplier<T> work) {
        return CurrentTenant.runAsSystem(work);
    }

    private static SignedInUser signedIn() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof SignedInUser user) {
            return user;
        }
        return null;
    }

    private static Actor association() {
        SignedInUser me = signedIn();
        if (me == null || me.tenantKind() != TenantKind.ASSOCIATION || !me.hasRole(Role.ASSOCIATION_USER)) {
            throw new AccessDeniedException("association users only");
        }
        return new Actor(me.id().toString(), me.displayName(), Party.ASSOCIATION);
    }

    /** The check before the one tenant crossing: only a METI officer of the registry operator may read across. */
    private static Actor registry() {
        SignedInUser me = signedIn();
        if (me == null || me.tenantKind() != TenantKind.REGISTRY_OPERATOR || !me.hasRole(Role.REGISTRY_OFFICER)) {
            throw new AccessDeniedException("registry officers only");
        }
        return new Actor(me.id().toString(), me.displayName(), Party.REGISTRY);
    }

    private static String actorId() {
        SignedInUser me = signedIn();
        return me == null ? "system" : me.id().toString();
    }

    private static String actorName() {
        SignedInUser me = signedIn();
        return me == null ? null : me.displayName();
    }
}
