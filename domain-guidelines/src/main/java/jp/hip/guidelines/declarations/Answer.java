package jp.hip.guidelines.declarations;

/** チェックリスト項目への回答 (はい / いいえ / 該当なし) */
public enum Answer {
    YES, NO, NA
}
