/**
 * METI's side of the registry (経済産業省の確認): submitted declarations read across associations, decisions, comments,
 * the audit trail ({@link jp.hip.guidelines.review.AuditTrail}) and the rewording of checklist items (facade
 * {@link jp.hip.guidelines.review.RegistryReview}, ADR 0012); mail to an association's contact address
 * ({@link jp.hip.guidelines.review.AssociationMail}).
 */
@org.springframework.modulith.NamedInterface("review")
package jp.hip.guidelines.review;
