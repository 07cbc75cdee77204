package jp.hip.guidelines.declarations;

/** 宣言書の様式: 様式1 (業界団体が提出) or 様式2 (所属すべき業界団体が存在しない場合). */
public enum FormType {
    FORM_1_ASSOCIATION, FORM_2_NO_ASSOCIATION
}
