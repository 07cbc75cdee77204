package jp.hip.collabo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToIntFunction;

import jp.hip.collabo.ReportContent.Breakdown;
import jp.hip.collabo.ReportContent.Definition;
import jp.hip.collabo.ReportContent.NotHeld;
import jp.hip.collabo.ReportContent.Rate;
import jp.hip.collabo.ReportContent.Ratio;
import jp.hip.collabo.ReportContent.Settings;
import jp.hip.phr.statistics.CheckupStatistics.Stratum;
import jp.hip.phr.statistics.CheckupStatistics.CellCounts;
import jp.hip.phr.statistics.CheckupStatistics.Counts;
import jp.hip.phr.statistics.CheckupStatistics.MetricCount;
import jp.hip.phr.statistics.CheckupStatistics.Sex;

/**
 * Turns the counts of one employer (this 年度 and the year before) and of the insurer's whole membership into the
 * report's released figures. Every table goes through {@link Suppression} here, before it is stored; the headline
 * of each figure is its table's grand total, so the same number is shown (or hidden) everywhere.
 */
final class ReportBuilder {

    static final List<String> ROWS = List.of("MALE", "FEMALE", "OTHER", "TOTAL");

    private final Definitions.DefinitionSet definitions;
    private final Settings settings;

    ReportBuilder(Definitions.DefinitionSet definitions, Settings settings) {
        this.definitions = definitions;
        this.settings = settings;
    }

    ReportContent build(String employerGroup, List<String> establishments, Counts current, Counts previous, Counts insurer) {
        int eligible = total(current, CellCounts::eligible);
        if (eligible < settings.minReportPersons()) {
            throw new CollaboException("collabo.report.tooSmall", settings.minReportPersons());
        }
        List<Breakdown> breakdowns = new ArrayList<>();
        Cell[][] checkupGrid = grid(current, CellCounts::examined, CellCounts::eligible);
        breakdowns.add(breakdown("CHECKUP", "特定健診 受診者", "Checkup participants", checkupGrid));
        Rate checkup = rate("CHECKUP", checkupGrid, grid(previous, CellCounts::examined, CellCounts::eligible),
                percent(insurer, CellCounts::examined, CellCounts::eligible), Definitions.CHECKUP_TARGET, null);
        Cell[][] guidanceGrid = grid(current, CellCounts::guidanceCompleted, CellCounts::guidanceTargets);
        Rate guidance = rate("GUIDANCE", guidanceGrid, grid(previous, CellCounts::guidanceCompleted, CellCounts::guidanceTargets),
                percent(insurer, CellCounts::guidanceCompleted, CellCounts::guidanceTargets), Definitions.GUIDANCE_TARGET,
                "collabo.reason.noGuidance");
        if (total(current, CellCounts::guidanceTargets) > 0) {
            breakdowns.add(breakdown("GUIDANCE", "特定保健指導 終了者", "Guidance completed", guidanceGrid));
        }
        List<Ratio> risks = new ArrayList<>();
        List<Ratio> lifestyles = new ArrayList<>();
        for (Definitions.MetricDefinition m : definitions.metrics()) {
            ToIntFunction<CellCounts> num = c -> count(c, m.key()).positive();
            ToIntFunction<CellCounts> den = c -> count(c, m.key()).measured();
            Cell[][] g = grid(current, num, den);
            Ratio ratio = ratio(m, g, grid(previous, num, den), percent(insurer, num, den));
            (m.risk() ? risks : lifestyles).add(ratio);
            if (total(current, den) > 0) {
                breakdowns.add(breakdown(m.key(), m.nameJa(), m.nameEn(), g));
            }
        }
        List<Definition> defs = definitions.metrics().stream().map(m -> new Definition(m.key(), m.nameJa(), m.nameEn(),
                m.ruleJa(), m.ruleEn(), m.source(), m.confirmed())).toList();
        List<String> bands = new ArrayList<>();
        List<Integer> starts = Definitions.AGE_BANDS;
        for (int i = 0; i < starts.size(); i++) {
            bands.add(starts.get(i) + "–" + (i + 1 < starts.size() ? starts.get(i + 1) - 1 : Definitions.MAX_AGE));
        }
        return new ReportContent(current.fiscalYear(), employerGroup, establishments, definitions.version(),
                definitions.description(), settings, new Cell(eligible, eligible, BigDecimal.valueOf(100), null),
                checkup, guidance, risks, lifestyles, breakdowns,
                List.of(new NotHeld("MEDICAL_COST", "collabo.reason.noClaims"), new NotHeld("GENERIC_DRUGS", "collabo.reason.noClaims")),
                defs, bands);
    }

