package jp.hip.guidelines.declarations;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import jp.hip.guidelines.Actor;
import jp.hip.guidelines.Callers;
import jp.hip.guidelines.LogoValidity;
import jp.hip.guidelines.comments.CommentView;
import jp.hip.guidelines.comments.CommentsRepository;
import jp.hip.guidelines.comments.ReviewComment;
import jp.hip.guidelines.comments.Visibility;
import jp.hip.guidelines.rules.ChecklistItem;
import jp.hip.guidelines.rules.ChecklistItemView;
import jp.hip.guidelines.rules.ChecklistItemsRepository;
import jp.hip.guidelines.rules.RuleDocument;
import jp.hip.guidelines.rules.RuleDocumentView;
import jp.hip.guidelines.rules.RuleDocumentsRepository;
import jp.hip.identity.AuditLog;

/**
 * What every actor's service shares: the registry's day (Japanese dates), recording a transition (row and audit
 * event), the review detail of a declaration, the editions of 本指針 and their checklists. Not a facade.
 */
@Component
public class DeclarationRecords {

    /** Dates of the scheme are Japanese dates: 00:00 in Tokyo starts the day, whatever the server's zone. */
    public static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    public static final String AUDIT_TYPE = "GuidelineDeclaration";

    final DeclarationsRepository declarations;
    final TransitionsRepository transitions;
    final CommentsRepository comments;
    final RuleDocumentsRepository ruleDocuments;
    final ChecklistItemsRepository checklistItems;
    public final EvidenceDocumentsRepository evidence;
    public final AuditLog audit;
    final Clock clock;
    public final boolean suspensionEnabled;

    DeclarationRecords(DeclarationsRepository declarations, TransitionsRepository transitions,
            CommentsRepository comments, RuleDocumentsRepository ruleDocuments, ChecklistItemsRepository checklistItems,
            EvidenceDocumentsRepository evidence, AuditLog audit, Clock clock, @Value("${hip.guidelines.suspension-enabled:false}") boolean suspensionEnabled) {
        this.declarations = declarations;
        this.transitions = transitions;
        this.comments = comments;
        this.ruleDocuments = ruleDocuments;
        this.checklistItems = checklistItems;
        this.evidence = evidence;
        this.audit = audit;
        this.clock = clock;
        this.suspensionEnabled = suspensionEnabled;
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(JAPAN));
    }

    public Instant now() {
        return clock.instant();
    }

    /** Saves the declaration, appends the transition and the audit event in the declaration's tenant. */
    public void record(Declaration d, StatusTransition t) {
        declarations.saveAndFlush(d);
        transitions.save(t);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("from", t.from() == null ? null : t.from().name());
        details.put("to", t.to().name());
        details.put("party", t.party().name());
        if (t.reason() != null) {
            details.put("reason", t.reason());
        }
        audit.recordFor(d.tenantId(), Callers.actorId(), Callers.actorName(), "GL_STATUS_" + t.to(), AUDIT_TYPE,
                d.id().toString(), details);
        // METI's decisions also belong to METI's own tenant audit: who there decided what, on which entry.
        jp.hip.identity.SignedInUser me = Callers.signedIn();
        if (me != null && !me.tenantId().equals(d.tenantId())) {
            Map<String, Object> own = new LinkedHashMap<>(details);
            own.put("registrationNo", d.registrationNo());
            own.put("association", d.associationName());
            audit.recordFor(me.tenantId(), me.id().toString(), me.displayName(), "GL_STATUS_" + t.to(), AUDIT_TYPE,
                    d.id().toString(), own);
        }
    }

    /** Once a declaration is listed, the older listed (or suspended, or expired) generations become 差替え. */
    public void supersedeOlder(Declaration listed, Instant now) {
        for (Declaration older : declarations.findByGuidelineIdOrderByGenerationDesc(listed.guidelineId())) {
            if (!older.id().equals(listed.id()) && EnumSet.of(DeclarationStatus.LISTED, DeclarationStatus.SUSPENDED,
                    DeclarationStatus.EXPIRED).contains(older.status())) {
                record(older, older.supersede(Actor.SYSTEM, listed.registrationNo() + " (" + listed.generation() + ")", now));
            }
        }
    }

    public ReviewDetail detail(Declaration d, boolean forRegistry) {
        LocalDate today = today();
        List<CommentView> thread = comments.findByDeclarationIdOrderByCreatedAtAsc(d.id()).stream()
                .map(ReviewComment::view)
                .filter(c -> forRegistry || c.visibility() == Visibility.TO_APPLICANT)
                .toList();
        LogoValidity window = LogoValidity.of(today, d.versionDatedOn());
        return new ReviewDetail(d.view(today), checklistOf(d), thread,
                transitions.findByDeclarationIdOrderByIdAsc(d.id()).stream().map(StatusTransition::view).toList(),
                window, suspensionEnabled, evidence.viewsOf(d.id()));
    }

    /**
     * The wording a declaration is answered against: a draft shows the current revisions of its edition; once
     * submitted, exactly the revisions it answered, whatever METI changed since (ADR 0013).
     */
    List<ChecklistItemView> checklistOf(Declaration d) {
        if (d.status() == DeclarationStatus.DRAFT) {
            return checklist(d.edition());
        }
        List<java.util.UUID> answered = d.answers().stream().map(ChecklistAnswer::itemId).toList();
        return checklistItems.findAllById(answered).stream()
                .sorted(java.util.Comparator.comparingInt(ChecklistItem::position))
                .map(ChecklistItem::view).toList();
    }

    public List<ChecklistItemView> checklist(String edition) {
        return checklistItems.findByEditionAndRetiredAtIsNullOrderByPositionAsc(edition).stream().map(ChecklistItem::view).toList();
    }

    public List<RuleDocumentView> ruleDocuments() {
        return ruleDocuments.findAllByOrderByEditionDesc().stream().map(RuleDocument::view).toList();
    }

    /** The edition of 本指針 in force on a day: the newest whose 施行日 has come. */
    public String editionOn(LocalDate day) {
        return ruleDocuments.findAllByOrderByEditionDesc().stream()
                .filter(r -> !r.view().effectiveOn().isAfter(day))
                .map(r -> r.view().edition())
                .findFirst().orElse("2019");
    }

    public static Map<String, ?> changesForAudit(Map<String, List<Object>> changes) {
        Map<String, Object> out = new LinkedHashMap<>();
        changes.forEach((field, beforeAfter) -> {
            Map<String, Object> pair = new LinkedHashMap<>();
            pair.put("before", beforeAfter.get(0) == null ? null : beforeAfter.get(0).toString());
            pair.put("after", beforeAfter.get(1) == null ? null : beforeAfter.get(1).toString());
            out.put(field, pair);
        });
        return out;
    }
}
