package jp.hip.accounting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import jp.hip.Accounts;
import jp.hip.PlatformTest;
import jp.hip.accounting.analysis.Analysis;
import jp.hip.accounting.depreciation.Depreciation;
import jp.hip.accounting.depreciation.DepreciationMethod;
import jp.hip.accounting.depreciation.SharedUseBasis;
import jp.hip.accounting.indicators.BenefitKind;
import jp.hip.accounting.indicators.Direction;
import jp.hip.accounting.indicators.HealthIndicators;
import jp.hip.accounting.indicators.IndicatorTier;
import jp.hip.accounting.ledger.AllocationRule;
import jp.hip.accounting.ledger.ExpenseType;
import jp.hip.accounting.ledger.PersonnelRole;
import jp.hip.accounting.ledger.PersonnelTime;
import jp.hip.accounting.ledger.PurposeCategory;
import jp.hip.accounting.ledger.RateBasis;
import jp.hip.accounting.ledger.ResourceView;
import jp.hip.accounting.outputs.AccountingOutputs;
import jp.hip.identity.CurrentTenant;
import jp.hip.identity.TenantKind;

/** The facade against the real schema: measures, lines, time, facilities, allocation, outputs, tenant scoping. */
@PlatformTest
class HealthAccountingTests {

    static final FiscalYear FY = FiscalYear.of(2025);

    @Autowired
    HealthAccounting accounting;

    @Autowired
    HealthIndicators healthIndicators;

    @Autowired
    jp.hip.accounting.outputs.AccountingOutputs outputs;

    @Autowired
    Accounts accounts;

    @Autowired
    jp.hip.accounting.analysis.EfficiencyAnalyses efficiency;

    UUID companyA;
    UUID companyB;

    @BeforeEach
    void companies() {
        companyA = accounts.tenant(TenantKind.COMPANY);
        companyB = accounts.tenant(TenantKind.COMPANY);
    }

    <T> T as(UUID tenant, java.util.function.Supplier<T> work) {
        return CurrentTenant.runAs(tenant, work);
    }

    UUID measure(String name) {
        return as(companyA, () -> accounting.createMeasure(FY, new HealthAccounting.MeasureCommand(name, "説明",
                PurposeCategory.POPULATION, Set.of(1, 4), Set.of(), 100)));
    }

    @Test
    void linesAddUpByExpenseTypeAndMeasure() {
        UUID m = measure("ウォーキングイベント");
        as(companyA, () -> accounting.addLine(m, new HealthAccounting.LineCommand("歩数計アプリ利用料", ExpenseType.OUTSOURCING,
                ResourceView.OUTSOURCED, Yen.of(300_000), "請求書 2025-0012")));
        as(companyA, () -> accounting.addLine(m, new HealthAccounting.LineCommand("景品", ExpenseType.OTHER,
                ResourceView.OTHER, Yen.of(50_000), null)));
        var detail = as(companyA, () -> accounting.measure(m)).orElseThrow();
        assertThat(detail.measure().total()).isEqualTo(Yen.of(350_000));
        assertThat(detail.lines()).hasSize(2);
        assertThat(as(companyA, () -> accounting.totalsByExpenseType(FY)).get(ExpenseType.OUTSOURCING)).isEqualTo(Yen.of(300_000));
        assertThat(as(companyA, () -> accounting.totalsByExpenseType(FY.next())).get(ExpenseType.OUTSOURCING)).isEqualTo(Yen.ZERO);
    }

