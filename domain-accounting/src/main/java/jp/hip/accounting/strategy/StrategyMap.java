package jp.hip.accounting.strategy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;

import org.hibernate.annotations.Fetch;
import org.hibernate.annotations.FetchMode;
import org.hibernate.annotations.TenantId;

import jp.hip.accounting.FiscalYear;

/** One saved version of a company's strategy map for a 年度; never changed after it is saved. */
@Entity
@Table(name = "acc_strategy_map")
class StrategyMap {

    @Id
    private UUID id;

    @TenantId
    @Column(name = "tenant_id")
    private UUID tenantId;

    @Column(name = "fiscal_year")
    private int fiscalYear;

    private int version;

    @Column(name = "created_at")
    private Instant createdAt;

    @OneToMany(cascade = CascadeType.ALL, fetch = FetchType.LAZY)
    @Fetch(FetchMode.SUBSELECT)
    @JoinColumn(name = "map_id", nullable = false)
    private List<Node> nodes = new ArrayList<>();

    @OneToMany(cascade = CascadeType.ALL, fetch = FetchType.LAZY)
    @Fetch(FetchMode.SUBSELECT)
    @JoinColumn(name = "map_id", nullable = false)
    private List<EdgeRow> edges = new ArrayList<>();

    protected StrategyMap() {}

    StrategyMap(FiscalYear year, int version, StrategyGraph graph, Instant now) {
        this.id = UUID.randomUUID();
        this.fiscalYear = year.startYear();
        this.version = version;
        this.createdAt = now;
        int position = 0;
        for (StrategyGraph.Node n : graph.nodes()) {
            nodes.add(new Node(n, position++));
        }
        for (StrategyGraph.Edge e : graph.edges()) {
            edges.add(new EdgeRow(e));
        }
    }

    StrategyGraph graph() {
        return new StrategyGraph(
                nodes.stream().sorted(Comparator.comparingInt(n -> n.position))
                        .map(n -> new StrategyGraph.Node(n.nodeKey, n.kind, n.label)).toList(),
                edges.stream().map(e -> new StrategyGraph.Edge(e.fromKey, e.toKey)).toList());
    }

    int version() { return version; }
    Instant createdAt() { return createdAt; }

    @Entity
    @Table(name = "acc_strategy_node")
    static class Node {
        @Id
        private UUID id;

        @TenantId
        @Column(name = "tenant_id")
        private UUID tenantId;

        @Column(name = "node_key")
        private String nodeKey;

        @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
        private StrategyNodeKind kind;

        private String label;

        private int position;

        protected Node() {}

        Node(StrategyGraph.Node n, int position) {
            this.id = UUID.randomUUID();
            this.nodeKey = n.key();
            this.kind = n.kind();
            this.label = n.label();
            this.position = position;
        }
    }

    @Entity
    @Table(name = "acc_strategy_edge")
    static class EdgeRow {
        @Id
        private UUID id;

        @TenantId
        @Column(name = "tenant_id")
        private UUID tenantId;

        @Column(name = "from_key")
        private String fromKey;

        @Column(name = "to_key")
        private String toKey;

        protected EdgeRow() {}

        EdgeRow(StrategyGraph.Edge e) {
            this.id = UUID.randomUUID();
            this.fromKey = e.from();
            this.toKey = e.to();
        }
    }
}
