package jp.hip.collabo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import jp.hip.Accounts;
import jp.hip.PlatformTest;
import jp.hip.collabo.LinkView.Status;
import jp.hip.identity.TenantKind;
import jp.hip.phr.Establishment;
import jp.hip.phr.persons.PhrPersons;

/** The link's lifecycle: propose, accept, name 事業所, group into 事業主, end; bad input changes nothing. */
@PlatformTest
class CollaboLinkTests {

    @Autowired Accounts accounts;
    @Autowired CollaboLinks links;
    @Autowired PhrPersons records;
    @Autowired JdbcClient jdbc;

    UUID company;
    UUID insurer;
    Actor hr;
    Actor staff;

    @BeforeEach
    void setUp() {
        company = accounts.tenant(TenantKind.COMPANY);
        insurer = accounts.tenant(TenantKind.INSURER);
        hr = new Actor(company, TenantKind.COMPANY, "hr", "人事 担当");
        staff = new Actor(insurer, TenantKind.INSURER, "staff", "保険者 担当");
        UUID person = records.registerMember(insurer, new PhrPersons.NewMember("山田", "太郎", null, null,
                LocalDate.of(1970, 1, 1), "male", "06130012", "1", UUID.randomUUID().toString().substring(0, 8)));
        records.registerEmployee(company, person, new Establishment("1301-000001-1", "本社"));
        UUID other = records.registerMember(insurer, new PhrPersons.NewMember("佐藤", "花子", null, null,
                LocalDate.of(1972, 1, 1), "female", "06130012", "1", UUID.randomUUID().toString().substring(0, 8)));
        records.registerEmployee(company, other, new Establishment("1301-000002-2", "工場"));
    }

    int auditEvents(UUID tenant, String action) {
        return jdbc.sql("select count(*) from plat_audit_event where tenant_id = ? and action = ?")
                .params(tenant, action).query(Integer.class).single();
    }

    @Test
    void proposedByTheCompanyAcceptedByTheInsurerNamedGroupedAndEnded() {
        UUID id = links.propose(hr, insurer.toString());
        assertThat(links.link(staff, id).orElseThrow().status()).isEqualTo(Status.PROPOSED);
        assertThat(links.link(staff, id).orElseThrow().acceptableBy(Side.INSURER)).isTrue();
        assertThatThrownBy(() -> links.accept(hr, id)).hasMessage("collabo.link.ownProposal");

        links.accept(staff, id);
        assertThat(links.link(hr, id).orElseThrow().status()).isEqualTo(Status.ACTIVE);
        assertThatThrownBy(() -> links.accept(staff, id)).hasMessage("collabo.link.alreadyAccepted");

        links.nameEstablishments(hr, id, List.of("1301-000001-1", "1301-000002-2"));
        LinkView named = links.link(staff, id).orElseThrow();
        assertThat(named.employerGroups()).hasSize(1);
        assertThat(named.establishments()).extracting(LinkView.EstablishmentView::name).containsExactlyInAnyOrder("本社", "工場");

        links.groupEstablishments(staff, id, Map.of("1301-000002-2", "工場グループ"));
        assertThat(links.link(hr, id).orElseThrow().employerGroups()).hasSize(2);

        links.end(staff, id);
        LinkView ended = links.link(hr, id).orElseThrow();
        assertThat(ended.status()).isEqualTo(Status.ENDED);
        assertThat(ended.endedBy()).isEqualTo(Side.INSURER);
        assertThatThrownBy(() -> links.end(hr, id)).hasMessage("collabo.link.ended");

        for (String action : List.of("COLLABO_LINK_PROPOSED", "COLLABO_LINK_ACCEPTED", "COLLABO_LINK_ESTABLISHMENTS_NAMED",
                "COLLABO_LINK_GROUPED", "COLLABO_LINK_ENDED")) {
            assertThat(auditEvents(company, action)).as(action).isEqualTo(1);
            assertThat(auditEvents(insurer, action)).as(action).isEqualTo(1);
        }
        // a new proposal is possible once the old link has ended
        assertThat(links.propose(staff, company.toString())).isNotEqualTo(id);
    }

    @Test
    void refusesAPartnerOfTheWrongKindAnUnknownIdAndASecondOpenLink() {
        UUID otherCompany = accounts.tenant(TenantKind.COMPANY);
        UUID association = accounts.tenant(TenantKind.ASSOCIATION);
        assertThatThrownBy(() -> links.propose(hr, otherCompany.toString())).hasMessage("collabo.link.wrongKind.insurer");
        assertThatThrownBy(() -> links.propose(hr, association.toString())).hasMessage("collabo.link.wrongKind.insurer");
        assertThatThrownBy(() -> links.propose(staff, insurer.toString())).hasMessage("collabo.link.wrongKind.company");
        assertThatThrownBy(() -> links.propose(hr, "not-an-id")).hasMessage("collabo.link.partnerUnknown");
        assertThatThrownBy(() -> links.propose(hr, UUID.randomUUID().toString())).hasMessage("collabo.link.partnerUnknown");
        assertThat(links.links(hr)).isEmpty();

        links.propose(hr, insurer.toString());
        assertThatThrownBy(() -> links.propose(staff, company.toString())).hasMessage("collabo.link.exists");
        assertThat(links.links(staff)).hasSize(1);
    }

    @Test
    void refusesAnotherCompanysEstablishmentAndChangesNothing() {
        UUID id = links.propose(staff, company.toString());
        links.accept(hr, id);
        links.nameEstablishments(hr, id, List.of("1301-000001-1"));
        UUID otherCompany = accounts.tenant(TenantKind.COMPANY);
        UUID person = records.registerMember(insurer, new PhrPersons.NewMember("鈴木", "一郎", null, null,
                LocalDate.of(1970, 1, 1), "male", "06130012", "1", UUID.randomUUID().toString().substring(0, 8)));
        records.registerEmployee(otherCompany, person, new Establishment("9999-000009-9", "他社の本社"));

        assertThatThrownBy(() -> links.nameEstablishments(hr, id, List.of("1301-000001-1", "9999-000009-9")))
                .isInstanceOf(CollaboException.class).hasMessage("collabo.link.establishmentNotOwn")
                .satisfies(e -> assertThat(((CollaboException) e).args()).containsExactly("9999-000009-9"));
        assertThat(links.link(hr, id).orElseThrow().establishments()).extracting(LinkView.EstablishmentView::number)
                .containsExactly("1301-000001-1");
        assertThatThrownBy(() -> links.nameEstablishments(staff, id, List.of("1301-000001-1"))).hasMessage("collabo.link.companyOnly");
        assertThatThrownBy(() -> links.groupEstablishments(staff, id, Map.of("9999-000009-9", "x")))
                .hasMessage("collabo.link.establishmentNotInLink");
    }

    @Test
    void anotherTenantCannotSeeOrTouchTheLink() {
        UUID id = links.propose(hr, insurer.toString());
        Actor otherInsurer = new Actor(accounts.tenant(TenantKind.INSURER), TenantKind.INSURER, "x", "x");
        Actor otherCompany = new Actor(accounts.tenant(TenantKind.COMPANY), TenantKind.COMPANY, "y", "y");
        assertThat(links.link(otherInsurer, id)).isEmpty();
        assertThat(links.links(otherInsurer)).isEmpty();
        assertThatThrownBy(() -> links.accept(otherInsurer, id)).hasMessage("collabo.notFound");
        assertThatThrownBy(() -> links.end(otherCompany, id)).hasMessage("collabo.notFound");
        assertThat(links.link(staff, id).orElseThrow().status()).isEqualTo(Status.PROPOSED);
    }
}
