package jp.hip.accounting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import jp.hip.Accounts;
import jp.hip.PlatformTest;
import jp.hip.identity.CurrentTenant;
import jp.hip.identity.Role;
import jp.hip.identity.TenantKind;

/**
 * Benchmark, not part of the normal test run (the name does not end in Tests). Run with one command:
 * <pre>HIP_TEST_DB_URL=… bin/test -pl platform-app -am -Dtest=AccountingBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 * (1) imports 100,000 investment lines through the application (parse, validate, write, one transaction) and,
 * in the same run, loads the same rows with PostgreSQL's own COPY; prints both rates and their ratio.
 * (2) times the analysis page for a company with 10 fiscal years × 200 measures.
 */
@PlatformTest
class AccountingBenchmark {

    static final int LINES = 100_000;
    static final int MEASURES = 200;
    static final int YEARS = 10;

    @Autowired
    HealthAccounting accounting;

    @Autowired
    Accounts accounts;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    MockMvc mvc;

    @Test
    void importAgainstCopyAndTheAnalysisPage() throws Exception {
        UUID company = accounts.tenant(TenantKind.COMPANY);
        List<UUID> measures = new ArrayList<>();
        CurrentTenant.runAs(company, () -> {
            for (int y = 0; y < YEARS; y++) {
                for (int m = 0; m < MEASURES; m++) {
                    UUID id = accounting.createMeasure(FiscalYear.of(2016 + y), new HealthAccounting.MeasureCommand(
                            String.format("施策%03d", m), null, PurposeCategory.values()[m % 4], java.util.Set.of(1 + m % 9),
                            java.util.Set.of(), 50 + m));
                    if (y == YEARS - 1) {
                        measures.add(id);
                    }
                }
            }
            return null;
        });

        // the same 100,000 rows for both loaders
        String[] types = {"外注費", "減価償却費", "人件費", "その他経費"};
        String[] typeCodes = {"OUTSOURCING", "DEPRECIATION", "PERSONNEL", "OTHER"};
        String[] views = {"外注", "空間投資", "時間投資", "その他"};
        String[] viewCodes = {"OUTSOURCED", "SPACE", "TIME", "OTHER"};
        StringBuilder csv = new StringBuilder("\uFEFF年度,施策,明細,費用区分,投資資源,金額,根拠資料\r\n");
        StringBuilder copy = new StringBuilder();
        for (int i = 0; i < LINES; i++) {
            int m = i % MEASURES;
            int t = i % 4;
            long amount = 1_000 + (i * 7919L) % 900_000;
            csv.append("2025,施策").append(String.format("%03d", m)).append(",明細").append(i).append(',').append(types[t]).append(',')
                    .append(views[t]).append(",\"").append(String.format("%,d", amount)).append("\",伝票").append(i).append("\r\n");
            copy.append(company).append(',').append(UUID.randomUUID()).append(',').append(measures.get(m)).append(",2025,明細").append(i)
                    .append(',').append(typeCodes[t]).append(',').append(viewCodes[t]).append(',').append(amount).append(",伝票").append(i).append('\n');
        }
        byte[] csvBytes = csv.toString().getBytes(StandardCharsets.UTF_8);

        // warm-up on a small file, then measure
        CurrentTenant.runAs(company, () -> accounting.importLines(Arrays.copyOf(csvBytes, 0)));
        long start = System.nanoTime();
        ImportResult result = CurrentTenant.runAs(company, () -> accounting.importLines(csvBytes));
        double appSeconds = (System.nanoTime() - start) / 1e9;
        assertThat(result.problems()).isEmpty();
        assertThat(result.rowsWritten()).isEqualTo(LINES);

        long copyStart = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            long copied = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "COPY acc_investment_line (tenant_id, id, measure_id, fiscal_year, description, expense_type, resource_view, "
                            + "amount, source_document) FROM STDIN WITH (FORMAT csv)", new StringReader(copy.toString()));
            assertThat(copied).isEqualTo(LINES);
        }
        double copySeconds = (System.nanoTime() - copyStart) / 1e9;

        double appRate = LINES / appSeconds;
        double copyRate = LINES / copySeconds;
        System.out.printf("%nBENCHMARK import of %,d investment lines%n", LINES);
        System.out.printf("BENCHMARK   application import (CSV parse + validate + insert): %6.2f s  %,10.0f rows/s%n", appSeconds, appRate);
        System.out.printf("BENCHMARK   PostgreSQL COPY of the same rows:                   %6.2f s  %,10.0f rows/s%n", copySeconds, copyRate);
        System.out.printf("BENCHMARK   ratio application / COPY: %.2f (target ≥ 0.50)%n", appRate / copyRate);

        // analysis page: another company with 10 years × 200 measures × 5 lines each, all allocated
        UUID big = accounts.tenant(TenantKind.COMPANY);
        CurrentTenant.runAs(big, () -> {
            UUID indicator = accounting.createIndicator(new HealthAccounting.IndicatorCommand("指標", IndicatorTier.FINAL, "%",
                    Direction.HIGHER_IS_BETTER, null, null, BenefitKind.NONE));
            for (int y = 0; y < YEARS; y++) {
                StringBuilder yearCsv = new StringBuilder("年度,施策,明細,費用区分,投資資源,金額,根拠資料\r\n");
                for (int m = 0; m < MEASURES; m++) {
                    accounting.createMeasure(FiscalYear.of(2016 + y), new HealthAccounting.MeasureCommand(String.format("施策%03d", m),
                            null, PurposeCategory.values()[m % 4], java.util.Set.of(1 + m % 9), java.util.Set.of(), 50 + m));
                    for (int l = 0; l < 5; l++) {
                        yearCsv.append(2016 + y).append(",施策").append(String.format("%03d", m)).append(",明細").append(l).append(',')
                                .append(types[l % 4]).append(',').append(views[l % 4]).append(',').append(10_000 * (l + 1)).append(",\r\n");
                    }
                }
                assertThat(accounting.importLines(yearCsv.toString().getBytes(StandardCharsets.UTF_8)).problems()).isEmpty();
            }
            for (var line : jdbc.queryForList("select id from acc_investment_line where tenant_id = ? and fiscal_year >= 2024",
                    UUID.class, big)) {
                accounting.allocate(line, AllocationRule.primaryOnly(indicator));
            }
            return null;
        });
        Accounts.Account hr = accounts.user(big, Role.HR_STAFF);
        Cookie session = Accounts.signIn(mvc, hr.email());
        mvc.perform(get("/company/analyses").param("year", "2025").cookie(session)).andExpect(status().isOk());
        int runs = 5;
        long[] times = new long[runs];
        for (int i = 0; i < runs; i++) {
            long s = System.nanoTime();
            mvc.perform(get("/company/analyses").param("year", "2025").cookie(session)).andExpect(status().isOk());
            times[i] = System.nanoTime() - s;
        }
        Arrays.sort(times);
        System.out.printf("BENCHMARK analysis page, %d years × %d measures × 5 lines (%,d lines): median %.0f ms (min %.0f, max %.0f)%n%n",
                YEARS, MEASURES, YEARS * MEASURES * 5, times[runs / 2] / 1e6, times[0] / 1e6, times[runs - 1] / 1e6);
    }
}
