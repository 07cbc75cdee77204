package jp.hip.accounting.outputs;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import jp.hip.accounting.AccountingException;
import jp.hip.accounting.AccountingViews;
import jp.hip.accounting.analysis.Analysis;
import jp.hip.accounting.analysis.EfficiencyAnalyses;
import jp.hip.accounting.analysis.MinimisationAnalysis;
import jp.hip.accounting.analysis.UtilityAnalysis;
import jp.hip.accounting.FiscalYear;
import jp.hip.accounting.HealthAccounting.FacilityView;
import jp.hip.accounting.HealthAccounting.IndicatorView;
import jp.hip.accounting.HealthAccounting.LineView;
import jp.hip.accounting.HealthAccounting.MeasureView;
import jp.hip.accounting.HealthAccounting;
import jp.hip.accounting.Yen;
import jp.hip.accounting.analysis.Analysis;
import jp.hip.accounting.indicators.HealthIndicators;
import jp.hip.accounting.indicators.Indicator;
import jp.hip.accounting.indicators.IndicatorRepository;
import jp.hip.accounting.ledger.InvestmentLine;
import jp.hip.accounting.ledger.InvestmentLineRepository;
import jp.hip.accounting.ledger.MeasureRepository;
import jp.hip.accounting.resources.HealthResources;
import jp.hip.accounting.years.AccountingYears;

/**
 * The outputs people reuse (ADR 0022): the 健康経営度調査 cost CSV, the handbook's four-worksheet workbook and the
 * disclosure report's content. Resources and facilities are as of the 年度's end. Current tenant only.
 */
@Service
public class AccountingOutputs {

    /**
     * Everything the disclosure report (統合報告書・ウェブサイト向け) shows for one 年度, with 投資最小化分析 and 投資効用分析
     * (ADR 0113): computed from the year's measures, lines, effects and margin, which a closed 年度 keeps as closed.
     */
    public record Disclosure(FiscalYear fiscalYear, Analysis analysis, List<MeasureView> measures,
            List<IndicatorView> indicators, List<FacilityView> facilities, List<HealthResources.HealthResourceView> resources,
            AccountingYears.YearPolicyView policy, AccountingYears.ClosedView closed, MinimisationAnalysis minimisation,
            UtilityAnalysis utility) {}

    /** One 年度 of a multi-year trend: its total, or null for 「データなし」 (no measure and no line that year). */
    public record TrendYear(FiscalYear fiscalYear, Yen total) {}

    private final MeasureRepository measures;
    private final HealthAccounting accounting;
    private final HealthIndicators healthIndicators;
    private final HealthResources resources;
    private final AccountingYears years;
    private final InvestmentLineRepository lines;
    private final IndicatorRepository indicators;
    private final EfficiencyAnalyses efficiency;
    private final TransactionTemplate tx;

    AccountingOutputs(HealthAccounting accounting, HealthIndicators healthIndicators, HealthResources resources, AccountingYears years,
            InvestmentLineRepository lines, IndicatorRepository indicators, MeasureRepository measures, EfficiencyAnalyses efficiency,
            TransactionTemplate tx) {
        this.efficiency = efficiency;
        this.measures = measures;
        this.accounting = accounting;
        this.healthIndicators = healthIndicators;
        this.resources = resources;
        this.years = years;
        this.lines = lines;
        this.indicators = indicators;
        this.tx = tx;
    }

    /**
     * The 健康経営度調査 that asks for a 年度's costs, when the user has not said: the survey of the next 年度 (answered in
     * late summer, after the year's books are closed; ref-accounting §2.1). ref-accounting §2.4 leaves the mapping
     * unverified [U], so it is only the default of a visible setting of the export (ADR 0086).
     */
    public static int defaultSurveyYear(FiscalYear costs) {
        return costs.startYear() + 1;
    }

    /** A survey year the export accepts for a 年度's costs: that 年度 up to two after it (ADR 0086). */
    public static boolean plausibleSurveyYear(FiscalYear costs, int surveyYear) {
        return surveyYear >= costs.startYear() && surveyYear <= costs.startYear() + 2;
    }

    /**
     * 健康経営度調査 cost answer: one row per measure, cost in the four expense types (UTF-8 with BOM); every row names
     * the survey (調査年度) it answers and the 年度 of the costs.
     */
    public byte[] surveyCsv(FiscalYear year, int surveyYear, boolean japanese) {
        if (!plausibleSurveyYear(year, surveyYear)) {
            throw new AccountingException("accounting.survey.year.range");
        }
        return Exports.surveyCsv(surveyYear, accounting.measures(year), accounting.healthIssues(japanese));
    }

    /**
     * The handbook's four worksheets in one workbook: 戦略マップ, 健康投資シート, 健康投資効果シート, 健康資源シート; then
     * 予算と実績, 投資最小化分析 and 投資効用分析 with their inputs (ADR 0113).
     */
    public byte[] workbook(FiscalYear year, boolean japanese) {
        List<MeasureView> ms = accounting.measures(year);
        List<LineView> ls = tx.execute(s -> {
            Map<java.util.UUID, String> names = indicators.findAll().stream().collect(Collectors.toMap(Indicator::id, Indicator::name));
            return lines.findByFiscalYear(year.startYear()).stream()
                    .sorted(Comparator.comparing(InvestmentLine::measureId).thenComparing(InvestmentLine::description))
                    .map(l -> AccountingViews.view(l, names)).toList();
        });
        return Exports.workbook(year, ms, ls, healthIndicators.indicators(), facilitiesHeldAt(year), resources.resourcesAt(year),
                accounting.healthIssues(japanese), efficiency.minimisation(year), efficiency.utility(year));
    }

    /** The disclosure states the year's policy it used and, for a closed year, the closed version it shows. */
    public Disclosure disclosure(FiscalYear year, boolean japanese) {
        return new Disclosure(year, accounting.analysis(year, japanese), accounting.measures(year), healthIndicators.indicators(),
                facilitiesHeldAt(year), resources.resourcesAt(year), years.policyOf(year), years.closed(year).orElse(null),
                efficiency.minimisation(year), efficiency.utility(year));
    }

    /**
     * The investment of the {@code count} 年度 up to and including {@code year}, oldest first, summed in the database
     * (two queries whatever the number of lines); a year without measures or lines has no total (ADR 0081).
     */
    public List<TrendYear> trend(FiscalYear year, int count) {
        int from = year.startYear() - count + 1;
        return tx.execute(s -> {
            Map<Integer, Long> totals = new java.util.HashMap<>();
            lines.totalsByYear(from, year.startYear()).forEach(r -> totals.put(((Number) r[0]).intValue(), ((Number) r[1]).longValue()));
            java.util.Set<Integer> withMeasures = new java.util.HashSet<>(measures.yearsWithMeasures(from, year.startYear()));
            List<TrendYear> trend = new java.util.ArrayList<>();
            for (int y = from; y <= year.startYear(); y++) {
                boolean data = totals.containsKey(y) || withMeasures.contains(y);
                trend.add(new TrendYear(FiscalYear.of(y), data ? Yen.of(totals.getOrDefault(y, 0L)) : null));
            }
            return trend;
        });
    }

    /** 健康資源 as of the 年度's end: facilities acquired by then (ADR 0024). */
    List<FacilityView> facilitiesHeldAt(FiscalYear year) {
        return accounting.facilities(year).stream().filter(f -> !f.depreciation().acquiredOn().isAfter(year.lastDay())).toList();
    }
}
