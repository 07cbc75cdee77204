package jp.hip.guidelines.declarations;

import static jp.hip.guidelines.declarations.DeclarationStatus.DELISTED;
import static jp.hip.guidelines.declarations.DeclarationStatus.DRAFT;
import static jp.hip.guidelines.declarations.DeclarationStatus.EXPIRED;
import static jp.hip.guidelines.declarations.DeclarationStatus.LISTED;
import static jp.hip.guidelines.declarations.DeclarationStatus.NOT_ACCEPTED;
import static jp.hip.guidelines.declarations.DeclarationStatus.SUBMITTED;
import static jp.hip.guidelines.declarations.DeclarationStatus.SUPERSEDED;
import static jp.hip.guidelines.declarations.DeclarationStatus.SUSPENDED;
import static jp.hip.guidelines.declarations.DeclarationStatus.WITHDRAWN;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.TenantId;

import jp.hip.guidelines.Actor;
import jp.hip.guidelines.GuidelineException;
import jp.hip.guidelines.LogoValidity;
import jp.hip.guidelines.Party;
import jp.hip.guidelines.Texts;
import jp.hip.guidelines.guideline.Guideline;
import jp.hip.guidelines.guideline.GuidelineKind;
import jp.hip.guidelines.guideline.GuidelineVersion;
import jp.hip.guidelines.guideline.ServiceCategory;
import jp.hip.guidelines.publicregister.PublicEntry;
import jp.hip.guidelines.rules.ChecklistItem;

/**
 * 宣言書: an association's declaration that one version of its guideline follows 本指針, and the lifecycle of
 * its listing. Every transition is allowed from named statuses only and to one party only, and returns the
 * {@link StatusTransition} that records it (actor, time, reason):
 *
 * <pre>
 * DRAFT ─submit (association)─▶ SUBMITTED ─list (METI)─▶ LISTED ─expire (system, after valid_until)─▶ EXPIRED
 *   ▲                              │ │                      ├─withdraw (association)─▶ WITHDRAWN
 *   └──return with comment (METI)──┘ └─not accept (METI)─▶ NOT_ACCEPTED
 *                                                         ├─delist, reason required (METI)─▶ DELISTED
 *                                                         ├─supersede (system, a newer generation is listed)─▶ SUPERSEDED
 *                                                         └─suspend (METI, setting) ◀─▶ restore (METI) SUSPENDED
 * </pre>
 * Expiry is also computed on every read ({@link #statusOn(LocalDate)}), so a late job never shows a stale 掲載中.
 */
@Entity
@Table(name = "gl_declaration")
public class Declaration {

    @TenantId
    @Column(name = "tenant_id")
    private UUID tenantId;

    @Id
    private UUID id;

    @Column(name = "guideline_id")
    private UUID guidelineId;

    @Column(name = "guideline_version_id")
    private UUID guidelineVersionId;

    private int generation;

    @Enumerated(EnumType.STRING)
    @Column(name = "form_type")
    private FormType formType;

    private String edition;

    @Column(name = "signatory_name")
    private String signatoryName;

    @Column(name = "signatory_title")
    private String signatoryTitle;

    private boolean pledged;

    @Enumerated(EnumType.STRING)
    private DeclarationStatus status;

    @Column(name = "status_reason")
    private String statusReason;

    @Column(name = "status_changed_at")
    private Instant statusChangedAt;

    @Column(name = "declared_on")
    private LocalDate declaredOn;

    @Column(name = "submitted_at")
    private Instant submittedAt;

    @Column(name = "listed_on")
    private LocalDate listedOn;

    @Column(name = "valid_from")
    private LocalDate validFrom;

    @Column(name = "valid_until")
    private LocalDate validUntil;

    @Column(name = "registration_no")
    private String registrationNo;

    @Column(name = "association_name")
    private String associationName;

    private String title;

    @Enumerated(EnumType.STRING)
    private GuidelineKind kind;

    @Enumerated(EnumType.STRING)
    @Column(name = "service_category")
    private ServiceCategory serviceCategory;

    @Column(name = "version_label")
    private String versionLabel;

    @Column(name = "version_dated_on")
    private LocalDate versionDatedOn;

    @Column(name = "public_url")
    private String publicUrl;

    @Column(name = "created_at")
    private Instant createdAt;

    @Version
    private long version;

    @ElementCollection(fetch = FetchType.LAZY) // the public list never needs the answers
    @CollectionTable(name = "gl_checklist_answer", joinColumns = @JoinColumn(name = "declaration_id"))
    private List<ChecklistAnswer> answers = new ArrayList<>();

    protected Declaration() {}

