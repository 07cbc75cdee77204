package jp.hip.identity;

/** 招待中 → 有効 ⇄ 無効. */
public enum UserStatus {
    INVITED,
    ACTIVE,
    DISABLED
}
