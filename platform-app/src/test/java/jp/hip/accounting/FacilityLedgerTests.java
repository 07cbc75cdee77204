package jp.hip.accounting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import jp.hip.Accounts;
import jp.hip.PlatformTest;
import jp.hip.accounting.depreciation.AssetClass;
import jp.hip.accounting.depreciation.Depreciation;
import jp.hip.accounting.depreciation.DepreciationMethod;
import jp.hip.accounting.depreciation.DepreciationRounding;
import jp.hip.accounting.depreciation.SharedUseBasis;
import jp.hip.accounting.facilities.FacilityLedger;
import jp.hip.accounting.ledger.ExpenseType;
import jp.hip.accounting.ledger.PurposeCategory;
import jp.hip.identity.CurrentTenant;
import jp.hip.identity.Role;
import jp.hip.identity.TenantKind;

/**
 * Facilities as a 固定資産台帳 against the real schema: tax depreciation per 年度, one facility-year apportioned
 * once among measures (ADR 0025), the rounding rule, edit and delete, the ledger page, tenant scoping.
 */
@PlatformTest
class FacilityLedgerTests {

    static final FiscalYear FY = FiscalYear.of(2025);

    @Autowired
    HealthAccounting accounting;

    @Autowired
    FacilityLedger ledger;

    @Autowired
    Accounts accounts;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MockMvc mvc;

    UUID company;
    UUID other;

    @BeforeEach
    void companies() {
        company = accounts.tenant(TenantKind.COMPANY);
        other = accounts.tenant(TenantKind.COMPANY);
    }

    <T> T as(UUID tenant, java.util.function.Supplier<T> work) {
        return CurrentTenant.runAs(tenant, work);
    }

    UUID measure(FiscalYear year, String name) {
        return as(company, () -> accounting.createMeasure(year, new HealthAccounting.MeasureCommand(name, null,
                PurposeCategory.POPULATION, Set.of(1), Set.of(), 10)));
    }

    /** 200%定率法 n=10 from 2024-04-01, 1,000,000円, 50 % health use: 2025年度 depreciation 160,000, health share 80,000. */
    UUID gym() {
        return as(company, () -> ledger.create(new HealthAccounting.FacilityCommand("フィットネスルーム",
                new Depreciation(Yen.of(1_000_000), LocalDate.of(2024, 4, 1), 10, DepreciationMethod.DECLINING_BALANCE,
                        AssetClass.EQUIPMENT, new BigDecimal("0.5"), SharedUseBasis.FLOOR_AREA), null)));
    }

    @Test
    void aFacilityYearIsApportionedOnceAmongItsMeasures() {
        UUID gym = gym();
        UUID walking = measure(FY, "ウォーキング");
        UUID seminar = measure(FY, "セミナー");
        UUID third = measure(FY, "ヨガ");
        UUID a = as(company, () -> ledger.addDepreciationLine(walking, gym, new BigDecimal("0.6")));
        UUID b = as(company, () -> ledger.addDepreciationLine(seminar, gym, new BigDecimal("0.4")));
        assertThat(as(company, () -> accounting.line(a)).orElseThrow().amount()).isEqualTo(Yen.of(48_000));
        assertThat(as(company, () -> accounting.line(b)).orElseThrow().amount()).isEqualTo(Yen.of(32_000));
        // 100 % is used: a third line, or the same measure again, is refused and says what is left
        assertThatThrownBy(() -> as(company, () -> ledger.addDepreciationLine(third, gym, new BigDecimal("0.01"))))
                .isInstanceOf(FacilityLedger.ShareExceeded.class).hasMessage("accounting.facility.shareExceeded")
                .satisfies(e -> assertThat(((FacilityLedger.ShareExceeded) e).remainingPercent()).isEqualTo("0"));
        assertThatThrownBy(() -> as(company, () -> accounting.addDepreciationLine(walking, gym)))
                .hasMessage("accounting.facility.shareExceeded");
        assertThat(jdbc.queryForObject("select count(*) from acc_investment_line where tenant_id = ? and facility_id = ?",
                Integer.class, company, gym)).isEqualTo(2);
        // the year's total depreciation line amount equals the facility's health share, counted once
        assertThat(as(company, () -> accounting.totalsByExpenseType(FY)).get(ExpenseType.DEPRECIATION)).isEqualTo(Yen.of(80_000));
        var view = as(company, () -> ledger.facilities(FY)).get(0);
        assertThat(view.healthShareThisYear()).isEqualTo(Yen.of(80_000));
        assertThat(view.apportionedThisYear()).isEqualByComparingTo("1");
        // another year has its own 100 %
        UUID next = measure(FY.next(), "ウォーキング");
        UUID c = as(company, () -> accounting.addDepreciationLine(next, gym));
        assertThat(as(company, () -> accounting.line(c)).orElseThrow().amount()).isEqualTo(Yen.of(64_000)); // 128,000 × 0.5
    }

