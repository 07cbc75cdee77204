package jp.hip.accounting;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import jakarta.persistence.EntityManagerFactory;

import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import jp.hip.Accounts;
import jp.hip.PlatformTest;
import jp.hip.accounting.analysis.Analysis;
import jp.hip.accounting.indicators.BenefitKind;
import jp.hip.accounting.indicators.Direction;
import jp.hip.accounting.indicators.HealthIndicators;
import jp.hip.accounting.indicators.IndicatorTier;
import jp.hip.accounting.ledger.AllocationRule;
import jp.hip.accounting.ledger.PurposeCategory;
import jp.hip.accounting.strategy.StrategyMaps;
import jp.hip.identity.CurrentTenant;
import jp.hip.identity.TenantKind;

/**
 * Issue 13 §9 (analysis page under 100 ms): the analysis reads a fixed number of statements whatever the number of
 * measures and lines (no N+1), reads the year's lines by the (tenant_id, fiscal_year) index, and writes nothing back
 * (read-only: no dirty checking of the thousands of lines it loads). Counted, not timed: the machine's CPU is shared.
 */
@PlatformTest
class AnalysisQueryCountTests {

    @Autowired
    HealthAccounting accounting;

    @Autowired
    HealthIndicators healthIndicators;

    @Autowired
    StrategyMaps maps;

    @Autowired
    Accounts accounts;

    @Autowired
    EntityManagerFactory emf;

    @Autowired
    JdbcTemplate jdbc;

    record Counts(long statements, long entities, long collections, long flushes) {}

    Counts analyse(UUID company, int measures) {
        CurrentTenant.runAs(company, () -> {
            UUID indicator = healthIndicators.createIndicator(new HealthAccounting.IndicatorCommand("指標" + measures, IndicatorTier.FINAL,
                    "%", Direction.HIGHER_IS_BETTER, null, null, BenefitKind.NONE));
            for (int y = 2024; y <= 2025; y++) {
                StringBuilder csv = new StringBuilder("年度,施策,明細,費用区分,投資資源,金額,根拠資料\r\n");
                for (int m = 0; m < measures; m++) {
                    accounting.createMeasure(FiscalYear.of(y), new HealthAccounting.MeasureCommand("施策" + m, null,
                            PurposeCategory.values()[m % 4], java.util.Set.of(1 + m % 9), java.util.Set.of(), 10 + m));
                    for (int l = 0; l < 3; l++) {
                        csv.append(y).append(",施策").append(m).append(",明細").append(l).append(",外注費,外注,").append(1_000 * (l + 1)).append(",\r\n");
                    }
                }
                assertThat(accounting.importLines(csv.toString().getBytes(StandardCharsets.UTF_8)).problems()).isEmpty();
            }
            for (UUID line : jdbc.queryForList("select id from acc_investment_line where tenant_id = ? and fiscal_year = 2025",
                    UUID.class, company)) {
                accounting.allocate(line, AllocationRule.primaryOnly(indicator));
            }
            maps.draftStrategyMapFromEntries(FiscalYear.of(2025), true);
            return null;
        });
        Statistics stats = emf.unwrap(SessionFactory.class).getStatistics();
        stats.setStatisticsEnabled(true);
        try {
            stats.clear();
            Analysis a = CurrentTenant.runAs(company, () -> accounting.analysis(FiscalYear.of(2025), true));
            assertThat(a.costPerParticipant()).hasSize(measures);
            assertThat(a.goalRollUp().mapVersion()).isNotNull();
            return new Counts(stats.getPrepareStatementCount(), stats.getEntityLoadCount(), stats.getCollectionFetchCount(),
                    stats.getFlushCount());
        } finally {
            stats.setStatisticsEnabled(false);
        }
    }

    /**
     * The year's allocations are read by Hibernate's sub-select ("line_id in (select id from acc_investment_line …)"),
     * which names no tenant for acc_allocation. Before statistics catch up with freshly written lines PostgreSQL joins
     * by a nested loop; without an index on line_id alone it scanned every allocation per line, with the row-level
     * security policy on each row (4,000,000 rows and ~5 s at 2,000 lines, ADR 0082). The nested loop is forced here
     * (and a full scan is the last resort), so the plan shows which index finds a line's allocations.
     */
    @Test
    void theYearsAllocationsAreFoundByLineEvenInANestedLoop() {
        UUID company = accounts.tenant(TenantKind.COMPANY);
        String plan = jdbc.execute((java.sql.Connection c) -> {
            try (var st = c.createStatement()) {
                st.execute("set enable_hashjoin = off");
                st.execute("set enable_mergejoin = off");
                st.execute("set enable_seqscan = off");
                try (var rs = st.executeQuery("explain select a.* from acc_allocation a where a.line_id in (select l.id from "
                        + "acc_investment_line l where l.tenant_id = '" + company + "' and l.fiscal_year = 2025)")) {
                    StringBuilder text = new StringBuilder();
                    while (rs.next()) {
                        text.append(rs.getString(1)).append('\n');
                    }
                    return text.toString();
                } finally {
                    st.execute("reset enable_hashjoin");
                    st.execute("reset enable_mergejoin");
                    st.execute("reset enable_seqscan");
                }
            }
        });
        assertThat(plan).contains("Nested Loop").contains("acc_allocation_line_ix");
    }

    @Test
    void theAnalysisReadsAFixedNumberOfStatementsAndFlushesNothing() {
        Counts small = analyse(accounts.tenant(TenantKind.COMPANY), 5);
        Counts large = analyse(accounts.tenant(TenantKind.COMPANY), 60);
        System.out.printf("ANALYSIS statements: 5 measures %s, 60 measures %s%n", small, large);
        assertThat(large.statements()).isEqualTo(small.statements());
        assertThat(large.collections()).isEqualTo(small.collections());
        assertThat(large.statements()).isLessThanOrEqualTo(12);
        assertThat(large.flushes()).isZero();
        // 60 measures × 2 years + 360 lines + their allocations were loaded, each once
        assertThat(large.entities()).isGreaterThan(small.entities());
    }
}
