package jp.hip.phr.observations;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;

import ca.uhn.fhir.parser.IParser;
import jp.hip.phr.Accessor;
import jp.hip.phr.ObservationCode;
import jp.hip.phr.PhrFhir;

/** The one mapping from a checked Observation to phr_observation's columns (single insert, JDBC batch, COPY). */
public final class ObservationRows {

    /** Columns of {@link #row} (version_id is 1, given in the statements). */
    public static final String COLUMNS = """
            person_id, id, tenant_id, data_category, code_system, code, identity_code, loinc, category_jp, category_hl7,
            effective_start, value_num, unit, identifier_key, resource, last_updated""";

    /** The JDBC batch insert of {@link #row}s; a stored identifier makes its count 0. */
    public static final String BATCH_INSERT = """
            insert into phr_observation (person_id, id, tenant_id, version_id, data_category, code_system, code,
                identity_code, loinc, category_jp, category_hl7, effective_start, value_num, unit, identifier_key,
                resource, last_updated)
            values (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?)
            on conflict (tenant_id, identifier_key) where identifier_key is not null do nothing""";

    /** Index of identifier_key in {@link #row}. */
    public static final int IDENTIFIER_KEY = 13;

    /** Index of the resource's JSON in {@link #row}, as stored. */
    public static final int RESOURCE = 14;

    private ObservationRows() {}

    /** The search columns of a checked observation as named parameters (insert and update). */
    static Map<String, Object> columns(ObservationRules.Checked checked) {
        Map<String, Object> columns = new HashMap<>();
        ObservationCode code = checked.code();
        columns.put("category", code.dataCategory().name());
        columns.put("system", code.system());
        columns.put("code", code.code());
        columns.put("identity", code.identityCode());
        columns.put("loinc", code.loinc());
        columns.put("catJp", code.categoryJp());
        columns.put("catHl7", code.categoryHl7());
        columns.put("effective", Timestamp.from(checked.effective()));
        columns.put("value", checked.value());
        columns.put("unit", code.unit());
        columns.put("identifier", checked.identifierKey().orElse(null));
        return columns;
    }

    /**
     * The row of a new observation (version 1), in {@link #COLUMNS} order, shared by transaction Bundles (JDBC
     * batch) and bulk ingest (COPY). Sets the resource's id, meta and normalised subject.
     */
    public static Object[] row(Accessor accessor, Observation o, ObservationRules.Checked checked, UUID id,
            Instant now, IParser parser) {
        o.setId(id.toString());
        o.getMeta().setVersionId("1").setLastUpdated(Date.from(now));
        o.setSubject(new Reference("Patient/" + checked.personId()));
        ObservationCode code = checked.code();
        return new Object[] {checked.personId(), id, accessor.tenantId(), code.dataCategory().name(), code.system(),
                code.code(), code.identityCode(), code.loinc(), code.categoryJp(), code.categoryHl7(),
                Timestamp.from(checked.effective()), checked.value(), code.unit(),
                checked.identifierKey().orElse(null), parser.encodeResourceToString(o), Timestamp.from(now)};
    }

    public static Observation parse(String json) {
        return PhrFhir.parser().parseResource(Observation.class, json);
    }
}
