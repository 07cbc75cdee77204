package jp.hip.phr;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import jp.hip.PlatformTest;
import jp.hip.phr.access.PhrConsents;
import jp.hip.phr.persons.PatientStore;
import jp.hip.phr.persons.PhrPersons;

/** Patient search, Consent search and Patient/$everything paging (issue 10). */
@PlatformTest
class FhirPatientConsentSearchTests {

    static final String SCOPES = "system/Patient.rs system/Observation.rs system/Observation.c system/Consent.rs";

    @Autowired MockMvc mvc;
    @Autowired PhrFixture fixture;
    @Autowired FhirTestClient fhir;
    @Autowired PhrPersons persons;
    @Autowired PhrConsents consents;
    @Autowired PatientStore patients;
    @Autowired JdbcClient jdbc;

    UUID insurer;
    PhrFixture.Member yamada;
    UUID sato;
    FhirSearchTestSupport api;

    @BeforeEach
    void setUp() throws Exception {
        insurer = fixture.insurer();
        yamada = fixture.member(insurer); // 山田 太郎 (ヤマダ タロウ), 1975-04-01, male
        sato = persons.registerMember(insurer, new PhrPersons.NewMember("佐藤", "花子", "サトウ", "ハナコ",
                LocalDate.of(1990, 12, 31), "female", "06130012", "健002", "77" + Math.abs(UUID.randomUUID().getLeastSignificantBits() % 100000)));
        api = new FhirSearchTestSupport(mvc, fhir.tokenFor(insurer, SCOPES));
    }

    List<String> found(String query) throws Exception {
        return api.ids("/fhir/Patient?" + query);
    }

    @Test
    void patientByNameBirthdateGenderIdAndIdentifier() throws Exception {
        String y = yamada.personId().toString();
        String s = sato.toString();
        assertThat(found("")).containsExactlyInAnyOrder(y, s); // the insurer's own members only
        assertThat(found("name=山田")).containsExactly(y);
        assertThat(found("name=ヤマ")).containsExactly(y);
        assertThat(found("name=山田 太郎")).containsExactly(y);
        assertThat(found("name=花子,タロウ")).containsExactlyInAnyOrder(y, s);
        assertThat(found("name:exact=山田")).containsExactly(y);
        assertThat(found("name:exact=山")).isEmpty();
        assertThat(found("name:contains=藤")).containsExactly(s);
        assertThat(found("name=_")).isEmpty(); // a LIKE wildcard is a literal
        assertThat(found("birthdate=1975")).containsExactly(y);
        assertThat(found("birthdate=lt1980")).containsExactly(y);
        assertThat(found("birthdate=ge1990-12-31")).containsExactly(s);
        assertThat(found("birthdate=ne1975-04-01")).containsExactly(s);
        assertThat(found("birthdate=sa1975&birthdate=eb1991")).containsExactly(s);
        assertThat(found("gender=female")).containsExactly(s);
        assertThat(found("gender=http://hl7.org/fhir/administrative-gender|male")).containsExactly(y);
        assertThat(found("gender=male,female")).containsExactlyInAnyOrder(y, s);
        assertThat(found("_id=" + y)).containsExactly(y);
        assertThat(found("_id=" + y + "," + s)).containsExactlyInAnyOrder(y, s);
        assertThat(found("_id=not-a-uuid")).isEmpty();
        assertThat(found("identifier=urn:oid:1.2.392.200119.6.205|健001:" + yamada.insuredNumber())).containsExactly(y);
        assertThat(found("identifier=健001:" + yamada.insuredNumber())).containsExactly(y);
        assertThat(found("identifier=urn:example|健001:" + yamada.insuredNumber())).isEmpty();
        assertThat(found("_sort=birthdate")).containsExactly(y, s);
        assertThat(found("_sort=-birthdate")).containsExactly(s, y);
        assertThat(api.bundle("/fhir/Patient?_summary=count").getTotal()).isEqualTo(2);
        assertThat(api.bundle("/fhir/Patient?_count=0&gender=female").getTotal()).isEqualTo(1);
        // another insurer sees neither
        FhirSearchTestSupport other = new FhirSearchTestSupport(mvc,
                fhir.tokenFor(fixture.insurer(), SCOPES));
        assertThat(other.ids("/fhir/Patient?_id=" + y)).isEmpty();
        assertThat(other.bundle("/fhir/Patient?_summary=count").getTotal()).isZero();
        assertThat(api.refusedParameter("/fhir/Patient?gender=robot")).isEqualTo("gender");
    }

