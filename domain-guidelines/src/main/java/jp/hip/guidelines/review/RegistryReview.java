package jp.hip.guidelines.review;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import jp.hip.guidelines.Actor;
import jp.hip.guidelines.Callers;
import jp.hip.guidelines.DocumentFile;
import jp.hip.guidelines.GuidelineException;
import jp.hip.guidelines.comments.CommentsRepository;
import jp.hip.guidelines.comments.ReviewComment;
import jp.hip.guidelines.comments.Visibility;
import jp.hip.guidelines.declarations.Declaration;
import jp.hip.guidelines.declarations.DeclarationRecords;
import jp.hip.guidelines.declarations.DeclarationStatus;
import jp.hip.guidelines.declarations.DeclarationView;
import jp.hip.guidelines.declarations.DeclarationsRepository;
import jp.hip.guidelines.declarations.EvidenceDocument;
import jp.hip.guidelines.declarations.ReviewDetail;
import jp.hip.guidelines.declarations.StatusTransition;
import jp.hip.guidelines.declarations.TransitionsRepository;
import jp.hip.guidelines.guideline.VersionDocument;
import jp.hip.guidelines.guideline.VersionDocumentsRepository;
import jp.hip.guidelines.rules.ChecklistItem;
import jp.hip.guidelines.rules.ChecklistItemView;
import jp.hip.guidelines.rules.ChecklistItemsRepository;
import jp.hip.guidelines.rules.RuleDocumentView;
import jp.hip.identity.CrossTenantScope;
import jp.hip.identity.CurrentTenant;

/**
 * METI's side of the registry (REGISTRY_OFFICER of the REGISTRY_OPERATOR tenant): the work queue, the formal check
 * (掲載, 差戻し, 不受理), the listing's later life (掲載取消, 一時停止), comments, the audit trail and the checklist
 * wording. Each method first checks the caller, then runs in the database scope {@link CrossTenantScope#REVIEW}
 * (ADR 0090): this is the one explicit crossing of tenants in the module, and an association user calling it is refused.
 */
@Service
public class RegistryReview {

    private final DeclarationsRepository declarations;
    private final TransitionsRepository transitions;
    private final CommentsRepository comments;
    private final ChecklistItemsRepository checklistItems;
    private final VersionDocumentsRepository documents;
    private final DeclarationRecords records;
    private final TransactionTemplate tx;
    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;
    private final AuditTrail trail;
    private final AssociationMail mail;

    RegistryReview(DeclarationsRepository declarations, TransitionsRepository transitions, CommentsRepository comments,
            ChecklistItemsRepository checklistItems, VersionDocumentsRepository documents, DeclarationRecords records,
            TransactionTemplate tx, org.springframework.jdbc.core.simple.JdbcClient jdbc, AuditTrail trail,
            AssociationMail mail) {
        this.trail = trail;
        this.mail = mail;
        this.jdbc = jdbc;
        this.declarations = declarations;
        this.transitions = transitions;
        this.comments = comments;
        this.checklistItems = checklistItems;
        this.documents = documents;
        this.records = records;
        this.tx = tx;
    }

    /** The work queue (SUBMITTED, oldest first) or, with a status, every declaration in that status. */
    public List<DeclarationView> registryDeclarations(DeclarationStatus status) {
        Callers.registry();
        LocalDate today = records.today();
        return asRegistry(() -> tx.execute(s -> {
            List<Declaration> found = status == null
                    ? declarations.findByStatusInOrderByStatusChangedAtAsc(EnumSet.of(DeclarationStatus.SUBMITTED))
                    : status == DeclarationStatus.DRAFT ? List.<Declaration>of()
                    : declarations.findByStatusInOrderByStatusChangedAtAsc(EnumSet.of(status));
            return found.stream().map(d -> d.view(today)).toList();
        }));
    }

    public Optional<ReviewDetail> registryDeclaration(UUID declarationId) {
        Callers.registry();
        return asRegistry(() -> tx.execute(s -> submitted(declarationId).map(d -> records.detail(d, true))));
    }

    /** The uploaded document of the version a declaration was made on, for METI's check. */
    public Optional<DocumentFile> registryDeclarationDocument(UUID declarationId) {
        Callers.registry();
        return asRegistry(() -> tx.execute(s -> submitted(declarationId)
                .flatMap(d -> documents.findById(d.guidelineVersionId())).map(VersionDocument::file)));
    }

    /** The uploaded evidence of one answer of a submitted declaration, for METI's check. */
    public Optional<DocumentFile> registryEvidence(UUID declarationId, UUID itemId) {
        Callers.registry();
        return asRegistry(() -> tx.execute(s -> submitted(declarationId)
                .flatMap(d -> records.evidence.findByDeclarationIdAndItemId(d.id(), itemId)).map(EvidenceDocument::file)));
    }

