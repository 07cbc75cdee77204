package jp.hip.accounting.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StrategyGraphTests {

    StrategyGraph sample() {
        return StrategyGraph.empty()
                .withNode(StrategyNodeKind.MEASURE, "ウォーキング")
                .withNode(StrategyNodeKind.BEHAVIOUR, "運動習慣者比率")
                .withNode(StrategyNodeKind.MANAGEMENT_ISSUE, "生産性の向上");
    }

    @Test
    void nodesGetFreshKeysAndEdgesPointFromCauseToEffect() {
        StrategyGraph g = sample().withEdge("n1", "n2").withEdge("n2", "n3");
        assertThat(g.nodes()).extracting(StrategyGraph.Node::key).containsExactly("n1", "n2", "n3");
        assertThat(g.edges()).hasSize(2);
        assertThat(g.withoutNode("n2").edges()).isEmpty();
        assertThat(g.withoutNode("n2").withNode(StrategyNodeKind.FINAL, "x").node("n4")).isNotNull();
        assertThat(g.withoutEdge("n1", "n2").edges()).containsExactly(new StrategyGraph.Edge("n2", "n3"));
    }

    @Test
    void edgesBackwardsOrWithinALayerAreRefusedSoTheMapStaysAcyclic() {
        assertThatThrownBy(() -> sample().withEdge("n3", "n1")).hasMessage("accounting.map.edgeDirection");
        assertThatThrownBy(() -> sample().withNode(StrategyNodeKind.MEASURE, "b").withEdge("n1", "n4"))
                .hasMessage("accounting.map.edgeDirection");
        assertThatThrownBy(() -> sample().withEdge("n1", "n9")).hasMessage("accounting.map.edgeUnknownNode");
        assertThatThrownBy(() -> sample().withEdge("n1", "n2").withEdge("n1", "n2")).hasMessage("accounting.map.duplicateEdge");
    }

    @Test
    void labelsAreRequiredAndBounded() {
        assertThatThrownBy(() -> sample().withNode(StrategyNodeKind.FINAL, " ")).hasMessage("accounting.map.label.required");
        assertThatThrownBy(() -> sample().withNode(StrategyNodeKind.FINAL, "あ".repeat(101))).hasMessage("accounting.map.label.required");
        assertThatThrownBy(() -> sample().withNode(null, "x")).hasMessage("accounting.map.kind.required");
    }
}
