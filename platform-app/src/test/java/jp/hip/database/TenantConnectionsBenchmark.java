package jp.hip.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import jp.hip.PlatformTest;
import jp.hip.identity.CurrentTenant;

/**
 * What the tenant settings cost per connection checkout (ADR 0090): the same loop of "take a connection from the
 * pool, run {@code select 1}, give it back", once through the pool alone (the machine's limit for one round trip,
 * measured in the same run) and once through the application's DataSource, which first runs the one
 * {@code set_config} statement. Printed, never asserted (bin/bench tenancy).
 */
@PlatformTest
class TenantConnectionsBenchmark {

    static final int WARM_UP = 2_000;
    static final int ROUNDS = 5;
    static final int CHECKOUTS = 10_000;

    @Autowired
    DataSource dataSource;

    @Test
    void setConfigPerCheckoutBesideABareSelectOne() throws SQLException {
        DataSource pool = ((DelegatingDataSource) dataSource).getTargetDataSource();
        assertThat(pool).isNotNull();
        UUID tenant = UUID.randomUUID();
        long[] bare = new long[ROUNDS];
        long[] scoped = new long[ROUNDS];
        CurrentTenant.runAs(tenant, () -> {
            try {
                loop(pool, WARM_UP);
                loop(dataSource, WARM_UP);
                for (int r = 0; r < ROUNDS; r++) { // interleaved, so drift of the machine's load hits both alike
                    bare[r] = loop(pool, CHECKOUTS);
                    scoped[r] = loop(dataSource, CHECKOUTS);
                }
                return null;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        double bareUs = median(bare) / 1_000.0 / CHECKOUTS;
        double scopedUs = median(scoped) / 1_000.0 / CHECKOUTS;
        System.out.printf("TENANCY BENCHMARK (%d rounds of %d checkouts, medians; %d cores)%n", ROUNDS, CHECKOUTS,
                Runtime.getRuntime().availableProcessors());
        System.out.printf("  pool alone, checkout + select 1:               %7.1f µs per checkout (the machine's limit)%n", bareUs);
        System.out.printf("  app DataSource, checkout + set_config + select 1: %7.1f µs per checkout%n", scopedUs);
        System.out.printf("  set_config per checkout:                       %7.1f µs (%.2f× the bare checkout)%n",
                scopedUs - bareUs, scopedUs / bareUs);
    }

    private static long loop(DataSource source, int checkouts) throws SQLException {
        long start = System.nanoTime();
        for (int i = 0; i < checkouts; i++) {
            try (Connection connection = source.getConnection(); Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("select 1")) {
                rows.next();
            }
        }
        return System.nanoTime() - start;
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