    @Test
    void aPartialShareLeavesTheRestAndTheMessageSaysHowMuch() {
        UUID gym = gym();
        as(company, () -> ledger.addDepreciationLine(measure(FY, "A"), gym, new BigDecimal("0.75")));
        assertThatThrownBy(() -> as(company, () -> ledger.addDepreciationLine(measure(FY, "B"), gym, new BigDecimal("0.5"))))
                .satisfies(e -> assertThat(((FacilityLedger.ShareExceeded) e).remainingPercent()).isEqualTo("25"));
        assertThatThrownBy(() -> as(company, () -> ledger.addDepreciationLine(measure(FY, "C"), gym, new BigDecimal("1.5"))))
                .hasMessage("accounting.facility.shareExceeded");
        assertThatThrownBy(() -> as(company, () -> ledger.addDepreciationLine(measure(FY, "D"), gym, BigDecimal.ZERO)))
                .hasMessage("accounting.facility.shareInvalid");
    }

    @Test
    void aDepreciationLineBeforeAcquisitionIsRefused() {
        UUID gym = gym();
        UUID early = measure(FiscalYear.of(2023), "前年度の施策");
        assertThatThrownBy(() -> as(company, () -> accounting.addDepreciationLine(early, gym)))
                .hasMessage("accounting.facility.beforeAcquisition");
        assertThat(jdbc.queryForObject("select count(*) from acc_investment_line where tenant_id = ?", Integer.class, company)).isZero();
    }

    @Test
    void changingTheRoundingRuleOrTheFacilityRecomputesItsLinesAndIsAudited() {
        UUID canteen = as(company, () -> ledger.create(new HealthAccounting.FacilityCommand("食堂",
                new Depreciation(Yen.of(1_000_001), LocalDate.of(2024, 4, 1), 10, DepreciationMethod.STRAIGHT_LINE,
                        AssetClass.BUILDING_EQUIPMENT, BigDecimal.ONE, SharedUseBasis.USERS), null)));
        UUID line = as(company, () -> accounting.addDepreciationLine(measure(FY, "食堂"), canteen));
        assertThat(as(company, () -> accounting.line(line)).orElseThrow().amount()).isEqualTo(Yen.of(100_000)); // 100,000.1 ↓
        as(company, () -> {
            ledger.changeRounding(DepreciationRounding.UP);
            return null;
        });
        assertThat(as(company, () -> accounting.line(line)).orElseThrow().amount()).isEqualTo(Yen.of(100_001));
        assertThat(jdbc.queryForObject("select count(*) from plat_audit_event where tenant_id = ? and action = 'ACC_ROUNDING_CHANGED'",
                Integer.class, company)).isEqualTo(1);
        as(company, () -> {
            ledger.change(canteen, new HealthAccounting.FacilityCommand("社員食堂", new Depreciation(Yen.of(2_000_000),
                    LocalDate.of(2024, 4, 1), 10, DepreciationMethod.STRAIGHT_LINE, AssetClass.BUILDING_EQUIPMENT, BigDecimal.ONE,
                    SharedUseBasis.USERS), "改装"));
            return null;
        });
        var changed = as(company, () -> accounting.line(line)).orElseThrow();
        assertThat(changed.amount()).isEqualTo(Yen.of(200_000));
        assertThat(changed.description()).isEqualTo("社員食堂");
        // a change that would put an existing line before acquisition is refused, nothing changed
        assertThatThrownBy(() -> as(company, () -> {
            ledger.change(canteen, new HealthAccounting.FacilityCommand("社員食堂", new Depreciation(Yen.of(2_000_000),
                    LocalDate.of(2026, 4, 1), 10, DepreciationMethod.STRAIGHT_LINE, BigDecimal.ONE, SharedUseBasis.USERS), null));
            return null;
        })).hasMessage("accounting.facility.beforeAcquisition");
        assertThat(as(company, () -> accounting.line(line)).orElseThrow().amount()).isEqualTo(Yen.of(200_000));
        // 建物附属設備 from 2016-04 cannot take 定率法
        assertThatThrownBy(() -> as(company, () -> ledger.create(new HealthAccounting.FacilityCommand("空調",
                new Depreciation(Yen.of(1_000_000), LocalDate.of(2020, 4, 1), 15, DepreciationMethod.DECLINING_BALANCE,
                        AssetClass.BUILDING_EQUIPMENT, BigDecimal.ONE, SharedUseBasis.USERS), null))))
                .hasMessage("accounting.facility.methodNotAllowed");
        // in use: cannot be deleted; after the line goes, it can
        assertThatThrownBy(() -> as(company, () -> {
            ledger.delete(canteen);
            return null;
        })).hasMessage("accounting.facility.inUse");
        as(company, () -> {
            accounting.deleteLine(line);
            ledger.delete(canteen);
            return null;
        });
        assertThat(as(company, () -> ledger.ledger(canteen))).isEmpty();
    }

