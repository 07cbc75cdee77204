package jp.hip.phr.access;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import jp.hip.phr.AccessBasis;
import jp.hip.phr.AccessLogEntry;
import jp.hip.phr.Accessor;
import tools.jackson.databind.json.JsonMapper;

/**
 * phr_access_log: one line per person read (3省2ガイドライン's access log), with who read, through which channel,
 * which resources, the legal basis (ADR 0036) and, for consent, the consent versions that allowed it. Each line
 * carries the accessor's request (one page view, one API request) and what was read in words — item names and
 * dates — so the person's page can show one readable entry per request (ADR 0042, {@link AccessLogReader}).
 */
@Component
public class AccessLog {

    static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    /** Names kept per line: enough to say what was read, not a copy of it. */
    static final int MAX_NAMES = 20;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Individuals individuals;
    private final AccessLogReader reader;
    private final JsonMapper json = JsonMapper.builder().build();

    AccessLog(JdbcClient jdbc, Clock clock, Individuals individuals, AccessLogReader reader) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.individuals = individuals;
        this.reader = reader;
    }

    /** What was read, in words: item names (and their codes, named in the reader's language when shown), count, dates. */
    public record Items(List<String> names, List<String> codes, int count, LocalDate from, LocalDate to) {
        public Items {
            names = List.copyOf(names);
            codes = List.copyOf(codes);
        }

        public static Items of(String name, int count) {
            return new Items(List.of(name), List.of(), count, null, null);
        }

        public static Items of(String name, int count, LocalDate from, LocalDate to) {
            return new Items(List.of(name), List.of(), count, from, to);
        }
    }

    /** The individual's own access log, grouped by request, filtered and paged in the query; item names in {@code locale}. */
    public AccessLogEntry.Page myAccessLog(Accessor individual, AccessLogEntry.Filter filter, int page, int size,
            java.util.Locale locale) {
        java.util.UUID person = individuals.myPerson(individual);
        // Who read the person's data names other tenants' users and apps: the person's own log, read in the system
        // scope (ADR 0090) and filtered to that one person in the SQL.
        return jp.hip.identity.CurrentTenant.runAsSystem(() -> reader.page(person, individual.tenantId(), filter, page, size, locale));
    }

    /**
     * One access-log line per person and basis read: the resources (Observation/…, MedicationStatement/…), what they
     * are (item names and dates), the basis and, for consent, the consent versions.
     */
    public <T extends Resource> void logRows(Accessor accessor, String action, List<StoredRows.Row<T>> rows) {
        record Key(UUID person, AccessBasis basis) {}
        Map<Key, List<StoredRows.Row<T>>> byPerson = rows.stream().collect(Collectors.groupingBy(
                r -> new Key(r.personId(), r.basis()), LinkedHashMap::new, Collectors.toList()));
        byPerson.forEach((key, list) -> logRead(accessor, key.person(), action, key.basis(),
                list.stream().map(r -> r.resource().fhirType() + "/" + r.id()).toList(),
                list.stream().map(StoredRows.Row::consentRef).filter(Objects::nonNull).distinct().toList(),
                itemsOf(list.stream().map(StoredRows.Row::resource).toList())));
    }

    /** One access-log line: who read which resources of the person, on which basis (and consents, for CONSENT). */
    public void logRead(Accessor accessor, UUID person, String action, AccessBasis basis, List<String> resources,
            List<String> consents) {
        logRead(accessor, person, action, basis, resources, consents, null);
    }

    /** One access-log line with what was read in words. */
    public void logRead(Accessor accessor, UUID person, String action, AccessBasis basis, List<String> resources,
            List<String> consents, Items items) {
        jdbc.sql("""
                insert into phr_access_log (person_id, occurred_at, accessor_tenant_id, accessor_id, accessor_name, channel,
                    action, resource_ids, basis, consent_refs, request_id, items)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb))""")
                .params(person, Timestamp.from(clock.instant()), accessor.tenantId(), accessor.actorId(),
                        accessor.actorName(), accessor.channel().name(), action, String.join(",", resources), basis.name(),
                        consents.isEmpty() ? null : String.join(",", consents), accessor.requestId(),
                        items == null ? null : json.writeValueAsString(items))
                .update();
    }

    /** Names (the resource's own text or display), codes and the date range of what was read. */
    static Items itemsOf(List<? extends Resource> resources) {
        Set<String> names = new LinkedHashSet<>();
        Set<String> codes = new LinkedHashSet<>();
        LocalDate from = null;
        LocalDate to = null;
        for (Resource r : resources) {
            CodeableConcept concept = null;
            java.util.Date when = null;
            if (r instanceof Observation o) {
                concept = o.getCode();
                when = o.hasEffectiveDateTimeType() ? o.getEffectiveDateTimeType().getValue()
                        : o.hasEffectivePeriod() ? o.getEffectivePeriod().getStart() : null;
            } else if (r instanceof MedicationStatement m) {
                concept = m.hasMedicationCodeableConcept() ? m.getMedicationCodeableConcept() : null;
                when = m.hasEffectiveDateTimeType() ? m.getEffectiveDateTimeType().getValue()
                        : m.hasEffectivePeriod() ? m.getEffectivePeriod().getStart() : null;
            }
            if (concept != null && names.size() < MAX_NAMES) {
                String name = concept.hasText() ? concept.getText()
                        : concept.getCoding().stream().map(c -> c.hasDisplay() ? c.getDisplay() : c.getCode())
                                .filter(Objects::nonNull).findFirst().orElse(null);
                if (name != null) {
                    names.add(name);
                }
                if (r instanceof Observation && concept.hasCoding() && codes.size() < MAX_NAMES) {
                    codes.add(concept.getCodingFirstRep().getCode());
                }
            }
            if (when != null) {
                LocalDate day = when.toInstant().atZone(JAPAN).toLocalDate();
                from = from == null || day.isBefore(from) ? day : from;
                to = to == null || day.isAfter(to) ? day : to;
            }
        }
        return new Items(new ArrayList<>(names), new ArrayList<>(codes), resources.size(), from, to);
    }
}
