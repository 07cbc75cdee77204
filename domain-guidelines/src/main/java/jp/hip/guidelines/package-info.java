/**
 * The guideline registry (ヘルスケアサービスガイドライン等のあり方, 経済産業省 ヘルスケア産業課): associations declare
 * that their guideline follows 本指針 (宣言書), METI checks the form and lists it, the public verifies it.
 * METI registers a self-declaration; it approves nothing, so no text calls a listing 認定, 認証 or 承認.
 *
 * <p>The facade is one service per actor: {@link jp.hip.guidelines.AssociationDesk}, {@link jp.hip.guidelines.RegistryReview},
 * {@link jp.hip.guidelines.PublicRegister}; the nightly {@code ExpiryJob}; {@link jp.hip.guidelines.GuidelineSeeding} for demo data only.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Guidelines", allowedDependencies = {"identity", "identity :: mail", "identity :: jobs"})
package jp.hip.guidelines;
