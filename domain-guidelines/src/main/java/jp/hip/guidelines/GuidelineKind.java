package jp.hip.guidelines;

/** ガイドライン等の種類 */
public enum GuidelineKind {
    GUIDELINE, CERTIFICATION_SCHEME
}
