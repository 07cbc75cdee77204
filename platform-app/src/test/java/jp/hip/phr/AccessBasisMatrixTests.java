package jp.hip.phr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import jp.hip.Accounts;
import jp.hip.PlatformTest;
import jp.hip.identity.TenantKind;
import jp.hip.phr.access.PhrConsents;
import jp.hip.phr.aggregates.MembersOverviews;
import jp.hip.phr.medication.PhrMedications;
import jp.hip.phr.observations.PhrObservations;

/**
 * The legal-basis matrix (ADR 0036, issue 17): every read path × every basis, present or absent → allowed or
 * denied, and the access log records the basis of each allowed read. Read paths: Observation read, search and
 * Patient/$everything, MedicationStatement read and search, the members overview (aggregate) and the individual's
 * own pages. The FHIR HTTP layer over the same facades is covered by FhirApiTests and FhirMedicationStatementTests.
 */
@PlatformTest
class AccessBasisMatrixTests {

    @Autowired Accounts accounts;
    @Autowired PhrFixture fixture;
    @Autowired PhrObservations observations;
    @Autowired PhrMedications medications;
    @Autowired PhrConsents consents;
    @Autowired MembersOverviews overviews;
    @Autowired JdbcClient jdbc;

    UUID insurerId;
    UUID employerId;
    PhrFixture.Member member;
    Accessor insurer;
    Accessor employer;
    Accessor me;

    @BeforeEach
    void setUp() {
        insurerId = fixture.insurer();
        member = fixture.member(insurerId);
        employerId = fixture.employerOf(member);
        insurer = Accessor.tenant(insurerId, "insurer-client", "保険者", Accessor.Channel.API);
        employer = Accessor.tenant(employerId, "employer-client", "事業主", Accessor.Channel.API);
        me = PhrFixture.individual(member);
    }

    UUID write(Accessor writer, String code, String value, String unit, Instant when) {
        String json = FhirApiTests.observation(member.personId(), code, value, unit, when, null);
        if (!code.startsWith("9N")) {
            json = json.replace("urn:oid:1.2.392.200119.6.1005", "http://loinc.org");
        }
        Observation o = PhrFhir.fhirContext().newJsonParser().parseResource(Observation.class, json);
        return UUID.fromString(observations.createObservation(writer, o, Optional.empty()).resource().getIdElement().getIdPart());
    }

    UUID checkup(Accessor writer, Instant when) {
        return write(writer, "9N006000000000001", "60.0", "kg", when);
    }

    UUID steps(Accessor writer) {
        return write(writer, "41950-7", "8000", "/d", Instant.parse("2025-06-01T01:00:00Z"));
    }

