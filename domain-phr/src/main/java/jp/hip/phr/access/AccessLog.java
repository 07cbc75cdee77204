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

import jp.hip.phr.AccessBasis;
import jp.hip.phr.AccessLogEntry;
import jp.hip.phr.Accessor;

/**
 * phr_access_log: one line per person read (3省2ガイドライン's access log), with who read, through which channel,
 * which resources, the legal basis (ADR 0036) and, for consent, the consent versions that allowed it.
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

    /**
     * One access-log line per person and basis read: the resources (Observation/…, MedicationStatement/…), the basis
     * and, for consent, the consent versions.
     */
    public <T extends Resource> void logRows(Accessor accessor, String action, List<StoredRows.Row<T>> rows) {
        record Key(UUID person, AccessBasis basis) {}
        Map<Key, List<StoredRows.Row<T>>> byPerson = rows.stream().collect(Collectors.groupingBy(
                r -> new Key(r.personId(), r.basis()), LinkedHashMap::new, Collectors.toList()));
        byPerson.forEach((key, list) -> logRead(accessor, key.person(), action, key.basis(),
                list.stream().map(r -> r.resource().fhirType() + "/" + r.id()).toList(),
                list.stream().map(StoredRows.Row::consentRef).filter(Objects::nonNull).distinct().toList()));
    }

    /** One access-log line: who read which resources of the person, on which basis (and consents, for CONSENT). */
    public void logRead(Accessor accessor, UUID person, String action, AccessBasis basis, List<String> resources,
            List<String> consents) {
        jdbc.sql("""
                insert into phr_access_log (person_id, occurred_at, accessor_tenant_id, accessor_id, accessor_name, channel,
                    action, resource_ids, basis, consent_refs) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(person, Timestamp.from(clock.instant()), accessor.tenantId(), accessor.actorId(),
                        accessor.actorName(), accessor.channel().name(), action, String.join(",", resources), basis.name(),
                        consents.isEmpty() ? null : String.join(",", consents))
                .update();
    }

    /** The person's access log, newest first. */
    public List<AccessLogEntry> entries(UUID person, int limit) {
        return jdbc.sql("""
                select a.occurred_at, a.accessor_name, t.name, a.channel, a.action, a.resource_ids, a.basis, a.consent_refs
                  from phr_access_log a left join plat_tenant t on t.id = a.accessor_tenant_id
                 where a.person_id = ? order by a.occurred_at desc, a.id desc limit ?""")
                .params(person, limit)
                .query((rs, n) -> new AccessLogEntry(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getString(7) == null ? null : AccessBasis.valueOf(rs.getString(7)), rs.getString(8)))
                .list();
    }
}
