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
        OBSERVATION("phr_observation"), MEDICATION_STATEMENT("phr_medication_statement");

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
        String sql = accessor.individual()
                ? """
                  select o.person_id, o.id, o.version_id, o.resource::text, 'SELF' as basis, null as consent_ref from %s o
                    join phr_person p on p.id = o.person_id and p.personal_tenant_id = :accessor
                   where %%s order by o.effective_start desc, o.id limit :limit offset :offset""".formatted(table.name)
                : """
                  select o.person_id, o.id, o.version_id, o.resource::text, allowed.basis, %s as consent_ref
                    from %s o
                  %s
                   where %%s order by o.effective_start desc, o.id limit :limit offset :offset""".formatted(AccessJoin.CONSENT_REF, table.name, AccessJoin.JOIN);
        return jdbc.sql(sql.formatted(where)).params(params).param("accessor", accessor.tenantId())
                .param("limit", limit).param("offset", offset)
                .query((rs, n) -> new Row<>(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getInt(3),
                        PhrFhir.parser().parseResource(type, rs.getString(4)), AccessBasis.valueOf(rs.getString(5)),
                        rs.getString(6)))
                .list();
    }
}
