package jp.hip.phr;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Set-up shared by the FHIR tests that work as one insurer (issue 15): for each test a new insurer, one of its members,
 * and the token of an API client of the insurer with the scopes the class names.
 */
abstract class FhirMemberTest {

    @Autowired PhrFixture fixture;
    @Autowired FhirTestClient fhir;

    UUID insurer;
    PhrFixture.Member member;
    String token;

    /** The scopes of the insurer's token, space separated. */
    abstract String scopes();

    @BeforeEach
    void newInsurerMemberAndToken() throws Exception {
        insurer = fixture.insurer();
        member = fixture.member(insurer);
        token = fhir.tokenFor(insurer, scopes());
    }
}
