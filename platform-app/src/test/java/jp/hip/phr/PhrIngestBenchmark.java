package jp.hip.phr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

import jp.hip.ApiTokens;
import jp.hip.TestDatabase;

/**
 * Ingest benchmark (issue 6), one command:
 * {@code HIP_TEST_DB_URL=… bin/test -pl platform-app -am -Dtest=PhrIngestBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * (optionally {@code -Dhip.benchmark.observations=100000}). Sends the observations over HTTP as FHIR transaction
 * Bundles of 500 (the API path: parse, code-table rules, membership, insert), then loads the same number of rows
 * with PostgreSQL COPY in the same run, and prints both rates. Not part of the normal test run (its name does
 * not end in Tests).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = TestDatabase.class)
class PhrIngestBenchmark {

    static final int BUNDLE = 500;

    @LocalServerPort int port;
    @Autowired ApiTokens tokens;
    @Autowired PhrFixture fixture;
    @Autowired JdbcClient jdbc;
    @Autowired DataSource dataSource;

    @Test
    void ingest() throws Exception {
        int total = Integer.getInteger("hip.benchmark.observations", 100_000);
        UUID insurer = fixture.insurer();
        List<UUID> persons = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            persons.add(fixture.member(insurer).personId());
        }
        String scopes = "system/Observation.c";
        ApiTokens.Client client = tokens.register(insurer, scopes);
        String token = token(client, scopes);
        HttpClient http = HttpClient.newHttpClient();
        Instant base = Instant.parse("2024-01-01T00:00:00Z");

        long started = System.nanoTime();
        int sent = 0;
        while (sent < total) {
            StringBuilder bundle = new StringBuilder("{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[");
            for (int i = 0; i < BUNDLE && sent < total; i++, sent++) {
                if (i > 0) {
                    bundle.append(',');
                }
                UUID person = persons.get(sent % persons.size());
                bundle.append("{\"resource\":{\"resourceType\":\"Observation\",\"status\":\"final\",")
                        .append("\"identifier\":[{\"system\":\"urn:bench\",\"value\":\"").append(sent).append("\"}],")
                        .append("\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"41950-7\"}]},")
                        .append("\"subject\":{\"reference\":\"Patient/").append(person).append("\"},")
                        .append("\"effectiveDateTime\":\"").append(base.plusSeconds(60L * sent)).append("\",")
                        .append("\"valueQuantity\":{\"value\":").append(3000 + sent % 9000)
                        .append(",\"unit\":\"/d\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"/d\"}},")
                        .append("\"request\":{\"method\":\"POST\",\"url\":\"Observation\"}}");
            }
            bundle.append("]}");
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fhir"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/fhir+json")
                    .POST(HttpRequest.BodyPublishers.ofString(bundle.toString())).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }
        double apiSeconds = (System.nanoTime() - started) / 1e9;
        long stored = jdbc.sql("select count(*) from phr_observation where tenant_id = ?").param(insurer).query(Long.class).single();
        assertThat(stored).isEqualTo(total);

        // The same rows through COPY: the database's own ceiling for this table on this machine.
        List<String[]> rows = jdbc.sql("select person_id, tenant_id, effective_start, value_num, resource::text from phr_observation where tenant_id = ?")
                .param(insurer).query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)}).list();
        StringBuilder copy = new StringBuilder();
        int n = 0;
        for (String[] r : rows) {
            copy.append(r[0]).append('\t').append(UUID.randomUUID()).append('\t').append(r[1]).append("\t1\tLIFELOG\thttp://loinc.org\t41950-7\t\\N\t41950-7\tactivity\tactivity\t")
                    .append(r[2]).append('\t').append(r[3]).append("\t/d\turn:copy|").append(n++).append('\t')
                    .append(r[4].replace("\\", "\\\\").replace("\t", "\\t")).append('\n');
        }
        long copyStarted = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "copy phr_observation (person_id, id, tenant_id, version_id, data_category, code_system, code, identity_code, loinc, "
                            + "category_jp, category_hl7, effective_start, value_num, unit, identifier_key, resource) from stdin",
                    new StringReader(copy.toString()));
        }
        double copySeconds = (System.nanoTime() - copyStarted) / 1e9;
        System.out.printf("%nPHR INGEST BENCHMARK: %,d observations%n  API (transaction Bundles of %d over HTTP): %.1f s = %,.0f resources/s%n"
                + "  PostgreSQL COPY (same rows, same run):       %.1f s = %,.0f rows/s%n%n",
                total, BUNDLE, apiSeconds, total / apiSeconds, copySeconds, total / copySeconds);
    }

    String token(ApiTokens.Client registered, String scopes) throws Exception {
        String basic = Base64.getEncoder().encodeToString((registered.clientId() + ":" + registered.secret()).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/oauth2/token"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope="
                        + java.net.URLEncoder.encode(scopes, StandardCharsets.UTF_8)))
                .build();
        Matcher matcher = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(
                HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body());
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }
}
