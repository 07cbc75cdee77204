package jp.hip.guidelines.guideline;

/** ガイドライン等の種類 */
public enum GuidelineKind {
    GUIDELINE, CERTIFICATION_SCHEME
}
