/**
 * The thread on a declaration between the association and METI (確認コメント,
 * {@link jp.hip.guidelines.comments.ReviewComment}), with METI's internal comments kept from the applicant
 * ({@link jp.hip.guidelines.comments.Visibility}).
 */
@org.springframework.modulith.NamedInterface("comments")
package jp.hip.guidelines.comments;
