package jp.hip.phr;

/** What a consent is given for: 健診 results, life-log (wearables, home measurements), medication. */
public enum DataCategory { CHECKUP, LIFELOG, MEDICATION }