    /** A new draft on one version of a guideline; the public columns are taken from them now. */
    public static Declaration draft(Guideline guideline, GuidelineVersion guidelineVersion, String associationName,
            int generation, FormType formType, String edition, Instant now) {
        DraftEdit.requireFormAndEdition(formType, edition);
        if (!guidelineVersion.guidelineId().equals(guideline.id())) {
            throw new IllegalArgumentException("version of another guideline");
        }
        Declaration d = new Declaration();
        d.tenantId = guideline.tenantId();
        d.id = UUID.randomUUID();
        d.guidelineId = guideline.id();
        d.guidelineVersionId = guidelineVersion.id();
        d.generation = generation;
        d.formType = formType;
        d.edition = edition;
        d.status = DRAFT;
        d.statusChangedAt = now;
        d.registrationNo = guideline.registrationNo();
        d.associationName = associationName;
        d.title = guideline.title();
        d.kind = guideline.kind();
        d.serviceCategory = guideline.serviceCategory();
        d.versionLabel = guidelineVersion.label();
        d.versionDatedOn = guidelineVersion.datedOn();
        d.publicUrl = guideline.publicUrl();
        d.createdAt = now;
        return d;
    }

    /** What the association may change while the declaration is a draft. */
    public record DraftContent(FormType formType, String edition, String signatoryName, String signatoryTitle,
            boolean pledged, Map<UUID, AnswerInput> answers) {}

    /** Edits the draft, checked by {@link DraftEdit}; answers of items not in {@code itemsOfEdition} are dropped. */
    public Map<String, List<Object>> edit(Actor actor, DraftContent content, Map<UUID, String> itemsOfEdition) {
        DeclarationRules.requireParty(actor, Party.ASSOCIATION);
        if (status != DRAFT) {
            throw new GuidelineException("guidelines.declaration.notEditable");
        }
        DraftEdit checked = DraftEdit.of(content, itemsOfEdition);
        Map<String, List<Object>> changes = new java.util.LinkedHashMap<>();
        DeclarationRules.change(changes, "formType", formType, checked.formType());
        DeclarationRules.change(changes, "edition", edition, checked.edition());
        DeclarationRules.change(changes, "signatoryName", signatoryName, checked.signatoryName());
        DeclarationRules.change(changes, "signatoryTitle", signatoryTitle, checked.signatoryTitle());
        DeclarationRules.change(changes, "pledged", pledged, checked.pledged());
        DeclarationRules.change(changes, "answers", DeclarationRules.answerSummary(answers),
                DeclarationRules.answerSummary(checked.answers()));
        formType = checked.formType();
        edition = checked.edition();
        signatoryName = checked.signatoryName();
        signatoryTitle = checked.signatoryTitle();
        pledged = checked.pledged();
        answers.clear();
        answers.addAll(checked.answers());
        return changes;
    }

    /**
     * 提出: the form must be complete (signatory, pledge, every item of the edition answered 「はい」 or
     * 「該当なし」, evidence where the item asks for it) and the logo window must not be empty.
     */
    public StatusTransition submit(Actor actor, Collection<ChecklistItem> itemsOfEdition, Set<UUID> documented, LocalDate today,
            Instant now) {
        DeclarationRules.requireParty(actor, Party.ASSOCIATION);
        requireStatus(DRAFT);
        List<DraftProblems.Problem> problems = new ArrayList<>();
        if (signatoryName == null) {
            problems.add(new DraftProblems.Problem(DraftProblems.Part.SIGNATORY_NAME, null, "guidelines.declaration.signatory.required", null));
        }
        if (!pledged) {
            problems.add(new DraftProblems.Problem(DraftProblems.Part.PLEDGE, null, "guidelines.declaration.pledge.required", null));
        }
        problems.addAll(DeclarationRules.checklistProblems(answers, itemsOfEdition, documented));
        DraftProblems.throwIfAny(problems);
        LogoValidity window = LogoValidity.of(today, versionDatedOn);
        if (window.isEmpty()) {
            throw new GuidelineException("guidelines.declaration.window.empty");
        }
        declaredOn = today;
        submittedAt = now;
        validFrom = window.from();
        validUntil = window.until();
        return move(SUBMITTED, actor, null, now);
    }

    /** 差戻し: back to the association as a draft, with the comment that says what to fix. */
    public StatusTransition returnForChanges(Actor actor, String comment, Instant now) {
        DeclarationRules.requireParty(actor, Party.REGISTRY);
        requireStatus(SUBMITTED);
        String reason = DeclarationRules.reasonRequired(comment);
        declaredOn = null;
        submittedAt = null;
        validFrom = null;
        validUntil = null;
        return move(DRAFT, actor, reason, now);
    }

    /** 掲載: the form is complete; the entry goes on the public list from today. */
    public StatusTransition list(Actor actor, LocalDate today, Instant now) {
        DeclarationRules.requireParty(actor, Party.REGISTRY);
        requireStatus(SUBMITTED);
        if (validUntil.isBefore(today)) {
            throw new GuidelineException("guidelines.declaration.window.over");
        }
        listedOn = today;
        return move(LISTED, actor, null, now);
    }

