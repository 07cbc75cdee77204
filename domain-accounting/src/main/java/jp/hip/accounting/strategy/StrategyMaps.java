package jp.hip.accounting.strategy;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import jp.hip.accounting.AccountingException;
import jp.hip.accounting.FiscalYear;
import jp.hip.accounting.HealthAccounting.HealthIssue;
import jp.hip.accounting.HealthAccounting;
import jp.hip.accounting.indicators.HealthIndicators;
import jp.hip.accounting.ledger.InvestmentLineRepository;
import jp.hip.accounting.years.AccountingYears;

/**
 * 戦略マップ (ADR 0023): read a version, edit the latest into a new version, draft one from the year's entries,
 * or delete the year's map with all its versions (refused in a closed 年度, audited). Current tenant only.
 */
@Service
public class StrategyMaps {

    public record StrategyMapView(FiscalYear fiscalYear, int version, Instant savedAt, StrategyGraph graph,
            List<Integer> versions) {}

    private final StrategyMapStore store;
    private final HealthAccounting accounting;
    private final HealthIndicators healthIndicators;
    private final InvestmentLineRepository lines;
    private final AccountingYears years;
    private final TransactionTemplate tx;

    StrategyMaps(StrategyMapStore store, HealthAccounting accounting, HealthIndicators healthIndicators,
            InvestmentLineRepository lines, AccountingYears years, TransactionTemplate tx) {
        this.store = store;
        this.accounting = accounting;
        this.healthIndicators = healthIndicators;
        this.lines = lines;
        this.years = years;
        this.tx = tx;
    }

    /** The latest version (or the given one) of the year's strategy map; empty when none was saved. */
    public Optional<StrategyMapView> strategyMap(FiscalYear year, Integer version) {
        return store.find(year, version);
    }

    /** Applies one edit to the latest version and saves the result as a new version; returns its number. */
    public int editStrategyMap(FiscalYear year, UnaryOperator<StrategyGraph> edit) {
        return store.edit(year, edit);
    }

    /**
     * Drafts a map from the year's entries as a new version: measures, the indicators their lines are allocated
     * to (by tier), the health issues of those measures; edges measure → indicator, final indicator → issue.
     */
    public int draftStrategyMapFromEntries(FiscalYear year, boolean japanese) {
        var ms = accounting.measures(year);
        var is = healthIndicators.indicators();
        Map<String, String> issueNames = accounting.healthIssues(japanese).stream()
                .collect(Collectors.toMap(HealthIssue::key, HealthIssue::name, (a, b) -> a));
        Map<UUID, Set<UUID>> servedBy = tx.execute(s -> {
            Map<UUID, Set<UUID>> served = new HashMap<>();
            lines.findByFiscalYear(year.startYear()).forEach(l -> served.computeIfAbsent(l.measureId(), k -> new HashSet<>())
                    .addAll(l.allocatedAmounts().keySet()));
            return served;
        });
        return editStrategyMap(year, ignored -> StrategyDraft.draft(ms, is, issueNames, servedBy));
    }

    /** Deletes the year's map, every version of it; returns how many versions went. Refused in a closed 年度. */
    public int deleteStrategyMap(FiscalYear year) {
        return tx.execute(s -> {
            years.requireOpen(year);
            if (store.find(year, null).isEmpty()) {
                throw new AccountingException("accounting.notFound");
            }
            return store.deleteAll(year);
        });
    }

    /** The versions the year's map has now (newest first); empty when it has none. */
    public List<Integer> versions(FiscalYear year) {
        return store.find(year, null).map(StrategyMapView::versions).orElse(List.of());
    }
}
