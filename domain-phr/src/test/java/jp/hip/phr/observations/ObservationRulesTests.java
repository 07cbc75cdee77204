package jp.hip.phr.observations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

import jp.hip.phr.DataCategory;
import jp.hip.phr.ObservationCode;
import jp.hip.phr.PhrException;

/** Ingest rules on their own: codes from the table, units that fit, plausible values, no future, all problems at once. */
class ObservationRulesTests {

    static final ObservationCode BMI = new ObservationCode("t", ObservationCode.CHECKUP_ITEM_SYSTEM, "9N011000000000001", "BMI",
            "BMI", "9N011", "39156-5", "Body mass index (BMI) [Ratio]", "kg/m2", "body-measurement", "vital-signs",
            DataCategory.CHECKUP, null, new BigDecimal("25"), new BigDecimal("10"), new BigDecimal("80"), 1);
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    static final UUID PERSON = UUID.randomUUID();

    final ObservationRules rules = new ObservationRules(Map.of(ObservationRules.key(BMI.system(), BMI.code()), BMI));

    static Observation observation(String code, String value, String unit, Instant when) {
        Observation o = new Observation();
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.getCode().addCoding(new Coding(ObservationCode.CHECKUP_ITEM_SYSTEM, code, null));
        o.setSubject(new Reference("Patient/" + PERSON));
        o.setEffective(new DateTimeType(Date.from(when)));
        o.setValue(new Quantity().setValue(new BigDecimal(value)).setCode(unit).setUnit(unit));
        return o;
    }

    @Test
    void completesAnAcceptedObservationWithLoincAndBothCategories() {
        Observation o = observation("9N011000000000001", "24.9", "kg/m2", Instant.parse("2025-06-01T00:00:00Z"));
        ObservationRules.Checked checked = rules.check(o, NOW, ref -> PERSON);
        assertThat(checked.code()).isEqualTo(BMI);
        assertThat(o.getCode().getCoding()).extracting(Coding::getSystem).containsExactly(ObservationCode.CHECKUP_ITEM_SYSTEM, ObservationCode.LOINC);
        assertThat(o.getCategory()).flatExtracting(c -> c.getCoding()).extracting(Coding::getSystem)
                .containsExactly(ObservationCode.JP_CATEGORY, ObservationCode.HL7_CATEGORY);
        assertThat(o.getValueQuantity().getSystem()).isEqualTo(ObservationCode.UCUM);
        assertThat(BMI.outsideReference(new BigDecimal("25.0"))).isTrue();
        assertThat(BMI.outsideReference(new BigDecimal("24.9"))).isFalse();
    }

    @Test
    void reportsEveryProblemTogether() {
        Observation o = observation("9N011000000000001", "24.9", "cm", NOW.plusSeconds(3600));
        o.setStatus(null);
        assertThatThrownBy(() -> rules.check(o, NOW, ref -> PERSON))
                .isInstanceOfSatisfying(PhrException.class, e -> assertThat(e.problems()).extracting(PhrException.Problem::key)
                        .containsExactlyInAnyOrder("phr.error.status", "phr.error.future", "phr.error.unit"));
    }

    @Test
    void refusesUnknownCodesImplausibleValuesAndUnknownSubjects() {
        assertThatThrownBy(() -> rules.check(observation("9N999000000000001", "1", "kg/m2", NOW), NOW, ref -> PERSON))
                .isInstanceOfSatisfying(PhrException.class, e -> assertThat(e.problems()).extracting(PhrException.Problem::key).containsExactly("phr.error.code"));
        assertThatThrownBy(() -> rules.check(observation("9N011000000000001", "250", "kg/m2", NOW), NOW, ref -> PERSON))
                .isInstanceOfSatisfying(PhrException.class, e -> assertThat(e.problems()).extracting(PhrException.Problem::key).containsExactly("phr.error.range"));
        assertThatThrownBy(() -> rules.check(observation("9N011000000000001", "22", "kg/m2", NOW), NOW, ref -> null))
                .isInstanceOfSatisfying(PhrException.class, e -> assertThat(e.problems()).extracting(PhrException.Problem::key).containsExactly("phr.error.subjectUnknown"));
    }

    @Test
    void allowsAFewMinutesOfDeviceClockSkew() {
        Observation o = observation("9N011000000000001", "22", "kg/m2", NOW.plusSeconds(120));
        assertThat(rules.check(o, NOW, ref -> PERSON).effective()).isEqualTo(NOW.plusSeconds(120));
    }
}
