package jp.hip.accounting.outputs;

import java.math.BigDecimal;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import jp.hip.accounting.Yen;
import jp.hip.accounting.analysis.MinimisationAnalysis;
import jp.hip.accounting.analysis.UtilityAnalysis;
import jp.hip.accounting.indicators.Direction;

/**
 * The workbook's sheets of 投資最小化分析 and 投資効用分析 (ADR 0105, 0113): one row per measure and indicator with the
 * inputs that make each figure checkable by hand (cost allocated, before, after, persons, years, the margin used).
 * Numbers are numeric cells with formats; a missing value is 「データなし」 (text), never 0; a ratio that is not
 * computed is 「—」 and the status column says why.
 */
final class EfficiencySheets {

    static final String NO_DATA = "データなし";
    static final String NOT_COMPUTED = "—";

    private EfficiencySheets() {}

    static Sheet minimisation(XSSFWorkbook book, CellStyle header, CellStyle yen, MinimisationAnalysis a) {
        CellStyle decimal = style(book, "#,##0.0###");
        CellStyle count = style(book, "#,##0");
        Sheet sheet = book.createSheet("投資最小化分析");
        Exports.header(sheet, header, a.fiscalYear() + " 投資最小化分析（効果が同等の施策だけを費用で比べる）");
        Row margin = sheet.createRow(1);
        Exports.text(margin, 0, "同等とみなす幅（%）");
        decimal(margin, 1, a.marginPercent(), decimal);
        Exports.text(margin, 2, a.defaultMargin() ? "初期値（この年度は未設定）" : "この年度の設定");
        Exports.text(sheet.createRow(2), 0, "効果 = 後 − 前（低いほど良い指標は符号を反転）。最も大きい効果（基準）との差が基準 × 幅 以内なら同等。"
                + "同等の施策が2つ以上あるときだけ費用を比べ、最も少ない施策を「最小費用」とする。効果1単位あたりの費用 = 費用 ÷ 効果（円未満四捨五入）。");
        Exports.header(sheet, 3, header, "最終目標の指標", "単位", "方向", "最も大きい効果（基準）", "費用を比べたか", "施策",
                "費用（この指標への按分額, 円）", "前", "後", "効果", "人数", "効果1単位あたりの費用（円）", "判定");
        int r = 4;
        if (a.groups().isEmpty()) {
            Exports.text(sheet.createRow(r), 0, NO_DATA + "（最終目標の指標に按分した施策も、効果を記録した施策もありません）");
            return sheet;
        }
        for (MinimisationAnalysis.Group g : a.groups()) {
            for (MinimisationAnalysis.Row m : g.rows()) {
                Row row = sheet.createRow(r++);
                Exports.text(row, 0, g.indicatorName());
                Exports.text(row, 1, g.unit());
                Exports.text(row, 2, g.direction() == Direction.HIGHER_IS_BETTER ? "高いほど良い" : "低いほど良い");
                if (g.referenceEffect() == null) {
                    Exports.text(row, 3, NOT_COMPUTED); // no measure improved with a cost: nothing to refer to
                } else {
                    decimal(row, 3, g.referenceEffect(), decimal);
                }
                Exports.text(row, 4, g.compared() ? "比べた（同等の施策が2つ以上）" : "比べられない（同等の施策が2つ未満）");
                Exports.text(row, 5, m.measureName());
                Exports.money(row, 6, m.cost().amount(), yen);
                measured(row, 7, m.before(), decimal);
                measured(row, 8, m.after(), decimal);
                measured(row, 9, m.effect(), decimal);
                persons(row, 10, m.persons(), count);
                ratio(row, 11, m.costPerUnit(), yen);
                Exports.text(row, 12, status(m.status()));
            }
        }
        return sheet;
    }