    private static MetricCount count(CellCounts c, String key) {
        return c.metrics().getOrDefault(key, new MetricCount(0, 0));
    }

    /** The suppressed table (sex × age band, with totals) of one figure. */
    private Cell[][] grid(Counts counts, ToIntFunction<CellCounts> num, ToIntFunction<CellCounts> den) {
        int bands = Definitions.AGE_BANDS.size();
        int[][] n = new int[3][bands];
        int[][] d = new int[3][bands];
        counts.cells().forEach((cell, c) -> {
            n[row(cell)][cell.ageBand()] += num.applyAsInt(c);
            d[row(cell)][cell.ageBand()] += den.applyAsInt(c);
        });
        return Suppression.apply(n, d, settings.minCellPersons());
    }

    private static int row(Stratum cell) {
        return cell.sex() == Sex.MALE ? 0 : cell.sex() == Sex.FEMALE ? 1 : 2;
    }

    private static int total(Counts counts, ToIntFunction<CellCounts> f) {
        return counts.cells().values().stream().mapToInt(f).sum();
    }

    private static Cell headline(Cell[][] grid) {
        return grid[grid.length - 1][grid[0].length - 1];
    }

    /** The insurer's all-member share (its whole membership: far above any cell size), or null when nobody. */
    private static BigDecimal percent(Counts insurer, ToIntFunction<CellCounts> num, ToIntFunction<CellCounts> den) {
        int d = total(insurer, den);
        return d == 0 ? null : Cell.shown(total(insurer, num), d).percent();
    }

    private static Breakdown breakdown(String key, String nameJa, String nameEn, Cell[][] grid) {
        return new Breakdown(key, nameJa, nameEn, ROWS, Arrays.stream(grid).map(List::of).toList());
    }

    private static Rate rate(String key, Cell[][] current, Cell[][] previous,
            BigDecimal insurer, BigDecimal target, String reasonKey) {
        Cell now = headline(current);
        Cell before = headline(previous);
        return new Rate(key, now, before, change(now, before), changeMark(now, before), insurer, target,
                now.isShown() ? null : reasonKey);
    }

    private static Ratio ratio(Definitions.MetricDefinition m, Cell[][] current,
            Cell[][] previous, BigDecimal insurer) {
        Cell now = headline(current);
        Cell before = headline(previous);
        Integer index = null;
        String indexMark = now.isShown() ? null : now.mark();
        if (now.isShown()) {
            if (insurer == null || insurer.signum() == 0) {
                indexMark = Cell.NOT_COMPUTABLE;
            } else {
                index = now.percent().multiply(BigDecimal.valueOf(100)).divide(insurer, 0, RoundingMode.HALF_UP).intValue();
            }
        }
        String reason = null;
        if (Cell.NOT_COMPUTABLE.equals(now.mark())) {
            reason = m.risk() ? "collabo.reason.noValues" : "collabo.reason.noQuestionnaire";
        }
        return new Ratio(m.key(), m.section(), m.nameJa(), m.nameEn(), m.risk(), now, before, change(now, before),
                changeMark(now, before), insurer, index, indexMark, index == null ? null : band(index, m.risk()), reason);
    }

    /**
     * 5段階 (5 良好 … 1 不良) by the index against the insurer's average (= 100): within ±5 平均程度, 5–20 better
     * やや良好, 20+ better 良好, and the same for worse. The national report ranks by quintile among all insurers, which
     * the platform cannot do (it holds one insurer): a documented setting of this platform, not the report's rule.
     */
    static int band(int index, boolean lowerIsBetter) {
        int better = lowerIsBetter ? 100 - index : index - 100;
        if (better >= 20) {
            return 5;
        }
        if (better > 5) {
            return 4;
        }
        if (better >= -5) {
            return 3;
        }
        if (better > -20) {
            return 2;
        }
        return 1;
    }

    private static BigDecimal change(Cell now, Cell before) {
        return now.isShown() && before.isShown() ? now.percent().subtract(before.percent()) : null;
    }

    /** 「×」 when either year is suppressed (so no hidden count follows from the difference), 「-」 when not computable. */
    private static String changeMark(Cell now, Cell before) {
        if (now.isShown() && before.isShown()) {
            return null;
        }
        return now.isSuppressed() || before.isSuppressed() ? Cell.SUPPRESSED : Cell.NOT_COMPUTABLE;
    }
}
