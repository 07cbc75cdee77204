package jp.hip.phr.access;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

import org.hl7.fhir.r4.model.Resource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import jp.hip.phr.AccessLogEntry;
import jp.hip.phr.Accessor;

/**
 * phr_access_log: one line per person read (3省2ガイドライン's access log), with who read, through which channel,
 * which resources and the consents that allowed it ("本人" for the person themself).
 */
@Component
public class AccessLog {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Individuals individuals;

    AccessLog(JdbcClient jdbc, Clock clock, Individuals individuals) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.individuals = individuals;
    }

    /** The individual's own access log (who read their records), newest first. */
    public List<AccessLogEntry> myAccessLog(Accessor individual, int limit) {
        return entries(individuals.myPerson(individual), limit);
    }

    /** One access-log line per person read: the resources (Observation/…, MedicationStatement/…) and the consents. */
    public <T extends Resource> void logRows(Accessor accessor, String action, List<StoredRows.Row<T>> rows) {
        Map<UUID, List<StoredRows.Row<T>>> byPerson = rows.stream()
                .collect(Collectors.groupingBy(StoredRows.Row::personId, LinkedHashMap::new, Collectors.toList()));
        byPerson.forEach((person, list) -> logRead(accessor, person, action,
                list.stream().map(r -> r.resource().fhirType() + "/" + r.id()).toList(),
                list.stream().map(StoredRows.Row::consentRef).filter(Objects::nonNull).distinct().toList()));
    }

    public void logRead(Accessor accessor, UUID person, String action, List<String> resources, List<String> consents) {
        jdbc.sql("""
                insert into phr_access_log (person_id, occurred_at, accessor_tenant_id, accessor_id, accessor_name, channel,
                    action, resource_ids, consent_refs) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(person, Timestamp.from(clock.instant()), accessor.tenantId(), accessor.actorId(),
                        accessor.actorName(), accessor.channel().name(), action, String.join(",", resources),
                        consents.isEmpty() ? (accessor.individual() ? "本人" : null) : String.join(",", consents))
                .update();
    }

    /** The person's access log, newest first. */
    public List<AccessLogEntry> entries(UUID person, int limit) {
        return jdbc.sql("""
                select a.occurred_at, a.accessor_name, t.name, a.channel, a.action, a.resource_ids, a.consent_refs
                  from phr_access_log a left join plat_tenant t on t.id = a.accessor_tenant_id
                 where a.person_id = ? order by a.occurred_at desc, a.id desc limit ?""")
                .params(person, limit)
                .query((rs, n) -> new AccessLogEntry(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)))
                .list();
    }
}
