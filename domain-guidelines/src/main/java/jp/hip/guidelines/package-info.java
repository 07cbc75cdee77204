/**
 * The guideline registry (ヘルスケアサービスガイドライン等のあり方, 経済産業省 ヘルスケア産業課): associations declare
 * that their guideline follows 本指針 (宣言書), METI checks the form and lists it, the public verifies it.
 * METI registers a self-declaration; it approves nothing, so no text calls a listing 認定, 認証 or 承認.
 *
 * <p>The facade is one service per actor: {@link jp.hip.guidelines.association.AssociationDesk}, {@link jp.hip.guidelines.review.RegistryReview},
 * {@link jp.hip.guidelines.publicregister.PublicRegister}; the nightly {@code ExpiryJob}; {@link jp.hip.guidelines.seeding.GuidelineSeeding} for demo data only.
 *
 * <p>The root package holds the types every capability shares ({@link jp.hip.guidelines.Actor},
 * {@link jp.hip.guidelines.Party}, {@link jp.hip.guidelines.GuidelineException}, {@link jp.hip.guidelines.DocumentFile},
 * {@link jp.hip.guidelines.LogoValidity}, the input rules {@link jp.hip.guidelines.Texts} and the caller checks
 * {@link jp.hip.guidelines.Callers}). Each capability is a sub-package exposed as a named interface (ADR 0111):
 * {@code association}, {@code review}, {@code publicregister} (one per actor), {@code declarations} (the aggregate and
 * its lifecycle), {@code comments}, {@code guideline} (guidelines and versions), {@code rules} (本指針 and checklists),
 * {@code expiry} (the nightly job and reminders), {@code seeding}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Guidelines", allowedDependencies = {"identity", "identity :: mail", "identity :: jobs"})
package jp.hip.guidelines;
