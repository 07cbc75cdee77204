package jp.hip.accounting.ledger;

/** The seed deck's view of what was invested: 時間投資, 空間投資, 外注, その他. Kept beside the expense type. */
public enum ResourceView {
    TIME, SPACE, OUTSOURCED, OTHER
}
