package jp.hip.phr.rights;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Removes, for real, everything of a person who asked for deletion except the statutory records still inside their
 * period ({@link RetentionPeriods#RETAINED} on {@code :today}): at the deletion itself (ADR 0041) and again by the
 * nightly purge once a kept record's period has ended (ADR 0047). What is kept is decided once, on the rows as they
 * are before anything goes: the observations, the checkup versions of the same result, the original files they
 * refer to, the memberships of the holders that keep something, and the person row if any holder does. Runs inside
 * the caller's transaction, in the system scope.
 */
@Component
class UnretainedRecords {

    private final JdbcClient jdbc;

    UnretainedRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What was removed, by kind, and whether the person row went too (no holder keeps anything). */
    record Removed(Map<String, Integer> counts, List<UUID> keepers, boolean personRemoved) {}

    /** {@code params}: {@code person}, {@code insurerYears}, {@code employerYears}, {@code today}. */
    Removed remove(UUID person, Map<String, Object> params) {
        UUID[] keptValues = jdbc.sql("select id from (" + RetentionPeriods.RETAINED + ") r").params(params).query(UUID.class)
                .list().toArray(UUID[]::new);
        UUID[] keptCheckups = jdbc.sql("""
                select c.id from phr_checkup c
                 where c.person_id = :person and exists (select 1 from (%s) r join phr_checkup k on k.id = r.checkup_id
                        where k.tenant_id = c.tenant_id and k.checkup_date = c.checkup_date
                          and k.institution_number = c.institution_number)""".formatted(RetentionPeriods.RETAINED))
                .params(params).query(UUID.class).list().toArray(UUID[]::new);
        UUID[] keptFiles = jdbc.sql("""
                select o.source_document_id from phr_observation o where o.id = any(:values) and o.source_document_id is not null
                union select c.source_document_id from phr_checkup c where c.id = any(:checkups) and c.source_document_id is not null""")
                .param("values", keptValues).param("checkups", keptCheckups).query(UUID.class).list().toArray(UUID[]::new);
        List<UUID> keepers = jdbc.sql("select distinct tenant_id from (" + RetentionPeriods.RETAINED + ") r").params(params)
                .query(UUID.class).list();
        Map<String, Integer> removed = new LinkedHashMap<>();
        removed.put("observations", jdbc.sql("delete from phr_observation where person_id = ? and not (id = any(?))")
                .params(person, keptValues).update());
        removed.put("observationVersions", jdbc.sql("delete from phr_observation_version where person_id = ? and not (id = any(?))")
                .params(person, keptValues).update());
        removed.put("checkupHistory", jdbc.sql("delete from phr_checkup_observation_history where person_id = ? and not (checkup_id = any(?))")
                .params(person, keptCheckups).update());
        removed.put("checkups", jdbc.sql("delete from phr_checkup where person_id = ? and not (id = any(?))")
                .params(person, keptCheckups).update());
        removed.put("sourceDocuments", jdbc.sql("delete from phr_source_document where person_id = ? and not (id = any(?))")
                .params(person, keptFiles).update());
        removed.put("medicationStatements", jdbc.sql("delete from phr_medication_statement where person_id = ?").param(person).update());
        removed.put("consentEvidence", jdbc.sql("delete from phr_consent_evidence where person_id = ?").param(person).update());
        removed.put("consentVersions", jdbc.sql("delete from phr_consent where person_id = ?").param(person).update());
        removed.put("memberships", keepers.isEmpty()
                ? jdbc.sql("delete from phr_membership where person_id = ?").param(person).update()
                : jdbc.sql("delete from phr_membership where person_id = :person and tenant_id not in (:keepers)")
                        .param("person", person).param("keepers", keepers).update());
        if (keepers.isEmpty()) {
            jdbc.sql("delete from phr_person where id = ?").param(person).update();
        }
        return new Removed(removed, keepers, keepers.isEmpty());
    }
}