    @Test
    void anotherCompanyCannotReadChangeOrUseTheFacility() {
        UUID gym = gym();
        assertThat(as(other, () -> ledger.ledger(gym))).isEmpty();
        UUID theirs = as(other, () -> accounting.createMeasure(FY, new HealthAccounting.MeasureCommand("他社", null,
                PurposeCategory.POPULATION, Set.of(1), Set.of(), 1)));
        assertThatThrownBy(() -> as(other, () -> ledger.addDepreciationLine(theirs, gym, BigDecimal.ONE)))
                .hasMessage("accounting.facility.unknown");
        assertThatThrownBy(() -> as(other, () -> {
            ledger.delete(gym);
            return null;
        })).hasMessage("accounting.notFound");
    }

    @Test
    void theFacilityPageShowsTheLedgerRowPerYearAndRefusesAnotherCompany() throws Exception {
        UUID gym = gym();
        Cookie hr = Accounts.signIn(mvc, accounts.user(company, Role.HR_STAFF).email());
        String page = mvc.perform(get("/company/facilities/" + gym).cookie(hr)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(page).contains("200%定率法", "1,000,000円", "800,000円", "160,000円", "262,144円", "65,535円");
        assertThat(page).contains("data-year=\"2030\""); // 改定 from 2030年度 (year 7)
        Cookie stranger = Accounts.signIn(mvc, accounts.user(other, Role.HR_STAFF).email());
        mvc.perform(get("/company/facilities/" + gym).cookie(stranger)).andExpect(status().isNotFound());
        // bad input: every error beside its field, nothing written
        String refused = mvc.perform(post("/company/facilities").with(csrf()).cookie(hr).param("name", "")
                .param("cost", "1,000,000").param("acquiredOn", "2024-04-01").param("life", "60").param("method", "STRAIGHT_LINE")
                .param("assetClass", "EQUIPMENT").param("ratio", "1").param("basis", "USERS"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("has-error");
        // a share over 100 % on the measure page: refused with the message naming what is left
        UUID m = measure(FY, "ジム運営");
        mvc.perform(post("/company/measures/" + m + "/depreciation-lines").with(csrf()).cookie(hr).param("facilityId", gym.toString())
                .param("share", "70%")).andExpect(status().is3xxRedirection());
        String after = mvc.perform(post("/company/measures/" + m + "/depreciation-lines").with(csrf()).cookie(hr)
                .param("facilityId", gym.toString()).param("share", "50%")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(after).contains("残りは30%です。", "id=\"depreciation-section\"");
        // delete asks first
        String confirm = mvc.perform(get("/company/facilities/" + gym + "/delete").cookie(hr)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(confirm).contains("フィットネスルーム", "/company/facilities/" + gym + "/delete");
    }
}
