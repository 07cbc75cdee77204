package jp.hip.accounting.strategy;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import jp.hip.accounting.FiscalYear;
import jp.hip.accounting.strategy.StrategyMaps.StrategyMapView;
import jp.hip.identity.AuditLog;

/** The versions of a year's strategy map: read one, or save an edit of the latest as a new version (ADR 0023). */
@Component
public class StrategyMapStore {

    private final StrategyMapRepository strategyMaps;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;

    StrategyMapStore(StrategyMapRepository strategyMaps, AuditLog audit, TransactionTemplate tx, Clock clock) {
        this.strategyMaps = strategyMaps;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /** The latest version (or the given one) of the year's strategy map; empty when none was saved. */
    Optional<StrategyMapView> find(FiscalYear year, Integer version) {
        return tx.execute(s -> {
            Optional<StrategyMap> map = version == null ? strategyMaps.findFirstByFiscalYearOrderByVersionDesc(year.startYear())
                    : strategyMaps.findByFiscalYearAndVersion(year.startYear(), version);
            List<Integer> versions = strategyMaps.findByFiscalYearOrderByVersionDesc(year.startYear()).stream()
                    .map(StrategyMap::version).toList();
            return map.map(m -> new StrategyMapView(year, m.version(), m.createdAt(), m.graph(), versions));
        });
    }

    /** The latest version only, without the list of versions (one query fewer, for the analysis). */
    public Optional<StrategyMapView> latest(FiscalYear year) {
        return tx.execute(s -> strategyMaps.findFirstByFiscalYearOrderByVersionDesc(year.startYear())
                .map(m -> new StrategyMapView(year, m.version(), m.createdAt(), m.graph(), List.of(m.version()))));
    }

    /** Deletes every version of the year's map; returns how many there were. */
    int deleteAll(FiscalYear year) {
        return tx.execute(s -> {
            List<StrategyMap> all = strategyMaps.findByFiscalYearOrderByVersionDesc(year.startYear());
            strategyMaps.deleteAll(all);
            audit.record("ACC_STRATEGY_MAP_DELETED", "StrategyMap", year.startYear(), Map.of("fiscalYear", year.startYear(),
                    "versions", all.size()));
            return all.size();
        });
    }

    /** Applies one edit to the latest version and saves the result as a new version; returns its number. */
    int edit(FiscalYear year, java.util.function.UnaryOperator<StrategyGraph> edit) {
        return tx.execute(s -> {
            Optional<StrategyMap> latest = strategyMaps.findFirstByFiscalYearOrderByVersionDesc(year.startYear());
            StrategyGraph graph = edit.apply(latest.map(StrategyMap::graph).orElse(StrategyGraph.empty()));
            int version = latest.map(StrategyMap::version).orElse(0) + 1;
            StrategyMap saved = strategyMaps.saveAndFlush(new StrategyMap(year, version, graph, clock.instant()));
            audit.record("ACC_STRATEGY_MAP_SAVED", "StrategyMap", saved.version(), Map.of("fiscalYear", year.startYear(),
                    "nodes", graph.nodes().size(), "edges", graph.edges().size()));
            return version;
        });
    }

}
