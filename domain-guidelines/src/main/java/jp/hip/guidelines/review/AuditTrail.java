package jp.hip.guidelines.review;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import jp.hip.guidelines.Party;
import jp.hip.guidelines.comments.CommentView;
import jp.hip.guidelines.comments.CommentsRepository;
import jp.hip.guidelines.comments.ReviewComment;
import jp.hip.guidelines.declarations.DeclarationRecords;
import jp.hip.guidelines.declarations.StatusTransition;
import jp.hip.guidelines.declarations.TransitionView;
import jp.hip.guidelines.declarations.TransitionsRepository;
import jp.hip.identity.AuditLog;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit trail of one declaration as rows: status changes (from the append-only transitions), comments, and the
 * association's edits from the platform audit log, one row per changed field with its before and after. The caller
 * has checked the right to read across tenants ({@link RegistryReview}).
 */
@Component
class AuditTrail {

    private final TransitionsRepository transitions;
    private final CommentsRepository comments;
    private final AuditLog audit;
    private final JsonMapper json = JsonMapper.builder().build();

    AuditTrail(TransitionsRepository transitions, CommentsRepository comments, AuditLog audit) {
        this.transitions = transitions;
        this.comments = comments;
        this.audit = audit;
    }

    List<TrailEntry> of(UUID declarationId) {
        List<TrailEntry> trail = new ArrayList<>();
        for (StatusTransition t : transitions.findByDeclarationIdOrderByIdAsc(declarationId)) {
            TransitionView v = t.view();
            trail.add(new TrailEntry(v.at(), v.actor(), v.party(), "STATUS", "status",
                    v.from() == null ? null : v.from().name(), v.to().name(), v.reason()));
        }
        for (ReviewComment c : comments.findByDeclarationIdOrderByCreatedAtAsc(declarationId)) {
            CommentView v = c.view();
            trail.add(new TrailEntry(v.at(), v.author(), v.party(), "COMMENT", "comment." + v.visibility(), null, v.body(), null));
        }
        for (AuditLog.AuditEntry e : audit.historyOf(DeclarationRecords.AUDIT_TYPE, declarationId.toString())) {
            String who = e.actorName() != null ? e.actorName() : e.actorId();
            JsonNode details = e.details() == null ? null : json.readTree(e.details());
            switch (e.action()) {
                case "GL_DECLARATION_EDITED" -> {
                    for (Map.Entry<String, JsonNode> field : details.properties()) {
                        trail.add(new TrailEntry(e.occurredAt(), who, Party.ASSOCIATION, "EDIT", field.getKey(),
                                text(field.getValue().get("before")), text(field.getValue().get("after")), null));
                    }
                }
                case "GL_DECLARATION_STARTED" -> trail.add(new TrailEntry(e.occurredAt(), who, Party.ASSOCIATION, "START",
                        "version", null, details == null ? null : text(details.get("version")), null));
                default -> { } // GL_STATUS_* repeat the transitions above (with the client address, in the audit log)
            }
        }
        trail.sort(Comparator.comparing(TrailEntry::at));
        return trail;
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asString();
    }
}
