package jp.hip.guidelines.association;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.persistence.EntityManager;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import jp.hip.guidelines.Actor;
import jp.hip.guidelines.Callers;
import jp.hip.guidelines.DocumentFile;
import jp.hip.guidelines.GuidelineException;
import jp.hip.guidelines.comments.CommentsRepository;
import jp.hip.guidelines.comments.ReviewComment;
import jp.hip.guidelines.comments.Visibility;
import jp.hip.guidelines.declarations.AnswerInput;
import jp.hip.guidelines.declarations.Declaration;
import jp.hip.guidelines.declarations.DeclarationRecords;
import jp.hip.guidelines.declarations.DeclarationRules;
import jp.hip.guidelines.declarations.DeclarationStatus;
import jp.hip.guidelines.declarations.DeclarationsRepository;
import jp.hip.guidelines.declarations.DraftPrefill;
import jp.hip.guidelines.declarations.DraftProblems;
import jp.hip.guidelines.declarations.EvidenceDocument;
import jp.hip.guidelines.declarations.EvidenceView;
import jp.hip.guidelines.declarations.FormType;
import jp.hip.guidelines.declarations.ReviewDetail;
import jp.hip.guidelines.expiry.Reminder;
import jp.hip.guidelines.guideline.Guideline;
import jp.hip.guidelines.guideline.GuidelineDetail;
import jp.hip.guidelines.guideline.GuidelineKind;
import jp.hip.guidelines.guideline.GuidelineSummary;
import jp.hip.guidelines.guideline.GuidelineVersion;
import jp.hip.guidelines.guideline.GuidelinesRepository;
import jp.hip.guidelines.guideline.ServiceCategory;
import jp.hip.guidelines.guideline.VersionDocument;
import jp.hip.guidelines.guideline.VersionDocumentsRepository;
import jp.hip.guidelines.guideline.VersionsRepository;
import jp.hip.guidelines.rules.ChecklistItem;
import jp.hip.guidelines.rules.ChecklistItemView;
import jp.hip.guidelines.rules.ChecklistItemsRepository;
import jp.hip.guidelines.rules.RuleDocument;
import jp.hip.guidelines.rules.RuleDocumentView;
import jp.hip.guidelines.rules.RuleDocumentsRepository;
import jp.hip.identity.CurrentTenant;

/**
 * The association's side of the registry (ASSOCIATION_USER of an ASSOCIATION tenant): its profile, guidelines and
 * versions, declarations from draft to submission, withdrawal, its thread with METI and its reminders. Everything
 * acts in the caller's own tenant: Hibernate's {@code @TenantId} filter makes another association's guideline or
 * declaration simply not found.
 */
@Service
public class AssociationDesk {

    static final Set<DeclarationStatus> OPEN = EnumSet.of(DeclarationStatus.DRAFT, DeclarationStatus.SUBMITTED);

    private final AssociationsRepository associations;
    private final GuidelinesRepository guidelines;
    private final VersionsRepository versions;
    private final DeclarationsRepository declarations;
    private final CommentsRepository comments;
    private final RuleDocumentsRepository ruleDocuments;
    private final ChecklistItemsRepository checklistItems;
    private final VersionDocumentsRepository documents;
    private final DeclarationRecords records;
    private final EntityManager em;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final DraftPrefill prefill;

    AssociationDesk(AssociationsRepository associations, GuidelinesRepository guidelines, VersionsRepository versions,
            DeclarationsRepository declarations, CommentsRepository comments, RuleDocumentsRepository ruleDocuments,
            ChecklistItemsRepository checklistItems, VersionDocumentsRepository documents, DeclarationRecords records,
            EntityManager em, JdbcClient jdbc, TransactionTemplate tx, DraftPrefill prefill) {
        this.prefill = prefill;
        this.associations = associations;
        this.guidelines = guidelines;
        this.versions = versions;
        this.declarations = declarations;
        this.comments = comments;
        this.ruleDocuments = ruleDocuments;
        this.checklistItems = checklistItems;
        this.documents = documents;
        this.records = records;
        this.em = em;
        this.jdbc = jdbc;
        this.tx = tx;
    }

    public record AssociationProfile(String corporateNumber, String name, AssociationKind kind,
            String representativeName, String websiteUrl, String contactEmail) {}

    public Optional<AssociationView> myAssociation() {
        Callers.association();
        return tx.execute(s -> associations.findFirstBy().map(Association::view));
    }

