package jp.hip.phr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.servlet.http.Cookie;

import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import jp.hip.Accounts;
import jp.hip.PlatformTest;
import jp.hip.identity.Role;
import jp.hip.phr.invitations.MemberInvitations;
import jp.hip.phr.invitations.MemberInvitations.Delivery;
import jp.hip.phr.invitations.MemberInvitations.InviteRequest;
import jp.hip.phr.observations.PhrObservations;
import jp.hip.phr.persons.PhrPersons;

/**
 * A signed-in individual links an insurer's records to their existing account with the insurer's code and their card
 * details (issue 17 item 5, ADR 0047): after changing insurer the new insurer's member is taken into the account's
 * person; the code is single use, expires, is throttled and audited as at sign-up (ADR 0043); another insurer's
 * card, another person's 生年月日 and tenant users are refused and nothing changes.
 */
@PlatformTest
class PhrLinkTests {

    static final java.util.Set<String> CARD = java.util.Set.of("insurerNumber", "symbol", "number", "branch", "birthDate", "code");

    @Autowired MockMvc mvc;
    @Autowired Accounts accounts;
    @Autowired PhrPersons persons;
    @Autowired PhrObservations observations;
    @Autowired MemberInvitations invitations;
    @Autowired JdbcClient jdbc;

    Accounts.Account former;
    Accounts.Account current;
    Accounts.Account individual;
    UUID own;
    UUID invited;
    String formerNumber;
    String number;
    String address;
    Cookie session;

    @BeforeEach
    void setUp() throws Exception {
        former = accounts.withRole(Role.INSURER_STAFF);
        current = accounts.withRole(Role.INSURER_STAFF);
        formerNumber = String.valueOf(ThreadLocalRandom.current().nextLong(10_000_000L, 99_999_999L));
        number = String.valueOf(ThreadLocalRandom.current().nextLong(10_000_000L, 99_999_999L));
        // the account is linked to the former insurer's member; the current insurer registered the person anew
        own = persons.registerMember(former.tenantId(), new PhrPersons.NewMember("加入", "花子", "カニュウ", "ハナコ",
                LocalDate.of(1980, 5, 6), "female", "06130012", "健001", formerNumber));
        invited = persons.registerMember(current.tenantId(), new PhrPersons.NewMember("加入", "花子", "カニュウ", "ハナコ",
                LocalDate.of(1980, 5, 6), "female", "27130013", "新002", number));
        individual = accounts.withRole(Role.INDIVIDUAL);
        persons.linkIndividual(own, individual.tenantId());
        observations.createObservation(insurer(former), bmi(own, "former-1"), Optional.empty());
        observations.createObservation(insurer(current), bmi(invited, "current-1"), Optional.empty());
        address = "10." + ThreadLocalRandom.current().nextInt(256) + "." + ThreadLocalRandom.current().nextInt(256) + "."
                + ThreadLocalRandom.current().nextInt(1, 255);
        session = Accounts.signIn(mvc, individual.email());
    }

    static Accessor insurer(Accounts.Account staff) {
        return Accessor.tenant(staff.tenantId(), staff.userId().toString(), "保険者担当", Accessor.Channel.API);
    }

    static Observation bmi(UUID person, String identifier) {
        return PhrFhir.fhirContext().newJsonParser().parseResource(Observation.class, FhirApiTests.bmi(person, identifier));
    }

    String invite() {
        return invitations.invite(insurer(current).via(Accessor.Channel.PAGE),
                new InviteRequest("新002", number, "", Delivery.PRINT, null)).code();
    }