    /** 不受理: the declaration does not meet the form; it never appears publicly. */
    public StatusTransition notAccept(Actor actor, String reason, Instant now) {
        DeclarationRules.requireParty(actor, Party.REGISTRY);
        requireStatus(SUBMITTED);
        return move(NOT_ACCEPTED, actor, DeclarationRules.reasonRequired(reason), now);
    }

    /** 取下げ by the association itself. */
    public StatusTransition withdraw(Actor actor, String reason, Instant now) {
        DeclarationRules.requireParty(actor, Party.ASSOCIATION);
        requireStatus(LISTED, SUSPENDED);
        return move(WITHDRAWN, actor, Texts.blankToNull(reason), now);
    }

    /** 掲載取消 by METI; the reason is required. */
    public StatusTransition delist(Actor actor, String reason, Instant now) {
        DeclarationRules.requireParty(actor, Party.REGISTRY);
        requireStatus(LISTED, SUSPENDED);
        return move(DELISTED, actor, DeclarationRules.reasonRequired(reason), now);
    }

    /** 一時停止: not described by METI, so only when the setting allows it (ref-guidelines.md §4.2). */
    public StatusTransition suspend(Actor actor, String reason, boolean suspensionEnabled, Instant now) {
        DeclarationRules.requireSuspension(suspensionEnabled);
        DeclarationRules.requireParty(actor, Party.REGISTRY);
        requireStatus(LISTED);
        return move(SUSPENDED, actor, DeclarationRules.reasonRequired(reason), now);
    }

    public StatusTransition restore(Actor actor, String reason, boolean suspensionEnabled, Instant now) {
        DeclarationRules.requireSuspension(suspensionEnabled);
        DeclarationRules.requireParty(actor, Party.REGISTRY);
        requireStatus(SUSPENDED);
        return move(LISTED, actor, Texts.blankToNull(reason), now);
    }

    /** 失効: the logo window is over. */
    public StatusTransition expire(Actor actor, LocalDate today, Instant now) {
        DeclarationRules.requireParty(actor, Party.SYSTEM);
        requireStatus(LISTED);
        if (!validUntil.isBefore(today)) {
            throw new GuidelineException("guidelines.declaration.notYetExpired");
        }
        return move(EXPIRED, actor, null, now);
    }

    /** 差替え: a newer declaration of the same guideline was listed. */
    StatusTransition supersede(Actor actor, String byRegistration, Instant now) {
        DeclarationRules.requireParty(actor, Party.SYSTEM);
        requireStatus(LISTED, SUSPENDED, EXPIRED);
        return move(SUPERSEDED, actor, byRegistration, now);
    }

    /** The status as of {@code today}: a listing whose window is over reads as 失効 even before the job runs. */
    public DeclarationStatus statusOn(LocalDate today) {
        return status == LISTED && validUntil != null && validUntil.isBefore(today) ? EXPIRED : status;
    }

    /** Whether the logo may be shown today: listed (not suspended) and inside the window. */
    boolean logoValidOn(LocalDate today) {
        return statusOn(today) == LISTED && validFrom != null && new LogoValidity(validFrom, validUntil).covers(today);
    }

    private StatusTransition move(DeclarationStatus to, Actor actor, String reason, Instant now) {
        DeclarationStatus from = status;
        status = to;
        statusReason = reason;
        statusChangedAt = now;
        return new StatusTransition(tenantId, id, from, to, actor, now, reason);
    }

    private void requireStatus(DeclarationStatus... allowed) {
        if (!EnumSet.of(allowed[0], allowed).contains(status)) {
            throw new GuidelineException("guidelines.transition.illegal");
        }
    }

    public UUID id() { return id; }
    public UUID tenantId() { return tenantId; }
    UUID guidelineId() { return guidelineId; }
    public UUID guidelineVersionId() { return guidelineVersionId; }
    int generation() { return generation; }
    public DeclarationStatus status() { return status; }
    public String edition() { return edition; }
    public long version() { return version; }
    LocalDate versionDatedOn() { return versionDatedOn; }
    String versionLabel() { return versionLabel; }
    public LocalDate validUntil() { return validUntil; }
    public String registrationNo() { return registrationNo; }
    public String title() { return title; }
    public String associationName() { return associationName; }
    List<ChecklistAnswer> answers() { return List.copyOf(answers); }

    public DeclarationView view(LocalDate today) {
        return new DeclarationView(id, guidelineId, guidelineVersionId, registrationNo, generation, associationName,
                title, kind, serviceCategory, versionLabel, versionDatedOn, publicUrl, formType, edition, signatoryName,
                signatoryTitle, pledged, status, statusOn(today), statusReason, statusChangedAt, declaredOn, submittedAt,
                listedOn, validFrom, validUntil, logoValidOn(today), version, answers());
    }

    public PublicEntry publicEntry(LocalDate today) {
        return new PublicEntry(registrationNo, generation, associationName, title, kind, serviceCategory, versionLabel,
                versionDatedOn, publicUrl, declaredOn, listedOn, validFrom, validUntil, statusOn(today),
                logoValidOn(today), statusChangedAt);
    }
}
