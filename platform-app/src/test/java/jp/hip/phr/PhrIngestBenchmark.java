package jp.hip.phr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

import jp.hip.Accounts;
import jp.hip.ApiTokens;
import jp.hip.TestDatabase;
import jp.hip.identity.TenantKind;
import jp.hip.phr.observations.PhrObservations;
import jp.hip.phr.persons.PhrPersons;

/**
 * PHR benchmarks (issue 6), one command: {@code bin/bench phr}, or with your own database
 * {@code HIP_TEST_DB_URL=… bin/test -pl platform-app -am -Dtest=PhrIngestBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 * Not part of the normal test run (its name does not end in Tests). Sizes (system properties):
 * <ul>
 * <li>{@code hip.benchmark.bundleObservations} (100,000; 0 skips): transaction Bundles of 500 over HTTP;</li>
 * <li>{@code hip.benchmark.observations} (1,000,000): {@code POST /fhir/Observation/$bulk-ingest} over HTTP on
 *     loopback in requests of {@code hip.benchmark.bulkLines} (100,000) lines, then PostgreSQL COPY of the same
 *     rows into a scratch table of the same shape (columns, defaults, checks, indexes) in the same run;</li>
 * <li>{@code hip.benchmark.stored} (10,000,000): the store is filled to this many observations with
 *     {@code insert … select … generate_series} (persons skewed, 60 % daily steps, the rest over the code table,
 *     five years), then a person's timeline is timed for 50 random persons through the facade — the individual's
 *     records page ({@code myLatest} + {@code myTimeline}, 400 points) and FHIR Observation search by subject
 *     (consent join, 50 per page) — with p50/p99 and the EXPLAIN plans.</li>
 * <li>{@code hip.benchmark.checkupFiles} (1,000; 0 skips): one submission archive of that many 特定健診 files (about
 *     40 items each, real layout) through {@code POST /api/v1/phr/checkup-imports}, in files/s, beside the JDK's
 *     DOM parse of the same files alone and PostgreSQL COPY of the rows it stored (the machine's limits, same run);
 *     then 10,000 uploads in the history and the insurer's paged history query (p50/p99, first and last page).</li>
 * </ul>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = TestDatabase.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PhrIngestBenchmark {

    static final int BUNDLE = 500;
    static final Instant BASE = Instant.parse("2024-01-01T00:00:00Z");

    @LocalServerPort int port;
    @Autowired ApiTokens tokens;
    @Autowired PhrFixture fixture;
    @Autowired Accounts accounts;
    @Autowired PhrObservations observations;
    @Autowired PhrPersons persons;
    @Autowired JdbcClient jdbc;
    @Autowired DataSource dataSource;
    @Autowired jp.hip.phr.checkup.CheckupRecords checkups;

    final HttpClient http = HttpClient.newHttpClient();

    List<UUID> members(UUID insurer, int count) {
        List<UUID> members = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            members.add(persons.registerMember(insurer, new PhrPersons.NewMember("計測", "太郎" + i, "ケイソク", "タロウ",
                    java.time.LocalDate.of(1970 + i % 40, 4, 1), i % 2 == 0 ? "male" : "female", "06130012", "B" + (i / 1000), String.valueOf(i))));
        }
        return members;
    }

    static void appendObservation(StringBuilder out, int n, UUID person, String identifierSystem) {
        boolean steps = n % 5 != 0; // 80 % daily steps, 20 % BMI (a lifelog and a checkup item)
        out.append("{\"resourceType\":\"Observation\",\"status\":\"final\",")
                .append("\"identifier\":[{\"system\":\"").append(identifierSystem).append("\",\"value\":\"").append(n).append("\"}],");
        if (steps) {
            out.append("\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"41950-7\"}]},");
        } else {
            out.append("\"code\":{\"coding\":[{\"system\":\"urn:oid:1.2.392.200119.6.1005\",\"code\":\"9N011000000000001\"}]},");
        }
        out.append("\"subject\":{\"reference\":\"Patient/").append(person).append("\"},")
                .append("\"effectiveDateTime\":\"").append(BASE.plusSeconds(60L * n)).append("\",");
        if (steps) {
            out.append("\"valueQuantity\":{\"value\":").append(3000 + n % 9000)
                    .append(",\"unit\":\"/d\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"/d\"}}");
        } else {
            out.append("\"valueQuantity\":{\"value\":").append(18 + n % 12).append(".").append(n % 10)
                    .append(",\"unit\":\"kg/m2\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"kg/m2\"}}");
        }
    }

    @Test
    @Order(1)
    void transactionBundles() throws Exception {
        int total = Integer.getInteger("hip.benchmark.bundleObservations", 100_000);
        if (total == 0) {
            return;
        }
        UUID insurer = fixture.insurer();
        List<UUID> persons = members(insurer, 50);
        String token = token(tokens.register(insurer, "system/Observation.c"), "system/Observation.c");
        double representation = sendBundles(total, persons, token, null, "urn:bundle");
        double minimal = sendBundles(total, persons, token, "return=minimal", "urn:minimal");
        double copySeconds = copySameRows(insurer, "urn:bundle|%");
        System.out.printf("%nPHR TRANSACTION BUNDLE BENCHMARK: %,d observations, twice%n"
                + "  API (transaction Bundles of %d over HTTP, each entry answered with its stored resource): %.1f s = %,.0f resources/s%n"
                + "  API (the same with Prefer: return=minimal, entries answered with status, Location, ETag): %.1f s = %,.0f resources/s%n"
                + "  psql \\copy of the same rows as the owner (COPY FROM STDIN, same run): %.1f s = %,.0f rows/s  (API at %.0f %% / %.0f %% of COPY)%n%n",
                total, BUNDLE, representation, total / representation, minimal, total / minimal, copySeconds, total / copySeconds,
                100 * copySeconds / representation, 100 * copySeconds / minimal);
    }

    double sendBundles(int total, List<UUID> persons, String token, String prefer, String system) throws Exception {
        long started = System.nanoTime();
        int sent = 0;
        while (sent < total) {
            StringBuilder bundle = new StringBuilder("{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[");
            for (int i = 0; i < BUNDLE && sent < total; i++, sent++) {
                bundle.append(i > 0 ? "," : "").append("{\"resource\":");
                appendObservation(bundle, sent, persons.get(sent % persons.size()), system);
                bundle.append(",\"request\":{\"method\":\"POST\",\"url\":\"Observation\"}}");
            }
            bundle.append("]}");
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fhir"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/fhir+json");
            if (prefer != null) {
                request.header("Prefer", prefer);
            }
            HttpResponse<String> response = http.send(request.POST(HttpRequest.BodyPublishers.ofString(bundle.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }
        return (System.nanoTime() - started) / 1e9;
    }

    @Test
    @Order(2)
    void bulkIngest() throws Exception {
        int total = Integer.getInteger("hip.benchmark.observations", 1_000_000);
        int perRequest = Integer.getInteger("hip.benchmark.bulkLines", 100_000);
        UUID insurer = fixture.insurer();
        List<UUID> persons = members(insurer, 1_000);
        String token = token(tokens.register(insurer, "system/Observation.c"), "system/Observation.c");
        double seconds = 0;
        int sent = 0;
        long bytes = 0;
        byte[] last = null;
        while (sent < total) {
            StringBuilder body = new StringBuilder(perRequest * 460);
            for (int i = 0; i < perRequest && sent < total; i++, sent++) {
                appendObservation(body, sent, persons.get(sent % persons.size()), "urn:bulk");
                body.append('\n');
            }
            byte[] payload = body.toString().getBytes(StandardCharsets.UTF_8);
            bytes += payload.length;
            last = payload;
            long started = System.nanoTime(); // server time only: building the NDJSON is the client's work
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fhir/Observation/$bulk-ingest"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/fhir+ndjson")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(payload)).build(), HttpResponse.BodyHandlers.ofString());
            seconds += (System.nanoTime() - started) / 1e9;
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }
        long stored = jdbc.sql("select count(*) from phr_observation where tenant_id = ?").param(insurer).query(Long.class).single();
        assertThat(stored).isEqualTo(total);
        double copySeconds = copySameRows(insurer, "urn:bulk|%");
        // A client resends its last request whole: every line's identifier is stored already. The 409 lists them all
        // (up to 100 issues and a count of the rest), found by one array look-up after COPY stopped at the first.
        long resendStarted = System.nanoTime();
        HttpResponse<String> resent = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fhir/Observation/$bulk-ingest"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/fhir+ndjson")
                .POST(HttpRequest.BodyPublishers.ofByteArray(last)).build(), HttpResponse.BodyHandlers.ofString());
        double resendSeconds = (System.nanoTime() - resendStarted) / 1e9;
        assertThat(resent.statusCode()).as(resent.body()).isEqualTo(409);
        int resentLines = (int) new String(last, StandardCharsets.UTF_8).lines().count();
        System.out.printf("%nPHR BULK INGEST BENCHMARK: %,d observations (%,d MB of NDJSON, %,d lines per request)%n"
                + "  $bulk-ingest over HTTP (parse, rules, membership, COPY): %.1f s = %,.0f resources/s%n"
                + "  psql \\copy of the same rows as the owner (COPY FROM STDIN, same run): %.1f s = %,.0f rows/s%n"
                + "  ratio: the API path runs at %.0f %% of COPY (COPY is %.1fx faster)%n"
                + "  the last request resent whole (%,d lines, all stored already): 409 listing every identifier in %.1f s%n%n",
                total, bytes >> 20, perRequest, seconds, total / seconds, copySeconds, total / copySeconds,
                100 * copySeconds / seconds, seconds / copySeconds, resentLines, resendSeconds);
    }

    /**
     * psql's {@code \\copy} of the tenant's rows (read out first, not timed) into a scratch table of phr_observation's
     * shape, as the database owner: the app's role may not create tables, and COPY FROM into a table under row-level
     * security is refused for it (the app writes through a staged temp table instead, ADR 0090).
     */
    double copySameRows(UUID tenant, String identifierPattern) throws Exception {
        Path file = Files.createTempFile("phr-bench-", ".copy");
        try (Connection owner = java.sql.DriverManager.getConnection(TestDatabase.ownerUrl())) {
            try (var statement = owner.createStatement()) {
                statement.execute("drop table if exists bench_observation_copy");
                statement.execute("create table bench_observation_copy (like phr_observation including defaults including constraints including indexes)");
            }
            String columns = "person_id, id, tenant_id, version_id, data_category, code_system, code, identity_code, loinc, "
                    + "category_jp, category_hl7, effective_start, value_num, unit, identifier_key, resource, last_updated";
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                owner.unwrap(PGConnection.class).getCopyAPI().copyOut("copy (select " + columns
                        + " from phr_observation where tenant_id = '" + tenant + "' and identifier_key like '" + identifierPattern
                        + "') to stdout", out);
            }
            long started = System.nanoTime();
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                owner.unwrap(PGConnection.class).getCopyAPI().copyIn("copy bench_observation_copy (" + columns + ") from stdin", in);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            try (var statement = owner.createStatement()) {
                statement.execute("drop table bench_observation_copy");
            }
            return seconds;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    @Order(3)
    void timelineAtScale() throws Exception {
        long target = Long.getLong("hip.benchmark.stored", 10_000_000L);
        long present = jdbc.sql("select count(*) from phr_observation").query(Long.class).single();
        UUID insurer = fixture.insurer();
        int personCount = (int) Math.max(1_000, target / 500); // about 500 observations a person on average, skewed
        long fillStarted = System.nanoTime();
        jdbc.sql("create temp table if not exists bench_person (n int primary key, id uuid not null)").update();
        jdbc.sql("""
                insert into phr_person (id, family_name, given_name, birth_date, gender)
                select gen_random_uuid(), '計測', '花子' || g, date '1960-04-01' + (g % 14000), case when g % 2 = 0 then 'female' else 'male' end
                  from generate_series(1, ?) g""").param(personCount).update();
        jdbc.sql("""
                insert into phr_membership (tenant_id, person_id, kind, insurer_number, insured_symbol, insured_number, since)
                select ?, id, 'INSURED', '06130012', 'S', given_name, date '2020-04-01' from phr_person where given_name like '花子%'""")
                .param(insurer).update();
        // Every person consents to the insurer for both categories (so search returns rows and the consent join works).
        jdbc.sql("""
                insert into phr_consent (id, version, person_id, recipient_tenant_id, data_category, decision, status, period_start, recorded_by)
                select gen_random_uuid(), 1, m.person_id, m.tenant_id, cat, 'permit', 'active', date '2000-01-01', 'bench'
                  from phr_membership m cross join (values ('CHECKUP'), ('LIFELOG')) c(cat) where m.tenant_id = ?""").param(insurer).update();
        long chunk = 1_000_000;
        long missing = Math.max(0, target - present);
        for (long from = 0; from < missing; from += chunk) {
            long size = Math.min(chunk, missing - from);
            jdbc.sql("""
                    insert into phr_observation (person_id, id, tenant_id, version_id, data_category, code_system, code, identity_code,
                        loinc, category_jp, category_hl7, effective_start, value_num, unit, resource, last_updated)
                    with persons as (select row_number() over (order by id) as n, id from phr_person p
                                      join phr_membership m on m.person_id = p.id and m.tenant_id = :tenant),
                         codes as (select row_number() over (order by c.sort_order) - 1 as n, c.* from phr_code c
                                    join phr_code_table t on t.table_version = c.table_version and t.current
                                   where c.code <> '41950-7'
                                   union all
                                   select -1, c.* from phr_code c join phr_code_table t on t.table_version = c.table_version and t.current
                                    where c.code = '41950-7'),
                         draws as (select g,
                                          1 + floor(:persons * power(random(), 2))::int as pn,
                                          case when random() < 0.6 then -1 else floor(random() * (select count(*) - 1 from codes))::int end as cn,
                                          now() - random() * interval '5 years' as at,
                                          random() as r
                                     from generate_series(1, :size) g)
                    select p.id, gen_random_uuid(), :tenant, 1, c.data_category, c.code_system, c.code, c.identity_code,
                           c.loinc, c.category_jp, c.category_hl7, d.at,
                           round((c.min_value + (c.max_value - c.min_value) * (0.05 + 0.2 * d.r))::numeric, 1), c.unit,
                           jsonb_build_object('resourceType', 'Observation', 'status', 'final',
                               'category', jsonb_build_array(jsonb_build_object('coding', jsonb_build_array(
                                   jsonb_build_object('system', 'http://terminology.hl7.org/CodeSystem/observation-category', 'code', c.category_hl7)))),
                               'code', jsonb_build_object('coding', jsonb_build_array(jsonb_build_object('system', c.code_system, 'code', c.code))),
                               'subject', jsonb_build_object('reference', 'Patient/' || p.id),
                               'effectiveDateTime', to_char(d.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                               'valueQuantity', jsonb_build_object('value', round((c.min_value + (c.max_value - c.min_value) * (0.05 + 0.2 * d.r))::numeric, 1),
                                   'unit', c.unit, 'system', 'http://unitsofmeasure.org', 'code', c.unit)),
                           now()
                      from draws d join persons p on p.n = d.pn join codes c on c.n = d.cn""")
                    .param("tenant", insurer).param("persons", personCount).param("size", size).update();
        }
        jp.hip.TestDatabase.asOwner("analyze phr_observation");
        double fillSeconds = (System.nanoTime() - fillStarted) / 1e9;
        long stored = jdbc.sql("select count(*) from phr_observation").query(Long.class).single();
        String tableSize = jdbc.sql("select pg_size_pretty(pg_total_relation_size('phr_observation'))").query(String.class).single();

        // 50 random persons of the filled tenant, each linked to a PERSONAL tenant of their own (the records page).
        List<UUID> all = jdbc.sql("select person_id from phr_membership where tenant_id = ?").param(insurer).query(UUID.class).list();
        List<UUID> sample = new ArrayList<>(all);
        Collections.shuffle(sample, new Random(6));
        sample = sample.subList(0, Math.min(50, sample.size()));
        List<Accessor> individuals = new ArrayList<>();
        for (UUID person : sample) {
            UUID personal = accounts.tenant(TenantKind.PERSONAL);
            persons.linkIndividual(person, personal);
            individuals.add(Accessor.individual(personal, "person-" + person, "本人", Accessor.Channel.PAGE));
        }
        Accessor api = Accessor.tenant(insurer, "bench", "bench", Accessor.Channel.API);
        String chartCode = "9N006000000000001";
        // Warm-up round (not counted), then the measured one.
        List<Double> page = new ArrayList<>();
        List<Double> search = new ArrayList<>();
        long rowsSeen = 0;
        for (int round = 0; round < 2; round++) {
            page.clear();
            search.clear();
            rowsSeen = 0;
            for (int i = 0; i < sample.size(); i++) {
                long t0 = System.nanoTime();
                rowsSeen += observations.myLatest(individuals.get(i)).size();
                rowsSeen += observations.myTimeline(individuals.get(i), Optional.of(chartCode), 400).size();
                long t1 = System.nanoTime();
                rowsSeen += observations.searchObservations(api, new ObservationQuery(Optional.of(sample.get(i)), Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty(), true, Optional.empty(), true, 50, 0)).size();
                long t2 = System.nanoTime();
                page.add((t1 - t0) / 1e6);
                search.add((t2 - t1) / 1e6);
            }
        }
        assertThat(rowsSeen).isPositive();
        UUID busiest = jdbc.sql("select person_id from phr_observation where person_id in (:persons) group by person_id order by count(*) desc limit 1")
                .param("persons", sample).query(UUID.class).single();
        long busiestRows = jdbc.sql("select count(*) from phr_observation where person_id = ?").param(busiest).query(Long.class).single();
        System.out.printf("%nPHR TIMELINE BENCHMARK: %,d observations stored (phr_observation %s; %,d filled in %.0f s), %,d persons in the filled tenant%n"
                + "  records page (myLatest + myTimeline of one code, 400 points), 50 random persons: p50 %.1f ms, p99 %.1f ms%n"
                + "  FHIR Observation?subject= (consent join, 50 per page), same persons:          p50 %.1f ms, p99 %.1f ms%n",
                stored, tableSize, missing, fillSeconds, all.size(), pct(page, 50), pct(page, 99), pct(search, 50), pct(search, 99));
        System.out.printf("  EXPLAIN for the busiest sampled person (%,d observations):%n", busiestRows);
        explain("myTimeline", """
                select o.id, o.code, o.effective_start, o.value_num, o.unit, t.name from phr_observation o
                  join phr_person p on p.id = o.person_id
                  left join plat_tenant t on t.id = o.tenant_id
                 where o.person_id = '%s' and o.code = '%s' order by o.effective_start desc limit 400""".formatted(busiest, chartCode));
        explain("myLatest", """
                select distinct on (o.code) o.code, o.effective_start, o.value_num, o.unit, t.name from phr_observation o
                  left join plat_tenant t on t.id = o.tenant_id
                 where o.person_id = '%s' order by o.code, o.effective_start desc""".formatted(busiest));
        explain("Observation?subject=", """
                select o.person_id, o.id, o.version_id, o.resource::text,
                       'Consent/' || allowed.consent_id || '/_history/' || allowed.consent_version as consent_ref
                  from phr_observation o
                  join lateral (select c.id as consent_id, c.version as consent_version from phr_consent c
                                 where c.recipient_tenant_id = '%2$s' and c.person_id = o.person_id
                                   and c.data_category = o.data_category and c.superseded_at is null
                                   and c.status = 'active' and c.decision = 'permit'
                                   and o.effective_start >= c.period_start
                                   and (c.period_end is null or o.effective_start < (c.period_end + 1))
                                 order by c.recorded_at limit 1) allowed on true
                  join phr_membership m on m.tenant_id = '%2$s' and m.person_id = o.person_id
                 where o.person_id = '%1$s' order by o.effective_start desc, o.id limit 50 offset 0""".formatted(busiest, insurer));
        System.out.println();
    }

    /**
     * Issue 10 item 8: a person's search by code (and by code and date) over HTTP must not slow as their history grows.
     * Three persons of the insurer (its own records, basis 提供元) with {@code hip.benchmark.historySizes} observations
     * each (1,200, 3,600, 10,000; 60 % daily steps, the rest over the code table, newest first over the years), then
     * {@code hip.benchmark.searchRequests} (200) timed requests per query after as many not counted (JIT warm-up). The floor is the
     * same app's read of one Patient ({@code GET /fhir/Patient/{id}}, same token and basis check), timed the same way in the same run.
     */
    @Test
    @Order(5)
    void searchAsHistoryGrows() throws Exception {
        String sizes = System.getProperty("hip.benchmark.historySizes", "1200,3600,10000");
        if (sizes.isBlank() || sizes.equals("0")) {
            return;
        }
        int requests = Integer.getInteger("hip.benchmark.searchRequests", 200);
        UUID insurer = fixture.insurer();
        String token = token(tokens.register(insurer, "system/Observation.rs", "system/Patient.rs"), "system/Observation.rs system/Patient.rs");
        String checkup = jdbc.sql("select c.code_system || '|' || c.code from phr_code c join phr_code_table t on t.table_version = c.table_version"
                + " and t.current where c.code = '9N006000000000001'").query(String.class).single();
        System.out.printf("%nPHR SEARCH AS HISTORY GROWS (over HTTP, one client, %,d requests each after as many not counted)%n", requests);
        UUID one = historyOf(insurer, 1);
        List<Double> floor = timed(requests, () -> "/fhir/Patient/" + one, token);
        System.out.printf("  floor, the same app's read of one Patient (GET /fhir/Patient/{id}, same basis check): p50 %5.1f ms, p99 %5.1f ms%n",
                pct(floor, 50), pct(floor, 99));
        for (String size : sizes.split(",")) {
            int n = Integer.parseInt(size.trim());
            UUID person = historyOf(insurer, n);
            jp.hip.TestDatabase.asOwner("analyze phr_observation");
            String subject = "subject=Patient/" + person;
            String code = "&code=" + java.net.URLEncoder.encode(checkup, StandardCharsets.UTF_8);
            String steps = "&code=" + java.net.URLEncoder.encode("http://loinc.org|41950-7", StandardCharsets.UTF_8);
            List<Double> byCode = timed(requests, () -> "/fhir/Observation?" + subject + code + "&_count=50", token);
            List<Double> bySteps = timed(requests, () -> "/fhir/Observation?" + subject + steps + "&_count=50", token);
            List<Double> byDate = timed(requests, () -> "/fhir/Observation?" + subject + steps + "&date=ge2025-04-01&date=lt2026-04-01&_count=50", token);
            System.out.printf("  %,6d observations: subject+code (checkup) p50 %5.1f ms, p99 %5.1f ms | subject+code (steps, 60 %%) p50 %5.1f ms, p99 %5.1f ms"
                    + " | +date (one 年度) p50 %5.1f ms, p99 %5.1f ms%n", n, pct(byCode, 50), pct(byCode, 99), pct(bySteps, 50), pct(bySteps, 99),
                    pct(byDate, 50), pct(byDate, 99));
        }
        System.out.println();
    }

    /** A member of the insurer with {@code count} observations of its own, spread back from now (steps daily, the rest hourly). */
    UUID historyOf(UUID insurer, int count) {
        UUID person = UUID.randomUUID();
        jdbc.sql("insert into phr_person (id, family_name, given_name, birth_date, gender) values (?, '履歴', ?, date '1970-04-01', 'female')")
                .param(person).param("花子" + count).update();
        jdbc.sql("insert into phr_membership (tenant_id, person_id, kind, insurer_number, insured_symbol, insured_number, since)"
                + " values (?, ?, 'INSURED', '06130012', 'H', ?, date '2020-04-01')").param(insurer).param(person).param("h" + count).update();
        jdbc.sql("""
                insert into phr_observation (person_id, id, tenant_id, version_id, data_category, code_system, code, identity_code,
                    loinc, category_jp, category_hl7, effective_start, value_num, unit, resource, last_updated)
                with codes as (select row_number() over (order by c.sort_order) - 1 as n, c.* from phr_code c
                                join phr_code_table t on t.table_version = c.table_version and t.current where c.code <> '41950-7'
                               union all
                               select -1, c.* from phr_code c join phr_code_table t on t.table_version = c.table_version and t.current
                                where c.code = '41950-7'),
                     draws as (select g, case when g % 5 < 3 then -1 else g % (select count(*) - 1 from codes) end as cn,
                                      case when g % 5 < 3 then now() - (g / 5 * 3 + g % 5) * interval '1 day'
                                           else now() - g * interval '7 hours' end as at
                                 from generate_series(1, :count) g)
                select :person, gen_random_uuid(), :tenant, 1, c.data_category, c.code_system, c.code, c.identity_code,
                       c.loinc, c.category_jp, c.category_hl7, d.at, c.min_value, c.unit,
                       jsonb_build_object('resourceType', 'Observation', 'status', 'final',
                           'code', jsonb_build_object('coding', jsonb_build_array(jsonb_build_object('system', c.code_system, 'code', c.code))),
                           'subject', jsonb_build_object('reference', 'Patient/' || :person),
                           'effectiveDateTime', to_char(d.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                           'valueQuantity', jsonb_build_object('value', c.min_value, 'unit', c.unit, 'system', 'http://unitsofmeasure.org', 'code', c.unit)),
                       now()
                  from draws d join codes c on c.n = d.cn""")
                .param("person", person).param("tenant", insurer).param("count", count).update();
        return person;
    }

    List<Double> timed(int requests, java.util.function.Supplier<String> path, String token) throws Exception {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < 2 * requests; i++) {
            long started = System.nanoTime();
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path.get()))
                    .header("Authorization", "Bearer " + token).header("Accept", "application/fhir+json").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            long took = System.nanoTime() - started;
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            if (i >= requests) {
                millis.add(took / 1e6);
            }
        }
        return millis;
    }

    void explain(String name, String sql) {
        System.out.println("  -- " + name);
        jdbc.sql("explain (analyze, buffers, costs off) " + sql).query(String.class).list()
                .forEach(line -> System.out.println("     " + line));
    }

    static double pct(List<Double> values, int percentile) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    String token(ApiTokens.Client registered, String scopes) throws Exception {
        String basic = Base64.getEncoder().encodeToString((registered.clientId() + ":" + registered.secret()).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/oauth2/token"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope="
                        + java.net.URLEncoder.encode(scopes, StandardCharsets.UTF_8)))
                .build();
        Matcher matcher = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(
                http.send(request, HttpResponse.BodyHandlers.ofString()).body());
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    @Test
    @Order(4)
    void checkupArchiveImport() throws Exception {
        int files = Integer.getInteger("hip.benchmark.checkupFiles", 1_000);
        if (files == 0) {
            return;
        }
        UUID insurer = fixture.insurer();
        checkups.registerInsurerNumber(Accessor.tenant(insurer, "bench", "bench", Accessor.Channel.API), "06130012");
        jp.hip.phr.checkup.file.CheckupArchiveWriter archive = new jp.hip.phr.checkup.file.CheckupArchiveWriter(
                "6631111116", "06130012", java.time.LocalDate.of(2024, 7, 1)).withClaims();
        List<byte[]> raw = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            String xml = GuidanceTargetsTests.file(String.valueOf(700000 + i), "ケイソク", String.valueOf(1 + i % 3),
                    java.time.LocalDate.of(2024, 6, 1).plusDays(i % 90), i % 7 == 0);
            xml = xml.replace("</section>", benchItems(i) + "</section>");
            raw.add(xml.getBytes(StandardCharsets.UTF_8));
            archive.add(xml);
        }
        byte[] zip = archive.toZip();
        String token = token(tokens.register(insurer, "phr.checkups.write"), "phr.checkups.write");
        String boundary = "bench" + UUID.randomUUID();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + archive.zipName()
                + "\"\r\nContent-Type: application/zip\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(zip);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        long started = System.nanoTime();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/phr/checkup-imports"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        long stored = jdbc.sql("select count(*) from phr_observation where tenant_id = ?").param(insurer).query(Long.class).single();
        assertThat(jdbc.sql("select count(*) from phr_checkup where tenant_id = ?").param(insurer).query(Long.class).single()).isEqualTo(files);
        // The machine's limits in the same run: the JDK's DOM parser over the same files alone, and COPY of the rows.
        long parseStarted = System.nanoTime();
        javax.xml.parsers.DocumentBuilderFactory factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        for (byte[] file : raw) {
            factory.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(file));
        }
        double parseSeconds = (System.nanoTime() - parseStarted) / 1e9;
        double copySeconds = copySameRows(insurer, "urn:hip:checkup:%");
        System.out.printf("%nPHR CHECKUP ARCHIVE BENCHMARK: one archive of %,d 特定健診 files (%,d KB ZIP with CLAIMS, XSD), %,d observations%n"
                + "  POST /api/v1/phr/checkup-imports (unzip, parse, match, store each file in its own transaction): %.1f s = %,.0f files/s%n"
                + "  limit 1, JDK DOM parse of the same files alone (no checks, no storage):                        %.2f s = %,.0f files/s%n"
                + "  limit 2, PostgreSQL COPY of the same %,d rows into a table of phr_observation's shape:            %.2f s = %,.0f rows/s%n"
                + "  the import stores %,.0f rows/s, %.0f %% of COPY%n",
                files, zip.length >> 10, stored, seconds, files / seconds, parseSeconds, files / parseSeconds, stored, copySeconds,
                stored / copySeconds, stored / seconds, 100 * (stored / seconds) / (stored / copySeconds));

        // The upload history at 10,000 uploads: the insurer's page query, first and last page.
        jdbc.sql("""
                insert into phr_checkup_upload (tenant_id, id, file_name, uploaded_by, uploaded_by_name, uploaded_at, files, imported,
                    corrected, deleted, rejected, review, observations, lines)
                select ?, gen_random_uuid(), 'bench-' || g || '.zip', 'bench', '計測', now() - g * interval '1 minute', 10, 9, 0, 0, 1, 0, 300, '[]'
                  from generate_series(1, 10000) g""").param(insurer).update();
        jp.hip.TestDatabase.asOwner("analyze phr_checkup_upload");
        Accessor staff = Accessor.tenant(insurer, "bench", "計測", Accessor.Channel.PAGE);
        for (int page : new int[] {0, 500}) {
            List<Double> times = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                long t = System.nanoTime();
                assertThat(checkups.uploads(staff, page, 20).uploads()).hasSize(page == 0 ? 20 : 1);
                times.add((System.nanoTime() - t) / 1e6);
            }
            Collections.sort(times);
            System.out.printf("  upload history at %,d uploads, page %d (count + 20 rows, index (tenant_id, uploaded_at desc)): p50 %.1f ms, p99 %.1f ms%n",
                    10_001, page + 1, times.get(times.size() / 2), times.get(times.size() * 99 / 100));
        }
        explain("upload history, first page", """
                select id, file_name from phr_checkup_upload where tenant_id = '%s' order by uploaded_at desc, id desc limit 20 offset 0""".formatted(insurer));
        System.out.println();
    }

    /** About 25 more items per file: the 問診 and further lab values, as the demo writes them. */
    static String benchItems(int i) {
        StringBuilder x = new StringBuilder();
        String[] coded = {"9N716000000000011", "9N721000000000011", "9N726000000000011", "9N731000000000011", "9N741000000000011",
                "9N746000000000011", "9N751000000000011", "9N756000000000011", "9N771000000000011", "9N781000000000011",
                "9N796000000000011", "9N808000000000011", "9N056000000000011", "9N061000000000011", "9N066000000000011"};
        for (String code : coded) {
            x.append("<entry><observation classCode=\"OBS\" moodCode=\"EVN\"><code code=\"").append(code)
                    .append("\"/><value xsi:type=\"CD\" code=\"").append(1 + (i + code.hashCode()) % 2 == 0 ? "1" : "2")
                    .append("\" codeSystem=\"1.2.392.200119.6.").append(code.startsWith("9N05") || code.startsWith("9N06") ? "2001" : "2003")
                    .append("\"/></observation></entry>");
        }
        String[][] numbers = {{"9N001000000000001", "cm", "168.2"}, {"9N006000000000001", "kg", "71.3"}, {"3F077000002327101", "mg/dL", "131"},
                {"3B035000002327201", "U/L", "24"}, {"3B045000002327201", "U/L", "31"}, {"3B090000002327101", "U/L", "45"},
                {"3C015000002327101", "mg/dL", "0.82"}, {"3F050000002327101", "mg/dL", "201"}, {"2A030000001930101", "g/dL", "14.2"}};
        for (String[] n : numbers) {
            x.append("<entry><observation classCode=\"OBS\" moodCode=\"EVN\"><code code=\"").append(n[0])
                    .append("\"/><value xsi:type=\"PQ\" value=\"").append(n[2]).append("\" unit=\"").append(n[1]).append("\"/></observation></entry>");
        }
        return x.toString();
    }
}
