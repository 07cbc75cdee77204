package jp.hip.phr.medication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.MedicationStatement.MedicationStatementStatus;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

import jp.hip.phr.PhrException;

/** MedicationStatement rules on their own: a YJ or HOT9 coding, a status, a subject, no future, all problems at once. */
class MedicationStatementRulesTests {

    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    static final UUID PERSON = UUID.randomUUID();

    static MedicationStatement statement(String system, String code, Instant when) {
        MedicationStatement s = new MedicationStatement().setStatus(MedicationStatementStatus.ACTIVE);
        s.getMedicationCodeableConcept().addCoding(new Coding(system, code, "プレドニン錠5mg"));
        s.setSubject(new Reference("Patient/" + PERSON));
        s.setEffective(new DateTimeType(Date.from(when)));
        s.addIdentifier().setSystem("urn:rx").setValue("1");
        return s;
    }

    MedicationStatementRules.Checked check(MedicationStatement s) {
        return MedicationStatementRules.check(s, NOW, ref -> ref.equals("Patient/" + PERSON) ? PERSON : null);
    }

    @Test
    void acceptsYjAndHot9AndCompletesTheText() {
        MedicationStatement yj = statement(MedicationStatementRules.YJ, "2456001F1310", Instant.parse("2025-12-01T00:00:00Z"));
        var checked = check(yj);
        assertThat(checked.personId()).isEqualTo(PERSON);
        assertThat(checked.medication().getCode()).isEqualTo("2456001F1310");
        assertThat(checked.status()).isEqualTo("active");
        assertThat(checked.identifierKey()).contains("urn:rx|1");
        assertThat(yj.getMedicationCodeableConcept().getText()).isEqualTo("プレドニン錠5mg");
        assertThat(check(statement(MedicationStatementRules.HOT9, "105271807", NOW)).medication().getSystem())
                .isEqualTo(MedicationStatementRules.HOT9);
    }

    @Test
    void aPeriodStartCountsAsTheEffectiveTime() {
        MedicationStatement s = statement(MedicationStatementRules.YJ, "2456001F1310", NOW);
        s.setEffective(new Period().setStart(Date.from(Instant.parse("2025-03-01T00:00:00Z"))));
        assertThat(check(s).effective()).isEqualTo(Instant.parse("2025-03-01T00:00:00Z"));
    }

    @Test
    void reportsEveryProblemAtOnce() {
        MedicationStatement s = statement("http://example.org/local-drugs", "X1", NOW.plusSeconds(3600));
        s.setStatus(null);
        s.setSubject(new Reference("Patient/someone-else"));
        s.getIdentifierFirstRep().setValue("x".repeat(300));
        assertThatThrownBy(() -> check(s)).isInstanceOfSatisfying(PhrException.class, e -> {
            assertThat(e.kind()).isEqualTo(PhrException.Kind.INVALID);
            assertThat(e.problems()).extracting(PhrException.Problem::key).containsExactly("phr.error.medicationStatus",
                    "phr.error.subjectUnknown", "phr.error.medicationCode", "phr.error.medicationFuture",
                    "phr.error.medicationIdentifier");
        });
    }

    @Test
    void aMissingEffectiveTimeOrMedicationReferenceIsRefused() {
        MedicationStatement s = statement(MedicationStatementRules.YJ, "2456001F1310", NOW);
        s.setEffective(null);
        s.setMedication(new Reference("Medication/1"));
        assertThatThrownBy(() -> check(s)).isInstanceOfSatisfying(PhrException.class, e -> assertThat(e.problems())
                .extracting(PhrException.Problem::key).containsExactly("phr.error.medicationCode", "phr.error.medicationEffective"));
    }
}
