package jp.hip.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import jp.hip.Accounts;
import jp.hip.PlatformTest;
import jp.hip.identity.IdentityManagement;
import jp.hip.phr.Accessor;
import jp.hip.phr.ObservationQuery;
import jp.hip.phr.aggregates.MembersOverviews;
import jp.hip.phr.observations.PhrObservations;
import jp.hip.phr.persons.PhrPersons;

/**
 * Issue 17, "Done when", in the run command's demo: the insurer's members overview counts every member with
 * checkups (法令, not only those who consented); the employer reads only the employees who consented; 山田 太郎's
 * page lists each holder with its basis; and the README's printed invitation signs a member up.
 */
@PlatformTest
@org.springframework.test.context.ActiveProfiles("demo")
class PhrDoneWhenDemoTests {

    @Autowired MockMvc mvc;
    @Autowired IdentityManagement identity;
    @Autowired MembersOverviews overviews;
    @Autowired PhrObservations observations;
    @Autowired PhrPersons persons;
    @Autowired JdbcClient jdbc;

    @Test
    void theInsurerCountsAllItsMembersWithCheckupsByLawAndTheEmployerSeesOnlyConsentingEmployees() {
        UUID insurer = identity.tenantNamed(DemoData.INSURER).orElseThrow().id();
        UUID company = identity.tenantNamed(DemoData.COMPANY).orElseThrow().id();
        var overview = overviews.membersOverview(Accessor.tenant(insurer, "test", "テスト", Accessor.Channel.PAGE), 2024);
        long withCheckups = jdbc.sql("""
                select count(distinct o.person_id) from phr_observation o join phr_membership m on m.person_id = o.person_id
                 where m.tenant_id = ? and o.tenant_id = ? and o.data_category = 'CHECKUP'
                   and o.effective_start >= '2024-04-01' and o.effective_start < '2025-04-01'""")
                .params(insurer, insurer).query(Long.class).single();
        assertThat(withCheckups).isEqualTo(PhrDemoData.PERSONS);
        assertThat(overview.members()).isEqualTo(PhrDemoData.PERSONS);
        assertThat(overview.consenting()).as("some members did not consent").isLessThan(PhrDemoData.PERSONS);
        assertThat(overview.examined()).as("counted by law (法令), consent or not").isEqualTo((int) withCheckups);

        Set<UUID> consenting = Set.copyOf(jdbc.sql("""
                select distinct person_id from phr_consent where recipient_tenant_id = ? and status = 'active'
                   and decision = 'permit' and superseded_at is null""").param(company).query(UUID.class).list());
        Accessor employer = Accessor.tenant(company, "test", "テスト", Accessor.Channel.API);
        List<UUID> employees = persons.memberIds(company);
        assertThat(employees).hasSize(PhrDemoData.PERSONS);
        Set<UUID> seen = employees.stream().filter(p -> !observations.searchObservations(employer, anything(p)).isEmpty())
                .collect(Collectors.toSet());
        assertThat(seen).isNotEmpty().isEqualTo(consenting.stream().filter(employees::contains).collect(Collectors.toSet()));
        assertThat(seen).hasSizeLessThan(PhrDemoData.PERSONS);
    }

    static ObservationQuery anything(UUID person) {
        return new ObservationQuery(Optional.of(person), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                true, Optional.empty(), false, 1, 0);
    }

    @Test
    void yamadaTaroSeesEachHolderWithItsBasis() throws Exception {
        Cookie session = Accounts.signIn(mvc, "taro@example.jp", DemoData.PASSWORD, "SESSION");
        String page = mvc.perform(get("/me/consents").cookie(session)).andReturn().getResponse().getContentAsString();
        String holders = page.substring(page.indexOf("id=\"holders\""), page.indexOf("</ul>", page.indexOf("id=\"holders\"")));
        assertThat(holders).contains(DemoData.INSURER, "法令（高齢者医療確保法 第20条・第24条）", DemoData.COMPANY, "法令（労働安全衛生法 第66条）");
        assertThat(holders.indexOf(DemoData.COMPANY)).isLessThan(holders.indexOf("法令（労働安全衛生法"));
    }

    @Test
    void theReadmesPrintedInvitationSignsTheDemoMemberUp() throws Exception {
        String email = "suzuki-" + UUID.randomUUID() + "@example.jp";
        var response = mvc.perform(post("/join").with(csrf()).param("card.insurerNumber", "06130012").param("card.symbol", "健001")
                .param("card.number", PhrDemoData.JOIN_NUMBER).param("card.branch", "00").param("card.birthDate", "1972-07-09")
                .param("card.code", PhrDemoData.JOIN_CODE).param("email", email).param("password", DemoData.PASSWORD)
                .param("passwordConfirmation", DemoData.PASSWORD)).andReturn().getResponse();
        assertThat(response.getRedirectedUrl()).as(response.getContentAsString()).isEqualTo("/login?joined");
        Cookie session = Accounts.signIn(mvc, email, DemoData.PASSWORD, "SESSION");
        assertThat(mvc.perform(get("/me/consents").cookie(session)).andReturn().getResponse().getContentAsString())
                .contains(DemoData.INSURER, "法令（高齢者医療確保法");
    }
}
