/**
 * Guidelines (ガイドライン等, registration number fixed once) and their versions (版, 策定日・改訂日) with the version
 * documents: {@link jp.hip.guidelines.guideline.Guideline}, {@link jp.hip.guidelines.guideline.GuidelineVersion},
 * {@link jp.hip.guidelines.guideline.VersionDocument} and their views.
 */
@org.springframework.modulith.NamedInterface("guideline")
package jp.hip.guidelines.guideline;
