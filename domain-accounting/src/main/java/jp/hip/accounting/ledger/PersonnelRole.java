package jp.hip.accounting.ledger;

/** Who spent the time (時間投資). */
public enum PersonnelRole {
    OCCUPATIONAL_PHYSICIAN, NURSE, PROMOTION_STAFF, PARTICIPANT, EXECUTIVE
}
