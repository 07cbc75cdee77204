package jp.hip.accounting;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jp.hip.accounting.analysis.EffectCommand;
import jp.hip.accounting.analysis.EfficiencyAnalyses;
import jp.hip.accounting.indicators.BenefitKind;
import jp.hip.accounting.indicators.Direction;
import jp.hip.accounting.indicators.HealthIndicators;
import jp.hip.accounting.indicators.IndicatorTier;
import jp.hip.accounting.ledger.AllocationRule;
import jp.hip.accounting.ledger.ExpenseType;
import jp.hip.accounting.ledger.PurposeCategory;
import jp.hip.accounting.ledger.ResourceView;

/**
 * The demo's 投資最小化分析 (AccountingDemoData: the canteen's and the flu shots' effect on absenteeism) with a
 * measure that serves the indicator without a recorded effect, and one 投資効用分析 row on an EQ-5D indicator, for the
 * workbook and disclosure tests (ADR 0113). Figures to check by hand:
 * <ul>
 * <li>健康メニュー: 1,800,000円, 3.0 → 2.6 days (0.4), 600 persons: 4,500,000円 per day — 最小費用</li>
 * <li>予防接種: 1,820,000円, 3.1 → 2.72 (0.38, within 10 % of 0.4), 520 persons: 4,789,474円 per day — 同等（費用はより多い）</li>
 * <li>フィットネス: 300,000円 allocated, no effect: データなし</li>
 * <li>女性セミナー on 健康関連QOL (EQ-5D-5L): 0.8 → 0.85 × 140 persons × 1 year = 7 質調整人年, 200,000円: 28,571円 each</li>
 * </ul>
 * Call inside the company's tenant.
 */
final class EfficiencyFixture {

    private EfficiencyFixture() {}

    static void create(HealthAccounting accounting, HealthIndicators indicators, EfficiencyAnalyses efficiency, FiscalYear year) {
        UUID absenteeism = indicators.createIndicator(new HealthAccounting.IndicatorCommand("アブセンティーイズム", IndicatorTier.FINAL,
                "日", Direction.LOWER_IS_BETTER, "勤怠データ", "全従業員", BenefitKind.NONE));
        UUID qol = indicators.createIndicator(new HealthAccounting.IndicatorCommand("健康関連QOL", IndicatorTier.FINAL, "点",
                Direction.HIGHER_IS_BETTER, "EQ-5D-5L", "受講者", BenefitKind.NONE));
        UUID canteen = measure(accounting, year, "健康メニュー", 1_800_000, absenteeism);
        UUID flu = measure(accounting, year, "予防接種", 1_820_000, absenteeism);
        measure(accounting, year, "フィットネス", 300_000, absenteeism);
        UUID seminar = measure(accounting, year, "女性セミナー", 200_000, qol);
        efficiency.recordEffect(canteen, absenteeism, new EffectCommand(new BigDecimal("3.0"), new BigDecimal("2.6"), 600, null, "勤怠データ"));
        efficiency.recordEffect(flu, absenteeism, new EffectCommand(new BigDecimal("3.1"), new BigDecimal("2.72"), 520, null, "勤怠データ"));
        efficiency.markUtility(qol, "EQ-5D-5L");
        efficiency.recordEffect(seminar, qol, new EffectCommand(new BigDecimal("0.80"), new BigDecimal("0.85"), 140, null, "受講者アンケート"));
    }

    private static UUID measure(HealthAccounting accounting, FiscalYear year, String name, long yen, UUID indicator) {
        UUID m = accounting.createMeasure(year, new HealthAccounting.MeasureCommand(name, null, PurposeCategory.POPULATION, Set.of(1),
                Set.of(), 10));
        UUID line = accounting.addLine(m, new HealthAccounting.LineCommand(name + "の費用", ExpenseType.OUTSOURCING,
                ResourceView.OUTSOURCED, Yen.of(yen), null));
        accounting.allocate(line, new AllocationRule(true, List.of(new AllocationRule.Share(indicator, BigDecimal.ONE))));
        return m;
    }
}