    public enum RegistryAction { LIST, RETURN, NOT_ACCEPT, DELIST, SUSPEND, RESTORE }

    /** 形式確認 and the listing's later life, each by METI only: list, return with comment, not accept, delist… */
    public void decide(UUID declarationId, long expectedVersion, RegistryAction action, String reason) {
        Actor actor = Callers.registry();
        asRegistry(() -> Callers.guard(() -> tx.execute(s -> {
            Declaration d = submitted(declarationId).orElseThrow(() -> new GuidelineException("guidelines.declaration.notFound"));
            if (d.version() != expectedVersion) {
                throw new GuidelineException("guidelines.declaration.stale");
            }
            Instant now = records.now();
            StatusTransition t = switch (action) {
                case LIST -> d.list(actor, records.today(), now);
                case RETURN -> d.returnForChanges(actor, reason, now);
                case NOT_ACCEPT -> d.notAccept(actor, reason, now);
                case DELIST -> d.delist(actor, reason, now);
                case SUSPEND -> d.suspend(actor, reason, records.suspensionEnabled, now);
                case RESTORE -> d.restore(actor, reason, records.suspensionEnabled, now);
            };
            records.record(d, t);
            if (action == RegistryAction.RETURN) {
                comments.save(new ReviewComment(d, actor, Visibility.TO_APPLICANT, t.reason(), now));
            }
            if (action == RegistryAction.LIST) {
                records.supersedeOlder(d, now);
            }
            mail.decision(d, action, t.reason());
            return null;
        })));
    }

    public void commentAsRegistry(UUID declarationId, String body, Visibility visibility) {
        Actor actor = Callers.registry();
        asRegistry(() -> Callers.guard(() -> tx.execute(s -> {
            Declaration d = submitted(declarationId).orElseThrow(() -> new GuidelineException("guidelines.declaration.notFound"));
            comments.save(new ReviewComment(d, actor, visibility, body, records.now()));
            if (visibility == Visibility.TO_APPLICANT) {
                mail.comment(d, body);
            }
            return null;
        })));
    }

    /** Who changed what, when and why: status changes, comments and edits (with before and after), oldest first. */
    public List<TrailEntry> auditTrail(UUID declarationId) {
        Callers.registry();
        return asRegistry(() -> tx.execute(s -> {
            if (submitted(declarationId).isEmpty()) {
                return List.<TrailEntry>of();
            }
            return trail.of(declarationId);
        }));
    }

    /**
     * New wording for an item: a new revision for declarations made from now on (and for drafts, which have not
     * declared anything yet); submitted and listed declarations keep the revision they answered (ADR 0013).
     * Returns the new revision's id.
     */
    public UUID rewordChecklistItem(UUID itemId, long expectedVersion, String text, boolean requiresEvidence) {
        Callers.registry();
        return asRegistry(() -> Callers.guard(() -> tx.execute(s -> {
            ChecklistItem item = checklistItems.findById(itemId).orElseThrow(() -> new GuidelineException("guidelines.checklist.notFound"));
            if (item.version() != expectedVersion) {
                throw new GuidelineException("guidelines.declaration.stale");
            }
            ChecklistItemView before = item.view();
            ChecklistItem next = item.reword(text, requiresEvidence, records.now());
            checklistItems.saveAndFlush(item);
            checklistItems.saveAndFlush(next);
            jdbc.sql("""
                    update gl_checklist_answer a set item_id = :next
                      from gl_declaration d
                     where d.id = a.declaration_id and d.status = 'DRAFT' and a.item_id = :old
                    """).param("next", next.id()).param("old", itemId).update();
            records.audit.record("GL_CHECKLIST_ITEM_CHANGED", "GuidelineChecklistItem", next.id(),
                    Map.of("code", next.view().code(), "revision", next.view().revision(), "before", before.text(),
                            "after", next.view().text(), "requiresEvidence", requiresEvidence));
            return next.id();
        })));
    }

    public boolean suspensionEnabled() {
        return records.suspensionEnabled;
    }

    /** The checklist of an edition and the editions, for METI's checklist page. */
    public List<ChecklistItemView> checklist(String edition) {
        Callers.registry();
        return tx.execute(s -> records.checklist(edition));
    }

    public List<RuleDocumentView> ruleDocuments() {
        return tx.execute(s -> records.ruleDocuments());
    }

    /**
     * METI sees what was submitted, never a draft: an association's draft (new, or returned with comments) is its own
     * until it is submitted again, so to METI it does not exist.
     */
    private Optional<Declaration> submitted(UUID declarationId) {
        return declarations.findById(declarationId).filter(d -> d.status() != DeclarationStatus.DRAFT);
    }

    private static <T> T asRegistry(Supplier<T> work) {
        return CurrentTenant.runInScope(CrossTenantScope.REVIEW, "METI's registry review", work);
    }
}
