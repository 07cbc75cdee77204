package jp.hip.collabo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import jp.hip.PlatformTest;
import jp.hip.accounting.ledger.ExpenseType;
import jp.hip.accounting.FiscalYear;
import jp.hip.accounting.HealthAccounting;
import jp.hip.accounting.ledger.PurposeCategory;
import jp.hip.accounting.ledger.ResourceView;
import jp.hip.accounting.Yen;
import jp.hip.identity.CurrentTenant;

/** 特定保健指導 CSV (all or nothing, non-members refused, BOM and Windows-31J) and sharing investment with a linked insurer only. */
@PlatformTest
class GuidanceAndInvestmentTests {

    @Autowired CollaboFixture fixture;
    @Autowired GuidanceRecords guidance;
    @Autowired InvestmentOutcomes investments;
    @Autowired HealthAccounting accounting;
    @Autowired JdbcClient jdbc;

    CollaboFixture.Parties p;
    String member;

    @BeforeEach
    void setUp() {
        p = fixture.linked("G-1");
        UUID person = fixture.employee(p.insurer(), p.company(), "G-1", LocalDate.of(1970, 5, 5), "female");
        member = fixture.numberOf(p.insurer(), person);
    }

    int stored() {
        return jdbc.sql("select count(*) from collabo_guidance where insurer_tenant_id = ?").param(p.insurer()).query(Integer.class).single();
    }

    @Test
    void importsAllRowsOrNoneAndNamesTheRowOfANonMember() {
        String header = String.join(",", GuidanceRecords.HEADER) + "\r\n";
        String good = "2024,健1," + member + ",動機付け支援,2024/8/1,2025-02-01\r\n";
        GuidanceRecords.ImportResult refused = guidance.importCsv(p.staff(),
                ("\uFEFF" + header + good + "2024,健1,99999999,積極的支援,2024-08-01,\r\n").getBytes(StandardCharsets.UTF_8));
        assertThat(refused.ok()).isFalse();
        assertThat(refused.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.row()).isEqualTo(3);
            assertThat(problem.column()).isEqualTo("番号");
            assertThat(problem.messageKey()).isEqualTo("collabo.guidance.nonMember");
        });
        assertThat(stored()).isZero();

        GuidanceRecords.ImportResult bad = guidance.importCsv(p.staff(), (header
                + "2024,健1," + member + ",指導,2024-13-01,2024-01-01\r\n").getBytes(StandardCharsets.UTF_8));
        assertThat(bad.problems()).extracting(GuidanceRecords.Problem::column).containsExactly("支援レベル", "初回面接日", "初回面接日");
        assertThat(stored()).isZero();

        GuidanceRecords.ImportResult ok = guidance.importCsv(p.staff(), (header + good).getBytes(Charset.forName("Windows-31J")));
        assertThat(ok.ok()).isTrue();
        assertThat(stored()).isEqualTo(1);
        assertThat(guidance.summary(p.staff())).singleElement().satisfies(y -> {
            assertThat(y.fiscalYear()).isEqualTo(2024);
            assertThat(y.completed()).isEqualTo(1);
        });
        assertThatThrownBy(() -> guidance.importCsv(p.hr(), (header + good).getBytes(StandardCharsets.UTF_8)))
                .hasMessage("collabo.report.insurerOnly");
    }

    @Test
    void sharesTheInvestmentOnlyWithALinkedInsurerAndWithdrawsIt() {
        CurrentTenant.runAs(p.company(), () -> {
            UUID measure = accounting.createMeasure(FiscalYear.of(2024), new HealthAccounting.MeasureCommand("禁煙チャレンジ", "",
                    PurposeCategory.HIGH_RISK, Set.of(1, 2), Set.of(), 30));
            return accounting.addLine(measure, new HealthAccounting.LineCommand("禁煙外来の補助", ExpenseType.OTHER,
                    ResourceView.OTHER, Yen.of(600_000), "精算書"));
        });
        CollaboFixture.Parties other = fixture.linked("H-1");
        // a link of another company, an unknown link, a proposal not yet accepted: all refused, nothing shared
        assertThatThrownBy(() -> share(p.hr(), other.linkId())).hasMessage("collabo.investment.notLinked");
        assertThatThrownBy(() -> share(p.hr(), UUID.randomUUID())).hasMessage("collabo.investment.notLinked");
        assertThatThrownBy(() -> share(p.staff(), p.linkId())).hasMessage("collabo.link.companyOnly");
        assertThat(jdbc.sql("select count(*) from collabo_investment_share where company_tenant_id = ?").param(p.company())
                .query(Integer.class).single()).isZero();

        share(p.hr(), p.linkId());
        InvestmentOutcomes.View seen = investments.view(p.staff(), p.linkId());
        assertThat(seen.anyShared()).isTrue();
        // 600,000 yen split equally between issues 1 and 2
        assertThat(seen.issues().stream().filter(i -> i.issueKey().equals("2")).findFirst().orElseThrow().yenByYear())
                .containsEntry(2024, 300_000L);
        assertThat(seen.issues().stream().filter(i -> i.issueKey().equals("2")).findFirst().orElseThrow().outcomes())
                .extracting(InvestmentOutcomes.OutcomeTrend::metricKey).contains("OBESITY", "BLOOD_PRESSURE", "GLUCOSE");
        assertThatThrownBy(() -> investments.view(other.staff(), p.linkId())).hasMessage("collabo.notFound");

        investments.withdraw(p.hr(), p.linkId(), 2024);
        assertThat(investments.view(p.staff(), p.linkId()).anyShared()).isFalse();
        assertThat(investments.shares(p.staff(), p.linkId())).isEmpty();
        assertThat(investments.shares(p.hr(), p.linkId())).singleElement().satisfies(s -> assertThat(s.withdrawnAt()).isNotNull());
        assertThatThrownBy(() -> investments.withdraw(p.hr(), p.linkId(), 2024)).hasMessage("collabo.investment.notSharedYear");
    }

    private void share(Actor actor, UUID link) {
        CurrentTenant.runAs(actor.tenantId(), () -> {
            investments.share(actor, link, 2024);
            return null;
        });
    }
}