    @Test
    void timeLinesFollowTheirYearsPolicyAndKeepTheirRate() {
        UUID m = measure("健康セミナー");
        UUID lastYear = as(companyA, () -> accounting.createMeasure(FY.previous(), new HealthAccounting.MeasureCommand("健康セミナー",
                null, PurposeCategory.POPULATION, Set.of(1), Set.of(), 80)));
        var participants = new PersonnelTime(PersonnelRole.PARTICIPANT, new BigDecimal("1.5"), 80, Yen.of(3000), RateBasis.STANDARD_RATE);
        UUID first = as(companyA, () -> accounting.addTimeLine(m, new HealthAccounting.TimeCommand("受講時間", participants, null)));
        UUID previous = as(companyA, () -> accounting.addTimeLine(lastYear, new HealthAccounting.TimeCommand("受講時間", participants, null)));
        assertThat(as(companyA, () -> accounting.line(first)).orElseThrow().amount()).isEqualTo(Yen.ZERO);
        as(companyA, () -> {
            accounting.changePolicy(FY, new HealthAccounting.PolicyView(true, Yen.of(6_000_000), 240, 500));
            return null;
        });
        UUID second = as(companyA, () -> accounting.addTimeLine(m, new HealthAccounting.TimeCommand("受講時間", participants, null)));
        // the year's policy recomputed the earlier line: two identical lines, one figure
        assertThat(as(companyA, () -> accounting.line(first)).orElseThrow().amount()).isEqualTo(Yen.of(360_000));
        var line = as(companyA, () -> accounting.line(second)).orElseThrow();
        assertThat(line.amount()).isEqualTo(Yen.of(360_000));
        assertThat(line.expenseType()).isEqualTo(ExpenseType.PERSONNEL);
        assertThat(line.personnelTime().hourlyRate()).isEqualTo(Yen.of(3000));
        assertThat(line.personnelTime().rateBasis()).isEqualTo(RateBasis.STANDARD_RATE);
        // another year is never restated
        assertThat(as(companyA, () -> accounting.line(previous)).orElseThrow().amount()).isEqualTo(Yen.ZERO);
        assertThat(as(companyA, () -> accounting.policy(FY.previous())).includeParticipantTime()).isFalse();
        assertThat(as(companyA, () -> accounting.policy(FY)).employeeCount()).isEqualTo(500);
        // a later year without its own policy carries this one
        assertThat(as(companyA, () -> accounting.policy(FY.next())).employeeCount()).isEqualTo(500);
    }

    @Test
    void facilityDepreciationBecomesALineAndAFullyDepreciatedAssetStaysListed() {
        UUID m = measure("フィットネスルーム運営");
        UUID gym = as(companyA, () -> accounting.createFacility(new HealthAccounting.FacilityCommand("フィットネスルーム",
                new Depreciation(Yen.of(2_400_000), LocalDate.of(2024, 4, 1), 6, DepreciationMethod.STRAIGHT_LINE,
                        new BigDecimal("0.5"), SharedUseBasis.FLOOR_AREA), null)));
        UUID old = as(companyA, () -> accounting.createFacility(new HealthAccounting.FacilityCommand("旧休憩室",
                new Depreciation(Yen.of(600_000), LocalDate.of(2010, 4, 1), 5, DepreciationMethod.STRAIGHT_LINE,
                        BigDecimal.ONE, SharedUseBasis.USERS), null)));
        UUID line = as(companyA, () -> accounting.addDepreciationLine(m, gym));
        // 定額法 n=6: 2,400,000 × 0.167 (the table rate, not 1/6) = 400,800; health use 50 %
        assertThat(as(companyA, () -> accounting.line(line)).orElseThrow().amount()).isEqualTo(Yen.of(200_400));
        var listed = as(companyA, () -> accounting.facilities(FY));
        assertThat(listed).extracting(HealthAccounting.FacilityView::name).contains("旧休憩室", "フィットネスルーム");
        assertThat(listed.stream().filter(f -> f.id().equals(old)).findFirst().orElseThrow().fullyDepreciated()).isTrue();
    }

    @Test
    void allocationMustSumToOneAndNameOwnIndicators() {
        UUID m = measure("禁煙支援");
        UUID line = as(companyA, () -> accounting.addLine(m, new HealthAccounting.LineCommand("禁煙外来補助", ExpenseType.OUTSOURCING,
                ResourceView.OUTSOURCED, Yen.of(100_000), null)));
        UUID smoking = indicator(companyA, "喫煙率");
        UUID checkup = indicator(companyA, "健診受診率");
        UUID foreign = indicator(companyB, "他社の指標");
        as(companyA, () -> {
            accounting.allocate(line, AllocationRule.ratios(List.of(new AllocationRule.Share(smoking, new BigDecimal("0.7")),
                    new AllocationRule.Share(checkup, new BigDecimal("0.3")))));
            return null;
        });
        var view = as(companyA, () -> accounting.line(line)).orElseThrow();
        assertThat(view.allocations()).extracting(HealthAccounting.AllocationView::amount).containsExactly(Yen.of(70_000), Yen.of(30_000));
        assertThatThrownBy(() -> as(companyA, () -> {
            accounting.allocate(line, AllocationRule.primaryOnly(foreign));
            return null;
        })).hasMessage("accounting.allocation.indicatorUnknown");
        assertThat(as(companyA, () -> accounting.line(line)).orElseThrow().allocations()).hasSize(2);
    }

