package jp.hip.phr.checkup;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import jp.hip.identity.AuditLog;
import jp.hip.phr.Accessor;
import jp.hip.phr.ObservationCode;
import jp.hip.phr.PhrException;
import jp.hip.phr.PhrException.Kind;
import jp.hip.phr.PhrException.Problem;
import jp.hip.phr.PhrFhir;
import jp.hip.phr.observations.CodeTable;
import jp.hip.phr.observations.ObservationRules;
import jp.hip.phr.observations.PhrObservations;
import jp.hip.phr.persons.PhrPersons;
import jp.hip.phr.persons.PhrPersons.NewMember;

/**
 * 特定健診 import (facade): the MHLW standard XML (HL7 CDA, one checkup per file, many in a ZIP) and CSV for
 * insurers without XML, mapped to Observations through the same create as the FHIR API; originals kept unchanged.
 */
@Service
public class CheckupImport {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final AuditLog audit;
    private final CodeTable codes;
    private final PhrPersons persons;
    private final PhrObservations observations;

    CheckupImport(JdbcClient jdbc, TransactionTemplate tx, Clock clock, AuditLog audit, CodeTable codes,
            PhrPersons persons, PhrObservations observations) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.audit = audit;
        this.codes = codes;
        this.persons = persons;
        this.observations = observations;
    }

    /** What happened to one file of an upload. */
    public record FileResult(String fileName, boolean imported, boolean alreadyImported, String person,
            String checkupDate, int observations, List<Problem> problems, List<Problem> warnings) {}

    /** What happened to an upload: every file, imported or rejected with all its problems. */
    public record ImportReport(String uploadName, List<FileResult> files) {
        public long imported() {
            return files.stream().filter(FileResult::imported).count();
        }

        public long rejected() {
            return files.stream().filter(f -> !f.imported() && !f.alreadyImported()).count();
        }

        public int observations() {
            return files.stream().mapToInt(FileResult::observations).sum();
        }
    }

    /** XML units (XML用単位) that differ from the UCUM codes of the code table. */
    private static final Map<String, String> XML_UNITS = Map.of("mmHg", "mm[Hg]", "mg/dl", "mg/dL", "IU/L", "U/L",
            "IU/l", "U/L", "U/l", "U/L", "kg/m²", "kg/m2");

    /**
     * Imports an upload of 特定健診 XML (one file, or a ZIP of many) for the insurer's members. Each file is all
     * or nothing: it is stored (the original bytes unchanged, its observations, the member) or rejected with
     * every problem found. A file imported before (same bytes) is reported, not stored twice.
     */
    public ImportReport importCheckups(Accessor accessor, String uploadName, byte[] upload) {
        accessor.requireTenant();
        if (uploadName != null && uploadName.toLowerCase(java.util.Locale.ROOT).endsWith(".csv")) {
            return importCsv(accessor, uploadName, upload);
        }
        List<CheckupXml.SourceFile> files;
        try {
            files = CheckupXml.files(uploadName, upload);
        } catch (PhrException e) {
            return new ImportReport(uploadName, List.of(new FileResult(uploadName, false, false, null, null, 0, e.problems(), List.of())));
        }
        List<FileResult> results = new ArrayList<>();
        for (CheckupXml.SourceFile file : files) {
            FileResult result;
            try {
                CheckupXml.Checkup checkup = CheckupXml.parse(file);
                result = tx.execute(status -> importCheckup(accessor, file, checkup));
            } catch (PhrException e) {
                result = new FileResult(file.name(), false, false, null, null, 0, e.problems(), List.of());
            }
            results.add(result);
        }
        ImportReport report = new ImportReport(uploadName, results);
        audit.record("PHR_CHECKUPS_IMPORTED", "Upload", uploadName, Map.of("files", results.size(),
                "imported", report.imported(), "rejected", report.rejected(), "observations", report.observations()));
        return report;
    }

    /** A CSV file is all or nothing as a whole: every row stored, or none, with every problem by row and column. */
    private ImportReport importCsv(Accessor accessor, String name, byte[] upload) {
        List<FileResult> results = new ArrayList<>();
        try {
            if (upload.length > 32 * 1024 * 1024) {
                throw PhrException.of(Kind.INVALID, "phr.import.tooLarge", name, 32);
            }
            Set<String> known = codes.byKey().values().stream().filter(c -> ObservationCode.CHECKUP_ITEM_SYSTEM.equals(c.system()))
                    .map(ObservationCode::code).collect(Collectors.toSet());
            List<CheckupCsv.Row> rows = CheckupCsv.parse(upload, known);
            // The CSV itself is not kept: it holds many persons, and deletion on request must leave none of them behind.
            // Re-sending it stores nothing twice: every value has an identifier (person, date, item) for conditional create.
            tx.executeWithoutResult(status -> {
                List<Problem> problems = new ArrayList<>();
                for (CheckupCsv.Row row : rows) {
                    try {
                        FileResult result = storeCheckup(accessor, name + ":" + row.line(), row.checkup(), null);
                        results.add(result);
                    } catch (PhrException e) {
                        e.problems().forEach(p -> problems.add(new Problem(p.key(), "L" + row.line() + " " + p.where(), p.args())));
                    }
                }
                if (!problems.isEmpty()) {
                    throw new PhrException(Kind.INVALID, problems);
                }
            });
        } catch (PhrException e) {
            results.clear();
            results.add(new FileResult(name, false, false, null, null, 0, e.problems(), List.of()));
        }
        ImportReport report = new ImportReport(name, List.copyOf(results));
        audit.record("PHR_CHECKUPS_IMPORTED", "Upload", name, Map.of("rows", results.size(), "imported", report.imported(),
                "observations", report.observations()));
        return report;
    }

    private FileResult importCheckup(Accessor accessor, CheckupXml.SourceFile file, CheckupXml.Checkup checkup) {
        String sha = sha256(file.content());
        String who = checkup.nameKana() + " (" + (checkup.insuredSymbol() == null ? "" : checkup.insuredSymbol() + ":") + checkup.insuredNumber() + ")";
        boolean seen = jdbc.sql("select count(*) from phr_source_document where tenant_id = ? and sha256 = ?")
                .params(accessor.tenantId(), sha).query(Long.class).single() > 0;
        if (seen) {
            return new FileResult(file.name(), false, true, who, checkup.checkupDate().toString(), 0, List.of(), List.of());
        }
        return storeCheckup(accessor, file.name(), checkup, new Object[] {UUID.randomUUID(), sha, file.content()});
    }

    /** Stores one checkup (member, original XML when given, observations); throws with every problem, writing nothing. */
    private FileResult storeCheckup(Accessor accessor, String fileName, CheckupXml.Checkup checkup, Object[] original) {
        String who = checkup.nameKana() + " (" + (checkup.insuredSymbol() == null ? "" : checkup.insuredSymbol() + ":") + checkup.insuredNumber() + ")";
        String[] kana = checkup.nameKana().split("[ 　]+", 2);
        UUID person = persons.registerMember(accessor.tenantId(), new NewMember(kana[0], kana.length > 1 ? kana[1] : "", kana[0],
                kana.length > 1 ? kana[1] : "", checkup.birthDate(), checkup.gender(), checkup.insurerNumber(),
                checkup.insuredSymbol(), checkup.insuredNumber()));
        UUID document = original == null ? null : (UUID) original[0];
        if (original != null) {
            jdbc.sql("""
                    insert into phr_source_document (tenant_id, id, person_id, file_name, media_type, sha256, content, received_at)
                    values (?, ?, ?, ?, 'application/xml', ?, ?, ?)""")
                    .params(accessor.tenantId(), document, person, fileName, original[1], original[2], Timestamp.from(clock.instant()))
                    .update();
        }
        List<Problem> problems = new ArrayList<>(checkup.itemProblems());
        List<Problem> warnings = new ArrayList<>();
        int stored = 0;
        for (CheckupXml.Item item : checkup.items()) {
            if (item.value() == null) {
                warnings.add(Problem.of("phr.import.coded", item.code(), item.code(), item.displayName()));
                continue;
            }
            if (!codes.byKey().containsKey(ObservationRules.key(ObservationCode.CHECKUP_ITEM_SYSTEM, item.code()))) {
                warnings.add(Problem.of("phr.import.notInTable", item.code(), item.code(), item.displayName()));
                continue;
            }
            Observation observation = new Observation();
            observation.setStatus(Observation.ObservationStatus.FINAL);
            observation.getCode().addCoding(new Coding(ObservationCode.CHECKUP_ITEM_SYSTEM, item.code(), null));
            observation.setSubject(new Reference("Patient/" + person));
            observation.setEffective(new org.hl7.fhir.r4.model.DateTimeType(checkup.checkupDate().toString()));
            String unit = item.unit() == null
                    ? codes.byKey().get(ObservationRules.key(ObservationCode.CHECKUP_ITEM_SYSTEM, item.code())).unit()
                    : XML_UNITS.getOrDefault(item.unit(), item.unit());
            observation.setValue(new org.hl7.fhir.r4.model.Quantity().setValue(item.value()).setUnit(unit)
                    .setSystem(ObservationCode.UCUM).setCode(unit));
            String key = "urn:hip:checkup:" + checkup.documentId();
            observation.addIdentifier().setSystem(key).setValue(item.code());
            try {
                observations.createInTransaction(accessor, observation, Optional.of("identifier=" + key + "|" + item.code()),
                        PhrFhir::subjectOf, document);
                stored++;
            } catch (PhrException e) {
                e.problems().forEach(p -> problems.add(new Problem(p.key(), item.code() + " " + item.displayName(), p.args())));
            }
        }
        if (!problems.isEmpty()) {
            throw new PhrException(Kind.INVALID, problems);
        }
        return new FileResult(fileName, true, false, who, checkup.checkupDate().toString(), stored, List.of(), warnings);
    }

    private static String sha256(byte[] content) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The latest uploads' source files of the insurer (the import page's history). */
    public record SourceDocumentView(String fileName, Instant receivedAt, long observations) {}

    public List<SourceDocumentView> latestSourceDocuments(Accessor accessor, int limit) {
        accessor.requireTenant();
        return jdbc.sql("""
                select d.file_name, d.received_at, (select count(*) from phr_observation o where o.source_document_id = d.id)
                  from phr_source_document d where d.tenant_id = ? order by d.received_at desc limit ?""")
                .params(accessor.tenantId(), limit)
                .query((rs, n) -> new SourceDocumentView(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getLong(3)))
                .list();
    }
}
