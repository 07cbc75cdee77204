package jp.hip.web.accounting;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jp.hip.accounting.strategy.StrategyGraph;
import jp.hip.accounting.strategy.StrategyNodeKind;

/**
 * Lays a strategy map out for server-rendered SVG: one column per layer (施策 left … 経営課題 right), nodes stacked
 * in each column, edges as arrows from the right side of the cause to the left side of the effect.
 */
record StrategyDiagram(int width, int height, List<Column> columns, List<Box> boxes, List<Arrow> arrows) {

    static final int COLUMN = 210;
    static final int BOX_WIDTH = 180;
    static final int BOX_HEIGHT = 50;
    static final int ROW = 64;
    static final int TOP = 36;
    static final int LINE_CHARS = 12;

    record Column(StrategyNodeKind kind, int x) {}

    record Box(String key, StrategyNodeKind kind, String label, String line1, String line2, int x, int y) {}

    record Arrow(int x1, int y1, int x2, int y2) {}

    static StrategyDiagram of(StrategyGraph graph) {
        Map<StrategyNodeKind, Integer> rows = new HashMap<>();
        Map<String, Box> byKey = new HashMap<>();
        List<Box> boxes = new ArrayList<>();
        for (StrategyGraph.Node n : graph.nodes()) {
            int row = rows.merge(n.kind(), 1, Integer::sum) - 1;
            String label = n.label();
            String line1 = label.length() <= LINE_CHARS ? label : label.substring(0, LINE_CHARS);
            String rest = label.length() <= LINE_CHARS ? "" : label.substring(LINE_CHARS);
            String line2 = rest.length() <= LINE_CHARS ? rest : rest.substring(0, LINE_CHARS - 1) + "…";
            Box box = new Box(n.key(), n.kind(), label, line1, line2, 10 + n.kind().layer() * COLUMN, TOP + row * ROW);
            boxes.add(box);
            byKey.put(n.key(), box);
        }
        List<Arrow> arrows = new ArrayList<>();
        for (StrategyGraph.Edge e : graph.edges()) {
            Box from = byKey.get(e.from());
            Box to = byKey.get(e.to());
            arrows.add(new Arrow(from.x() + BOX_WIDTH, from.y() + BOX_HEIGHT / 2, to.x() - 4, to.y() + BOX_HEIGHT / 2));
        }
        List<Column> columns = new ArrayList<>();
        for (StrategyNodeKind kind : StrategyNodeKind.values()) {
            columns.add(new Column(kind, 10 + kind.layer() * COLUMN));
        }
        int maxRows = rows.values().stream().mapToInt(Integer::intValue).max().orElse(1);
        return new StrategyDiagram(10 + StrategyNodeKind.values().length * COLUMN, TOP + maxRows * ROW + 10, columns, boxes, arrows);
    }
}
