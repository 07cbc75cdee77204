package jp.hip.accounting.resources;

/** 健康資源 (guideline 第6章): 人的 or 環境, each 有形 or 無形. */
public enum ResourceKind {
    HUMAN_TANGIBLE, HUMAN_INTANGIBLE, ENVIRONMENT_TANGIBLE, ENVIRONMENT_INTANGIBLE
}
