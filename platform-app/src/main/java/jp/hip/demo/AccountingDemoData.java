package jp.hip.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import jp.hip.accounting.FiscalYear;
import jp.hip.accounting.HealthAccounting;
import jp.hip.accounting.Yen;
import jp.hip.accounting.depreciation.Depreciation;
import jp.hip.accounting.depreciation.DepreciationMethod;
import jp.hip.accounting.depreciation.SharedUseBasis;
import jp.hip.accounting.indicators.BenefitKind;
import jp.hip.accounting.indicators.Direction;
import jp.hip.accounting.indicators.HealthIndicators;
import jp.hip.accounting.indicators.IndicatorTier;
import jp.hip.accounting.ledger.AllocationRule;
import jp.hip.accounting.ledger.ExpenseType;
import jp.hip.accounting.ledger.PersonnelRole;
import jp.hip.accounting.ledger.PersonnelTime;
import jp.hip.accounting.ledger.PurposeCategory;
import jp.hip.accounting.ledger.RateBasis;
import jp.hip.accounting.ledger.ResourceView;
import jp.hip.accounting.resources.ResourceKind;
import jp.hip.identity.CurrentTenant;
import jp.hip.identity.IdentityManagement;

/**
 * Three fiscal years of health-investment accounting for the demo company (さくら精機株式会社, about 850
 * employees): the measures a mid-sized manufacturer typically runs, their costs in the four expense types,
 * personnel time, two facilities (one long fully depreciated), allocations to indicators, and indicator values
 * that improve year by year. Loaded once (skipped when the company already has measures).
 */
