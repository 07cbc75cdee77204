package jp.hip.phr.rights;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import jp.hip.PlatformTest;
import jp.hip.identity.AuditLog;
import jp.hip.identity.jobs.JobRuns;
import jp.hip.phr.Accessor;
import jp.hip.phr.PhrFhir;
import jp.hip.phr.PhrFixture;
import jp.hip.phr.observations.PhrObservations;

/**
 * Purge after retention (ADR 0047): the nightly job deletes, for persons who asked for deletion, exactly the kept
 * statutory records whose period ended (a record made in 2024年度 is kept until 2030年3月31日), audited, once per
 * date across nodes; a member who never asked keeps their records, however old.
 */
@PlatformTest
class RetentionPurgeTests {

    @Autowired PhrFixture fixture;
    @Autowired PhrObservations observations;
    @Autowired PhrRights rights;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate tx;
    @Autowired AuditLog audit;
    @Autowired RetentionPeriods periods;
    @Autowired UnretainedRecords unretained;

    /** The job on a node whose clock says {@code instant}. */
    RetentionPurge at(String instant, String node) {
        Clock clock = Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
        return new RetentionPurge(jdbc, tx, clock, audit, periods, unretained, new JobRuns(jdbc, clock, node));
    }

    UUID value(UUID insurer, UUID person, String identifier, String madeOn) {
        Observation o = PhrFhir.fhirContext().newJsonParser().parseResource(Observation.class,
                """
                {"resourceType":"Observation","status":"final","identifier":[{"system":"urn:test","value":"%s"}],
                 "code":{"coding":[{"system":"urn:oid:1.2.392.200119.6.1005","code":"9N011000000000001"}]},
                 "subject":{"reference":"Patient/%s"},"effectiveDateTime":"2024-06-01T01:00:00Z",
                 "valueQuantity":{"value":24.9,"unit":"kg/m2","system":"http://unitsofmeasure.org","code":"kg/m2"}}
                """.formatted(identifier, person));
        UUID id = UUID.fromString(observations.createObservation(Accessor.tenant(insurer, "feed", "連携", Accessor.Channel.API), o,
                Optional.empty()).resource().getIdElement().getIdPart());
        jdbc.sql("update phr_observation set last_updated = cast(? as timestamptz) where id = ?").params(madeOn, id).update();
        return id;
    }

    boolean exists(String table, String column, UUID id) {
        return jdbc.sql("select count(*) from " + table + " where " + column + " = ?").param(id).query(Long.class).single() > 0;
    }

    long purgedEvents(UUID insurer, UUID person) {
        return jdbc.sql("select count(*) from plat_audit_event where action = 'PHR_RETENTION_PURGED' and tenant_id = ? and record_id = ?")
                .params(insurer, person.toString()).query(Long.class).single();
    }

    @Test
    @DisplayName("保存期限を過ぎた記録だけが、期限の翌日の夜間ジョブで消え、監査に残る。削除を依頼していない人の記録は残る")
    void theNightlyPurgeDeletesExactlyTheKeptRecordsWhosePeriodEnded() {
        UUID insurer = fixture.insurer();
        PhrFixture.Member member = fixture.member(insurer);
        PhrFixture.Member other = fixture.member(insurer);
        UUID made2024 = value(insurer, member.personId(), "a", "2024-05-01T00:00:00Z"); // 2024年度: kept until 2030-03-31
        UUID made2025 = value(insurer, member.personId(), "b", "2025-05-01T00:00:00Z"); // 2025年度: kept until 2031-03-31
        UUID old = value(insurer, other.personId(), "c", "2015-05-01T00:00:00Z");      // never asked for deletion
        rights.deleteMine(PhrFixture.individual(member));
        assertThat(exists("phr_observation", "id", made2024)).as("kept at the deletion").isTrue();

        // 2030-03-31 in Japan: the last day of the 2024年度 record's period — nothing goes
        assertThat(at("2030-03-31T03:00:00Z", "purge-a").runOnce()).isTrue();
        assertThat(exists("phr_observation", "id", made2024)).isTrue();
        assertThat(purgedEvents(insurer, member.personId())).isZero();

        // 2030-04-01: exactly the 2024年度 record goes, audited; the insurer keeps the rest and its membership
        assertThat(at("2030-04-01T03:00:00Z", "purge-a").runOnce()).isTrue();
        assertThat(at("2030-04-01T05:00:00Z", "purge-b").runOnce()).as("once per date across nodes").isFalse();
        assertThat(exists("phr_observation", "id", made2024)).isFalse();
        assertThat(exists("phr_observation", "id", made2025)).isTrue();
        assertThat(exists("phr_membership", "person_id", member.personId())).isTrue();
        assertThat(purgedEvents(insurer, member.personId())).isEqualTo(1);
        assertThat(jdbc.sql("select details->>'observations' from plat_audit_event where action = 'PHR_RETENTION_PURGED' and record_id = ?")
                .param(member.personId().toString()).query(String.class).single()).isEqualTo("1");

        // 2031-04-01: the last record goes, and with it the membership and the person; the tombstone stays
        assertThat(at("2031-04-01T03:00:00Z", "purge-a").runOnce()).isTrue();
        assertThat(exists("phr_observation", "id", made2025)).isFalse();
        assertThat(exists("phr_membership", "person_id", member.personId())).isFalse();
        assertThat(exists("phr_person", "id", member.personId())).isFalse();
        assertThat(exists("phr_tombstone", "person_id", member.personId())).isTrue();
        assertThat(jdbc.sql("select outcome from plat_job_run where job = ? and slot = '2031-04-01'").param(RetentionPurge.JOB)
                .query(String.class).single()).isEqualTo("DONE");

        // the member who never asked for deletion keeps their 2015 record with the insurer
        assertThat(exists("phr_observation", "id", old)).isTrue();
        assertThat(purgedEvents(insurer, other.personId())).isZero();
    }
}
