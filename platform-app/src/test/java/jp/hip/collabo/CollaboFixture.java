package jp.hip.collabo;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import jp.hip.Accounts;
import jp.hip.identity.TenantKind;
import jp.hip.phr.Establishment;
import jp.hip.phr.persons.PhrPersons;

/**
 * Test fixture: an insurer and a company linked, members working at the company's 事業所, and their 特定健診
 * observations written as the insurer's importer writes them (CHECKUP, supplied by the insurer, search columns).
 */
@Component
class CollaboFixture {

    static final String BMI = "9N011000000000001";
    static final String SBP = "9A751000000000001";
    static final String SMOKING = "9N736000000000011";

    private final Accounts accounts;
    private final PhrPersons records;
    private final CollaboLinks links;
    private final JdbcClient jdbc;

    CollaboFixture(Accounts accounts, PhrPersons records, CollaboLinks links, JdbcClient jdbc) {
        this.accounts = accounts;
        this.records = records;
        this.links = links;
        this.jdbc = jdbc;
    }

    record Parties(UUID insurer, UUID company, Actor staff, Actor hr, UUID linkId) {}

    Parties linked(String... establishments) {
        UUID insurer = accounts.tenant(TenantKind.INSURER);
        UUID company = accounts.tenant(TenantKind.COMPANY);
        Actor staff = new Actor(insurer, TenantKind.INSURER, "staff-" + insurer, "保険者 担当");
        Actor hr = new Actor(company, TenantKind.COMPANY, "hr-" + company, "人事 担当");
        // one employee per 事業所 so that the company may name them
        for (String e : establishments) {
            employee(insurer, company, e, LocalDate.of(1990, 1, 1), "male");
        }
        UUID link = links.propose(staff, company.toString());
        links.accept(hr, link);
        links.nameEstablishments(hr, link, List.of(establishments));
        return new Parties(insurer, company, staff, hr, link);
    }

    /** A member of the insurer working at the company's 事業所; returns the person id. */
    UUID employee(UUID insurer, UUID company, String establishment, LocalDate birth, String gender) {
        String number = UUID.randomUUID().toString().substring(0, 12);
        UUID person = records.registerMember(insurer, new PhrPersons.NewMember("試験", "太郎", null, null, birth, gender,
                "06130012", "健1", number));
        if (company != null) {
            records.registerEmployee(company, person, new Establishment(establishment, establishment + "事業所"));
        }
        return person;
    }

    /** {@code persons} eligible members at the 事業所, all examined in FY2024 (BMI: every third one 27, else 22). */
    void population(Parties p, String establishment, int persons) {
        for (int i = 0; i < persons; i++) {
            UUID person = employee(p.insurer(), p.company(), establishment, LocalDate.of(1951 + i % 28, 6, 1),
                    i % 2 == 0 ? "male" : "female");
            numeric(p.insurer(), person, BMI, i % 3 == 0 ? "27.0" : "22.0", "2024-06-10T01:00:00Z");
        }
    }

    String numberOf(UUID insurer, UUID person) {
        return jdbc.sql("select insured_number from phr_membership where tenant_id = ? and person_id = ?")
                .params(insurer, person).query(String.class).single();
    }

    void numeric(UUID insurer, UUID person, String code, String value, String when) {
        insert(insurer, person, code, new BigDecimal(value), null, when);
    }

    /** A coded answer (問診) as the checkup importer stores it: valueCodeableConcept, value_code left empty. */
    void coded(UUID insurer, UUID person, String code, String answer, String when) {
        insert(insurer, person, code, null, answer, when);
    }

    private void insert(UUID insurer, UUID person, String code, BigDecimal value, String answer, String when) {
        String resource = answer == null ? "{\"resourceType\":\"Observation\"}"
                : "{\"resourceType\":\"Observation\",\"valueCodeableConcept\":{\"coding\":[{\"system\":\"urn:oid:1.2.392.200119.6.24060\",\"code\":\""
                        + answer + "\"}]}}";
        jdbc.sql("""
                insert into phr_observation (person_id, id, tenant_id, data_category, code_system, code, identity_code,
                    category_jp, category_hl7, effective_start, value_num, resource)
                values (?, ?, ?, 'CHECKUP', 'urn:oid:1.2.392.200119.6.1005', ?, ?, 'laboratory', 'laboratory', ?, ?, cast(? as jsonb))""")
                .params(person, UUID.randomUUID(), insurer, code, code.substring(0, 5), Timestamp.from(Instant.parse(when)),
                        value, resource).update();
    }
}