@Component
@Profile("demo")
@Order(20)
class AccountingDemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AccountingDemoData.class);

    private final IdentityManagement identity;
    private final HealthAccounting accounting;
    private final HealthIndicators healthIndicators;
    private final jp.hip.accounting.resources.HealthResources healthResources;
    private final jp.hip.accounting.strategy.StrategyMaps strategyMaps;
    private final jp.hip.accounting.analysis.EfficiencyAnalyses efficiency;

    AccountingDemoData(IdentityManagement identity, HealthAccounting accounting, HealthIndicators healthIndicators,
            jp.hip.accounting.resources.HealthResources healthResources, jp.hip.accounting.strategy.StrategyMaps strategyMaps,
            jp.hip.accounting.analysis.EfficiencyAnalyses efficiency) {
        this.efficiency = efficiency;
        this.healthResources = healthResources;
        this.strategyMaps = strategyMaps;
        this.identity = identity;
        this.accounting = accounting;
        this.healthIndicators = healthIndicators;
    }

    @Override
    public void run(ApplicationArguments args) {
        // demo loading writes every tenant's rows at start-up, before any request: an explicit system-scope path
        // under row-level security (ADR 0090)
        jp.hip.identity.CurrentTenant.runAsSystem(() -> {
            load();
            return null;
        });
    }

    private void load() {
        var company = identity.tenantNamed(DemoData.COMPANY).orElse(null);
        if (company == null) {
            return;
        }
        CurrentTenant.runAs(company.id(), () -> {
            FiscalYear current = FiscalYear.current();
            if (!accounting.measures(current).isEmpty() || !healthIndicators.indicators().isEmpty()) {
                log.info("Accounting demo data is present already");
                return null;
            }
            load(current);
            return null;
        });
    }

    private void load(FiscalYear current) {
        for (int y = 2; y >= 0; y--) { // a policy per 年度: employees and labour cost grow a little each year
            accounting.changePolicy(FiscalYear.of(current.startYear() - y),
                    new HealthAccounting.PolicyView(true, Yen.of(6_200_000 - 100_000L * y), 240, 850 - 20 * y));
        }
        Map<String, UUID> ind = new HashMap<>();
        ind.put("participation", indicator("ウォーキングイベント参加率", IndicatorTier.PARTICIPATION, "%", Direction.HIGHER_IS_BETTER,
                "参加登録者数 ÷ 従業員数", BenefitKind.NONE));
        ind.put("guidance", indicator("特定保健指導 実施率", IndicatorTier.PARTICIPATION, "%", Direction.HIGHER_IS_BETTER,
                "健保組合データ", BenefitKind.NONE));
        ind.put("checkup", indicator("定期健診 再検査受診率", IndicatorTier.BEHAVIOUR, "%", Direction.HIGHER_IS_BETTER,
                "再検査対象者のうち受診した者", BenefitKind.NONE));
        ind.put("smoking", indicator("喫煙率", IndicatorTier.BEHAVIOUR, "%", Direction.LOWER_IS_BETTER, "健診問診票", BenefitKind.NONE));
        ind.put("exercise", indicator("運動習慣者比率", IndicatorTier.BEHAVIOUR, "%", Direction.HIGHER_IS_BETTER, "健診問診票",
                BenefitKind.NONE));
        ind.put("stress", indicator("高ストレス者率", IndicatorTier.FINAL, "%", Direction.LOWER_IS_BETTER, "ストレスチェック（57項目）",
                BenefitKind.NONE));
        ind.put("presenteeism", indicator("プレゼンティーイズム", IndicatorTier.FINAL, "%", Direction.HIGHER_IS_BETTER,
                "SPQ（東大1項目版）", BenefitKind.PRESENTEEISM_SPQ));
        ind.put("absenteeism", indicator("アブセンティーイズム（1人あたり傷病欠勤日数）", IndicatorTier.FINAL, "日",
                Direction.LOWER_IS_BETTER, "勤怠データ", BenefitKind.ABSENTEEISM_DAYS));
        ind.put("engagement", indicator("ワーク・エンゲイジメント", IndicatorTier.CORPORATE_VALUE, "点", Direction.HIGHER_IS_BETTER,
                "UWES 9項目版", BenefitKind.NONE));

        UUID gym = accounting.createFacility(new HealthAccounting.FacilityCommand("フィットネスルーム（本社3階）",
                new Depreciation(Yen.of(4_800_000), LocalDate.of(2022, 10, 1), 10, DepreciationMethod.STRAIGHT_LINE, BigDecimal.ONE,
                        SharedUseBasis.FLOOR_AREA), "マシン6台・更衣室"));
        UUID canteen = accounting.createFacility(new HealthAccounting.FacilityCommand("社員食堂（健康メニュー区画）",
                new Depreciation(Yen.of(18_000_000), LocalDate.of(2019, 4, 1), 15, DepreciationMethod.STRAIGHT_LINE,
                        new BigDecimal("0.30"), SharedUseBasis.FLOOR_AREA), "健康メニュー提供区画の面積比 30%"));
        accounting.createFacility(new HealthAccounting.FacilityCommand("仮眠室",
                new Depreciation(Yen.of(900_000), LocalDate.of(2012, 4, 1), 6, DepreciationMethod.DECLINING_BALANCE, BigDecimal.ONE,
                        SharedUseBasis.USERS), "2018年度に償却済み・引き続き使用"));

        double[] scale = {0.85, 0.95, 1.0};
        for (int y = 0; y < 3; y++) {
            FiscalYear year = FiscalYear.of(current.startYear() - 2 + y);
            double s = scale[y];
            UUID checkup = measure(year, "定期健診の再検査受診勧奨", PurposeCategory.HIGH_RISK, Set.of(1, 2), 180);
            alloc(line(checkup, "再検査費用の補助", ExpenseType.OUTSOURCING, ResourceView.OUTSOURCED, 1_100_000 * s, "健診機関 請求書"),
                    ind.get("checkup"));
            alloc(time(checkup, "保健師による受診勧奨", PersonnelRole.NURSE, "120", 1, 3_600), ind.get("checkup"));

            UUID guidance = measure(year, "特定保健指導の就業時間内実施", PurposeCategory.HIGH_RISK, Set.of(2), 95);
            alloc(line(guidance, "保健指導委託（健保組合と共同）", ExpenseType.OUTSOURCING, ResourceView.OUTSOURCED, 1_520_000 * s, "委託契約書"),
                    ind.get("guidance"));
            alloc(time(guidance, "指導を受ける時間（就業時間内）", PersonnelRole.PARTICIPANT, "2", 95, 2_900), ind.get("guidance"));

            UUID stress = measure(year, "ストレスチェックと高ストレス者面談", PurposeCategory.HIGH_RISK, Set.of(3), 780);
            split(line(stress, "ストレスチェック実施委託", ExpenseType.OUTSOURCING, ResourceView.OUTSOURCED, 850 * 1_100 * s, "委託契約書"),
                    ind.get("stress"), "0.7", ind.get("presenteeism"), "0.3");
            alloc(time(stress, "産業医面談", PersonnelRole.OCCUPATIONAL_PHYSICIAN, "40", 1, 15_000), ind.get("stress"));
            alloc(line(stress, "EAP（外部相談窓口）", ExpenseType.OUTSOURCING, ResourceView.OUTSOURCED, 960_000, "EAP 年間契約"),
                    ind.get("stress"));

            UUID walking = measure(year, "全社ウォーキングイベント", PurposeCategory.POPULATION, Set.of(1, 8), (int) (420 * s));
            split(line(walking, "歩数計アプリ利用料", ExpenseType.OUTSOURCING, ResourceView.OUTSOURCED, 680_000, "アプリ事業者 請求書"),
                    ind.get("participation"), "0.5", ind.get("exercise"), "0.5");
            alloc(line(walking, "上位チーム表彰の景品", ExpenseType.OTHER, ResourceView.OTHER, 150_000 * s, "購買伝票"),
                    ind.get("participation"));
            alloc(time(walking, "事務局の企画・運営", PersonnelRole.PROMOTION_STAFF, "60", 2, 3_200), ind.get("participation"));

            UUID smoking = measure(year, "禁煙チャレンジ", PurposeCategory.HIGH_RISK, Set.of(2), (int) (38 * s));
            alloc(line(smoking, "オンライン禁煙外来の費用補助", ExpenseType.OUTSOURCING, ResourceView.OUTSOURCED, 38 * 20_000 * s,
                    "補助金申請書"), ind.get("smoking"));

            UUID gymMeasure = measure(year, "フィットネスルームの運営", PurposeCategory.POPULATION, Set.of(1), (int) (210 * s));
            split(accounting.addDepreciationLine(gymMeasure, gym), ind.get("exercise"), "0.6", ind.get("absenteeism"), "0.4");
            alloc(line(gymMeasure, "インストラクター派遣（週2回）", ExpenseType.OUTSOURCING, ResourceView.OUTSOURCED, 1_248_000,
                    "派遣契約書"), ind.get("exercise"));
            alloc(line(gymMeasure, "清掃・保守", ExpenseType.OTHER, ResourceView.SPACE, 240_000, "保守契約"), ind.get("exercise"));

            UUID canteenMeasure = measure(year, "社員食堂の健康メニュー", PurposeCategory.POPULATION, Set.of(1, 2), 600);
            alloc(accounting.addDepreciationLine(canteenMeasure, canteen), ind.get("absenteeism"));
            alloc(line(canteenMeasure, "健康メニュー差額補助", ExpenseType.OTHER, ResourceView.OTHER, 1_800_000 * s, "食堂委託先 請求書"),
                    ind.get("absenteeism"));

            UUID system = measure(year, "健康経営推進体制の整備", PurposeCategory.ORGANISATION, Set.of(4, 7), 0);
            split(time(system, "健康経営推進担当（専任1名・兼任2名）", PersonnelRole.PROMOTION_STAFF, "900", 2, 3_200),
                    ind.get("presenteeism"), "0.5", ind.get("engagement"), "0.5");
            split(time(system, "健康経営推進会議（役員）", PersonnelRole.EXECUTIVE, "12", 6, 9_000),
                    ind.get("presenteeism"), "0.5", ind.get("engagement"), "0.5");

            UUID women = measure(year, "女性の健康セミナー", PurposeCategory.LITERACY, Set.of(5), (int) (140 * s));
            alloc(line(women, "外部講師謝金", ExpenseType.OUTSOURCING, ResourceView.OUTSOURCED, 200_000, "謝金支払伝票"),
                    ind.get("presenteeism"));
            alloc(time(women, "受講時間", PersonnelRole.PARTICIPANT, "1.5", (int) (140 * s), 2_900), ind.get("presenteeism"));

            UUID flu = measure(year, "インフルエンザ予防接種（社内実施）", PurposeCategory.POPULATION, Set.of(9), (int) (520 * s));
            alloc(line(flu, "接種費用", ExpenseType.OUTSOURCING, ResourceView.OUTSOURCED, 520 * s * 3_500, "医療機関 請求書"),
                    ind.get("absenteeism"));

            if (y == 2) {
                // 投資最小化分析 (ADR 0105): each measure's own effect on アブセンティーイズム among the persons it reached;
                // the flu shots' 0.38 days is within 10 % of the canteen's 0.4, so both are compared by cost
                efficiency.recordEffect(canteenMeasure, ind.get("absenteeism"), new jp.hip.accounting.analysis.EffectCommand(
                        new BigDecimal("3.0"), new BigDecimal("2.6"), 600, null, "勤怠データ（食堂利用者）"));
                efficiency.recordEffect(flu, ind.get("absenteeism"), new jp.hip.accounting.analysis.EffectCommand(
                        new BigDecimal("3.1"), new BigDecimal("2.72"), (int) (520 * s), null, "勤怠データ（接種者）"));
            }

            // indicator values: baseline = the previous year's actual; steady improvement
            values(ind.get("participation"), year, y, new double[] {38, 45, 52, 58}, 60);
            values(ind.get("guidance"), year, y, new double[] {42, 51, 58, 64}, 65);
            values(ind.get("checkup"), year, y, new double[] {61, 68, 74, 79}, 80);
            values(ind.get("smoking"), year, y, new double[] {27.5, 26.1, 24.8, 23.2}, 22);
            values(ind.get("exercise"), year, y, new double[] {22.0, 24.5, 27.1, 29.0}, 30);
            values(ind.get("stress"), year, y, new double[] {13.8, 13.1, 12.4, 11.9}, 11);
            values(ind.get("presenteeism"), year, y, new double[] {78.2, 79.0, 80.1, 80.9}, 82);
            values(ind.get("absenteeism"), year, y, new double[] {3.4, 3.2, 2.9, 2.7}, 2.5);
            values(ind.get("engagement"), year, y, new double[] {3.1, 3.2, 3.3, 3.4}, 3.5);

            // 戦略マップ: drafted from the entries, then the management issue the company wants to solve
            strategyMaps.draftStrategyMapFromEntries(year, true);
            strategyMaps.editStrategyMap(year, g -> {
                var withGoal = g.withNode(jp.hip.accounting.strategy.StrategyNodeKind.MANAGEMENT_ISSUE, "生産性の向上と人材の定着");
                String goal = withGoal.nodes().get(withGoal.nodes().size() - 1).key();
                for (var node : g.nodes()) {
                    if (node.kind() == jp.hip.accounting.strategy.StrategyNodeKind.HEALTH_ISSUE
                            || node.kind() == jp.hip.accounting.strategy.StrategyNodeKind.FINAL && node.label().startsWith("プレゼン")) {
                        withGoal = withGoal.withEdge(node.key(), goal);
                    }
                }
                return withGoal;
            });
        }
        healthResources.addResource(new jp.hip.accounting.resources.HealthResources.ResourceCommand("健康リテラシー平均点（HLS-EU-Q16）", ResourceKind.HUMAN_INTANGIBLE,
                new BigDecimal("11.2"), "点", current.firstDay().minusDays(1), "全従業員調査 回答率 82%"));
        healthResources.addResource(new jp.hip.accounting.resources.HealthResources.ResourceCommand("適正体重維持者率", ResourceKind.HUMAN_TANGIBLE,
                new BigDecimal("68.4"), "%", current.firstDay().minusDays(1), "40歳以上"));
        healthResources.addResource(new jp.hip.accounting.resources.HealthResources.ResourceCommand("健康経営推進規程・推進会議", ResourceKind.ENVIRONMENT_INTANGIBLE,
                null, null, LocalDate.of(current.startYear() - 2, 4, 1), "取締役会で制定、年4回開催"));
        healthResources.addResource(new jp.hip.accounting.resources.HealthResources.ResourceCommand("産業保健スタッフ（産業医1名・保健師2名）", ResourceKind.HUMAN_TANGIBLE,
                new BigDecimal("3"), "人", current.firstDay(), null));
        log.info("Accounting demo data loaded for {}: 3 fiscal years", DemoData.COMPANY);
    }

    private UUID indicator(String name, IndicatorTier tier, String unit, Direction direction, String method, BenefitKind kind) {
        return healthIndicators.createIndicator(new HealthAccounting.IndicatorCommand(name, tier, unit, direction, method, "全従業員", kind));
    }

    private UUID measure(FiscalYear year, String name, PurposeCategory purpose, Set<Integer> issues, int participants) {
        return accounting.createMeasure(year, new HealthAccounting.MeasureCommand(name, null, purpose, issues, Set.of(), participants));
    }

    private UUID line(UUID measure, String description, ExpenseType type, ResourceView view, double amount, String source) {
        return accounting.addLine(measure, new HealthAccounting.LineCommand(description, type, view,
                Yen.of(Math.round(amount / 1000.0) * 1000), source));
    }

    private UUID time(UUID measure, String description, PersonnelRole role, String hours, int persons, long rate) {
        return accounting.addTimeLine(measure, new HealthAccounting.TimeCommand(description,
                new PersonnelTime(role, new BigDecimal(hours), persons, Yen.of(rate),
                        role == PersonnelRole.OCCUPATIONAL_PHYSICIAN ? RateBasis.CONTRACT : RateBasis.STANDARD_RATE), null));
    }

    private void alloc(UUID line, UUID indicator) {
        accounting.allocate(line, AllocationRule.primaryOnly(indicator));
    }

    private void split(UUID line, UUID first, String firstRatio, UUID second, String secondRatio) {
        accounting.allocate(line, AllocationRule.ratios(List.of(new AllocationRule.Share(first, new BigDecimal(firstRatio)),
                new AllocationRule.Share(second, new BigDecimal(secondRatio)))));
    }

    private void values(UUID indicator, FiscalYear year, int index, double[] series, double target) {
        healthIndicators.setValue(indicator, year, BigDecimal.valueOf(series[index]), BigDecimal.valueOf(target),
                BigDecimal.valueOf(series[index + 1]), new BigDecimal("86.5"));
    }
}
