package jp.hip.phr.checkup;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import ca.uhn.fhir.parser.IParser;
import jp.hip.phr.PhrException;
import jp.hip.phr.PhrException.Kind;
import jp.hip.phr.PhrException.Problem;
import jp.hip.phr.access.Tombstones;
import jp.hip.phr.checkup.file.CheckupDocument;
import jp.hip.phr.checkup.file.CheckupResult;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores one checkup file inside the caller's transaction (ADR 0040): the person matched on 保険者番号 + 記号 +
 * 番号 + 枝番 (a file without 枝番 only where that is unambiguous), the original bytes, the checkup version and
 * its observations. A file for the same person, 健診実施日 and 健診実施機関 supersedes the current version; 報告区分
 * 19 deletes it; in both cases the earlier observations move to the history table.
 */
@Component
class CheckupStore {

    private static final java.time.ZoneId JAPAN = java.time.ZoneId.of("Asia/Tokyo");

    private static final String CARD_MATCH = """
            select m.person_id, m.branch_number, p.birth_date from phr_membership m join phr_person p on p.id = m.person_id
             where m.tenant_id = ? and m.kind = 'INSURED' and m.insured_number = ?
               and coalesce(m.insured_symbol, '') = ? and coalesce(m.insurer_number, ?) = ?""";

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final Clock clock;
    private final Tombstones tombstones;
    private final JsonMapper json = JsonMapper.builder().build();

