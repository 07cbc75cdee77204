package jp.hip.guidelines.comments;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.TenantId;

import jp.hip.guidelines.Actor;
import jp.hip.guidelines.GuidelineException;
import jp.hip.guidelines.Party;
import jp.hip.guidelines.Texts;
import jp.hip.guidelines.declarations.Declaration;

/** A comment in the thread between METI and the association; INTERNAL ones the association never sees. */
@Entity
@Immutable
@Table(name = "gl_review_comment")
public class ReviewComment {

    @TenantId
    @Column(name = "tenant_id")
    private UUID tenantId;

    @Id
    private UUID id;

    @Column(name = "declaration_id")
    private UUID declarationId;

    @Column(name = "author_id")
    private String authorId;

    @Column(name = "author_name")
    private String authorName;

    @Enumerated(EnumType.STRING)
    @Column(name = "author_party")
    private Party authorParty;

    @Enumerated(EnumType.STRING)
    private Visibility visibility;

    private String body;

    @Column(name = "created_at")
    private Instant createdAt;

    protected ReviewComment() {}

    public ReviewComment(Declaration declaration, Actor author, Visibility visibility, String body, Instant now) {
        if (author.party() == Party.ASSOCIATION && visibility != Visibility.TO_APPLICANT) {
            throw new GuidelineException("guidelines.comment.visibility.invalid");
        }
        this.tenantId = declaration.tenantId();
        this.id = UUID.randomUUID();
        this.declarationId = declaration.id();
        this.authorId = author.id();
        this.authorName = author.name();
        this.authorParty = author.party();
        this.visibility = visibility == null ? Visibility.TO_APPLICANT : visibility;
        this.body = Texts.required(body, 4000, "guidelines.comment.body.required");
        this.createdAt = now;
    }

    public CommentView view() {
        return new CommentView(authorName == null ? authorId : authorName, authorParty, visibility, body, createdAt);
    }
}