    @Test
    void anotherCompanySeesNothing() {
        UUID m = measure("メンタルヘルス研修");
        UUID line = as(companyA, () -> accounting.addLine(m, new HealthAccounting.LineCommand("講師料", ExpenseType.OUTSOURCING,
                ResourceView.OUTSOURCED, Yen.of(200_000), null)));
        assertThat(as(companyB, () -> accounting.measure(m))).isEmpty();
        assertThat(as(companyB, () -> accounting.line(line))).isEmpty();
        assertThat(as(companyB, () -> accounting.measures(FY))).isEmpty();
        assertThat(as(companyB, () -> accounting.totalsByExpenseType(FY)).get(ExpenseType.OUTSOURCING)).isEqualTo(Yen.ZERO);
        assertThatThrownBy(() -> as(companyB, () -> accounting.addLine(m, new HealthAccounting.LineCommand("x",
                ExpenseType.OTHER, ResourceView.OTHER, Yen.of(1), null)))).hasMessage("accounting.notFound");
        assertThatThrownBy(() -> as(companyB, () -> {
            accounting.deleteLine(line);
            return null;
        })).hasMessage("accounting.notFound");
        assertThat(as(companyA, () -> accounting.line(line))).isPresent();
    }

    @Test
    void surveyCsvHasBomOneRowPerMeasureAndNeutralisedCells() {
        as(companyA, () -> accounting.createMeasure(FY, new HealthAccounting.MeasureCommand("=HYPERLINK(\"x\")", null,
                PurposeCategory.LITERACY, Set.of(3), Set.of(), 0)));
        UUID m = measure("ウォーキング");
        as(companyA, () -> accounting.addLine(m, new HealthAccounting.LineCommand("アプリ", ExpenseType.OUTSOURCING,
                ResourceView.OUTSOURCED, Yen.of(1234), null)));
        byte[] csv = as(companyA, () -> outputs.surveyCsv(FY, AccountingOutputs.defaultSurveyYear(FY), true));
        assertThat(csv[0]).isEqualTo((byte) 0xEF);
        String text = new String(csv, StandardCharsets.UTF_8);
        // the survey it answers comes first, in the header and on every row (ADR 0086)
        assertThat(text).startsWith("\uFEFF\"調査年度\",\"費用の年度\",");
        assertThat(text).contains("\"2026\",\"2025\",\"ウォーキング\",\"健康状態にかかわらず全従業員に対する疾病の発生予防／従業員の生産性低下防止・事故発生予防\",\"1234\",\"0\",\"0\",\"0\",\"1234\"");
        assertThat(text).contains("\"'=HYPERLINK(\"\"x\"\")\"");
    }

    @Test
    void surveyCsvNamesTheSurveyYearChosenAndRefusesOneThatCannotAskForTheseCosts() {
        byte[] csv = as(companyA, () -> outputs.surveyCsv(FY, 2027, true));
        assertThat(new String(csv, StandardCharsets.UTF_8)).contains("\"2027\",\"\",\"合計\"");
        assertThatThrownBy(() -> as(companyA, () -> outputs.surveyCsv(FY, 2024, true))).hasMessage("accounting.survey.year.range");
        assertThatThrownBy(() -> as(companyA, () -> outputs.surveyCsv(FY, 2028, true))).hasMessage("accounting.survey.year.range");
    }

    @Test
    void workbookHasTheFourSheets() throws Exception {
        UUID m = measure("ウォーキング");
        as(companyA, () -> accounting.addLine(m, new HealthAccounting.LineCommand("アプリ", ExpenseType.OUTSOURCING,
                ResourceView.OUTSOURCED, Yen.of(1234), null)));
        byte[] xlsx = as(companyA, () -> outputs.workbook(FY, true));
        try (var book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            assertThat(book.getSheetAt(0).getSheetName()).isEqualTo("戦略マップ");
            assertThat(book.getSheetAt(1).getSheetName()).isEqualTo("健康投資シート");
            assertThat(book.getSheetAt(2).getSheetName()).isEqualTo("健康投資効果シート");
            assertThat(book.getSheetAt(3).getSheetName()).isEqualTo("健康資源シート");
            assertThat(book.getSheetAt(1).getRow(2).getCell(4).getNumericCellValue()).isEqualTo(1234);
        }
    }

