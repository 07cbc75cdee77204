package jp.hip.accounting.ledger;

/** Where an hourly rate came from, stored with each time entry so the figure can be reproduced. */
public enum RateBasis {
    /** 標準時間単価: (annual pay + statutory welfare) ÷ annual working hours */
    STANDARD_RATE,
    ACTUAL_PAYROLL,
    CONTRACT
}
