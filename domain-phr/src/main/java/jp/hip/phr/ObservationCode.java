package jp.hip.phr;

import java.math.BigDecimal;

/** One row of the versioned code table (V31): how an item is coded, measured and judged. */
public record ObservationCode(
        String tableVersion, String system, String code, String nameJa, String nameEn, String identityCode,
        String loinc, String loincDisplay, String unit, String categoryJp, String categoryHl7,
        DataCategory dataCategory, BigDecimal refLow, BigDecimal refHigh, BigDecimal min, BigDecimal max,
        int sortOrder) {

    public static final String CHECKUP_ITEM_SYSTEM = "urn:oid:1.2.392.200119.6.1005";
    public static final String LOINC = "http://loinc.org";
    public static final String UCUM = "http://unitsofmeasure.org";
    public static final String JP_CATEGORY = "http://jpfhir.jp/fhir/core/CodeSystem/JP_SimpleObservationCategory_CS";
    public static final String HL7_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";

    public boolean plausible(BigDecimal value) {
        return value.compareTo(min) >= 0 && value.compareTo(max) <= 0;
    }

    /** Outside the 保健指導判定値 (or the home-measurement threshold), where the table gives one. */
    public boolean outsideReference(BigDecimal value) {
        return (refLow != null && value.compareTo(refLow) < 0) || (refHigh != null && value.compareTo(refHigh) >= 0);
    }
}
