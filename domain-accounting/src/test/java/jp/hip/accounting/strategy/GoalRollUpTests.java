package jp.hip.accounting.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import jp.hip.accounting.HealthAccounting;
import jp.hip.accounting.Yen;
import jp.hip.accounting.indicators.BenefitKind;
import jp.hip.accounting.indicators.Direction;
import jp.hip.accounting.indicators.Indicator;
import jp.hip.accounting.indicators.IndicatorTier;

/** ADR 0029: lower-tier spending carried up the strategy map to the final goals; kind and direction agree. */
class GoalRollUpTests {

    static HealthAccounting.IndicatorView indicator(UUID id, String name, IndicatorTier tier) {
        return new HealthAccounting.IndicatorView(id, name, tier, "%", Direction.HIGHER_IS_BETTER, null, null, BenefitKind.NONE, List.of());
    }

    final UUID participation = UUID.randomUUID();
    final UUID behaviour = UUID.randomUUID();
    final UUID finalA = UUID.randomUUID();
    final UUID finalB = UUID.randomUUID();
    final UUID offMap = UUID.randomUUID();
    final UUID corporate = UUID.randomUUID();

    final List<HealthAccounting.IndicatorView> indicators = List.of(
            indicator(participation, "セミナー参加率", IndicatorTier.PARTICIPATION),
            indicator(behaviour, "運動習慣者比率", IndicatorTier.BEHAVIOUR),
            indicator(finalA, "プレゼンティーイズム", IndicatorTier.FINAL),
            indicator(finalB, "適正体重維持者率", IndicatorTier.FINAL),
            indicator(offMap, "睡眠満足度", IndicatorTier.BEHAVIOUR),
            indicator(corporate, "離職率", IndicatorTier.CORPORATE_VALUE));

    // n1 セミナー参加率 → n2 運動習慣者比率 → n3 プレゼンティーイズム, n4 適正体重維持者率 → n5 健康課題 → n6 経営課題
    final StrategyGraph map = StrategyGraph.empty()
            .withNode(StrategyNodeKind.PARTICIPATION, "セミナー参加率")
            .withNode(StrategyNodeKind.BEHAVIOUR, "運動習慣者比率")
            .withNode(StrategyNodeKind.FINAL, "プレゼンティーイズム")
            .withNode(StrategyNodeKind.FINAL, "適正体重維持者率")
            .withNode(StrategyNodeKind.HEALTH_ISSUE, "生活習慣病の予防")
            .withNode(StrategyNodeKind.MANAGEMENT_ISSUE, "生産性の向上")
            .withEdge("n1", "n2").withEdge("n2", "n3").withEdge("n2", "n4")
            .withEdge("n3", "n5").withEdge("n4", "n5").withEdge("n5", "n6");

    @Test
    void lowerTierSpendingReachesTheFinalGoalsSplitEquallyAndNothingTwice() {
        GoalRollUp r = GoalRollUp.of(3, map, indicators, Map.of(
                participation, Yen.of(100_001), behaviour, Yen.of(50_000), finalA, Yen.of(30_000),
                offMap, Yen.of(7_000), corporate, Yen.of(1_000_000)));

        assertThat(r.mapVersion()).isEqualTo(3);
        // 100,001 + 50,000 = 150,001 split over two goals: 75,001 (remainder first) and 75,000
        assertThat(r.finalGoals()).extracting(g -> g.label(), g -> g.direct().amount(), g -> g.rolledUp().amount(), g -> g.total().amount())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("プレゼンティーイズム", 30_000L, 75_001L, 105_001L),
                        org.assertj.core.groups.Tuple.tuple("適正体重維持者率", 0L, 75_000L, 75_000L));
        assertThat(r.notOnMap().amount()).isEqualTo(7_000);
        assertThat(r.belowFinal().amount()).isZero();
        // 企業価値 is outside the chain: not in the allocated total
        assertThat(r.allocated().amount()).isEqualTo(187_001);
        assertThat(r.finalGoalsTotal().plus(r.notOnMap()).plus(r.belowFinal())).isEqualTo(r.allocated());
        // and on to the issues: both goals feed 生活習慣病の予防, which feeds 生産性の向上
        assertThat(r.issues()).extracting(g -> g.label(), g -> g.total().amount())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("生活習慣病の予防", 180_001L),
                        org.assertj.core.groups.Tuple.tuple("生産性の向上", 180_001L));
    }

    @Test
    void spendingThatLeadsToNoFinalGoalIsShownApartAndWithoutAMapNothingIsRolledUp() {
        StrategyGraph cut = map.withoutEdge("n2", "n3").withoutEdge("n2", "n4");
        GoalRollUp r = GoalRollUp.of(1, cut, indicators, Map.of(participation, Yen.of(10_000), behaviour, Yen.of(5_000)));
        assertThat(r.belowFinal().amount()).isEqualTo(15_000);
        assertThat(r.finalGoalsTotal()).isEqualTo(Yen.ZERO);

        GoalRollUp none = GoalRollUp.of(null, null, indicators, Map.of(participation, Yen.of(10_000)));
        assertThat(none.mapVersion()).isNull();
        assertThat(none.finalGoals()).isEmpty();
        assertThat(none.notOnMap().amount()).isEqualTo(10_000);
    }

    @Test
    void aBenefitKindThatContradictsTheDirectionIsRefusedNamingTheField() {
        Indicator absence = new Indicator(Instant.now());
        assertThatThrownBy(() -> absence.describe("欠勤日数", IndicatorTier.FINAL, "日", Direction.HIGHER_IS_BETTER, null, null,
                BenefitKind.ABSENTEEISM_DAYS)).hasMessage("accounting.indicator.benefitKind.contradictsDirection");
        assertThatThrownBy(() -> absence.describe("SPQ", IndicatorTier.FINAL, "%", Direction.LOWER_IS_BETTER, null, null,
                BenefitKind.PRESENTEEISM_SPQ)).hasMessage("accounting.indicator.benefitKind.contradictsDirection");
        absence.describe("欠勤日数", IndicatorTier.FINAL, "日", Direction.LOWER_IS_BETTER, null, null, BenefitKind.ABSENTEEISM_DAYS);
        assertThat(absence.benefitKind()).isEqualTo(BenefitKind.ABSENTEEISM_DAYS);
        absence.describe("欠勤日数", IndicatorTier.FINAL, "日", Direction.HIGHER_IS_BETTER, null, null, BenefitKind.NONE);
        assertThat(absence.benefitKind()).isEqualTo(BenefitKind.NONE);
    }
}