    @Test
    void includeLeavesOutAPatientTheCallerHasNoBasisFor() {
        Accessor stranger = Accessor.tenant(fixture.insurer(), "test", "test", Accessor.Channel.API);
        assertThat(patients.includePatients(stranger, List.of(yamada.personId()))).isEmpty();
        long logged = jdbc.sql("select count(*) from phr_access_log where person_id = ? and action = 'Patient.include'")
                .param(yamada.personId()).query(Long.class).single();
        assertThat(logged).isZero();
        Accessor holder = Accessor.tenant(insurer, "test", "test", Accessor.Channel.API);
        assertThat(patients.includePatients(holder, List.of(yamada.personId()))).hasSize(1);
    }

    @Test
    void consentByPatientAndStatusInPages() throws Exception {
        UUID checkup = fixture.consent(yamada, insurer, DataCategory.CHECKUP);
        fixture.consent(yamada, insurer, DataCategory.LIFELOG);
        PhrFixture.Member other = fixture.member(insurer);
        fixture.consent(other, insurer, DataCategory.CHECKUP);
        consents.withdrawMyConsent(PhrFixture.individual(yamada), checkup);
        String patient = "/fhir/Consent?patient=Patient/" + yamada.personId();
        assertThat(api.ids(patient)).hasSize(2);
        assertThat(api.ids(patient + "&status=active")).hasSize(1);
        assertThat(api.ids(patient + "&status=inactive")).containsExactly(checkup.toString());
        assertThat(api.ids(patient + "&status=active,inactive")).hasSize(2);
        assertThat(api.ids("/fhir/Consent?status=active")).hasSize(2);
        Bundle first = api.bundle("/fhir/Consent?_count=2");
        assertThat(FhirSearchTestSupport.matches(first)).hasSize(2);
        assertThat(first.getLink("next")).isNotNull();
        List<String> all = api.walk("/fhir/Consent?_count=2");
        assertThat(all).hasSize(3).doesNotHaveDuplicates();
        assertThat(api.refusedParameter("/fhir/Consent?status=draft")).isEqualTo("status");
    }

    @Test
    void everythingPagesPastFiftyWithNextLinksAndTakesSince() throws Exception {
        Instant start = Instant.parse("2024-01-01T00:00:00Z");
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 55; i++) {
            created.add(api.create(yamada.personId(), FhirObservationSearchTests.BMI, "22.0", "kg/m2", start.plusSeconds(3600L * i), null));
        }
        String url = "/fhir/Patient/" + yamada.personId() + "/$everything";
        Bundle first = api.bundle(url);
        assertThat(first.getEntry()).hasSize(50);
        assertThat(first.getEntry().get(0).getResource().fhirType()).isEqualTo("Patient");
        assertThat(first.getLink("next").getUrl()).contains("_offset=50");
        List<String> all = api.walk(url);
        assertThat(all).hasSize(56).doesNotHaveDuplicates().contains(yamada.personId().toString()).containsAll(created);
        List<String> small = api.walk(url + "?_count=7");
        assertThat(small).isEqualTo(all);
        // _since after everything was written: the Patient alone
        String later = Instant.now().plusSeconds(3600).toString();
        assertThat(api.ids(url + "?_since=" + later)).containsExactly(yamada.personId().toString());
        assertThat(api.ids(url + "?_since=2020-01-01")).hasSize(50);
        assertThat(api.refusedParameter(url + "?code=x")).isEqualTo("code");
    }
}
