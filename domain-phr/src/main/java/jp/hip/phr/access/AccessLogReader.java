package jp.hip.phr.access;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import jp.hip.phr.AccessBasis;
import jp.hip.phr.AccessLogEntry;
import jp.hip.phr.DataCategory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The person's access log as they read it (ADR 0042): one entry per request (the lines of one page view or one API
 * request grouped in the query), the person's own page views apart from everyone else's, filtered by holder, basis
 * and period, and paged, all in SQL. Who: the tenant's name and the user's or API client's name; what: item names
 * (from the code table, in the reader's language) and dates.
 */
@Component
class AccessLogReader {

    /** Lines of one request: the request id, or each line alone for lines logged before requests were recorded. */
    private static final String GROUPED = """
            from phr_access_log a
            left join plat_tenant t on t.id = a.accessor_tenant_id
            left join plat_api_client k on k.client_id = a.accessor_id and k.tenant_id = a.accessor_tenant_id
           where a.person_id = :person and %s
           group by coalesce(a.request_id::text, a.id::text), a.accessor_tenant_id, t.name, coalesce(k.name, a.accessor_name), a.channel""";
    /** The person's own views: their account on their pages and exports (an app they authorised is listed with the others). */
    private static final String OWN = "(a.accessor_tenant_id = :personal and a.channel <> 'API')";

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    AccessLogReader(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    AccessLogEntry.Page page(UUID person, UUID personalTenant, AccessLogEntry.Filter filter, int page, int size,
            java.util.Locale locale) {
        int p = Math.max(0, page);
        int s = Math.min(Math.max(1, size), 100);
        Map<String, Object> params = new HashMap<>();
        params.put("person", person);
        params.put("personal", personalTenant);
        List<String> where = new ArrayList<>();
        where.add(filter.own() ? OWN : "not " + OWN);
        filter.holder().ifPresent(h -> {
            where.add("a.accessor_tenant_id = :holder");
            params.put("holder", h);
        });
        filter.basis().ifPresent(kind -> {
            where.add("a.basis in (:bases)");
            params.put("bases", Arrays.stream(AccessBasis.values()).filter(b -> b.kind() == kind).map(Enum::name).toList());
        });
        filter.from().ifPresent(d -> {
            where.add("a.occurred_at >= :from");
            params.put("from", Timestamp.from(d.atStartOfDay(AccessLog.JAPAN).toInstant()));
        });
        filter.to().ifPresent(d -> {
            where.add("a.occurred_at < :to");
            params.put("to", Timestamp.from(d.plusDays(1).atStartOfDay(AccessLog.JAPAN).toInstant()));
        });
        String grouped = GROUPED.formatted(String.join(" and ", where));
        long total = jdbc.sql("select count(*) from (select 1 " + grouped + ") g").params(params).query(Long.class).single();
        record Raw(Timestamp at, UUID tenant, String tenantName, String actor, String channel, String actions, String bases,
                String items, String consents) {}
        List<Raw> raws = jdbc.sql("""
                select max(a.occurred_at), a.accessor_tenant_id, t.name, coalesce(k.name, a.accessor_name), a.channel,
                       string_agg(distinct a.action, ','), string_agg(distinct a.basis, ','),
                       jsonb_agg(a.items) filter (where a.items is not null)::text, string_agg(distinct a.consent_refs, ',')
                """ + grouped + " order by max(a.occurred_at) desc, min(a.id) desc limit :limit offset :offset")
                .params(params).param("limit", s).param("offset", (long) p * s)
                .query((rs, n) -> new Raw(rs.getTimestamp(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9)))
                .list();
        Map<String, String> codeNames = codeNames(raws.stream().map(Raw::items).toList(), "en".equals(locale.getLanguage()));
        Map<String, AccessLogEntry.ConsentUsed> consents = consents(raws.stream().map(Raw::consents).toList());
        List<AccessLogEntry> entries = new ArrayList<>();
        for (Raw r : raws) {
            Set<String> names = new LinkedHashSet<>();
            int count = 0;
            LocalDate from = null;
            LocalDate to = null;
            for (JsonNode item : r.items() == null ? List.<JsonNode>of() : json.readTree(r.items()).valueStream().toList()) {
                List<String> codes = item.path("codes").valueStream().map(JsonNode::asString).toList();
                List<String> stored = item.path("names").valueStream().map(JsonNode::asString).toList();
                // a code the table knows is named in the reader's language; anything else as the resource named it
                codes.stream().map(codeNames::get).filter(java.util.Objects::nonNull).forEach(names::add);
                if (codes.stream().noneMatch(codeNames::containsKey)) {
                    names.addAll(stored);
                }
                count += item.path("count").asInt(0);
                LocalDate f = date(item.path("from"));
                LocalDate t = date(item.path("to"));
                from = f != null && (from == null || f.isBefore(from)) ? f : from;
                to = t != null && (to == null || t.isAfter(to)) ? t : to;
            }
            List<AccessLogEntry.ConsentUsed> used = r.consents() == null ? List.of() : Arrays.stream(r.consents().split(","))
                    .distinct().map(consents::get).filter(java.util.Objects::nonNull).toList();
            entries.add(new AccessLogEntry(r.at().toInstant(), r.tenant(), r.tenantName(), r.actor(),
                    personalTenant.equals(r.tenant()) && !"API".equals(r.channel()), r.channel(),
                    r.actions() == null ? List.of() : List.of(r.actions().split(",")),
                    r.bases() == null ? List.of() : Arrays.stream(r.bases().split(",")).map(AccessBasis::valueOf).toList(),
                    new ArrayList<>(names), count, from, to, used));
        }
        List<AccessLogEntry.Reader> readers = jdbc.sql("""
                select distinct a.accessor_tenant_id, t.name from phr_access_log a join plat_tenant t on t.id = a.accessor_tenant_id
                 where a.person_id = :person and not %s order by t.name""".formatted(OWN))
                .param("person", person).param("personal", personalTenant)
                .query((rs, n) -> new AccessLogEntry.Reader(rs.getObject(1, UUID.class), rs.getString(2))).list();
        long own = countGroups(person, personalTenant, OWN);
        long others = countGroups(person, personalTenant, "not " + OWN);
        return new AccessLogEntry.Page(entries, total, p, s, readers, own, others);
    }

    private long countGroups(UUID person, UUID personal, String condition) {
        return jdbc.sql("select count(*) from (select 1 " + GROUPED.formatted(condition) + ") g")
                .param("person", person).param("personal", personal).query(Long.class).single();
    }

    private static LocalDate date(JsonNode node) {
        return node.isString() ? LocalDate.parse(node.asString()) : null;
    }

    /** The code table's names of the codes on this page, in the reader's language. */
    private Map<String, String> codeNames(List<String> items, boolean english) {
        Set<String> codes = new LinkedHashSet<>();
        for (String text : items) {
            if (text != null) {
                json.readTree(text).valueStream().forEach(i -> i.path("codes").valueStream().forEach(c -> codes.add(c.asString())));
            }
        }
        if (codes.isEmpty()) {
            return Map.of();
        }
        Map<String, String> names = new HashMap<>();
        jdbc.sql("select code, name_ja, name_en from phr_code where code in (:codes)").param("codes", codes)
                .query(rs -> {
                    names.putIfAbsent(rs.getString(1), english ? rs.getString(3) : rs.getString(2));
                });
        return names;
    }

    /** The consents named on this page ("Consent/<id>/_history/<version>"), as the person gave them. */
    private Map<String, AccessLogEntry.ConsentUsed> consents(List<String> refs) {
        Map<String, AccessLogEntry.ConsentUsed> found = new HashMap<>();
        for (String list : refs) {
            if (list == null) {
                continue;
            }
            for (String ref : list.split(",")) {
                String[] parts = ref.split("/");
                if (found.containsKey(ref) || parts.length != 4) {
                    continue;
                }
                try {
                    UUID id = UUID.fromString(parts[1]);
                    int version = Integer.parseInt(parts[3]);
                    jdbc.sql("select data_category, period_start, period_end from phr_consent where id = ? and version = ?")
                            .params(id, version)
                            .query((rs, n) -> new AccessLogEntry.ConsentUsed(DataCategory.valueOf(rs.getString(1)),
                                    rs.getObject(2, LocalDate.class), rs.getObject(3, LocalDate.class), version))
                            .optional().ifPresent(c -> found.put(ref, c));
                } catch (IllegalArgumentException e) {
                    // a reference the log wrote in another form: not shown as a consent
                }
            }
        }
        return found;
    }
}
