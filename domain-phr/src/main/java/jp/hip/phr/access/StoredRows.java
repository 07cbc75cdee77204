package jp.hip.phr.access;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hl7.fhir.r4.model.Resource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import jp.hip.phr.AccessBasis;
import jp.hip.phr.Accessor;
import jp.hip.phr.PhrFhir;

/**
 * The one place stored resources are read: for a tenant the {@link AccessJoin} (the basis of each row) is part of
 * the statement; the individual reads only their own person's rows (本人).
 */
@Component
public class StoredRows {

    /** The tables read here (never input). */
    public enum Table {
        OBSERVATION("phr_observation"), MEDICATION_STATEMENT("phr_medication_statement"),
        /** Earlier versions of observations (vread, _history): the same columns the access join reads. */
        OBSERVATION_VERSION("phr_observation_version");

        final String name;

        Table(String name) {
            this.name = name;
        }
    }

    /** A stored resource as read: whose, which version, the basis that allowed it and the consent version (CONSENT only). */
    public record Row<T extends Resource>(UUID personId, UUID id, int version, T resource, AccessBasis basis, String consentRef) {}

    private final JdbcClient jdbc;

    StoredRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Rows of {@code table} matching {@code where} (over alias {@code o}) that the accessor may read, newest first. */
    public <T extends Resource> List<Row<T>> read(Table table, Class<T> type, Accessor accessor, String where,
            Map<String, Object> params, int limit, int offset) {
        return read(table, type, accessor, where, params, DEFAULT_ORDER, limit, offset);
    }

    /** The default order: newest first, then id (stable pages). */
    public static final String DEFAULT_ORDER = "o.effective_start desc, o.id";

    /**
     * As {@link #read(Table, Class, Accessor, String, Map, int, int)}, in {@code orderBy} (over alias {@code o},
     * built from the caller's constants, never from request text).
     */
    public <T extends Resource> List<Row<T>> read(Table table, Class<T> type, Accessor accessor, String where,
            Map<String, Object> params, String orderBy, int limit, int offset) {
        String sql = accessor.individual()
                ? """
                  select o.person_id, o.id, o.version_id, o.resource::text, 'SELF' as basis, null as consent_ref from %s o
                    join phr_person p on p.id = o.person_id and p.personal_tenant_id = :accessor
                   where %%s order by %s limit :limit offset :offset""".formatted(table.name, orderBy)
                : """
                  select o.person_id, o.id, o.version_id, o.resource::text, allowed.basis, %s as consent_ref
                    from %s o
                  %s
                   where %%s order by %s limit :limit offset :offset""".formatted(AccessJoin.CONSENT_REF, table.name, AccessJoin.JOIN, orderBy);
        return jdbc.sql(sql.formatted(where)).params(params).param("accessor", accessor.tenantId())
                .param("limit", limit).param("offset", offset)
                .query((rs, n) -> new Row<>(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getInt(3),
                        PhrFhir.parser().parseResource(type, rs.getString(4)), AccessBasis.valueOf(rs.getString(5)),
                        rs.getString(6)))
                .list();
    }

    /** How many rows of one person the accessor may read on one basis (for totals: counted under the same join). */
    public record Count(UUID personId, AccessBasis basis, long count, List<String> consentRefs) {}

    /** The rows matching {@code where} that the accessor may read, counted per person and basis (never filtered afterwards). */
    public List<Count> count(Table table, Accessor accessor, String where, Map<String, Object> params) {
        String sql = accessor.individual()
                ? """
                  select o.person_id, 'SELF' as basis, count(*), null as refs from %s o
                    join phr_person p on p.id = o.person_id and p.personal_tenant_id = :accessor
                   where %%s group by o.person_id""".formatted(table.name)
                : """
                  select o.person_id, allowed.basis, count(*), string_agg(distinct %s, ',') as refs
                    from %s o
                  %s
                   where %%s group by o.person_id, allowed.basis""".formatted(AccessJoin.CONSENT_REF, table.name, AccessJoin.JOIN);
        return jdbc.sql(sql.formatted(where)).params(params).param("accessor", accessor.tenantId())
                .query((rs, n) -> new Count(rs.getObject(1, UUID.class), AccessBasis.valueOf(rs.getString(2)), rs.getLong(3),
                        rs.getString(4) == null ? List.of() : List.of(rs.getString(4).split(","))))
                .list();
    }
}
