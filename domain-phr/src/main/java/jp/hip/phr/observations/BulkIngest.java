package jp.hip.phr.observations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.hl7.fhir.r4.model.Observation;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import ca.uhn.fhir.parser.IParser;
import jp.hip.identity.AuditLog;
import jp.hip.phr.Accessor;
import jp.hip.phr.PhrException;
import jp.hip.phr.PhrException.Kind;
import jp.hip.phr.PhrException.Problem;
import jp.hip.phr.DataCategory;
import jp.hip.phr.PhrFhir;
import jp.hip.phr.access.Tombstones;

/** Bulk ingest of Observations (NDJSON or built in the process), written with PostgreSQL COPY (ADR 0032). */
@Service
public class BulkIngest {

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final AuditLog audit;
    private final CodeTable codes;
    private final Tombstones tombstones;

    BulkIngest(JdbcClient jdbc, JdbcTemplate batch, TransactionTemplate tx, Clock clock, AuditLog audit, CodeTable codes,
            Tombstones tombstones) {
        this.tombstones = tombstones;
        this.jdbc = jdbc;
        this.batch = batch;
        this.tx = tx;
        this.clock = clock;
        this.audit = audit;
        this.codes = codes;
    }

    /** Problems reported at most per refused bulk request (the rest are counted in one last issue). */
    public static final int BULK_MAX_PROBLEMS = 100;

    /**
     * Bulk ingest of Observations as NDJSON (one resource per line) for the accessor's own members: each line gets
     * the rules of a single create (code table, unit, plausible range, no future date, subject a member); all
     * lines or none; every problem (up to {@value #BULK_MAX_PROBLEMS}) located by its line number. Valid rows are
     * spooled to a temporary file while parsing, then written with PostgreSQL COPY in one transaction.
     *
     * @return the number of observations stored
     */
    public int bulkIngestObservations(Accessor accessor, java.io.BufferedReader ndjson, int maxLines) {
        return bulkIngest(accessor, ndjson.lines().iterator(), maxLines).stored();
    }

    /**
     * {@link #bulkIngestObservations(Accessor, java.io.BufferedReader, int)} with its report: the lines of persons
     * who asked for deletion on request, stored only as the holder's statutory record (ADR 0046).
     */
    public BulkReport bulkIngestReport(Accessor accessor, java.io.BufferedReader ndjson, int maxLines) {
        return bulkIngest(accessor, ndjson.lines().iterator(), maxLines);
    }

    /**
     * Bulk ingest of Observations built in the process (a device gateway, the demo loader): the same rules, row
     * mapping, all-or-nothing COPY and problems as the NDJSON path, without JSON parsing; the n-th resource is
     * "line n" in problems.
     *
     * @return the number of observations stored
     */
    public int bulkIngestObservations(Accessor accessor, Iterable<Observation> observations) {
        return bulkIngest(accessor, observations.iterator(), Integer.MAX_VALUE).stored();
    }

