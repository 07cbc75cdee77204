package jp.hip.accounting.outputs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import jp.hip.accounting.FiscalYear;
import jp.hip.accounting.HealthAccounting;
import jp.hip.accounting.analysis.MinimisationAnalysis;
import jp.hip.accounting.analysis.UtilityAnalysis;
import jp.hip.accounting.indicators.Direction;
import jp.hip.accounting.indicators.IndicatorTier;
import jp.hip.accounting.ledger.ExpenseType;
import jp.hip.accounting.ledger.ResourceView;
import jp.hip.accounting.resources.HealthResources;
import jp.hip.accounting.resources.ResourceKind;

/**
 * The downloadable outputs: the survey's cost CSV and the workbook of the handbook's four worksheets, with a fifth for
 * the measures' 予算 beside their actuals and two for 投資最小化分析 and 投資効用分析 ({@link EfficiencySheets}).
 */
public final class Exports {

    public static final String[] EXPENSE_LABELS = {"外注費", "減価償却費", "人件費", "その他経費"};

    private Exports() {}

    /** Labels of the issues a measure is tied to, joined with 「／」. */
    static String issueNames(HealthAccounting.MeasureView m, List<HealthAccounting.HealthIssue> issues) {
        Map<String, String> names = issues.stream().collect(Collectors.toMap(HealthAccounting.HealthIssue::key,
                HealthAccounting.HealthIssue::name, (a, b) -> a));
        List<String> out = new ArrayList<>();
        m.standardIssues().forEach(c -> out.add(names.getOrDefault(Integer.toString(c), Integer.toString(c))));
        m.ownIssues().forEach(id -> out.add(names.getOrDefault(id.toString(), id.toString())));
        return String.join("／", out);
    }

