package jp.hip.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import jp.hip.PlatformTest;
import jp.hip.collabo.Actor;
import jp.hip.collabo.CollaboLinks;
import jp.hip.collabo.EmployerReport;
import jp.hip.collabo.EmployerReports;
import jp.hip.collabo.InvestmentOutcomes;
import jp.hip.collabo.LinkView;
import jp.hip.identity.IdentityManagement;
import jp.hip.identity.TenantKind;

/** The run command's コラボヘルス demo (issue 12 §7): linked, three years of reports, a comment thread, a small 事業主 refused. */
@PlatformTest
@org.springframework.test.context.ActiveProfiles("demo")
class CollaboDemoDataTests {

    @Autowired IdentityManagement identity;
    @Autowired CollaboLinks links;
    @Autowired EmployerReports reports;
    @Autowired InvestmentOutcomes investments;

    @Test
    void sakuraIsLinkedWithThreeYearsOfReportsACommentThreadAndASmallEmployerRefused() {
        UUID insurer = identity.tenantNamed(DemoData.INSURER).orElseThrow().id();
        UUID company = identity.tenantNamed(DemoData.COMPANY).orElseThrow().id();
        Actor kenpo = new Actor(insurer, TenantKind.INSURER, "test", "test");
        Actor hr = new Actor(company, TenantKind.COMPANY, "test", "test");
        List<LinkView> all = links.links(kenpo);
        LinkView sakura = all.stream().filter(l -> l.companyTenantId().equals(company)).findFirst().orElseThrow();
        assertThat(sakura.status()).isEqualTo(LinkView.Status.ACTIVE);
        assertThat(sakura.employerGroups()).containsExactlyInAnyOrder(DemoData.COMPANY, CollaboDemoData.SMALL_GROUP);
        assertThat(all).anyMatch(l -> l.companyName().equals(DemoData.OTHER_COMPANY) && l.status() == LinkView.Status.PROPOSED);

        List<EmployerReport> shared = reports.reports(hr);
        assertThat(shared).extracting(EmployerReport::fiscalYear).containsExactlyInAnyOrder(2022, 2023, 2024);
        EmployerReport latest = shared.stream().filter(r -> r.fiscalYear() == 2024).findFirst().orElseThrow();
        assertThat(latest.status()).isEqualTo(EmployerReport.Status.SHARED);
        assertThat(latest.content().eligible().numerator()).isGreaterThanOrEqualTo(50);
        assertThat(latest.content().checkup().current().isShown()).isTrue();
        // the demo's 特定健診 carry the 問診 (coded items), so the lifestyle ratios are computed, not 「-」
        assertThat(latest.content().lifestyles()).anyMatch(ratio -> ratio.current().isShown());
        assertThat(reports.comments(hr, latest.id())).hasSize(3);
        assertThat(shared.stream().filter(r -> r.fiscalYear() < 2024)).allMatch(r -> r.status() == EmployerReport.Status.ACKNOWLEDGED);

        assertThatThrownBy(() -> reports.build(kenpo, sakura.id(), CollaboDemoData.SMALL_GROUP, 2024))
                .hasMessage("collabo.report.tooSmall");
        assertThat(investments.view(kenpo, sakura.id()).anyShared()).isTrue();
    }
}