    ObservationQuery all() {
        return new ObservationQuery(Optional.of(member.personId()), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), true, Optional.empty(), false, 100, 0);
    }

    /** The last basis logged for this reader, action and person. */
    String loggedBasis(Accessor reader, String action) {
        return jdbc.sql("""
                select basis from phr_access_log where person_id = ? and accessor_id = ? and action = ? and resource_ids like ?
                 order by id desc limit 1""")
                .params(member.personId(), reader.actorId(), action, "%").query(String.class).optional().orElse(null);
    }

    /** Allowed on every observation read path, each logged with {@code basis}. */
    void allowed(Accessor reader, UUID id, AccessBasis basis) {
        assertThat(observations.readObservation(reader, id).resource().getIdElement().getIdPart()).isEqualTo(id.toString());
        assertThat(loggedBasis(reader, "Observation.read")).isEqualTo(basis.name());
        assertThat(observations.searchObservations(reader, all())).extracting(o -> o.getIdElement().getIdPart()).contains(id.toString());
        assertThat(jdbc.sql("""
                select count(*) from phr_access_log where person_id = ? and accessor_id = ? and action = 'Observation.search'
                   and basis = ? and resource_ids like ?""")
                .params(member.personId(), reader.actorId(), basis.name(), "%Observation/" + id + "%").query(Long.class).single())
                .isPositive();
        if (!reader.individual()) {
            List<Resource> everything = observations.everything(reader, member.personId(), 100);
            assertThat(everything).extracting(r -> r.getIdElement().getIdPart()).contains(id.toString());
        }
    }

    /** Denied on every observation read path: 404 on read, absent from search and $everything. */
    void denied(Accessor reader, UUID id) {
        assertThatThrownBy(() -> observations.readObservation(reader, id))
                .isInstanceOfSatisfying(PhrException.class, e -> assertThat(e.kind()).isEqualTo(PhrException.Kind.NOT_FOUND));
        assertThat(observations.searchObservations(reader, all())).extracting(o -> o.getIdElement().getIdPart()).doesNotContain(id.toString());
        if (!reader.individual()) {
            try {
                assertThat(observations.everything(reader, member.personId(), 100)).extracting(r -> r.getIdElement().getIdPart())
                        .doesNotContain(id.toString());
            } catch (PhrException e) {
                assertThat(e.kind()).isEqualTo(PhrException.Kind.NOT_FOUND); // no Patient either: no membership
            }
        }
    }

    @Test
    void statuteInsurerPresentForItsOwnCheckupsAbsentForAnotherInsurersOnes() {
        UUID own = checkup(insurer, Instant.parse("2025-06-10T01:00:00Z"));
        allowed(insurer, own, AccessBasis.STATUTE_INSURER);
        // The member also belongs to a second insurer: its 特定健診 record is not the first insurer's by law.
        UUID secondInsurer = fixture.insurer();
        jdbc.sql("insert into phr_membership (tenant_id, person_id, kind, insured_number, since) values (?, ?, 'INSURED', ?, current_date)")
                .params(secondInsurer, member.personId(), member.insuredNumber()).update();
        UUID others = checkup(Accessor.tenant(secondInsurer, "second", "別の保険者", Accessor.Channel.API), Instant.parse("2025-06-10T01:00:00Z"));
        denied(insurer, others);
    }

    @Test
    void statuteEmployerPresentForItsOwnTeikiKenshinAbsentForTheInsurersRecords() {
        UUID teiki = checkup(employer, Instant.parse("2025-04-20T01:00:00Z"));
        allowed(employer, teiki, AccessBasis.STATUTE_EMPLOYER);
        UUID tokutei = checkup(insurer, Instant.parse("2025-06-10T01:00:00Z"));
        denied(employer, tokutei);
    }

    @Test
    void article27PresentForTheEmployersResultsSinceTheMemberJoinedAbsentBefore() {
        jdbc.sql("update phr_membership set since = date '2025-01-01' where tenant_id = ? and person_id = ?")
                .params(insurerId, member.personId()).update();
        UUID since = checkup(employer, Instant.parse("2025-04-20T01:00:00Z"));
        UUID before = checkup(employer, Instant.parse("2024-04-20T01:00:00Z"));
        allowed(insurer, since, AccessBasis.STATUTE_ART27);
        denied(insurer, before);
        // A consent covers what the law does not: the earlier result, logged as consent.
        UUID consent = fixture.consent(member, insurerId, DataCategory.CHECKUP);
        allowed(insurer, before, AccessBasis.CONSENT);
        assertThat(jdbc.sql("select consent_refs from phr_access_log where person_id = ? and basis = 'CONSENT' and action = 'Observation.read'")
                .param(member.personId()).query(String.class).list()).containsOnly("Consent/" + consent + "/_history/1");
    }

    @Test
    void supplierPresentForItsOwnLifeLogAbsentForAnotherHoldersLifeLog() {
        UUID mine = steps(employer);
        allowed(employer, mine, AccessBasis.SUPPLIER);
        UUID theirs = steps(insurer);
        denied(employer, theirs);
        denied(insurer, mine);
    }

    @Test
    void consentPresentUntilWithdrawnAndOnlyForItsCategoryAndItsRecipient() {
        UUID lifeLog = steps(insurer);
        denied(employer, lifeLog);
        fixture.consent(member, employerId, DataCategory.CHECKUP); // another category opens nothing
        denied(employer, lifeLog);
        UUID consent = fixture.consent(member, employerId, DataCategory.LIFELOG);
        allowed(employer, lifeLog, AccessBasis.CONSENT);
        consents.withdrawMyConsent(me, consent);
        denied(employer, lifeLog);
        // A consent for a tenant that does not hold the person opens nothing.
        UUID stranger = accounts.tenant(TenantKind.COMPANY);
        fixture.consent(member, stranger, DataCategory.LIFELOG);
        denied(Accessor.tenant(stranger, "stranger", "他社", Accessor.Channel.API), lifeLog);
    }

    @Test
    void selfPresentForTheOwnPersonAbsentForSomeoneElse() {
        UUID checkup = checkup(insurer, Instant.parse("2025-06-10T01:00:00Z"));
        UUID lifeLog = steps(employer);
        allowed(me, checkup, AccessBasis.SELF);
        allowed(me, lifeLog, AccessBasis.SELF);
        PhrFixture.Member other = fixture.member(insurerId);
        denied(PhrFixture.individual(other), checkup);
        assertThat(observations.myTimeline(me, Optional.empty(), 10)).hasSize(2);
        assertThat(jdbc.sql("select basis from phr_access_log where person_id = ? and action = 'Timeline.read'")
                .param(member.personId()).query(String.class).list()).containsOnly("SELF");
    }

    @Test
    void medicationSupplierAndConsentPresentOrAbsent() {
        MedicationStatement statement = PhrFhir.fhirContext().newJsonParser().parseResource(MedicationStatement.class,
                FhirMedicationStatementTests.carbocisteine(member.personId()));
        UUID id = UUID.fromString(medications.createMedicationStatement(insurer, statement, Optional.empty())
                .resource().getIdElement().getIdPart());
        assertThat(medications.readMedicationStatement(insurer, id).resource()).isNotNull();
        assertThat(loggedBasis(insurer, "MedicationStatement.read")).isEqualTo("SUPPLIER");
        assertThatThrownBy(() -> medications.readMedicationStatement(employer, id)).isInstanceOf(PhrException.class);
        assertThat(medications.searchMedicationStatements(employer, Optional.of(member.personId()), 10, 0)).isEmpty();
        fixture.consent(member, employerId, DataCategory.MEDICATION);
        assertThat(medications.searchMedicationStatements(employer, Optional.of(member.personId()), 10, 0)).hasSize(1);
        assertThat(loggedBasis(employer, "MedicationStatement.search")).isEqualTo("CONSENT");
        assertThat(medications.readMedicationStatement(me, id).resource()).isNotNull();
        assertThat(loggedBasis(me, "MedicationStatement.read")).isEqualTo("SELF");
    }

    @Test
    void theMembersOverviewCountsStatutoryRecordsAndConsentedOnesOnly() {
        checkup(insurer, Instant.parse("2024-06-10T01:00:00Z"));
        for (int i = 0; i < 9; i++) { // ten members with the insurer's own 特定健診 record: 法令
            PhrFixture.Member m = fixture.member(insurerId);
            observations.createObservation(insurer, PhrFhir.fhirContext().newJsonParser().parseResource(Observation.class,
                    FhirApiTests.observation(m.personId(), "9N006000000000001", "61.0", "kg", Instant.parse("2024-06-11T01:00:00Z"), null)),
                    Optional.empty());
        }
        PhrFixture.Member second = fixture.member(insurerId);
        UUID secondEmployer = fixture.employerOf(second);
        Observation fromEmployer = PhrFhir.fhirContext().newJsonParser().parseResource(Observation.class,
                FhirApiTests.observation(second.personId(), "9N006000000000001", "70.0", "kg", Instant.parse("2024-07-01T01:00:00Z"), null));
        observations.createObservation(Accessor.tenant(secondEmployer, "e", "事業主", Accessor.Channel.API), fromEmployer, Optional.empty());
        Accessor reader = insurer.via(Accessor.Channel.PAGE);
        // 法令: the own records count; the employer's record from before the 11th member joined does not.
        assertThat(overviews.membersOverview(reader, 2024).examined()).isEqualTo(10);
        assertThat(overviews.membersOverview(reader, 2024).members()).isEqualTo(11);
        fixture.consent(second, insurerId, DataCategory.CHECKUP);
        assertThat(overviews.membersOverview(reader, 2024).examined()).isEqualTo(11);
        assertThat(overviews.membersOverview(reader, 2024).items().stream().filter(i -> i.group().equals("9N006"))
                .findFirst().orElseThrow().persons()).isEqualTo(11);
        // The employer counts nothing of the insurer's: no consent for it.
        assertThat(overviews.membersOverview(employer, 2024).examined()).isZero();
    }
}
