package jp.hip.accounting.strategy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jp.hip.accounting.HealthAccounting;
import jp.hip.accounting.Yen;
import jp.hip.accounting.indicators.IndicatorTier;

/**
 * 戦略マップによる積み上げ (ADR 0029): the investment allocated to lower-tier indicators carried up the year's
 * strategy map to the final goals (健康関連の最終的な目標指標) and on to the issues they serve (健康課題, 経営課題),
 * the chain of the guideline 2020 (ref-accounting §1.9: 健康投資 → 取組状況 → 意識・行動変容 → 最終目標 → 解決したい課題).
 *
 * <p>An indicator is on the map when a node of its tier's kind carries its name as label (as a drafted map does).
 * A node passes everything it holds (its own allocation plus what reached it) along its edges to the next tiers,
 * split equally, the yen remainder to the first edge, so nothing is counted twice: the allocated total equals the
 * final goals' totals plus what is not on the map plus what stops below a final goal. 企業価値 and 社会的価値
 * indicators are outside the chain and not rolled up.
 *
 * @param mapVersion the version of the map used; null when the year has no map (then nothing is rolled up)
 * @param allocated the investment allocated to indicators of the three tiers this year
 * @param finalGoals per final-goal node: its own allocation, what rolled up to it, and their sum
 * @param issues per issue node (健康課題, 経営課題): what reached it from the final goals
 * @param notOnMap allocated to indicators with no node on the map
 * @param belowFinal allocated to lower-tier indicators whose edges lead to no final goal
 */
public record GoalRollUp(Integer mapVersion, Yen allocated, List<Goal> finalGoals, List<Goal> issues, Yen notOnMap,
        Yen belowFinal) {

    /** One node's figures; {@code direct} is allocated to its own indicator, {@code rolledUp} came along edges. */
    public record Goal(String nodeKey, String label, StrategyNodeKind kind, Yen direct, Yen rolledUp) {
        public Yen total() {
            return direct.plus(rolledUp);
        }
    }

    private static final Set<StrategyNodeKind> ISSUES = EnumSet.of(StrategyNodeKind.HEALTH_ISSUE, StrategyNodeKind.MANAGEMENT_ISSUE);

    /** The node kind an indicator of a tier takes on the map; null for the value tiers outside the chain. */
    static StrategyNodeKind kindOf(IndicatorTier tier) {
        return switch (tier) {
            case PARTICIPATION -> StrategyNodeKind.PARTICIPATION;
            case BEHAVIOUR -> StrategyNodeKind.BEHAVIOUR;
            case FINAL -> StrategyNodeKind.FINAL;
            case CORPORATE_VALUE, SOCIAL_VALUE -> null;
        };
    }

    public static GoalRollUp of(Integer mapVersion, StrategyGraph graph, List<HealthAccounting.IndicatorView> indicators,
            Map<UUID, Yen> allocatedByIndicator) {
        long allocated = 0;
        long notOnMap = 0;
        Map<String, Long> own = new HashMap<>();
        for (HealthAccounting.IndicatorView indicator : indicators) {
            StrategyNodeKind kind = kindOf(indicator.tier());
            long amount = allocatedByIndicator.getOrDefault(indicator.id(), Yen.ZERO).amount();
            if (kind == null || amount == 0) {
                continue;
            }
            allocated += amount;
            String label = StrategyDraft.clip(indicator.name());
            StrategyGraph.Node node = graph == null ? null : graph.nodes().stream()
                    .filter(n -> n.kind() == kind && n.label().equals(label)).findFirst().orElse(null);
            if (node == null) {
                notOnMap += amount;
            } else {
                own.merge(node.key(), amount, Long::sum);
            }
        }
        if (graph == null) {
            return new GoalRollUp(null, Yen.of(allocated), List.of(), List.of(), Yen.of(notOnMap), Yen.ZERO);
        }
        Map<String, Long> reached = new HashMap<>();
        long belowFinal = 0;
        // lowest layer first, so a node has received everything before it passes it on (edges always go up)
        List<StrategyGraph.Node> ordered = graph.nodes().stream()
                .sorted(Comparator.comparingInt(n -> n.kind().layer())).toList();
        for (StrategyGraph.Node node : ordered) {
            if (node.kind() == StrategyNodeKind.MEASURE || node.kind() == StrategyNodeKind.MANAGEMENT_ISSUE) {
                continue;
            }
            long holding = own.getOrDefault(node.key(), 0L) + reached.getOrDefault(node.key(), 0L);
            if (holding == 0) {
                continue;
            }
            boolean belowGoal = node.kind().layer() < StrategyNodeKind.FINAL.layer();
            List<String> targets = graph.edges().stream().filter(e -> e.from().equals(node.key())).map(StrategyGraph.Edge::to)
                    .filter(to -> belowGoal ? isIndicator(graph.node(to).kind()) : ISSUES.contains(graph.node(to).kind()))
                    .toList();
            if (targets.isEmpty()) {
                if (belowGoal) {
                    belowFinal += holding;
                }
                continue;
            }
            for (int i = 0; i < targets.size(); i++) {
                long share = holding / targets.size() + (i == 0 ? holding % targets.size() : 0);
                reached.merge(targets.get(i), share, Long::sum);
            }
        }
        List<Goal> goals = new ArrayList<>();
        List<Goal> issues = new ArrayList<>();
        for (StrategyGraph.Node node : graph.nodes()) {
            Goal goal = new Goal(node.key(), node.label(), node.kind(), Yen.of(own.getOrDefault(node.key(), 0L)),
                    Yen.of(reached.getOrDefault(node.key(), 0L)));
            if (node.kind() == StrategyNodeKind.FINAL) {
                goals.add(goal);
            } else if (ISSUES.contains(node.kind())) {
                issues.add(goal);
            }
        }
        issues.sort(Comparator.comparingInt(g -> g.kind().layer()));
        return new GoalRollUp(mapVersion, Yen.of(allocated), goals, issues, Yen.of(notOnMap), Yen.of(belowFinal));
    }

    private static boolean isIndicator(StrategyNodeKind kind) {
        return kind == StrategyNodeKind.PARTICIPATION || kind == StrategyNodeKind.BEHAVIOUR || kind == StrategyNodeKind.FINAL;
    }

    /** The final goals' totals; with {@link #notOnMap} and {@link #belowFinal} it adds up to {@link #allocated}. */
    public Yen finalGoalsTotal() {
        return finalGoals.stream().map(Goal::total).reduce(Yen.ZERO, Yen::plus);
    }
}