    static byte[] surveyCsv(int surveyYear, List<HealthAccounting.MeasureView> measures, List<HealthAccounting.HealthIssue> issues) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("調査年度", "費用の年度", "施策", "健康課題", "外注費", "減価償却費", "人件費", "その他経費", "合計"));
        String survey = Integer.toString(surveyYear);
        long[] totals = new long[5];
        for (HealthAccounting.MeasureView m : measures) {
            List<String> cells = new ArrayList<>(List.of(survey, Integer.toString(m.fiscalYear().startYear()), m.name(),
                    issueNames(m, issues)));
            int i = 0;
            for (ExpenseType type : ExpenseType.values()) {
                long amount = m.byExpenseType().get(type).amount();
                totals[i++] += amount;
                cells.add(Long.toString(amount));
            }
            totals[4] += m.total().amount();
            cells.add(Long.toString(m.total().amount()));
            rows.add(cells);
        }
        List<String> sum = new ArrayList<>(List.of(survey, "", "合計", ""));
        for (long t : totals) {
            sum.add(Long.toString(t));
        }
        rows.add(sum);
        return Csv.forExcel(rows);
    }

    static byte[] workbook(FiscalYear year, List<HealthAccounting.MeasureView> measures, List<HealthAccounting.LineView> lines,
            List<HealthAccounting.IndicatorView> indicators, List<HealthAccounting.FacilityView> facilities,
            List<HealthResources.HealthResourceView> resources, List<HealthAccounting.HealthIssue> issues,
            MinimisationAnalysis minimisation, UtilityAnalysis utility) {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CellStyle header = book.createCellStyle();
            Font bold = book.createFont();
            bold.setBold(true);
            header.setFont(bold);
            CellStyle yen = book.createCellStyle();
            yen.setDataFormat(book.createDataFormat().getFormat("#,##0\"円\""));
            Map<UUID, HealthAccounting.MeasureView> measureById = measures.stream()
                    .collect(Collectors.toMap(HealthAccounting.MeasureView::id, Function.identity()));
            Map<UUID, HealthAccounting.IndicatorView> indicatorById = indicators.stream()
                    .collect(Collectors.toMap(HealthAccounting.IndicatorView::id, Function.identity()));

            // 1. 戦略マップ: health issue → measure → indicators it serves (from the allocations), by tier
            Sheet map = book.createSheet("戦略マップ");
            header(map, header, year + " 戦略マップ（健康課題 → 施策 → 指標）");
            header(map, 1, header, "健康課題", "施策", "取組状況の指標", "意識・行動変容の指標", "最終目標の指標", "企業価値・社会的価値");
            int r = 2;
            for (HealthAccounting.MeasureView m : measures) {
                Set<UUID> served = new LinkedHashSet<>();
                lines.stream().filter(l -> l.measureId().equals(m.id()))
                        .forEach(l -> l.allocations().forEach(a -> served.add(a.indicatorId())));
                Row row = map.createRow(r++);
                text(row, 0, issueNames(m, issues));
                text(row, 1, m.name());
                text(row, 2, names(served, indicatorById, IndicatorTier.PARTICIPATION));
                text(row, 3, names(served, indicatorById, IndicatorTier.BEHAVIOUR));
                text(row, 4, names(served, indicatorById, IndicatorTier.FINAL));
                text(row, 5, names(served, indicatorById, IndicatorTier.CORPORATE_VALUE, IndicatorTier.SOCIAL_VALUE));
            }

            // 2. 健康投資シート: every line
            Sheet invest = book.createSheet("健康投資シート");
            header(invest, header, year + " 健康投資");
            header(invest, 1, header, "施策", "明細", "費用区分", "投資資源", "金額（円）", "根拠資料", "按分");
            r = 2;
            long total = 0;
            for (HealthAccounting.LineView l : lines) {
                Row row = invest.createRow(r++);
                HealthAccounting.MeasureView m = measureById.get(l.measureId());
                text(row, 0, m == null ? "" : m.name());
                text(row, 1, l.description());
                text(row, 2, EXPENSE_LABELS[l.expenseType().ordinal()]);
                text(row, 3, resourceLabel(l.resourceView()));
                money(row, 4, l.amount().amount(), yen);
                text(row, 5, l.sourceDocument());
                text(row, 6, l.allocations().stream().map(a -> a.indicatorName() + " " + a.ratio().stripTrailingZeros().toPlainString())
                        .collect(Collectors.joining("、")));
                total += l.amount().amount();
            }
            Row sum = invest.createRow(r);
            text(sum, 0, "合計");
            money(sum, 4, total, yen);

            // 3. 健康投資効果シート: indicators by tier, allocated investment, values of this and last year
            Sheet effect = book.createSheet("健康投資効果シート");
            header(effect, header, year + " 健康投資効果");
            header(effect, 1, header, "階層", "指標", "単位", "方向", "測定方法", "対象", "投資額（按分後, 円）",
                    "前年度 実績", "ベースライン", "目標", "実績", "回答率（%）");
            r = 2;
            for (HealthAccounting.IndicatorView i : indicators) {
                long invested = lines.stream().flatMap(l -> l.allocations().stream())
                        .filter(a -> a.indicatorId().equals(i.id())).mapToLong(a -> a.amount().amount()).sum();
                var v = i.valueIn(year).orElse(null);
                var prev = i.valueIn(year.previous()).orElse(null);
                Row row = effect.createRow(r++);
                text(row, 0, tierLabel(i.tier()));
                text(row, 1, i.name());
                text(row, 2, i.unit());
                text(row, 3, i.direction() == Direction.HIGHER_IS_BETTER ? "高いほど良い" : "低いほど良い");
                text(row, 4, i.method());
                text(row, 5, i.population());
                money(row, 6, invested, yen);
                number(row, 7, prev == null ? null : prev.actual());
                number(row, 8, v == null ? null : v.baseline());
                number(row, 9, v == null ? null : v.target());
                number(row, 10, v == null ? null : v.actual());
                number(row, 11, v == null ? null : v.responseRate());
            }

            // 4. 健康資源シート: stock values and facilities (fully depreciated ones stay listed)
            Sheet res = book.createSheet("健康資源シート");
            header(res, header, year + " 健康資源");
            header(res, 1, header, "区分", "名称", "値", "単位", "時点", "備考");
            r = 2;
            for (HealthResources.HealthResourceView h : resources) {
                Row row = res.createRow(r++);
                text(row, 0, kindLabel(h.kind()));
                text(row, 1, h.name());
                number(row, 2, h.value());
                text(row, 3, h.unit());
                text(row, 4, h.asOf().toString());
                text(row, 5, h.note());
            }
            for (HealthAccounting.FacilityView f : facilities) {
                Row row = res.createRow(r++);
                text(row, 0, kindLabel(ResourceKind.ENVIRONMENT_TANGIBLE));
                text(row, 1, f.name());
                money(row, 2, f.bookValue().amount(), yen);
                text(row, 3, "円（期末簿価）");
                text(row, 4, year.lastDay().toString());
                text(row, 5, (f.fullyDepreciated() ? "償却済み（引き続き使用）" : "当年度減価償却費 " + f.depreciationThisYear().formatted())
                        + (f.note() == null ? "" : "／" + f.note()));
            }
            // 5. 予算と実績: each measure's plan beside its actuals (ADR 0081); no plan is 「未設定」, never 0円
            Sheet plan = book.createSheet("予算と実績");
            header(plan, header, year + " 施策別 予算と実績");
            header(plan, 1, header, "施策", "予算（円）", "実績（円）", "実績−予算（円）");
            r = 2;
            long planned = 0;
            long actual = 0;
            for (HealthAccounting.MeasureView m : measures) {
                Row row = plan.createRow(r++);
                text(row, 0, m.name());
                if (m.budget() == null) {
                    text(row, 1, "未設定");
                    text(row, 3, "-");
                } else {
                    money(row, 1, m.budget().amount(), yen);
                    money(row, 3, m.budgetVariance(), yen);
                    planned += m.budget().amount();
                }
                money(row, 2, m.total().amount(), yen);
                actual += m.total().amount();
            }
            Row planSum = plan.createRow(r);
            text(planSum, 0, "合計（予算は設定済みの施策のみ）");
            money(planSum, 1, planned, yen);
            money(planSum, 2, actual, yen);
            // 6, 7. 投資最小化分析 and 投資効用分析 with the inputs that make each figure checkable (ADR 0113)
            Sheet least = EfficiencySheets.minimisation(book, header, yen, minimisation);
            Sheet gained = EfficiencySheets.utility(book, header, yen, utility);
            for (Sheet s : List.of(map, invest, effect, res, plan, least, gained)) {
                for (int c = 0; c < 13; c++) {
                    s.setColumnWidth(c, 20 * 256);
                }
            }
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String tierLabel(IndicatorTier tier) {
        return switch (tier) {
            case PARTICIPATION -> "取組状況";
            case BEHAVIOUR -> "意識・行動変容";
            case FINAL -> "最終目標";
            case CORPORATE_VALUE -> "企業価値";
            case SOCIAL_VALUE -> "社会的価値";
        };
    }

    public static String resourceLabel(ResourceView view) {
        return switch (view) {
            case TIME -> "時間投資";
            case SPACE -> "空間投資";
            case OUTSOURCED -> "外注";
            case OTHER -> "その他";
        };
    }

    static String kindLabel(ResourceKind kind) {
        return switch (kind) {
            case HUMAN_TANGIBLE -> "人的・有形";
            case HUMAN_INTANGIBLE -> "人的・無形";
            case ENVIRONMENT_TANGIBLE -> "環境・有形";
            case ENVIRONMENT_INTANGIBLE -> "環境・無形";
        };
    }

    private static String names(Set<UUID> ids, Map<UUID, HealthAccounting.IndicatorView> byId, IndicatorTier... tiers) {
        Set<IndicatorTier> wanted = Set.of(tiers);
        return ids.stream().map(byId::get).filter(i -> i != null && wanted.contains(i.tier()))
                .map(HealthAccounting.IndicatorView::name).collect(Collectors.joining("、"));
    }

    static void header(Sheet sheet, CellStyle style, String title) {
        Cell cell = sheet.createRow(0).createCell(0);
        cell.setCellValue(title);
        cell.setCellStyle(style);
    }

    static void header(Sheet sheet, int rowIndex, CellStyle style, String... labels) {
        Row row = sheet.createRow(rowIndex);
        for (int i = 0; i < labels.length; i++) {
            Cell cell = row.createCell(i);
            cell.setCellValue(labels[i]);
            cell.setCellStyle(style);
        }
    }

    static void text(Row row, int col, String value) {
        if (value != null) {
            row.createCell(col).setCellValue(value);
        }
    }

    static void money(Row row, int col, long value, CellStyle style) {
        Cell cell = row.createCell(col);
        cell.setCellValue(value);
        cell.setCellStyle(style);
    }

    static void number(Row row, int col, BigDecimal value) {
        if (value != null) {
            row.createCell(col).setCellValue(value.doubleValue());
        }
    }
}