    Map<String, String> details(String code) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("insurerNumber", "27130013");
        form.put("symbol", "新002");
        form.put("number", number);
        form.put("branch", "");
        form.put("birthDate", "1980-05-06");
        form.put("code", code);
        return form;
    }

    MvcResult link(Map<String, String> form, Cookie as) throws Exception {
        MockHttpServletRequestBuilder request = post("/me/link").cookie(as).with(csrf()).with(r -> {
            r.setRemoteAddr(address);
            return r;
        });
        // the card, 生年月日 and code are the form's nested card (card.number, …)
        form.forEach((name, value) -> request.param(CARD.contains(name) ? "card." + name : name, value));
        return mvc.perform(request).andReturn();
    }

    long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    @Test
    @DisplayName("保険者が変わった人が /me で新しい保険者の招待コードを入れると、記録がいまのアカウントにつながる")
    void aSignedInPersonWhoChangedInsurerLinksTheNewInsurersRecordsWithTheCode() throws Exception {
        assertThat(mvc.perform(get("/me/consents").cookie(session)).andReturn().getResponse().getContentAsString())
                .contains("/me/link");
        assertThat(mvc.perform(get("/me/link").cookie(session)).andReturn().getResponse().getContentAsString())
                .contains("招待コードで記録をつなげる", "name=\"card.code\"").doesNotContain("name=\"password\"");
        String code = invite();

        MvcResult done = link(details(code), session);
        assertThat(done.getResponse().getRedirectedUrl()).isEqualTo("/me/consents");
        assertThat(done.getFlashMap().get("done")).isEqualTo("phr.link.doneMerged");

        // one person: the invited member's membership, records (FHIR subject rewritten) and invitation moved to it
        assertThat(count("select count(*) from phr_person where id = ?", invited)).isZero();
        assertThat(jdbc.sql("select tenant_id from phr_membership where person_id = ?").param(own).query(UUID.class).list())
                .containsExactlyInAnyOrder(former.tenantId(), current.tenantId());
        assertThat(jdbc.sql("select resource->'subject'->>'reference' from phr_observation where tenant_id = ? and person_id = ?")
                .params(current.tenantId(), own).query(String.class).list()).containsExactly("Patient/" + own);
        assertThat(jdbc.sql("select used_by_tenant_id from phr_member_invitation where tenant_id = ?").param(current.tenantId())
                .query(UUID.class).single()).isEqualTo(individual.tenantId());
        assertThat(count("select count(*) from plat_audit_event where action = 'PHR_MEMBER_LINKED' and tenant_id = ? and details->>'mergedPerson' = ?",
                current.tenantId(), invited.toString())).isEqualTo(1);
        assertThat(count("select count(*) from plat_audit_event where action = 'PHR_MEMBER_LINKED' and tenant_id = ?",
                individual.tenantId())).isEqualTo(1);

        // the person sees both holders; each insurer still reads only its own records (no new basis across holders)
        String holders = mvc.perform(get("/me/consents").cookie(session)).andReturn().getResponse().getContentAsString();
        assertThat(holders).contains(name(former.tenantId()), name(current.tenantId()));
        var all = new ObservationQuery(Optional.of(own), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), true, Optional.empty(), false, 100, 0);
        assertThat(observations.searchObservations(insurer(current), all)).extracting(o -> o.getIdentifierFirstRep().getValue())
                .containsExactly("current-1");
        assertThat(observations.searchObservations(insurer(former), all)).extracting(o -> o.getIdentifierFirstRep().getValue())
                .containsExactly("former-1");

        // single use
        String again = link(details(code), session).getResponse().getContentAsString();
        assertThat(again).contains("この招待コードはすでに使われています");
    }

    String name(UUID tenant) {
        return jdbc.sql("select name from plat_tenant where id = ?").param(tenant).query(String.class).single();
    }

    @Test
    @DisplayName("別の保険者のカード・別人の生年月日・期限切れのコード・事業主の利用者は断られ、何も変わらない")
    void anotherInsurersCardAnotherPersonsBirthDateAnExpiredCodeAndTenantUsersAreRefusedAndNothingChanges() throws Exception {
        String code = invite();
        // the code of the current insurer with the former insurer's card: the generic answer, audited there
        Map<String, String> otherCard = details(code);
        otherCard.put("insurerNumber", "06130012");
        otherCard.put("symbol", "健001");
        otherCard.put("number", formerNumber);
        assertThat(link(otherCard, session).getResponse().getContentAsString()).contains("入力された内容では記録をつなげられませんでした");
        assertThat(count("select count(*) from plat_audit_event where action = 'PHR_JOIN_FAILED' and tenant_id = ? and details->>'reason' = 'noMatch'",
                current.tenantId())).isEqualTo(1);

        // the right code and card, but the account's records are of someone born on another day
        jdbc.sql("update phr_person set birth_date = '1990-01-01' where id = ?").param(own).update();
        assertThat(link(details(code), session).getResponse().getContentAsString()).contains("生年月日が異なるため");
        jdbc.sql("update phr_person set birth_date = '1980-05-06' where id = ?").param(own).update();

        // expired
        jdbc.sql("update phr_member_invitation set created_at = now() - interval '31 days', expires_at = now() - interval '1 day'"
                + " where tenant_id = ?").param(current.tenantId()).update();
        assertThat(link(details(code), session).getResponse().getContentAsString()).contains("有効期限が切れています");

        // an employer's user cannot reach the page
        Accounts.Account hr = accounts.withRole(Role.HR_STAFF);
        assertThat(link(details(code), Accounts.signIn(mvc, hr.email())).getResponse().getStatus()).isEqualTo(403);

        // nothing changed: two persons, one membership each, the code unused, the invited member unlinked
        assertThat(count("select count(*) from phr_membership where person_id = ?", own)).isEqualTo(1);
        assertThat(count("select count(*) from phr_membership where person_id = ?", invited)).isEqualTo(1);
        assertThat(count("select count(*) from phr_member_invitation where tenant_id = ? and used_at is not null", current.tenantId())).isZero();
        assertThat(jdbc.sql("select personal_tenant_id from phr_person where id = ?").param(invited).query(UUID.class).optional()).isEmpty();
    }

    @Test
    @DisplayName("失敗が続くと /join と同じ規則で待たされ、正しい入力でもつながらず、失敗はすべて監査に残る")
    void failuresAreThrottledAsAtSignUpAndAudited() throws Exception {
        String code = invite();
        Map<String, String> wrong = details(code);
        wrong.put("birthDate", "1999-01-01");
        for (int i = 0; i < 5; i++) {
            assertThat(link(wrong, session).getResponse().getContentAsString()).contains("入力された内容では記録をつなげられませんでした");
        }
        // the fifth failure started a delay for this member (the rule join-member, shared with the sign-up)
        assertThat(link(details(code), session).getResponse().getContentAsString()).contains("しばらく待ってから");
        assertThat(count("select count(*) from phr_person where id = ?", invited)).as("nothing merged").isEqualTo(1);
        assertThat(count("select count(*) from plat_audit_event where action = 'PHR_JOIN_FAILED' and tenant_id = ?", current.tenantId()))
                .as("every failed attempt is audited").isEqualTo(5);
    }

    @Test
    @DisplayName("記録のまだないアカウントは、コードで加入者の記録にそのままつながる")
    void anAccountWithoutRecordsIsLinkedToTheInvitedMember() throws Exception {
        Accounts.Account fresh = accounts.withRole(Role.INDIVIDUAL);
        Cookie freshSession = Accounts.signIn(mvc, fresh.email());
        assertThat(mvc.perform(get("/me/records").cookie(freshSession)).andReturn().getResponse().getContentAsString()).contains("/me/link");
        MvcResult done = link(details(invite()), freshSession);
        assertThat(done.getFlashMap().get("done")).isEqualTo("phr.link.done");
        assertThat(jdbc.sql("select personal_tenant_id from phr_person where id = ?").param(invited).query(UUID.class).single())
                .isEqualTo(fresh.tenantId());
        assertThat(count("select count(*) from phr_person where id = ?", own)).as("the other account's person untouched").isEqualTo(1);
    }
}
