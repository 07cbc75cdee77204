package jp.hip.accounting;

/** Who spent the time (時間投資). */
public enum PersonnelRole {
    OCCUPATIONAL_PHYSICIAN, NURSE, PROMOTION_STAFF, PARTICIPANT, EXECUTIVE
}
