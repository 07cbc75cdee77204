package jp.hip.collabo;

import java.math.BigDecimal;
import java.util.List;

/**
 * What an employer report releases, after suppression: stored as built (collabo_report.content) and rendered as
 * the page, the CSV, the PDF and the API from this same object, so all four show exactly the same cells.
 *
 * @param eligible     対象者 (members aged 40–74 at the 年度末 in the 事業主's 事業所), shown only as a band when under
 *                     the cell size, never as a count under it
 * @param checkup      特定健診 実施率 (examined / eligible)
 * @param guidance     特定保健指導 実施率 (completed / targets)
 * @param risks        the five risk ratios (share of risk holders among those measured; lower is better)
 * @param lifestyles   the five lifestyle ratios (share with an appropriate habit among those who answered)
 * @param breakdowns   each figure by sex and age band, with totals
 * @param notHeld      sections the platform cannot compute (医療費, 後発医薬品) and why
 */
public record ReportContent(int fiscalYear, String employerGroup, List<String> establishments, String definitionsVersion,
        String definitionsDescription, Settings settings, Cell eligible, Rate checkup, Rate guidance, List<Ratio> risks,
        List<Ratio> lifestyles, List<Breakdown> breakdowns, List<NotHeld> notHeld, List<Definition> definitions,
        List<String> ageBands) {

    /** The settings the report was built with (visible on the report). */
    public record Settings(boolean medicationIsRisk, int minReportPersons, int minCellPersons) {}

    /** A rate (実施率) this year and the year before, with the change in percentage points and the insurer's rate. */
    public record Rate(String key, Cell current, Cell previous, BigDecimal changePoints, String changeMark,
            BigDecimal insurerPercent, BigDecimal targetPercent, String reasonKey) {}

    /**
     * A ratio compared with the insurer's all-member average (= 100): index = employer share ÷ insurer share × 100,
     * band 1 (不良) … 5 (良好) by the index (direction-aware), change from the previous year in points.
     */
    public record Ratio(String key, String section, String nameJa, String nameEn, boolean lowerIsBetter, Cell current,
            Cell previous, BigDecimal changePoints, String changeMark, BigDecimal insurerPercent, Integer index,
            String indexMark, Integer band, String reasonKey) {}

    /** One table by sex (rows MALE, FEMALE, OTHER, TOTAL) and age band (columns …, TOTAL). */
    public record Breakdown(String key, String nameJa, String nameEn, List<String> rows, List<List<Cell>> cells) {}

    public record NotHeld(String key, String reasonKey) {}

    public record Definition(String key, String nameJa, String nameEn, String ruleJa, String ruleEn, String source,
            boolean confirmed) {}

    /** The section keys comments may name. */
    public static final List<String> SECTIONS = List.of("rates", "risks", "lifestyles", "breakdowns", "notHeld");

    public List<Ratio> ratios() {
        return java.util.stream.Stream.concat(risks.stream(), lifestyles.stream()).toList();
    }
}
