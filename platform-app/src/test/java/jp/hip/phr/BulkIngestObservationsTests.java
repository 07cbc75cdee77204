package jp.hip.phr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import jp.hip.PlatformTest;
import jp.hip.phr.observations.BulkIngest;

/** The in-process bulk path (BulkIngest.bulkIngestObservations with Observations): the rules of $bulk-ingest, all or nothing. */
@PlatformTest
class BulkIngestObservationsTests {

    @Autowired BulkIngest bulk;
    @Autowired PhrFixture fixture;
    @Autowired JdbcClient jdbc;

    static Observation steps(UUID person, String value, String unit, String id) {
        Observation o = new Observation();
        o.addIdentifier().setSystem("urn:test:app").setValue(id);
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.getCode().addCoding(new Coding("http://loinc.org", "41950-7", null));
        o.setSubject(new Reference("Patient/" + person));
        o.setEffective(new DateTimeType("2025-06-01T21:00:00+09:00"));
        o.setValue(new Quantity().setValue(new BigDecimal(value)).setUnit(unit).setSystem("http://unitsofmeasure.org").setCode(unit));
        return o;
    }

    long stored(UUID person) {
        return jdbc.sql("select count(*) from phr_observation where person_id = ?").param(person).query(Long.class).single();
    }

    @Test
    void storesEveryObservationOrNoneWithProblemsByPosition() {
        UUID insurer = fixture.insurer();
        PhrFixture.Member member = fixture.member(insurer);
        Accessor app = Accessor.tenant(insurer, "app", "アプリ", Accessor.Channel.API);

        assertThatThrownBy(() -> bulk.bulkIngestObservations(app, List.of(steps(member.personId(), "8000", "/d", "a"),
                steps(member.personId(), "8000", "kg", "b"), steps(UUID.randomUUID(), "7000", "/d", "c"))))
                .isInstanceOfSatisfying(PhrException.class, e -> assertThat(e.problems())
                        .extracting(PhrException.Problem::where).anySatisfy(w -> assertThat(w).startsWith("line 2"))
                        .anySatisfy(w -> assertThat(w).isEqualTo("line 3: Observation.subject")));
        assertThat(stored(member.personId())).isZero();

        assertThat(bulk.bulkIngestObservations(app, List.of(steps(member.personId(), "8000", "/d", "a"),
                steps(member.personId(), "9100", "/d", "b")))).isEqualTo(2);
        assertThat(stored(member.personId())).isEqualTo(2);
        assertThat(jdbc.sql("select resource->'subject'->>'reference' from phr_observation where person_id = ? limit 1")
                .param(member.personId()).query(String.class).single()).isEqualTo("Patient/" + member.personId());
    }
}
