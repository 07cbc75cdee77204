package jp.hip.accounting.depreciation;

/** The recorded basis of a shared facility's health-use ratio (合理的な按分): floor area, hours or users. */
public enum SharedUseBasis {
    FLOOR_AREA, HOURS, USERS
}