    public void saveAssociation(AssociationProfile profile) {
        Callers.association();
        tx.executeWithoutResult(s -> {
            Association a = associations.findFirstBy().orElseGet(() -> new Association(UUID.randomUUID()));
            a.update(profile.corporateNumber(), profile.name(), profile.kind(), profile.representativeName(),
                    profile.websiteUrl(), profile.contactEmail());
            associations.save(a);
            records.audit.record("GL_ASSOCIATION_SAVED", "GuidelineAssociation", a.view().id(), Map.of("corporateNumber", a.view().corporateNumber()));
        });
    }

    public record NewGuideline(GuidelineKind kind, ServiceCategory serviceCategory, String title,
            String targetBusinesses, String publicUrl, String versionLabel, LocalDate versionDatedOn, String documentUrl) {}

    /** A guideline with its first version; the registration number is fixed now and never changes. */
    public UUID registerGuideline(NewGuideline command) {
        Actor actor = Callers.association();
        UUID tenantId = CurrentTenant.tenantId().orElseThrow();
        return Callers.guard(() -> tx.execute(s -> {
            associations.findFirstBy().orElseThrow(() -> new GuidelineException("guidelines.association.profileRequired"));
            long next = jdbc.sql("select nextval('gl_registration_no_seq')").query(Long.class).single();
            Instant now = records.now();
            Guideline g = new Guideline(tenantId, Guideline.registrationNumber(next), command.kind(),
                    command.serviceCategory(), command.title(), command.targetBusinesses(), command.publicUrl(), now);
            GuidelineVersion v = new GuidelineVersion(tenantId, g.id(), command.versionLabel(), command.versionDatedOn(),
                    command.documentUrl(), records.today(), now);
            guidelines.save(g);
            versions.save(v);
            records.audit.record("GL_GUIDELINE_REGISTERED", "Guideline", g.id(), Map.of("registrationNo", g.registrationNo(), "by", actor.id()));
            return g.id();
        }));
    }

    public List<GuidelineSummary> myGuidelines() {
        Callers.association();
        LocalDate today = records.today();
        return tx.execute(s -> guidelines.findAllByOrderByRegistrationNoAsc().stream()
                .map(g -> new GuidelineSummary(g.id(), g.registrationNo(), g.title(), g.kind(), g.serviceCategory(),
                        declarations.findByGuidelineIdOrderByGenerationDesc(g.id()).stream().findFirst()
                                .map(d -> d.view(today)).orElse(null)))
                .toList());
    }

    public Optional<GuidelineDetail> myGuideline(UUID guidelineId) {
        Callers.association();
        LocalDate today = records.today();
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
        Callers.association();
        return Callers.guard(() -> tx.execute(s -> {
            Guideline g = guidelines.findById(guidelineId).orElseThrow(() -> new GuidelineException("guidelines.guideline.notFound"));
            GuidelineVersion v = new GuidelineVersion(g.tenantId(), g.id(), command.label(), command.datedOn(),
                    command.documentUrl(), records.today(), records.now());
            VersionDocument document = command.document() == null || command.document().length == 0 ? null
                    : new VersionDocument(v, command.documentName(), command.document(), records.now());
            versions.saveAndFlush(v);
            if (document != null) {
                em.persist(document);
            }
            records.audit.record("GL_VERSION_ADDED", "Guideline", g.id(), Map.of("label", v.label(), "datedOn", v.datedOn().toString(),
                    "document", document == null ? "" : document.file().fileName()));
            return v.id();
        }));
    }

    /** The uploaded document of one of the own association's versions. */
    public Optional<DocumentFile> myVersionDocument(UUID versionId) {
        Callers.association();
        return tx.execute(s -> documents.findById(versionId).map(VersionDocument::file));
    }

