package jp.hip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import jp.hip.phr.PhrFixture;

/**
 * Faults (issue 16, item 7): the app, started as its own JVM on the test database, is killed with {@code kill -9}
 * while PostgreSQL is in the middle of writing a large bulk import (30,000 observations by NDJSON, COPY in one
 * transaction), then started again. Nothing of the killed import is in the database, the import committed before it
 * is all there, and the same import sent again to the restarted app is stored whole.
 */
@PlatformTest
class KilledDuringImportTests {

    static final int COMMITTED = 2_000;
    static final int LARGE = 30_000;
    static final String SCOPE = "system/Observation.c system/Observation.rs";

    @Autowired JdbcClient jdbc;
    @Autowired PhrFixture fixture;
    @Autowired ApiTokens tokens;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void killedMidImportLeavesNothingHalfWrittenAndKeepsWhatWasCommitted() throws Exception {
        UUID insurer = fixture.insurer();
        PhrFixture.Member member = fixture.member(insurer);
        ApiTokens.Client client = tokens.register(insurer, SCOPE.split(" "));
        String run = UUID.randomUUID().toString().substring(0, 8);
        String large = ndjson(member.personId(), LARGE, "large-" + run + "-");

        Node first = Node.start(1);
        try {
            String token = token(first, client);
            assertThat(ingest(first, token, ndjson(member.personId(), COMMITTED, "committed-" + run + "-")).statusCode()).isEqualTo(200);
            assertThat(stored(insurer, "committed-" + run)).isEqualTo(COMMITTED);

            CompletableFuture<HttpResponse<String>> pending = http.sendAsync(request(first, token, large), HttpResponse.BodyHandlers.ofString());
            long writing = waitForCopy(pending);
            first.kill9();
            System.out.printf("KILL -9 node pid %d while COPY phr_observation was running (seen %d ms after the request)%n",
                    first.pid(), writing);
            assertThat(pending.handle((r, e) -> e != null || r.statusCode() >= 500).get())
                    .as("the killed node never answered the import with success").isTrue();
        } finally {
            first.stop();
        }
        waitUntilNoCopy();

        assertThat(stored(insurer, "large-" + run)).as("nothing of the killed import").isZero();
        assertThat(stored(insurer, "committed-" + run)).as("everything committed before").isEqualTo(COMMITTED);

        Node second = Node.start(2);
        try {
            String token = token(second, client);
            HttpResponse<String> again = ingest(second, token, large);
            assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        } finally {
            second.stop();
        }
        assertThat(stored(insurer, "large-" + run)).as("the same import, sent again after the restart, stored whole").isEqualTo(LARGE);
        assertThat(stored(insurer, "committed-" + run)).isEqualTo(COMMITTED);
        assertThat(jdbc.sql("select count(*) from plat_audit_event where tenant_id = ? and action = 'PHR_OBSERVATIONS_BULK_INGESTED'")
                .param(insurer).query(Long.class).single()).as("one audit event per committed import").isEqualTo(2);
    }

    private long stored(UUID tenant, String prefix) {
        return jdbc.sql("select count(*) from phr_observation where tenant_id = ? and identifier_key like ?")
                .params(tenant, "urn:test|" + prefix + "%").query(Long.class).single();
    }

    /** Waits until this database shows a COPY into phr_observation in progress (or its staged COPY and INSERT under row-level security, ADR 0090); answers the milliseconds waited. */
    private long waitForCopy(CompletableFuture<?> pending) throws InterruptedException {
        long start = System.nanoTime();
        while (System.nanoTime() - start < Duration.ofSeconds(120).toNanos()) {
            if (copies() > 0) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            assertThat(pending).as("the import ended before its COPY was seen").isNotDone();
            Thread.sleep(10);
        }
        throw new AssertionError("no COPY into phr_observation seen within 120 s");
    }

    private void waitUntilNoCopy() throws InterruptedException {
        for (int i = 0; i < 600 && copies() > 0; i++) {
            Thread.sleep(50);
        }
        assertThat(copies()).as("PostgreSQL ended the killed node's transaction").isZero();
    }

