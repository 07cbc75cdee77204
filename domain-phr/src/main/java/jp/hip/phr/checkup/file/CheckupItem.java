package jp.hip.phr.checkup.file;

import java.math.BigDecimal;

/**
 * One row of the 第4期 「XML用特定健診項目情報」 table (checkup-items.tsv): the 17-digit item code, its Japanese
 * name, how its result is encoded, the XML unit (PQ), the answer value set (CD/CO), the group, LOINC where the
 * table gives one, and the platform's plausible input range for the analyte (PQ, where one is set).
 */
public record CheckupItem(String code, String nameJa, ResultType type, String unit, String valueSetOid, String group,
        String loinc, BigDecimal min, BigDecimal max) {

    /** The XML data types of the table (ref-checkup-codes.md §3). */
    public enum ResultType { PQ, CD, CO, ST;

        public boolean coded() {
            return this == CD || this == CO;
        }
    }

    /** 同一性項目コード: the analyte, shared by the method variants (first 5 characters). */
    public String analyte() {
        return code.substring(0, 5);
    }

    /** A well-formed value outside the plausible range: stored, and flagged 要確認 for the insurer. */
    public boolean outsideInputRange(BigDecimal value) {
        return (min != null && value.compareTo(min) < 0) || (max != null && value.compareTo(max) > 0);
    }

    /** The unit as UCUM where the table's XML unit is not valid UCUM (``{h`b}/min``, ``mg/g*CR``, ``ml/min/1.73m2``). */
    public String ucumUnit() {
        return CheckupItemTable.ucum(unit);
    }
}
