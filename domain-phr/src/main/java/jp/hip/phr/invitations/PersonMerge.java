package jp.hip.phr.invitations;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Takes one person's records into another's (ADR 0047): when an individual whose account is linked already links
 * the records of another holder (a new insurer), the invited member's memberships, observations (their FHIR subject
 * rewritten), checkups and their history, original files, medication, consents and evidence, invitations and the
 * access log move to the account's person, and the emptied person row goes. What each holder may read does not
 * change: the access join gives a holder its own records by law and others' only with consent (ADR 0036). Runs inside
 * the caller's transaction, in the system scope.
 */
@Component
class PersonMerge {

    private final JdbcClient jdbc;

    PersonMerge(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether a holder holds both persons (a membership each): they cannot be merged without that holder. */
    boolean sharedHolder(UUID a, UUID b) {
        return jdbc.sql("""
                select exists (select 1 from phr_membership x join phr_membership y on y.tenant_id = x.tenant_id
                                where x.person_id = ? and y.person_id = ?)""")
                .params(a, b).query(Boolean.class).single();
    }

    /** Moves everything of {@code from} to {@code into}; answers the rows moved per table. */
    Map<String, Integer> merge(UUID from, UUID into) {
        Map<String, Integer> moved = new LinkedHashMap<>();
        String subject = "Patient/" + into;
        moved.put("phr_membership", move("phr_membership", from, into));
        moved.put("phr_observation", jdbc.sql("""
                update phr_observation set person_id = ?, resource = jsonb_set(resource, '{subject,reference}', to_jsonb(cast(? as text)))
                 where person_id = ?""").params(into, subject, from).update());
        moved.put("phr_medication_statement", jdbc.sql("""
                update phr_medication_statement set person_id = ?, resource = jsonb_set(resource, '{subject,reference}', to_jsonb(cast(? as text)))
                 where person_id = ?""").params(into, subject, from).update());
        moved.put("phr_checkup_observation_history", jdbc.sql("""
                update phr_checkup_observation_history set person_id = ?, resource = jsonb_set(resource, '{subject,reference}', to_jsonb(cast(? as text)))
                 where person_id = ?""").params(into, subject, from).update());
        for (String table : new String[] {"phr_checkup", "phr_source_document", "phr_consent", "phr_consent_evidence",
                "phr_member_invitation", "phr_access_log", "phr_tombstone_card"}) {
            moved.put(table, move(table, from, into));
        }
        jdbc.sql("delete from phr_export_run where person_id = ?").param(from).update();
        jdbc.sql("update phr_person set version = version + 1, updated_at = now() where id = ?").param(into).update();
        jdbc.sql("delete from phr_person where id = ?").param(from).update();
        return moved;
    }

    private int move(String table, UUID from, UUID into) {
        return jdbc.sql("update " + table + " set person_id = ? where person_id = ?").params(into, from).update();
    }
}
