package jp.hip.phr.checkup.file;

import java.time.LocalDate;
import java.util.List;

import jp.hip.phr.PhrException.Problem;

/**
 * One 特定健診 file (one 受診者 × one 健診): the header (ref-checkup-codes.md §2) and every item (§3).
 *
 * @param reportCategory 報告区分 (10 特定健診情報, 19 削除依頼, 40 他の健診, 90 その他)
 * @param branchNumber   被保険者証等枝番 (2 digits); null in older files
 * @param programType    健診プログラム種別 (010 特定健診 …)
 * @param warnings       item-level problems (unknown codes, unreadable values): the file is still imported
 */
public record CheckupDocument(String fileName, String reportCategory, String insurerNumber, String insuredSymbol,
        String insuredNumber, String branchNumber, String nameKana, String gender, LocalDate birthDate,
        LocalDate checkupDate, String institutionNumber, String institutionName, String programType,
        List<CheckupResult> results, List<Problem> warnings) {

    public static final String REPORT_CHECKUP = "10";
    public static final String REPORT_DELETE = "19";

    /** 報告区分 19 (提出済み健診情報の削除依頼); OIDT also lists 49 for 特定健診以外の健診. */
    public boolean deletionRequest() {
        return REPORT_DELETE.equals(reportCategory) || "49".equals(reportCategory);
    }

    public long reviewCount() {
        return results.stream().filter(CheckupResult::review).count();
    }

    /** 記号・番号・枝番 as printed on the card ("健001・1000000・01"). */
    public String cardNumber() {
        return (insuredSymbol == null ? "" : insuredSymbol + "・") + insuredNumber + (branchNumber == null ? "" : "・" + branchNumber);
    }
}