    @Test
    void workbookPutsEachMeasuresBudgetBesideItsActuals() throws Exception {
        UUID m = measure("ウォーキング");
        as(companyA, () -> {
            accounting.addLine(m, new HealthAccounting.LineCommand("アプリ", ExpenseType.OUTSOURCING, ResourceView.OUTSOURCED,
                    Yen.of(1_200), null));
            accounting.planBudget(m, Yen.of(1_000));
            return null;
        });
        measure("ストレッチ講座");
        byte[] xlsx = as(companyA, () -> outputs.workbook(FY, true));
        try (var book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            var plan = book.getSheet("予算と実績");
            assertThat(plan).isNotNull();
            assertThat(book.getSheetIndex(plan)).isEqualTo(4);
            var row = java.util.stream.IntStream.rangeClosed(2, plan.getLastRowNum()).mapToObj(plan::getRow)
                    .filter(r -> "ウォーキング".equals(r.getCell(0).getStringCellValue())).findFirst().orElseThrow();
            assertThat(row.getCell(1).getNumericCellValue()).isEqualTo(1_000);
            assertThat(row.getCell(2).getNumericCellValue()).isEqualTo(1_200);
            assertThat(row.getCell(3).getNumericCellValue()).isEqualTo(200);
            // a measure without a plan says so, never 0円
            assertThat(java.util.stream.IntStream.rangeClosed(2, plan.getLastRowNum() - 1).mapToObj(plan::getRow)
                    .filter(r -> !"ウォーキング".equals(r.getCell(0).getStringCellValue()))
                    .map(r -> r.getCell(1).getStringCellValue())).containsExactly("未設定");
        }
    }

    /** Sheet 投資最小化分析 and 投資効用分析 (ADR 0113): numeric cells with formats and the inputs beside each figure. */
    @Test
    void workbookCarriesBothEfficiencyAnalysesWithTheirInputs() throws Exception {
        byte[] empty = as(companyB, () -> outputs.workbook(FY, true));
        try (var book = new XSSFWorkbook(new ByteArrayInputStream(empty))) {
            assertThat(book.getSheetIndex("投資最小化分析")).isEqualTo(5);
            assertThat(book.getSheetIndex("投資効用分析")).isEqualTo(6);
            // nothing to analyse: 「データなし」, never a 0
            assertThat(book.getSheet("投資最小化分析").getRow(4).getCell(0).getStringCellValue()).startsWith("データなし");
            assertThat(book.getSheet("投資効用分析").getRow(3).getCell(0).getStringCellValue()).isEqualTo("データなし（効用値の指標がありません）");
        }
        as(companyA, () -> {
            EfficiencyFixture.create(accounting, healthIndicators, efficiency, FY);
            return null;
        });
        byte[] xlsx = as(companyA, () -> outputs.workbook(FY, true));
        try (var book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            var least = book.getSheet("投資最小化分析");
            assertThat(least.getRow(1).getCell(1).getNumericCellValue()).isEqualTo(10);
            assertThat(least.getRow(1).getCell(2).getStringCellValue()).startsWith("初期値");
            var canteen = row(least, 5, "健康メニュー");
            assertThat(canteen.getCell(0).getStringCellValue()).isEqualTo("アブセンティーイズム");
            assertThat(canteen.getCell(3).getNumericCellValue()).isEqualTo(0.4);
            assertThat(canteen.getCell(4).getStringCellValue()).startsWith("比べた");
            assertThat(canteen.getCell(6).getNumericCellValue()).isEqualTo(1_800_000);
            assertThat(canteen.getCell(6).getCellStyle().getDataFormatString()).isEqualTo("#,##0\"円\"");
            assertThat(canteen.getCell(7).getNumericCellValue()).isEqualTo(3.0);
            assertThat(canteen.getCell(8).getNumericCellValue()).isEqualTo(2.6);
            assertThat(canteen.getCell(9).getNumericCellValue()).isEqualTo(0.4);
            assertThat(canteen.getCell(9).getCellStyle().getDataFormatString()).isEqualTo("#,##0.0###");
            assertThat(canteen.getCell(10).getNumericCellValue()).isEqualTo(600);
            assertThat(canteen.getCell(11).getNumericCellValue()).isEqualTo(4_500_000);
            assertThat(canteen.getCell(12).getStringCellValue()).isEqualTo("最小費用");
            var flu = row(least, 5, "予防接種");
            assertThat(flu.getCell(9).getNumericCellValue()).isEqualTo(0.38);
            assertThat(flu.getCell(11).getNumericCellValue()).isEqualTo(4_789_474); // 1,820,000 ÷ 0.38, rounded to the yen
            assertThat(flu.getCell(12).getStringCellValue()).isEqualTo("効果は同等（費用はより多い）");
            var gym = row(least, 5, "フィットネス");
            assertThat(gym.getCell(6).getNumericCellValue()).isEqualTo(300_000);
            assertThat(gym.getCell(9).getStringCellValue()).isEqualTo("データなし");
            assertThat(gym.getCell(10).getStringCellValue()).isEqualTo("データなし");
            assertThat(gym.getCell(11).getStringCellValue()).isEqualTo("—");
            assertThat(gym.getCell(12).getStringCellValue()).isEqualTo("データなし（効果が未記録）");
            // a group with one equivalent measure says why nothing was compared
            assertThat(row(least, 5, "女性セミナー").getCell(4).getStringCellValue()).startsWith("比べられない");

            var utility = book.getSheet("投資効用分析");
            var seminar = row(utility, 0, "女性セミナー");
            assertThat(seminar.getCell(1).getStringCellValue()).isEqualTo("健康関連QOL");
            assertThat(seminar.getCell(2).getStringCellValue()).isEqualTo("EQ-5D-5L");
            assertThat(seminar.getCell(5).getNumericCellValue()).isEqualTo(0.05);
            assertThat(seminar.getCell(6).getNumericCellValue()).isEqualTo(140);
            assertThat(seminar.getCell(7).getNumericCellValue()).isEqualTo(1);
            assertThat(seminar.getCell(8).getNumericCellValue()).isEqualTo(7);
            assertThat(seminar.getCell(9).getNumericCellValue()).isEqualTo(200_000);
            assertThat(seminar.getCell(10).getNumericCellValue()).isEqualTo(28_571); // 200,000 ÷ 7
            assertThat(seminar.getCell(10).getCellStyle().getDataFormatString()).isEqualTo("#,##0\"円\"");
            assertThat(seminar.getCell(11).getStringCellValue()).isEqualTo("計算済み");
        }
    }