    static Sheet utility(XSSFWorkbook book, CellStyle header, CellStyle yen, UtilityAnalysis a) {
        CellStyle decimal = style(book, "#,##0.0###");
        CellStyle count = style(book, "#,##0");
        Sheet sheet = book.createSheet("投資効用分析");
        Exports.header(sheet, header, a.fiscalYear() + " 投資効用分析（1質調整人年あたりの費用）");
        Exports.text(sheet.createRow(1), 0, "獲得した質調整人年 = Δ効用値（後 − 前, 0〜1） × 人数 × 期間（年）。"
                + "1質調整人年あたりの費用 = 費用（この指標への按分額） ÷ 質調整人年（円未満四捨五入）。割引はしない。");
        Exports.header(sheet, 2, header, "施策", "効用値の指標", "尺度", "前", "後", "Δ効用値", "人数", "期間（年）",
                "獲得した質調整人年", "費用（この指標への按分額, 円）", "1質調整人年あたりの費用（円）", "状態");
        int r = 3;
        if (a.scales().isEmpty()) {
            Exports.text(sheet.createRow(r++), 0, NO_DATA + "（効用値の指標がありません）");
        } else if (a.rows().isEmpty()) {
            Exports.text(sheet.createRow(r++), 0, NO_DATA + "（効用値の指標に按分した施策も、効果を記録した施策もありません）");
        }
        for (UtilityAnalysis.Row u : a.rows()) {
            Row row = sheet.createRow(r++);
            Exports.text(row, 0, u.measureName());
            Exports.text(row, 1, u.indicatorName());
            Exports.text(row, 2, u.instrument());
            measured(row, 3, u.before(), decimal);
            measured(row, 4, u.after(), decimal);
            measured(row, 5, u.change(), decimal);
            persons(row, 6, u.persons(), count);
            measured(row, 7, u.periodYears(), decimal);
            if (u.utilityGained() == null) {
                Exports.text(row, 8, u.status() == UtilityAnalysis.Status.NO_DATA ? NO_DATA : NOT_COMPUTED);
            } else {
                decimal(row, 8, u.utilityGained(), decimal);
            }
            Exports.money(row, 9, u.cost().amount(), yen);
            ratio(row, 10, u.costPerUtilityYear(), yen);
            Exports.text(row, 11, status(u.status()));
        }
        r++;
        Exports.header(sheet, r++, header, "効用値の指標", "尺度");
        for (UtilityAnalysis.Scale s : a.scales()) {
            Row row = sheet.createRow(r++);
            Exports.text(row, 0, s.indicatorName());
            Exports.text(row, 1, s.instrument());
        }
        for (UtilityAnalysis.OutOfRange o : a.outOfRange()) {
            Exports.text(sheet.createRow(r++), 0, "範囲外（0〜1）のため計算に使っていない値: 指標「" + o.indicatorName() + "」 "
                    + o.fiscalYear() + (o.measureName() == null ? "" : " 施策「" + o.measureName() + "」") + " 値 "
                    + o.value().stripTrailingZeros().toPlainString());
        }
        return sheet;
    }

    static String status(MinimisationAnalysis.Status status) {
        return switch (status) {
            case LEAST_COST -> "最小費用";
            case EQUIVALENT -> "効果は同等（費用はより多い）";
            case NOT_EQUIVALENT -> "効果が同等でないため比較対象外";
            case NO_IMPROVEMENT -> "改善していないため比較対象外";
            case NO_ALLOCATION -> "この指標への按分がないため比較対象外";
            case NO_DATA -> "データなし（効果が未記録）";
        };
    }

    static String status(UtilityAnalysis.Status status) {
        return switch (status) {
            case OK -> "計算済み";
            case NO_GAIN -> "効用が上がっていません";
            case NO_ALLOCATION -> "按分なし";
            case OUT_OF_RANGE -> "範囲外（0〜1）";
            case NO_DATA -> NO_DATA;
        };
    }

    private static CellStyle style(XSSFWorkbook book, String format) {
        CellStyle style = book.createCellStyle();
        style.setDataFormat(book.createDataFormat().getFormat(format));
        return style;
    }

    private static void decimal(Row row, int col, BigDecimal value, CellStyle style) {
        Cell cell = row.createCell(col);
        cell.setCellValue(value.doubleValue());
        cell.setCellStyle(style);
    }

    /** A measured value, or 「データなし」 when there is none (never 0). */
    private static void measured(Row row, int col, BigDecimal value, CellStyle style) {
        if (value == null) {
            Exports.text(row, col, NO_DATA);
        } else {
            decimal(row, col, value, style);
        }
    }

    private static void persons(Row row, int col, Integer persons, CellStyle style) {
        if (persons == null) {
            Exports.text(row, col, NO_DATA);
        } else {
            Cell cell = row.createCell(col);
            cell.setCellValue(persons);
            cell.setCellStyle(style);
        }
    }

    /** A cost per unit, or 「—」 when it is not computed (the status column says why). */
    private static void ratio(Row row, int col, Yen value, CellStyle yen) {
        if (value == null) {
            Exports.text(row, col, NOT_COMPUTED);
        } else {
            Exports.money(row, col, value.amount(), yen);
        }
    }
}