    /**
     * A new draft declaration on one version, against the edition in force, pre-filled from the guideline's previous
     * declaration; only one declaration per guideline may be open at a time, and once one was listed the version must
     * be newer (ADR 0013).
     */
    public UUID startDeclaration(UUID guidelineId, UUID versionId, FormType formType, String edition) {
        Actor actor = Callers.association();
        return Callers.guard(() -> tx.execute(s -> {
            Guideline g = guidelines.findById(guidelineId).orElseThrow(() -> new GuidelineException("guidelines.guideline.notFound"));
            GuidelineVersion v = versions.findById(versionId).filter(x -> x.guidelineId().equals(g.id()))
                    .orElseThrow(() -> new GuidelineException("guidelines.version.notFound"));
            String inForce = records.editionOn(records.today());
            DeclarationRules.requireEditionInForce(edition == null || edition.isBlank() ? inForce : edition, inForce);
            if (declarations.existsByGuidelineIdAndStatusIn(g.id(), OPEN)) {
                throw new GuidelineException("guidelines.declaration.openExists");
            }
            List<Declaration> earlier = declarations.findByGuidelineIdOrderByGenerationDesc(g.id());
            DeclarationRules.requireNewerVersion(v, earlier);
            Association a = associations.findFirstBy().orElseThrow(() -> new GuidelineException("guidelines.association.profileRequired"));
            Declaration d = Declaration.draft(g, v, a.name(), declarations.countByGuidelineId(g.id()) + 1, formType,
                    inForce, records.now());
            declarations.saveAndFlush(d);
            if (!earlier.isEmpty()) {
                prefill.fill(d, earlier.get(0), actor, records.today(), records.now());
                declarations.saveAndFlush(d);
            }
            records.audit.record("GL_DECLARATION_STARTED", DeclarationRecords.AUDIT_TYPE, d.id(), Map.of("registrationNo", g.registrationNo(), "version", v.label()));
            return d.id();
        }));
    }

    /** The declaration of the own association, with the comments visible to it; empty for another's. */
    public Optional<ReviewDetail> myDeclaration(UUID declarationId) {
        Callers.association();
        return tx.execute(s -> declarations.findById(declarationId).map(d -> records.detail(d, false)));
    }

    /** An uploaded evidence document for one item: the name the browser gave and the bytes. */
    public record Upload(String fileName, byte[] content) {}

    /** The declaration form; {@code uploads} adds or replaces the evidence document of some items. */
    public record DraftInput(FormType formType, String edition, String signatoryName, String signatoryTitle,
            boolean pledged, Map<UUID, AnswerInput> answers, Map<UUID, Upload> uploads) {

        public DraftInput(FormType formType, String edition, String signatoryName, String signatoryTitle,
                boolean pledged, Map<UUID, AnswerInput> answers) {
            this(formType, edition, signatoryName, signatoryTitle, pledged, answers, Map.of());
        }
    }

    public void saveDraft(UUID declarationId, long expectedVersion, DraftInput input) {
        Actor actor = Callers.association();
        Callers.guard(() -> tx.execute(s -> {
            edit(actor, ownDeclaration(declarationId, expectedVersion), input);
            return null;
        }));
    }

    /** Saves the form and submits it, in one transaction: if the form is incomplete nothing is written. */
    public void saveAndSubmit(UUID declarationId, long expectedVersion, DraftInput input) {
        Actor actor = Callers.association();
        Callers.guard(() -> tx.execute(s -> {
            Declaration d = ownDeclaration(declarationId, expectedVersion);
            edit(actor, d, input);
            DeclarationRules.requireEditionInForce(d.edition(), records.editionOn(records.today()));
            records.record(d, d.submit(actor, checklistItems.findByEditionAndRetiredAtIsNullOrderByPositionAsc(d.edition()), documented(d), records.today(), records.now()));
            return null;
        }));
    }

    private void edit(Actor actor, Declaration d, DraftInput input) {
        {
            String edition = input.edition() == null || input.edition().isBlank() ? d.edition() : input.edition();
            DeclarationRules.requireEditionInForce(edition, records.editionOn(records.today()));
            Map<UUID, String> items = checklistItems.findByEditionAndRetiredAtIsNullOrderByPositionAsc(edition).stream()
                    .collect(Collectors.toMap(ChecklistItem::id, ChecklistItem::code));
            // every problem of the form at once: the uploads' (type, size) beside the fields' and answers'
            List<DraftProblems.Problem> uploadProblems = new java.util.ArrayList<>();
            (input.uploads() == null ? Map.<UUID, Upload>of() : input.uploads()).forEach((itemId, upload) -> {
                if (items.containsKey(itemId) && upload != null && upload.content() != null && upload.content().length > 0) {
                    try {
                        EvidenceDocument.typeOf(upload.content(), items.get(itemId));
                    } catch (GuidelineException e) {
                        uploadProblems.add(new DraftProblems.Problem(DraftProblems.Part.EVIDENCE_FILE, itemId, e.messageKey(), e.args()));
                    }
                }
            });
            uploadProblems.sort(DraftProblems.BY_ITEM_CODE);
            Map<String, List<Object>> changes;
            try {
                changes = d.edit(actor, new Declaration.DraftContent(input.formType(),
                        edition, input.signatoryName(), input.signatoryTitle(), input.pledged(),
                        input.answers() == null ? Map.of() : input.answers()), items);
            } catch (DraftProblems e) {
                List<DraftProblems.Problem> all = new java.util.ArrayList<>(e.problems());
                all.addAll(uploadProblems);
                throw DraftProblems.of(all);
            }
            DraftProblems.throwIfAny(uploadProblems);
            declarations.saveAndFlush(d);
            if (input.uploads() != null) {
                input.uploads().forEach((itemId, upload) -> {
                    if (items.containsKey(itemId) && upload != null && upload.content() != null && upload.content().length > 0) {
                        EvidenceDocument document = new EvidenceDocument(d, itemId, items.get(itemId), upload.fileName(),
                                upload.content(), records.now());
                        records.evidence.findByDeclarationIdAndItemId(d.id(), itemId).ifPresent(records.evidence::delete);
                        records.evidence.flush();
                        records.evidence.save(document);
                        changes.put("evidence " + items.get(itemId), java.util.Arrays.asList(null, document.view().fileName()));
                    }
                });
            }
            if (!changes.isEmpty()) {
                records.audit.record("GL_DECLARATION_EDITED", DeclarationRecords.AUDIT_TYPE, d.id(), DeclarationRecords.changesForAudit(changes));
            }
        }
    }