    /** The bulk path; {@code items} are NDJSON lines (String) or Observations. */
    private BulkReport bulkIngest(Accessor accessor, java.util.Iterator<?> items, int maxLines) {
        accessor.requireTenant();
        java.nio.file.Path spool = null;
        try {
            spool = java.nio.file.Files.createTempFile("hip-phr-bulk-", ".copy");
            List<Problem> problems = new ArrayList<>();
            int[] problemCount = {0};
            Map<UUID, BulkLines> personLines = new HashMap<>();
            Map<String, Integer> keyLines = new HashMap<>();
            Instant now = clock.instant();
            IParser strict = PhrFhir.fhirContext().newJsonParser().setParserErrorHandler(new ca.uhn.fhir.parser.StrictErrorHandler());
            IParser encoder = PhrFhir.parser();
            ObservationRules checker = codes.rules();
            int lineNo = 0;
            int lines = 0;
            int stored = 0;
            try (java.io.Writer out = java.nio.file.Files.newBufferedWriter(spool, StandardCharsets.UTF_8)) {
                while (items.hasNext()) {
                    Object item = items.next();
                    lineNo++;
                    if (item instanceof String line && line.isBlank()) {
                        continue;
                    }
                    if (++lines > maxLines) {
                        throw PhrException.of(Kind.INVALID, "phr.error.bulkLines", maxLines);
                    }
                    int at = lineNo;
                    try {
                        org.hl7.fhir.instance.model.api.IBaseResource parsed;
                        try {
                            parsed = item instanceof Observation built ? built : strict.parseResource((String) item);
                        } catch (ca.uhn.fhir.parser.DataFormatException e) {
                            throw PhrException.of(Kind.INVALID, "phr.error.parse");
                        }
                        if (!(parsed instanceof Observation observation)) {
                            throw PhrException.of(Kind.INVALID, "phr.error.resourceType", parsed.fhirType(), "Observation");
                        }
                        ObservationRules.Checked checked = checker.check(observation, now, PhrFhir::subjectOf);
                        String key = checked.identifierKey().orElse(null);
                        if (key != null && keyLines.putIfAbsent(key, at) != null) {
                            throw PhrException.of(Kind.CONFLICT, "phr.error.duplicateIdentifier", key);
                        }
                        personLines.computeIfAbsent(checked.personId(), person -> new BulkLines(at))
                                .add(at, checked.code().dataCategory() == DataCategory.CHECKUP);
                        if (problemCount[0] == 0) {
                            out.write(copyLine(ObservationRows.row(accessor, observation, checked, UUID.randomUUID(), now, encoder)));
                        }
                        stored++;
                    } catch (PhrException e) {
                        for (Problem p : e.problems()) {
                            if (problemCount[0]++ < BULK_MAX_PROBLEMS) {
                                problems.add(new Problem(p.key(), lineWhere(at, p.where()), p.args()));
                            }
                        }
                    }
                }
            }
            if (lines == 0) {
                throw PhrException.of(Kind.INVALID, "phr.error.emptyBody");
            }
            int count = stored;
            java.nio.file.Path file = spool;
            try {
                return copyChecked(accessor, file, count, personLines, keyLines, problems, problemCount);
            } catch (AlreadyStored e) {
                // COPY met an identifier stored earlier and everything was rolled back. Only now (the error path) are
                // all the request's identifiers looked up, so the answer lists every one of them, not only the first.
                throw alreadyStored(accessor, keyLines, e.firstKey);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (spool != null) {
                try {
                    java.nio.file.Files.deleteIfExists(spool);
                } catch (IOException ignored) {
                    // a temporary file; the OS cleans up
                }
            }
        }
    }

    private BulkReport copyChecked(Accessor accessor, java.nio.file.Path file, int count, Map<UUID, BulkLines> personLines,
            Map<String, Integer> keyLines, List<Problem> problems, int[] problemCount) {
            return tx.execute(status -> {
                // Membership and stored identifiers: one query per 10,000 values, before anything is written.
                List<UUID> persons = new ArrayList<>(personLines.keySet());
                Set<UUID> members = new java.util.HashSet<>();
                for (int i = 0; i < persons.size(); i += 10_000) {
                    members.addAll(jdbc.sql("select person_id from phr_membership where tenant_id = :tenant and person_id in (:persons)")
                            .param("tenant", accessor.tenantId()).param("persons", persons.subList(i, Math.min(persons.size(), i + 10_000)))
                            .query(UUID.class).list());
                }
                for (UUID person : persons) {
                    if (!members.contains(person) && problemCount[0]++ < BULK_MAX_PROBLEMS) {
                        problems.add(Problem.of("phr.error.subjectUnknown", lineWhere(personLines.get(person).first(), "Observation.subject"), "Patient/" + person));
                    }
                }
                // after the person's deletion on request only the holder's statutory record, each line said so (ADR 0046)
                Map<UUID, Tombstones.AfterDeletion> deleted = tombstones.afterDeletion(accessor.tenantId(), members);
                List<Problem> notices = new ArrayList<>();
                deleted.entrySet().stream().sorted(java.util.Comparator.comparingInt(e -> personLines.get(e.getKey()).first())).forEach(e -> {
                    UUID person = e.getKey();
                    Tombstones.AfterDeletion after = e.getValue();
                    BulkLines lines = personLines.get(person);
                    for (int line : after.statutoryHolder() ? lines.other() : lines.all()) {
                        if (problemCount[0]++ < BULK_MAX_PROBLEMS) {
                            problems.add(after.refusal(lineWhere(line, "Observation.subject")));
                        }
                    }
                    if (notices.size() < BULK_MAX_PROBLEMS) {
                        notices.add(Problem.of("phr.fhir.bulkTombstone", linesWhere(lines.all()), after.date(), "Patient/" + person,
                                lines.all().length));
                    }
                });
                if (problemCount[0] > BULK_MAX_PROBLEMS) {
                    problems.add(Problem.of("phr.error.bulkMoreProblems", null, problemCount[0] - BULK_MAX_PROBLEMS));
                }
                if (!problems.isEmpty()) {
                    throw new PhrException(problems.stream().allMatch(p -> p.key().equals("phr.error.duplicateIdentifier")) ? Kind.CONFLICT
                            : problems.stream().allMatch(p -> p.key().equals("phr.error.tombstoneNotStatutory")) ? Kind.UNPROCESSABLE
                            : Kind.INVALID, problems);
                }
                // Identifiers stored earlier are found by COPY itself (the unique index): a separate look-up of
                // every key was measured far slower than the index probes COPY does anyway.
                copyObservations(file);
                audit.record("PHR_OBSERVATIONS_BULK_INGESTED", "Observation", "$bulk-ingest",
                        Map.of("count", count, "deletedOnRequest", deleted.size()));
                return new BulkReport(count, notices);
            });
    }

    /** COPY stopped at an identifier the tenant stored earlier (unique index); the transaction is rolled back. */
    private static final class AlreadyStored extends RuntimeException {
        private final String firstKey;

        AlreadyStored(String firstKey) {
            super(null, null, false, false);
            this.firstKey = firstKey;
        }
    }

    /**
     * Every identifier of the request that the tenant stored earlier, each with its line (409). One query: the keys
     * go in as one array and are probed through the partial unique index.
     */
    private PhrException alreadyStored(Accessor accessor, Map<String, Integer> keyLines, String firstKey) {
        List<String> found = keyLines.isEmpty() ? List.of() : jdbc.sql("""
                select k.key from unnest(cast(:keys as text[])) as k(key)
                where exists (select 1 from phr_observation o
                              where o.tenant_id = :tenant and o.identifier_key = k.key and o.identifier_key is not null)
                """).param("keys", keyLines.keySet().toArray(String[]::new)).param("tenant", accessor.tenantId())
                .query(String.class).list();
        java.util.TreeMap<Integer, String> byLine = new java.util.TreeMap<>();
        found.forEach(key -> byLine.put(keyLines.get(key), key));
        if (byLine.isEmpty() && firstKey != null) { // stored and deleted again in between: report what COPY saw
            byLine.put(keyLines.getOrDefault(firstKey, 0), firstKey);
        }
        List<Problem> problems = new ArrayList<>();
        for (Map.Entry<Integer, String> e : byLine.entrySet()) {
            if (problems.size() == BULK_MAX_PROBLEMS) {
                problems.add(Problem.of("phr.error.bulkMoreProblems", null, byLine.size() - BULK_MAX_PROBLEMS));
                break;
            }
            problems.add(Problem.of("phr.error.duplicateIdentifier",
                    e.getKey() == 0 ? null : lineWhere(e.getKey(), "Observation.identifier"), e.getValue()));
        }
        return new PhrException(Kind.CONFLICT, problems);
    }

    /** "lines 3, 7, 9" (the first twenty, then how many more). */
    private static String linesWhere(int[] lines) {
        StringBuilder where = new StringBuilder(lines.length == 1 ? "line " : "lines ");
        for (int i = 0; i < Math.min(lines.length, 20); i++) {
            where.append(i == 0 ? "" : ", ").append(lines[i]);
        }
        return lines.length > 20 ? where.append(" (+").append(lines.length - 20).append(")").toString() : where.toString();
    }

    private static String lineWhere(int line, String where) {
        return "line " + line + (where == null ? "" : ": " + where);
    }

    /** COPY of spooled rows on the transaction's own connection (so it commits or rolls back with it). */
    private void copyObservations(java.nio.file.Path file) {
        javax.sql.DataSource dataSource = batch.getDataSource();
        java.sql.Connection connection = org.springframework.jdbc.datasource.DataSourceUtils.getConnection(dataSource);
        try (java.io.Reader in = java.nio.file.Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            // through a staging table: COPY FROM is refused on a table under row-level security (ADR 0090)
            jp.hip.identity.database.StagedCopy.copy(connection, "phr_observation", ObservationRows.COLUMNS, in);
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                // "Key (tenant_id, identifier_key)=(<tenant>, <key>) already exists."
                String detail = e instanceof org.postgresql.util.PSQLException p && p.getServerErrorMessage() != null
                        ? String.valueOf(p.getServerErrorMessage().getDetail()) : "";
                int from = detail.indexOf(", ", detail.indexOf(")=(")) + 2;
                int to = detail.lastIndexOf(") already exists");
                throw new AlreadyStored(from > 1 && to > from ? detail.substring(from, to) : null);
            }
            throw new org.springframework.dao.DataAccessResourceFailureException("COPY phr_observation failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            org.springframework.jdbc.datasource.DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** One row in PostgreSQL COPY text format. */
    static String copyLine(Object[] row) {
        StringBuilder line = new StringBuilder(256);
        for (int i = 0; i < row.length; i++) {
            if (i > 0) {
                line.append('\t');
            }
            Object value = row[i];
            if (value == null) {
                line.append("\\N");
                continue;
            }
            String text = value instanceof Timestamp t ? t.toInstant().toString()
                    : value instanceof BigDecimal b ? b.toPlainString() : value.toString();
            for (int c = 0; c < text.length(); c++) {
                char ch = text.charAt(c);
                switch (ch) {
                    case '\\' -> line.append("\\\\");
                    case '\t' -> line.append("\\t");
                    case '\n' -> line.append("\\n");
                    case '\r' -> line.append("\\r");
                    default -> line.append(ch);
                }
            }
        }
        return line.append('\n').toString();
    }
}
