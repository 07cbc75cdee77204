package jp.hip.accounting.ledger;

/** 支出方法による分類 (guideline 第4章): the four expense types the 健康経営度調査 cost question also uses. */
public enum ExpenseType {
    /** 外注費 */
    OUTSOURCING,
    /** 減価償却費 */
    DEPRECIATION,
    /** 人件費 */
    PERSONNEL,
    /** その他経費 */
    OTHER
}