    public void submit(UUID declarationId, long expectedVersion) {
        Actor actor = Callers.association();
        Callers.guard(() -> tx.execute(s -> {
            Declaration d = ownDeclaration(declarationId, expectedVersion);
            DeclarationRules.requireEditionInForce(d.edition(), records.editionOn(records.today()));
            records.record(d, d.submit(actor, checklistItems.findByEditionAndRetiredAtIsNullOrderByPositionAsc(d.edition()), documented(d), records.today(), records.now()));
            return null;
        }));
    }

    public void withdraw(UUID declarationId, long expectedVersion, String reason) {
        Actor actor = Callers.association();
        Callers.guard(() -> tx.execute(s -> {
            Declaration d = ownDeclaration(declarationId, expectedVersion);
            records.record(d, d.withdraw(actor, reason, records.now()));
            return null;
        }));
    }

    /** The association answers in the thread; its comments are always visible to both sides. */
    public void commentAsAssociation(UUID declarationId, String body) {
        Actor actor = Callers.association();
        Callers.guard(() -> tx.execute(s -> {
            Declaration d = declarations.findById(declarationId).orElseThrow(() -> new GuidelineException("guidelines.declaration.notFound"));
            comments.save(new ReviewComment(d, actor, Visibility.TO_APPLICANT, body, records.now()));
            return null;
        }));
    }

    /** Logo windows of the own listings that end within 8 months (8 months, 4 months, 30 days: the reminder stages). */
    public List<Reminder> myReminders() {
        Callers.association();
        LocalDate today = records.today();
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
        return tx.execute(s -> checklistItems.findByEditionAndRetiredAtIsNullOrderByPositionAsc(edition).stream().map(ChecklistItem::view).toList());
    }

    /** The edition of 本指針 in force today: the only one a new declaration can be made against. */
    public RuleDocumentView editionInForce() {
        return tx.execute(s -> {
            String edition = records.editionOn(records.today());
            return records.ruleDocuments().stream().filter(r -> r.edition().equals(edition)).findFirst().orElseThrow();
        });
    }

    public List<RuleDocumentView> ruleDocuments() {
        return tx.execute(s -> ruleDocuments.findAllByOrderByEditionDesc().stream().map(RuleDocument::view).toList());
    }

    /** The uploaded evidence of one item of the own association's declaration. */
    public Optional<DocumentFile> myEvidence(UUID declarationId, UUID itemId) {
        Callers.association();
        return tx.execute(s -> records.evidence.findByDeclarationIdAndItemId(declarationId, itemId).map(EvidenceDocument::file));
    }

    private Set<UUID> documented(Declaration d) {
        return records.evidence.viewsOf(d.id()).stream().map(EvidenceView::itemId).collect(Collectors.toSet());
    }

    private Declaration ownDeclaration(UUID declarationId, long expectedVersion) {
        Declaration d = declarations.findById(declarationId).orElseThrow(() -> new GuidelineException("guidelines.declaration.notFound"));
        if (d.version() != expectedVersion) {
            throw new GuidelineException("guidelines.declaration.stale");
        }
        return d;
    }
}
