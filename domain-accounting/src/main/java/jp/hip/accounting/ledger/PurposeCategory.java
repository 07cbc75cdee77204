package jp.hip.accounting.ledger;

/** 施策の目的: 体制整備 / リテラシー向上 / 心身の健康 (ハイリスク・ポピュレーション). */
public enum PurposeCategory {
    ORGANISATION, LITERACY, HIGH_RISK, POPULATION
}
