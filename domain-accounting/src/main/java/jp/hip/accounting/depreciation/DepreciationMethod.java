package jp.hip.accounting.depreciation;

/** 定額法 / 定率法. */
public enum DepreciationMethod {
    STRAIGHT_LINE, DECLINING_BALANCE
}