    private static org.apache.poi.ss.usermodel.Row row(org.apache.poi.ss.usermodel.Sheet sheet, int column, String text) {
        return java.util.stream.IntStream.rangeClosed(0, sheet.getLastRowNum()).mapToObj(sheet::getRow)
                .filter(r -> r != null && r.getCell(column) != null
                        && r.getCell(column).getCellType() == org.apache.poi.ss.usermodel.CellType.STRING
                        && text.equals(r.getCell(column).getStringCellValue()))
                .findFirst().orElseThrow(() -> new AssertionError("no row " + text + " in " + sheet.getSheetName()));
    }

    @Test
    void analysisShowsBenefitOverCostWithItsInputs() {
        as(companyA, () -> {
            accounting.changePolicy(FY, new HealthAccounting.PolicyView(false, Yen.of(6_000_000), 240, 100));
            return null;
        });
        UUID m = measure("ストレス対策");
        as(companyA, () -> accounting.addLine(m, new HealthAccounting.LineCommand("EAP", ExpenseType.OUTSOURCING,
                ResourceView.OUTSOURCED, Yen.of(1_000_000), null)));
        UUID spq = as(companyA, () -> healthIndicators.createIndicator(new HealthAccounting.IndicatorCommand("プレゼンティーイズム",
                IndicatorTier.FINAL, "%", Direction.HIGHER_IS_BETTER, "SPQ", "全従業員", BenefitKind.PRESENTEEISM_SPQ)));
        as(companyA, () -> {
            healthIndicators.setValue(spq, FY, new BigDecimal("80"), new BigDecimal("85"), new BigDecimal("81"), new BigDecimal("90"));
            return null;
        });
        Analysis a = as(companyA, () -> accounting.analysis(FY, true));
        // loss: (1-0.80)*6,000,000*100 = 120,000,000 → (1-0.81)*… = 114,000,000; benefit 6,000,000
        assertThat(a.benefits()).singleElement().satisfies(b -> {
            assertThat(b.lossAtBaseline()).isEqualTo(Yen.of(120_000_000));
            assertThat(b.lossAtActual()).isEqualTo(Yen.of(114_000_000));
            assertThat(b.benefit()).isEqualTo(6_000_000);
            assertThat(b.employees()).isEqualTo(100);
        });
        assertThat(a.benefitOverCost()).isEqualByComparingTo("6.00");
        assertThat(a.costPerParticipant()).singleElement().satisfies(c -> assertThat(c.perParticipant()).isEqualTo(Yen.of(10_000)));
    }

    UUID indicator(UUID tenant, String name) {
        return as(tenant, () -> healthIndicators.createIndicator(new HealthAccounting.IndicatorCommand(name, IndicatorTier.BEHAVIOUR,
                "%", Direction.LOWER_IS_BETTER, null, null, BenefitKind.NONE)));
    }
}
