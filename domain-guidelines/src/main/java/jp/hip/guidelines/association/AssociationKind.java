package jp.hip.guidelines.association;

/** 業界団体等の種類 */
public enum AssociationKind {
    INDUSTRY_ASSOCIATION, CONSORTIUM, COMPANY, OTHER
}
