package jp.hip.phr.checkup;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import jp.hip.identity.AuditLog;
import jp.hip.phr.Accessor;
import jp.hip.phr.PhrException;
import jp.hip.phr.PhrException.Kind;
import jp.hip.phr.PhrException.Problem;
import jp.hip.phr.checkup.file.CdaCheckupParser;
import jp.hip.phr.checkup.file.CheckupArchive;
import jp.hip.phr.checkup.file.CheckupCsvReader;
import jp.hip.phr.checkup.file.CheckupDocument;
import jp.hip.phr.checkup.file.CheckupItemTable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The insurer's 特定健診 work (issue 11): import an upload (a submission archive, one XML file or a CSV) as one
 * unit with one report line per file, the paged upload history, and the 保険者番号 the insurer receives files for.
 * Each checkup file is stored or refused on its own (its own transaction); a CSV is all rows or none.
 */
@Service
public class CheckupRecords {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final AuditLog audit;
    private final CheckupStore store;
    private final CheckupItemTable table = CheckupItemTable.standard();
    private final CdaCheckupParser parser = new CdaCheckupParser(table);
    private final JsonMapper json = JsonMapper.builder().build();

    CheckupRecords(JdbcClient jdbc, TransactionTemplate tx, Clock clock, AuditLog audit, CheckupStore store) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.audit = audit;
        this.store = store;
    }

    public CheckupItemTable itemTable() {
        return table;
    }

    // ---------------------------------------------------------------- 保険者番号

    /** The 保険者番号 the insurer receives files for; a file naming another is refused. */
    public List<String> insurerNumbers(UUID tenantId) {
        return jdbc.sql("select insurer_number from phr_insurer_number where tenant_id = ? order by insurer_number")
                .param(tenantId).query(String.class).list();
    }

    public void registerInsurerNumber(Accessor accessor, String insurerNumber) {
        requireTenant(accessor);
        if (insurerNumber == null || !insurerNumber.matches("[0-9]{8}")) {
            throw new PhrException(Kind.INVALID, List.of(Problem.of("phr.insurerNumber.format", "insurerNumber")));
        }
        jdbc.sql("insert into phr_insurer_number (tenant_id, insurer_number) values (?, ?) on conflict do nothing")
                .params(accessor.tenantId(), insurerNumber).update();
        audit.record("PHR_INSURER_NUMBER_REGISTERED", "InsurerNumber", insurerNumber, Map.of("actor", accessor.actorName()));
    }

    // ---------------------------------------------------------------- import

    public ImportReport importUpload(Accessor accessor, String uploadName, byte[] upload) {
        requireTenant(accessor);
        String name = uploadName == null || uploadName.isBlank() ? "upload" : uploadName;
        UUID uploadId = UUID.randomUUID();
        Set<String> insurers = new LinkedHashSet<>(insurerNumbers(accessor.tenantId()));
        List<ImportLine> lines = name.toLowerCase(java.util.Locale.ROOT).endsWith(".csv")
                ? importCsv(accessor, uploadId, name, upload, insurers)
                : importFiles(accessor, uploadId, name, upload, insurers);
        ImportReport report = new ImportReport(uploadId, name, lines);
        tx.executeWithoutResult(s -> jdbc.sql("""
                insert into phr_checkup_upload (tenant_id, id, file_name, uploaded_by, uploaded_by_name, uploaded_at, files,
                    imported, corrected, deleted, rejected, review, observations, lines)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb))""")
                .params(accessor.tenantId(), uploadId, truncate(name, 255), truncate(accessor.actorId(), 100), accessor.actorName(),
                        Timestamp.from(clock.instant()), (int) lines.stream().filter(l -> l.outcome() != ImportLine.Outcome.WARNING).count(),
                        (int) report.imported(), (int) report.corrected(), (int) report.deleted(), (int) report.rejected(),
                        report.review(), report.observations(), Jsonb.storable(json.writeValueAsString(lines)))
                .update());
        audit.record("PHR_CHECKUPS_IMPORTED", "Upload", name, Map.of("files", lines.size(), "imported", report.imported(),
                "corrected", report.corrected(), "deleted", report.deleted(), "rejected", report.rejected(),
                "observations", report.observations(), "deletedOnRequest", lines.stream()
                        .filter(l -> l.messages().stream().anyMatch(m -> m.key().startsWith("phr.import.tombstone"))).count()));
        return report;
    }

    private List<ImportLine> importFiles(Accessor accessor, UUID uploadId, String name, byte[] upload, Set<String> insurers) {
        CheckupArchive.Contents contents;
        try {
            contents = CheckupArchive.read(name, upload);
        } catch (PhrException e) {
            return List.of(ImportLine.rejected(name, e.problems()));
        }
        List<ImportLine> lines = new ArrayList<>();
        for (Problem warning : contents.warnings()) {
            lines.add(new ImportLine(warning.where() == null ? name : warning.where(), ImportLine.Outcome.WARNING, null, null, 0, 0,
                    List.of(warning)));
        }
        for (CheckupArchive.Entry entry : contents.entries()) {
            lines.add(switch (entry.role()) {
                case DATA -> importFile(accessor, uploadId, entry, insurers);
                case INDEX -> skipped(entry, contents.index() == null ? Problem.of("phr.archive.indexSkipped", entry.path())
                        : Problem.of("phr.archive.index", entry.path(), String.valueOf(contents.index().sender()),
                                String.valueOf(contents.index().serviceEventType()), String.valueOf(contents.index().totalRecordCount())));
                case SUMMARY -> skipped(entry, Problem.of("phr.archive.summary", entry.path()));
                case CLAIM -> skipped(entry, Problem.of("phr.archive.claim", entry.path()));
                case SCHEMA -> skipped(entry, Problem.of("phr.archive.schema", entry.path()));
                case OTHER -> skipped(entry, Problem.of("phr.archive.other", entry.path()));
            });
        }
        return lines;
    }

    private static ImportLine skipped(CheckupArchive.Entry entry, Problem why) {
        return new ImportLine(entry.path(), ImportLine.Outcome.SKIPPED, null, null, 0, 0, List.of(why));
    }

    private ImportLine importFile(Accessor accessor, UUID uploadId, CheckupArchive.Entry entry, Set<String> insurers) {
        if (entry.problem() != null) {
            return ImportLine.rejected(entry.path(), List.of(entry.problem()));
        }
        try {
            CheckupDocument doc = parser.parse(entry.path(), entry.content());
            return tx.execute(s -> store.store(accessor.tenantId(), uploadId, entry.path(), entry.content(), doc, insurers));
        } catch (PhrException e) {
            return ImportLine.rejected(entry.path(), e.problems());
        } catch (org.springframework.dao.DataIntegrityViolationException e) {
            // two files of one upload for the same person racing for the same card: report, never echo SQL
            return ImportLine.rejected(entry.path(), List.of(Problem.of("phr.import.conflict", entry.path())));
        }
    }

    /** A CSV is all or nothing: every row stored, or none, with every problem by row (and item). */
    private List<ImportLine> importCsv(Accessor accessor, UUID uploadId, String name, byte[] upload, Set<String> insurers) {
        if (upload.length > 32 * 1024 * 1024) {
            return List.of(ImportLine.rejected(name, List.of(Problem.of("phr.import.tooLarge", name, name, 32))));
        }
        List<CheckupCsvReader.Row> rows;
        try {
            rows = new CheckupCsvReader(table).read(name, upload);
        } catch (PhrException e) {
            return List.of(ImportLine.rejected(name, e.problems()));
        }
        List<ImportLine> lines = new ArrayList<>();
        try {
            tx.executeWithoutResult(s -> {
                List<Problem> problems = new ArrayList<>();
                for (CheckupCsvReader.Row row : rows) {
                    // The CSV itself is not kept: it holds many persons, and deletion on request must leave none behind.
                    try {
                        lines.add(store.store(accessor.tenantId(), uploadId, name + " " + row.line() + "行目", null,
                                row.checkup(), insurers));
                    } catch (PhrException e) {
                        e.problems().forEach(p -> problems.add(new Problem(p.key(), row.line() + "行目", p.args())));
                    }
                }
                if (!problems.isEmpty()) {
                    throw new PhrException(Kind.INVALID, problems);
                }
            });
        } catch (PhrException e) {
            return List.of(ImportLine.rejected(name, e.problems()));
        }
        return lines;
    }

    // ---------------------------------------------------------------- history

    /** The insurer's uploads, newest first, one page (who uploaded what, when, with what result). */
    public CheckupUploads uploads(Accessor accessor, int page, int size) {
        requireTenant(accessor);
        int p = Math.max(0, page);
        int s = Math.min(Math.max(1, size), 200);
        long total = jdbc.sql("select count(*) from phr_checkup_upload where tenant_id = ?").param(accessor.tenantId())
                .query(Long.class).single();
        List<CheckupUploads.Upload> uploads = jdbc.sql("""
                select id, file_name, coalesce(uploaded_by_name, uploaded_by), uploaded_at, files, imported, corrected, deleted,
                       rejected, review, observations
                  from phr_checkup_upload where tenant_id = ? order by uploaded_at desc, id desc limit ? offset ?""")
                .params(accessor.tenantId(), s, (long) p * s)
                .query((rs, n) -> new CheckupUploads.Upload(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getInt(9),
                        rs.getInt(10), rs.getInt(11)))
                .list();
        return new CheckupUploads(uploads, p, s, total);
    }

    /** One upload's report, as it was shown after the upload. */
    public ImportReport upload(Accessor accessor, UUID id) {
        requireTenant(accessor);
        return jdbc.sql("select file_name, lines::text from phr_checkup_upload where tenant_id = ? and id = ?")
                .params(accessor.tenantId(), id)
                .query((rs, n) -> new ImportReport(id, rs.getString(1),
                        json.readValue(rs.getString(2), new TypeReference<List<ImportLine>>() {})))
                .optional().orElseThrow(() -> PhrException.of(Kind.NOT_FOUND, "phr.error.notFound", "Upload/" + id));
    }

    static void requireTenant(Accessor accessor) {
        if (accessor.individual()) {
            throw PhrException.of(Kind.FORBIDDEN, "phr.error.individualWrite");
        }
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
