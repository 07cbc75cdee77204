package jp.hip.phr.checkup;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.UUID;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

import ca.uhn.fhir.parser.IParser;
import jp.hip.phr.ObservationCode;
import jp.hip.phr.PhrFhir;
import jp.hip.phr.checkup.file.CheckupItem;
import jp.hip.phr.checkup.file.CheckupResult;

/**
 * The one mapping from a checkup item to a FHIR R4 Observation and its phr_observation row (ADR 0040): PQ as
 * valueQuantity (UCUM), CD/CO as valueCodeableConcept in the answer's own code system, ST as valueString,
 * 未実施 and 測定不能 as dataAbsentReason with no value; interpretation, reference range, method, the doctor.
 */
final class CheckupObservations {

    static final String DATA_ABSENT = "http://terminology.hl7.org/CodeSystem/data-absent-reason";
    static final String INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";
    static final String METHOD_SYSTEM = "urn:oid:1.2.392.200119.6.1007";
    static final String IDENTIFIER_SYSTEM = "urn:hip:checkup:";

    /** A row ready for insert, in {@link #COLUMNS} order. */
    record Row(Object[] values) {}

    static final String COLUMNS = """
            person_id, id, tenant_id, version_id, data_category, code_system, code, identity_code, loinc, category_jp,
            category_hl7, effective_start, value_num, value_code, unit, identifier_key, source_document_id, resource,
            last_updated, checkup_id""";
    static final String PLACEHOLDERS = "?, ?, ?, 1, 'CHECKUP', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?";

    private CheckupObservations() {}

    static Instant effective(LocalDate checkupDate) {
        return new DateTimeType(checkupDate.toString()).getValue().toInstant();
    }

    static Row row(UUID tenant, UUID person, UUID checkupId, UUID sourceDocument, LocalDate checkupDate, CheckupResult r,
            Instant now, IParser parser) {
        UUID id = UUID.randomUUID();
        CheckupItem item = r.item();
        Observation o = new Observation();
        o.setId(id.toString());
        o.getMeta().setVersionId("1").setLastUpdated(Date.from(now));
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.addIdentifier().setSystem(IDENTIFIER_SYSTEM + checkupId).setValue(r.code());
        String[] category = category(item);
        o.addCategory(new CodeableConcept(new Coding(ObservationCode.HL7_CATEGORY, category[1], null)));
        o.getCode().addCoding(new Coding(ObservationCode.CHECKUP_ITEM_SYSTEM, r.code(), item.nameJa()));
        if (item.loinc() != null) {
            o.getCode().addCoding(new Coding(ObservationCode.LOINC, item.loinc(), null));
        }
        o.getCode().setText(item.nameJa());
        o.setSubject(new Reference("Patient/" + person));
        o.setEffective(new DateTimeType(checkupDate.toString()));
        BigDecimal number = null;
        String valueCode = null;
        String unit = null;
        switch (r.status()) {
            case NOT_PERFORMED -> o.setDataAbsentReason(new CodeableConcept(new Coding(DATA_ABSENT, "not-performed", "Not Performed")).setText("未実施"));
            case UNMEASURABLE -> o.setDataAbsentReason(new CodeableConcept(new Coding(DATA_ABSENT, "error", "Error")).setText("測定不能"));
            case VALUE -> {
                if (r.number() != null) {
                    number = r.number();
                    unit = r.unit();
                    Quantity q = new Quantity().setValue(number);
                    if (unit != null) {
                        q.setUnit(item.unit() == null ? unit : item.unit()).setSystem(ObservationCode.UCUM).setCode(unit);
                    }
                    o.setValue(q);
                } else if (r.answerCode() != null) {
                    valueCode = r.answerCode();
                    o.setValue(new CodeableConcept(new Coding("urn:oid:" + r.answerSystem(), r.answerCode(), r.answerLabel()))
                            .setText(r.answerLabel()));
                } else {
                    o.setValue(new StringType(r.text()));
                }
            }
        }
        if (r.interpretation() != null && r.interpretation().matches("[A-Z]{1,2}")) {
            o.addInterpretation(new CodeableConcept(new Coding(INTERPRETATION, r.interpretation(), null)));
        }
        if (r.referenceLow() != null || r.referenceHigh() != null) {
            Observation.ObservationReferenceRangeComponent range = o.addReferenceRange();
            if (r.referenceLow() != null) {
                range.setLow(quantity(r.referenceLow(), r.unit()));
            }
            if (r.referenceHigh() != null) {
                range.setHigh(quantity(r.referenceHigh(), r.unit()));
            }
        }
        if (r.methodCode() != null) {
            o.setMethod(new CodeableConcept(new Coding(METHOD_SYSTEM, r.methodCode(), null)));
        }
        if (r.doctorName() != null) {
            o.addPerformer(new Reference().setDisplay(r.doctorName()));
        }
        return new Row(new Object[] {person, id, tenant, ObservationCode.CHECKUP_ITEM_SYSTEM, r.code(), item.analyte(),
                item.loinc(), category[0], category[1], Timestamp.from(effective(checkupDate)), number, valueCode, unit,
                IDENTIFIER_SYSTEM + checkupId + "|" + r.code(), sourceDocument, parser.encodeResourceToString(o),
                Timestamp.from(now), checkupId});
    }

    private static org.hl7.fhir.r4.model.SimpleQuantity quantity(BigDecimal value, String unit) {
        org.hl7.fhir.r4.model.SimpleQuantity q = new org.hl7.fhir.r4.model.SimpleQuantity();
        q.setValue(value);
        if (unit != null) {
            q.setUnit(unit).setSystem(ObservationCode.UCUM).setCode(unit);
        }
        return q;
    }

    /** JP Core simple category and HL7 observation-category by the item's group. */
    static String[] category(CheckupItem item) {
        return switch (item.group()) {
            case "身体計測" -> new String[] {"body-measurement", "vital-signs"};
            case "血圧" -> new String[] {"vital-signs", "vital-signs"};
            case "問診" -> new String[] {"questionnaire", "survey"};
            case "判定" -> new String[] {"exam", "exam"};
            case "心電図", "眼底" -> new String[] {"procedure", "procedure"};
            case "その他" -> item.code().startsWith("9N") ? new String[] {"exam", "exam"} : new String[] {"laboratory", "laboratory"};
            default -> new String[] {"laboratory", "laboratory"};
        };
    }

    static IParser parser() {
        return PhrFhir.fhirContext().newJsonParser().setPrettyPrint(false);
    }
}