    CheckupStore(JdbcClient jdbc, JdbcTemplate batch, Clock clock, Tombstones tombstones) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.clock = clock;
        this.tombstones = tombstones;
    }

    /** Stores the document or throws with every problem, having written nothing the caller's rollback would keep. */
    ImportLine store(UUID tenant, UUID uploadId, String file, byte[] original, CheckupDocument doc, Set<String> insurerNumbers) {
        List<Problem> tombstoneNotices = new ArrayList<>();
        String who = doc.nameKana() + "（" + doc.cardNumber() + "）";
        if (!insurerNumbers.contains(doc.insurerNumber())) {
            throw new PhrException(Kind.INVALID, List.of(insurerNumbers.isEmpty()
                    ? Problem.of("phr.import.noInsurerNumber", file)
                    : Problem.of("phr.import.otherInsurer", file, doc.insurerNumber(), String.join("・", insurerNumbers))));
        }
        // the person asked for deletion (ADR 0041): never silently — every line for them says so and what was done
        Optional<Instant> deletedAt = tombstones.deletedCard(tenant, doc.insurerNumber(), doc.insuredSymbol(), doc.insuredNumber(),
                doc.branchNumber());
        Optional<String> deleted = deletedAt.map(at -> at.atZone(JAPAN).toLocalDate().toString());
        String sha = original == null ? null : sha256(original);
        if (sha != null && jdbc.sql("select count(*) from phr_source_document where tenant_id = ? and sha256 = ?")
                .params(tenant, sha).query(Long.class).single() > 0) {
            return new ImportLine(file, ImportLine.Outcome.ALREADY, who, String.valueOf(doc.checkupDate()), 0, 0,
                    deleted.map(d -> List.of(Problem.of("phr.import.tombstoneAlready", file, d))).orElse(List.of()));
        }
        Optional<UUID> matched = match(tenant, doc);
        if (doc.deletionRequest()) {
            UUID person = matched.orElseThrow(() -> new PhrException(Kind.INVALID, List.of(Problem.of("phr.import.deleteUnknown", file))));
            Optional<Current> current = current(tenant, person, doc);
            if (current.isEmpty()) {
                throw new PhrException(Kind.INVALID, List.of(Problem.of("phr.import.deleteUnknown", file)));
            }
            retire(tenant, current.get().id(), "DELETED");
            return new ImportLine(file, ImportLine.Outcome.DELETED, who, doc.checkupDate().toString(), 0, 0,
                    deleted.map(d -> List.of(Problem.of("phr.import.tombstoneKept", file, d))).orElse(List.of()));
        }
        UUID person = matched.orElseGet(() -> createPerson(tenant, doc));
        // the membership remembers it: the holder then writes only its statutory record for the person (ADR 0046)
        deletedAt.ifPresent(at -> tombstones.markRegisteredAgain(tenant, person, at));
        deleted.ifPresent(d -> tombstoneNotices.add(Problem.of(matched.isPresent() ? "phr.import.tombstoneKept"
                : "phr.import.tombstoneNew", file, d)));
        Optional<Current> current = current(tenant, person, doc);
        current.ifPresent(c -> retire(tenant, c.id(), "SUPERSEDED"));
        Instant now = clock.instant();
        UUID document = null;
        if (original != null) {
            document = UUID.randomUUID();
            jdbc.sql("""
                    insert into phr_source_document (tenant_id, id, person_id, file_name, media_type, sha256, content, received_at)
                    values (?, ?, ?, ?, 'application/xml', ?, ?, ?)""")
                    .params(tenant, document, person, file, sha, original, Timestamp.from(now)).update();
        }
        UUID checkup = UUID.randomUUID();
        List<Map<String, Object>> review = new ArrayList<>();
        String metabolic = null;
        String level = null;
        for (CheckupResult r : doc.results()) {
            if (r.review()) {
                Map<String, Object> flagged = new LinkedHashMap<>();
                flagged.put("code", r.code());
                flagged.put("name", r.nameJa());
                flagged.put("value", r.display());
                flagged.put("reason", r.reviewReason());
                review.add(flagged);
            }
            if (r.code().equals(GuidanceLevel.METABOLIC_CODE)) {
                metabolic = r.answerCode();
            } else if (r.code().equals(GuidanceLevel.LEVEL_CODE)) {
                level = r.answerCode();
            }
        }
        jdbc.sql("""
                insert into phr_checkup (tenant_id, id, person_id, checkup_date, institution_number, institution_name,
                    program_type, report_category, version, status, metabolic, guidance_level, review, source_document_id,
                    upload_id, received_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'CURRENT', ?, ?, cast(? as jsonb), ?, ?, ?)""")
                .params(tenant, checkup, person, doc.checkupDate(), institution(doc), doc.institutionName(), doc.programType(),
                        doc.reportCategory(), current.map(c -> c.version() + 1).orElse(1), metabolic, level,
                        Jsonb.storable(json.writeValueAsString(review)), document, uploadId, Timestamp.from(now))
                .update();
        IParser parser = CheckupObservations.parser();
        List<Object[]> rows = new ArrayList<>();
        for (CheckupResult r : doc.results()) {
            rows.add(CheckupObservations.row(tenant, person, checkup, document, doc.checkupDate(), r, now, parser).values());
        }
        batch.batchUpdate("insert into phr_observation (" + CheckupObservations.COLUMNS + ") values ("
                + CheckupObservations.PLACEHOLDERS + ")", rows);
        // every flagged item on its own message (named in Japanese, with the value as written), then the file's warnings
        List<Problem> messages = new ArrayList<>(tombstoneNotices);
        for (Map<String, Object> flagged : review) {
            messages.add(Problem.of((String) flagged.get("reason"), (String) flagged.get("name"), String.valueOf(flagged.get("value"))));
        }
        messages.addAll(doc.warnings());
        return new ImportLine(file, current.isPresent() ? ImportLine.Outcome.CORRECTED : ImportLine.Outcome.IMPORTED, who,
                doc.checkupDate().toString(), rows.size(), review.size(), messages);
    }

    private record Current(UUID id, int version) {}

    private Optional<Current> current(UUID tenant, UUID person, CheckupDocument doc) {
        return jdbc.sql("""
                select id, version from phr_checkup where tenant_id = ? and person_id = ? and checkup_date = ?
                   and institution_number = ? and status = 'CURRENT' for update""")
                .params(tenant, person, doc.checkupDate(), institution(doc))
                .query((rs, n) -> new Current(rs.getObject(1, UUID.class), rs.getInt(2))).optional();
    }

    /** The earlier version's observations move to history; the version itself stays, marked. */
    private void retire(UUID tenant, UUID checkup, String status) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                insert into phr_checkup_observation_history (checkup_id, person_id, id, code, resource, moved_at)
                select checkup_id, person_id, id, code, resource, ? from phr_observation where checkup_id = ?""")
                .params(now, checkup).update();
        jdbc.sql("delete from phr_observation_version where id in (select id from phr_observation where checkup_id = ?)")
                .param(checkup).update();
        jdbc.sql("delete from phr_observation where checkup_id = ?").param(checkup).update();
        jdbc.sql("update phr_checkup set status = ?, superseded_at = ? where tenant_id = ? and id = ?")
                .params(status, now, tenant, checkup).update();
    }

    private record Candidate(UUID person, String branch, java.time.LocalDate birth) {}

    /**
     * 保険者番号 + 記号 + 番号 + 枝番. A file with 枝番 takes the member with that 枝番, or adopts the one member
     * registered without 枝番 (from an older file) when the birth date agrees. A file without 枝番 takes the only
     * member with that 記号・番号, or the only one born that day; more than one is asked back to the insurer.
     */
    private Optional<UUID> match(UUID tenant, CheckupDocument doc) {
        List<Candidate> candidates = jdbc.sql(CARD_MATCH)
                .params(tenant, doc.insuredNumber(), doc.insuredSymbol() == null ? "" : doc.insuredSymbol(),
                        doc.insurerNumber(), doc.insurerNumber())
                .query((rs, n) -> new Candidate(rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getObject(3, java.time.LocalDate.class)))
                .list();
        if (doc.branchNumber() != null) {
            Optional<Candidate> exact = candidates.stream().filter(c -> doc.branchNumber().equals(c.branch())).findFirst();
            if (exact.isPresent()) {
                return Optional.of(exact.get().person());
            }
            List<Candidate> unbranched = candidates.stream().filter(c -> c.branch() == null)
                    .filter(c -> c.birth() == null || c.birth().equals(doc.birthDate())).toList();
            if (unbranched.size() == 1) {
                jdbc.sql("update phr_membership set branch_number = ? where tenant_id = ? and person_id = ?")
                        .params(doc.branchNumber(), tenant, unbranched.get(0).person()).update();
                return Optional.of(unbranched.get(0).person());
            }
            return Optional.empty();
        }
        if (candidates.size() <= 1) {
            return candidates.stream().findFirst().map(Candidate::person);
        }
        List<Candidate> sameBirth = candidates.stream().filter(c -> c.birth() != null && c.birth().equals(doc.birthDate())).toList();
        if (sameBirth.size() == 1) {
            return Optional.of(sameBirth.get(0).person());
        }
        throw new PhrException(Kind.CONFLICT, List.of(Problem.of("phr.import.ambiguous", doc.fileName(), doc.fileName(),
                doc.cardNumber(), candidates.size())));
    }

    private UUID createPerson(UUID tenant, CheckupDocument doc) {
        String[] kana = doc.nameKana().split(" ", 2);
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into phr_person (id, family_name, given_name, family_name_kana, given_name_kana, birth_date, gender)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(id, kana[0], kana.length > 1 ? kana[1] : "", kana[0], kana.length > 1 ? kana[1] : "",
                        doc.birthDate(), doc.gender())
                .update();
        jdbc.sql("""
                insert into phr_membership (tenant_id, person_id, kind, insurer_number, insured_symbol, insured_number,
                    branch_number, since)
                values (?, ?, 'INSURED', ?, ?, ?, ?, ?)""")
                .params(tenant, id, doc.insurerNumber(), doc.insuredSymbol(), doc.insuredNumber(), doc.branchNumber(),
                        java.time.LocalDate.now(clock))
                .update();
        return id;
    }

    private static String institution(CheckupDocument doc) {
        return doc.institutionNumber() == null ? "" : doc.institutionNumber();
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