    private long copies() {
        return jdbc.sql("select count(*) from pg_stat_activity where datname = current_database() and state = 'active' "
                + "and (query ilike 'copy phr_observation%' or query ilike 'copy hip_stage_phr_observation%' "
                + "or query ilike 'insert into phr_observation % from hip_stage_phr_observation%')").query(Long.class).single();
    }

    private static String ndjson(UUID person, int lines, String prefix) {
        StringBuilder body = new StringBuilder(lines * 400);
        Instant first = Instant.parse("2020-01-01T00:00:00Z");
        for (int i = 0; i < lines; i++) {
            body.append("{\"resourceType\":\"Observation\",\"status\":\"final\",\"identifier\":[{\"system\":\"urn:test\",\"value\":\"")
                    .append(prefix).append(i).append("\"}],\"code\":{\"coding\":[{\"system\":\"urn:oid:1.2.392.200119.6.1005\",")
                    .append("\"code\":\"9N011000000000001\"}]},\"subject\":{\"reference\":\"Patient/").append(person)
                    .append("\"},\"effectiveDateTime\":\"").append(first.plusSeconds(i * 60L))
                    .append("\",\"valueQuantity\":{\"value\":2").append(i % 10)
                    .append(".5,\"unit\":\"kg/m2\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"kg/m2\"}}\n");
        }
        return body.toString();
    }

    private HttpRequest request(Node node, String token, String body) {
        return HttpRequest.newBuilder(node.uri("/fhir/Observation/$bulk-ingest"))
                .timeout(Duration.ofMinutes(3))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/fhir+ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private HttpResponse<String> ingest(Node node, String token, String body) throws Exception {
        return http.send(request(node, token, body), HttpResponse.BodyHandlers.ofString());
    }

    private String token(Node node, ApiTokens.Client client) throws Exception {
        String basic = Base64.getEncoder().encodeToString((client.clientId() + ":" + client.secret()).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(node.uri("/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=" + SCOPE.replace(" ", "%20")))
                .build(), HttpResponse.BodyHandlers.ofString());
        Matcher matcher = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(response.body());
        assertThat(matcher.find()).as(response.body()).isTrue();
        return matcher.group(1);
    }

    /** The packaged application's main class in its own JVM, on the test database and a free port. */
    record Node(Process process, int port, Path log) {

        static Node start(int n) throws Exception {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx768m", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", classPath, "jp.hip.HipApplication",
                    "--server.port=" + port, "--spring.datasource.url=" + TestDatabase.appUrl(TestDatabase.url()),
                    // as the application role, subject to row-level security, as in production (ADR 0090)
                    "--spring.datasource.username=" + TestDatabase.APP_ROLE, "--spring.datasource.password=",
                    "--hip.mail.poll-ms=3600000", "--spring.flyway.enabled=false", "--logging.level.root=WARN"));
            Path log = Path.of("target", "killed-during-import-node-" + n + ".log");
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("HIP_SECURE_COOKIES", "false");
            Node node = new Node(builder.start(), port, log);
            node.awaitReady();
            return node;
        }

        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        long pid() {
            return process.pid();
        }

        void awaitReady() throws Exception {
            HttpClient probe = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
            long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new AssertionError("the node exited while starting; see " + log.toAbsolutePath());
                }
                try {
                    if (probe.send(HttpRequest.newBuilder(uri("/guidelines/about")).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                Thread.sleep(250);
            }
            throw new AssertionError("the node did not start within 180 s; see " + log.toAbsolutePath());
        }

        /** SIGKILL, as {@code kill -9}: no shutdown hook, no connection closed by the app. */
        void kill9() throws Exception {
            Process kill = new ProcessBuilder("kill", "-9", Long.toString(process.pid())).inheritIO().start();
            assertThat(kill.waitFor()).isZero();
            process.waitFor();
            assertThat(process.exitValue()).as("killed by signal 9").isEqualTo(128 + 9);
        }

        void stop() throws InterruptedException {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            }
        }
    }
}
