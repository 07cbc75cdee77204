package jp.hip.phr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.UUID;

import jakarta.servlet.http.Cookie;

import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import jp.hip.Accounts;
import jp.hip.ApiTokens;
import jp.hip.PlatformTest;
import jp.hip.api.fhir.FhirValidation;
import jp.hip.identity.Role;
import jp.hip.identity.TenantKind;
import jp.hip.phr.persons.PhrPersons;

/** The employer 事業所 of an EMPLOYEE membership: stored, shown to the individual and to the employer's Patient read. */
@PlatformTest
class PhrEstablishmentTests {

    @Autowired MockMvc mvc;
    @Autowired ApiTokens tokens;
    @Autowired PhrPersons persons;
    @Autowired Accounts accounts;
    @Autowired FhirValidation validation;
    @Autowired JdbcClient jdbc;

    UUID insurer;
    UUID employer;
    UUID personId;
    Accounts.Account person;

    @BeforeEach
    void setUp() {
        insurer = accounts.tenant(TenantKind.INSURER);
        employer = accounts.tenant(TenantKind.COMPANY);
        personId = persons.registerMember(insurer, new PhrPersons.NewMember("山田", "花子", "ヤマダ", "ハナコ",
                java.time.LocalDate.of(1985, 5, 5), "female", "06130012", "健002",
                String.valueOf(Math.abs(UUID.randomUUID().getMostSignificantBits() % 10_000_000))));
        person = accounts.withRole(Role.INDIVIDUAL);
        persons.linkIndividual(personId, person.tenantId());
        persons.registerEmployee(employer, personId, new Establishment("1301-123456-7", "静岡工場"));
    }

    Patient readPatient(UUID tenant) throws Exception {
        ApiTokens.Client client = tokens.register(tenant, "system/Patient.rs");
        String token = ApiTokens.token(mvc, client, "system/Patient.rs");
        MockHttpServletResponse response = mvc.perform(get("/fhir/Patient/" + personId).header("Authorization", "Bearer " + token))
                .andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        return PhrFhir.fhirContext().newJsonParser().parseResource(Patient.class, response.getContentAsString());
    }

    @Test
    void theEmployersPatientReadNamesTheEstablishmentAsEmployerContactAndIsValidR4() throws Exception {
        Patient patient = readPatient(employer);
        assertThat(patient.getContact()).singleElement().satisfies(contact -> {
            assertThat(contact.getRelationshipFirstRep().getCodingFirstRep().getSystem()).isEqualTo("http://terminology.hl7.org/CodeSystem/v2-0131");
            assertThat(contact.getRelationshipFirstRep().getCodingFirstRep().getCode()).isEqualTo("E");
            assertThat(contact.getOrganization().getDisplay()).endsWith(" 静岡工場");
            assertThat(contact.getOrganization().getIdentifier().getSystem()).isEqualTo(Establishment.NUMBER_SYSTEM);
            assertThat(contact.getOrganization().getIdentifier().getValue()).isEqualTo("1301-123456-7");
        });
        assertThat(validation.errors(patient)).isEmpty();
        // the insurer holds the person as insured, not as employer: no 事業所 in its Patient
        assertThat(readPatient(insurer).getContact()).isEmpty();
    }

    @Test
    void theIndividualSeesWhoHoldsTheirDataWithTheEstablishment() throws Exception {
        Accessor individual = Accessor.individual(person.tenantId(), "person", "本人", Accessor.Channel.PAGE);
        assertThat(persons.myHolders(individual)).extracting(PhrPersons.Holder::tenantId, PhrPersons.Holder::establishment)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(insurer, null),
                        org.assertj.core.groups.Tuple.tuple(employer, "静岡工場"));
        Cookie session = Accounts.signIn(mvc, person.email());
        String html = mvc.perform(get("/me/consents").cookie(session)).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("あなたのデータを持つ組織", "静岡工場");
    }

    @Test
    void registeringAgainMovesThePersonToTheOtherEstablishment() {
        persons.registerEmployee(employer, personId, new Establishment(null, "本社"));
        assertThat(jdbc.sql("select establishment_name || '/' || coalesce(establishment_number, '-') from phr_membership where tenant_id = ? and person_id = ?")
                .params(employer, personId).query(String.class).single()).isEqualTo("本社/-");
        // an insurer's membership is not turned into an employment
        persons.registerEmployee(insurer, personId, new Establishment("1", "本社"));
        assertThat(jdbc.sql("select kind || coalesce(establishment_name, '') from phr_membership where tenant_id = ? and person_id = ?")
                .params(insurer, personId).query(String.class).single()).isEqualTo("INSURED");
    }

    @Test
    void anEstablishmentNeedsANameAndOnlyEmploymentsCarryOne() {
        assertThatThrownBy(() -> new Establishment("1301-123456-7", " "))
                .isInstanceOfSatisfying(PhrException.class, e -> assertThat(e.problems()).extracting(PhrException.Problem::key)
                        .containsExactly("phr.error.establishmentName"));
        assertThatThrownBy(() -> new Establishment("x".repeat(21), "本社"))
                .isInstanceOfSatisfying(PhrException.class, e -> assertThat(e.problems()).extracting(PhrException.Problem::key)
                        .containsExactly("phr.error.establishmentNumber"));
        assertThatThrownBy(() -> jdbc.sql("update phr_membership set establishment_name = '本社' where tenant_id = ? and person_id = ?")
                .params(insurer, personId).update())
                .hasMessageContaining("phr_membership_establishment_ck");
    }
}
