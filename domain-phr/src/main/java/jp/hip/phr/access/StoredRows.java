package jp.hip.phr.access;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hl7.fhir.r4.model.Resource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import jp.hip.phr.Accessor;
import jp.hip.phr.PhrFhir;

/**
 * The one place stored resources are read: for a tenant the {@link AccessJoin} on the row's data category is part
 * of the statement; the individual reads only their own person's rows.
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

    /** A stored resource as read: whose, which version, and the consent version that allowed it (null for the person). */
    public record Row<T extends Resource>(UUID personId, UUID id, int version, T resource, String consentRef) {}

    private final JdbcClient jdbc;

    StoredRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Rows of {@code table} matching {@code where} (over alias {@code o}) that the accessor may read, newest first. */
    public <T extends Resource> List<Row<T>> read(Table table, Class<T> type, Accessor accessor, String where,
            Map<String, Object> params, int limit, int offset) {
        String sql = accessor.individual()
                ? """
                  select o.person_id, o.id, o.version_id, o.resource::text, null as consent_ref from %s o
                    join phr_person p on p.id = o.person_id and p.personal_tenant_id = :accessor
                   where %%s order by o.effective_start desc, o.id limit :limit offset :offset""".formatted(table.name)
                : """
                  select o.person_id, o.id, o.version_id, o.resource::text,
                         'Consent/' || allowed.consent_id || '/_history/' || allowed.consent_version as consent_ref
                    from %s o
                  %s
                   where %%s order by o.effective_start desc, o.id limit :limit offset :offset""".formatted(table.name, AccessJoin.CONSENT);
        return jdbc.sql(sql.formatted(where)).params(params).param("accessor", accessor.tenantId())
                .param("limit", limit).param("offset", offset)
                .query((rs, n) -> new Row<>(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getInt(3),
                        PhrFhir.parser().parseResource(type, rs.getString(4)), rs.getString(5)))
                .list();
    }
}
