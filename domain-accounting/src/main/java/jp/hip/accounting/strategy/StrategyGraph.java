package jp.hip.accounting.strategy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jp.hip.accounting.AccountingException;

/**
 * The content of one version of a strategy map: nodes and directed edges from cause to effect. Immutable; each
 * edit returns a new graph. Rules: labels 1–100 characters, at most {@value #MAX_NODES} nodes, edges join
 * existing nodes and always point to a higher layer (so there are no cycles), no duplicate edges.
 */
public record StrategyGraph(List<Node> nodes, List<Edge> edges) {

    public static final int MAX_NODES = 200;

    public record Node(String key, StrategyNodeKind kind, String label) {
        public Node {
            if (kind == null) {
                throw new AccountingException("accounting.map.kind.required");
            }
            if (label == null || label.isBlank() || label.strip().length() > 100) {
                throw new AccountingException("accounting.map.label.required");
            }
            label = label.strip();
        }
    }

    public record Edge(String from, String to) {}

    public StrategyGraph {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
        if (nodes.size() > MAX_NODES) {
            throw new AccountingException("accounting.map.tooManyNodes");
        }
        Map<String, Node> byKey = new HashMap<>();
        for (Node n : nodes) {
            if (byKey.put(n.key(), n) != null) {
                throw new AccountingException("accounting.map.duplicateNode");
            }
        }
        Set<Edge> seen = new HashSet<>();
        for (Edge e : edges) {
            Node from = byKey.get(e.from());
            Node to = byKey.get(e.to());
            if (from == null || to == null) {
                throw new AccountingException("accounting.map.edgeUnknownNode");
            }
            if (from.kind().layer() >= to.kind().layer()) {
                throw new AccountingException("accounting.map.edgeDirection");
            }
            if (!seen.add(e)) {
                throw new AccountingException("accounting.map.duplicateEdge");
            }
        }
    }

    public static StrategyGraph empty() {
        return new StrategyGraph(List.of(), List.of());
    }

    public StrategyGraph withNode(StrategyNodeKind kind, String label) {
        int next = nodes.stream().map(Node::key).filter(k -> k.matches("n\\d+"))
                .mapToInt(k -> Integer.parseInt(k.substring(1))).max().orElse(0) + 1;
        List<Node> more = new ArrayList<>(nodes);
        more.add(new Node("n" + next, kind, label));
        return new StrategyGraph(more, edges);
    }

    public StrategyGraph withEdge(String from, String to) {
        List<Edge> more = new ArrayList<>(edges);
        more.add(new Edge(from, to));
        return new StrategyGraph(nodes, more);
    }

    /** The same node, kind and links with a new label (1–100 characters). */
    public StrategyGraph withLabel(String key, String label) {
        if (node(key) == null) {
            throw new AccountingException("accounting.map.edgeUnknownNode");
        }
        return new StrategyGraph(nodes.stream().map(n -> n.key().equals(key) ? new Node(key, n.kind(), label) : n).toList(), edges);
    }

    public StrategyGraph withoutNode(String key) {
        return new StrategyGraph(nodes.stream().filter(n -> !n.key().equals(key)).toList(),
                edges.stream().filter(e -> !e.from().equals(key) && !e.to().equals(key)).toList());
    }

    public StrategyGraph withoutEdge(String from, String to) {
        return new StrategyGraph(nodes, edges.stream().filter(e -> !(e.from().equals(from) && e.to().equals(to))).toList());
    }

    public Node node(String key) {
        return nodes.stream().filter(n -> n.key().equals(key)).findFirst().orElse(null);
    }
}
