package jp.hip.accounting.strategy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jp.hip.accounting.HealthAccounting.IndicatorView;
import jp.hip.accounting.HealthAccounting.MeasureView;

/**
 * A strategy map drafted from a year's entries: measures, the indicators their lines are allocated to (by tier),
 * the health issues of those measures; edges measure → indicator, final indicator → issue.
 */
final class StrategyDraft {

    private StrategyDraft() {}

    static StrategyGraph draft(List<MeasureView> ms, List<IndicatorView> is, Map<String, String> issueNames,
            Map<UUID, Set<UUID>> servedBy) {
            List<StrategyGraph.Node> nodes = new ArrayList<>();
            List<StrategyGraph.Edge> edges = new ArrayList<>();
            Map<String, String> keyOf = new HashMap<>();
            java.util.function.BiFunction<String, StrategyGraph.Node, String> add = (id, node) -> keyOf.computeIfAbsent(id, k -> {
                String key = "n" + (nodes.size() + 1);
                nodes.add(new StrategyGraph.Node(key, node.kind(), node.label()));
                return key;
            });
            Map<UUID, IndicatorView> indicatorById = is.stream().collect(Collectors.toMap(IndicatorView::id, i -> i));
            java.util.Set<StrategyGraph.Edge> edgeSet = new java.util.LinkedHashSet<>();
            for (MeasureView m : ms) {
                String mk = add.apply("m" + m.id(), new StrategyGraph.Node("x", StrategyNodeKind.MEASURE, clip(m.name())));
                List<String> issueKeys = new ArrayList<>();
                m.standardIssues().forEach(c -> issueKeys.add(Integer.toString(c)));
                m.ownIssues().forEach(id -> issueKeys.add(id.toString()));
                for (UUID indicatorId : servedBy.getOrDefault(m.id(), Set.of())) {
                    IndicatorView i = indicatorById.get(indicatorId);
                    if (i == null) {
                        continue;
                    }
                    StrategyNodeKind kind = switch (i.tier()) {
                        case PARTICIPATION -> StrategyNodeKind.PARTICIPATION;
                        case BEHAVIOUR -> StrategyNodeKind.BEHAVIOUR;
                        case FINAL -> StrategyNodeKind.FINAL;
                        case CORPORATE_VALUE, SOCIAL_VALUE -> StrategyNodeKind.MANAGEMENT_ISSUE;
                    };
                    String ik = add.apply("i" + i.id(), new StrategyGraph.Node("x", kind, clip(i.name())));
                    edgeSet.add(new StrategyGraph.Edge(mk, ik));
                    if (kind == StrategyNodeKind.FINAL) {
                        for (String issue : issueKeys) {
                            String hk = add.apply("h" + issue, new StrategyGraph.Node("x", StrategyNodeKind.HEALTH_ISSUE,
                                    clip(issueNames.getOrDefault(issue, issue))));
                            edgeSet.add(new StrategyGraph.Edge(ik, hk));
                        }
                    }
                }
            }
            edges.addAll(edgeSet);
            return new StrategyGraph(nodes.size() > StrategyGraph.MAX_NODES ? nodes.subList(0, StrategyGraph.MAX_NODES) : nodes,
                    nodes.size() > StrategyGraph.MAX_NODES ? List.of() : edges);
    }

    static String clip(String text) {
        return text.length() <= 100 ? text : text.substring(0, 99) + "…";
    }
}
