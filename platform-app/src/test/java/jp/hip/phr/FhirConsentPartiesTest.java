package jp.hip.phr;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

import jp.hip.Accounts;
import jp.hip.identity.TenantKind;
import jp.hip.phr.persons.PhrPersons;

/**
 * Set-up shared by the consent-recording tests (issue 15): for each test a new insurer, a member of it, and an employer
 * of the member (the consent's recipient). Each class adds the tokens it needs in its own {@code @BeforeEach}, which
 * JUnit runs after this one.
 */
abstract class FhirConsentPartiesTest {

    @Autowired PhrFixture fixture;
    @Autowired PhrPersons persons;
    @Autowired Accounts accounts;

    UUID insurer;
    UUID employer;
    PhrFixture.Member member;

    @BeforeEach
    void newInsurerMemberAndEmployer() {
        insurer = fixture.insurer();
        employer = accounts.tenant(TenantKind.COMPANY);
        member = fixture.member(insurer);
        persons.registerEmployee(employer, member.personId());
    }
}
