package jp.hip.web.accounting;

import java.util.Locale;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jp.hip.accounting.AccountingException;
import jp.hip.accounting.Analysis;
import jp.hip.accounting.FiscalYear;
import jp.hip.accounting.HealthAccounting;
import jp.hip.accounting.Yen;

/** Analyses with charts, the downloads (workbook, survey CSV) and the company's accounting policy. */
@Controller
class AnalysesController {

    private final HealthAccounting accounting;
    private final jp.hip.accounting.AccountingOutputs outputs;
    private final DisclosurePdf pdf;

    AnalysesController(HealthAccounting accounting, jp.hip.accounting.AccountingOutputs outputs, DisclosurePdf pdf) {
        this.accounting = accounting;
        this.outputs = outputs;
        this.pdf = pdf;
    }

    @GetMapping("/company/disclosure")
    String disclosure(@RequestParam(required = false) Integer year, @org.springframework.security.core.annotation.AuthenticationPrincipal
            jp.hip.identity.SignedInUser me, Locale locale, Model model) {
        model.addAllAttributes(disclosureModel(Years.of(year), me, locale));
        return "accounting/disclosure";
    }

    @GetMapping("/company/disclosure.pdf")
    ResponseEntity<byte[]> disclosurePdf(@RequestParam(required = false) Integer year,
            @org.springframework.security.core.annotation.AuthenticationPrincipal jp.hip.identity.SignedInUser me, Locale locale) {
        FiscalYear fy = Years.of(year);
        return download(pdf.render(disclosureModel(fy, me, locale), locale), "健康投資レポート_" + fy.startYear() + ".pdf",
                MediaType.APPLICATION_PDF);
    }

    private java.util.Map<String, Object> disclosureModel(FiscalYear year, jp.hip.identity.SignedInUser me, Locale locale) {
        var d = outputs.disclosure(year, !"en".equals(locale.getLanguage()));
        var bars = Charts.bars("accounting.expenseType.", d.analysis().byExpenseType());
        return java.util.Map.of("d", d, "year", year, "a", d.analysis(), "companyName", me.tenantName(),
                "bars", bars, "chartHeight", Charts.height(bars));
    }

    @GetMapping("/company/analyses")
    String analyses(@RequestParam(required = false) Integer year, Locale locale, Model model) {
        FiscalYear fy = Years.of(year);
        Analysis a = accounting.analysis(fy, !"en".equals(locale.getLanguage()));
        model.addAttribute("year", fy);
        model.addAttribute("a", a);
        var expense = Charts.bars("accounting.expenseType.", a.byExpenseType());
        model.addAttribute("expenseBars", expense);
        model.addAttribute("expenseHeight", Charts.height(expense));
        var purpose = Charts.bars("accounting.purpose.", a.byPurpose());
        model.addAttribute("purposeBars", purpose);
        model.addAttribute("purposeHeight", Charts.height(purpose));
        var issues = Charts.labelled(a.byHealthIssue().stream().map(Analysis.IssueTotal::issueName).toList(),
                a.byHealthIssue().stream().map(Analysis.IssueTotal::amount).toList());
        model.addAttribute("issueBars", issues);
        model.addAttribute("issueHeight", Charts.height(issues));
        // a previous year without data is left out, never drawn as 0円
        var yoy = a.previousYearHasData()
                ? Charts.labelled(java.util.List.of(String.valueOf(fy.startYear() - 1), String.valueOf(fy.startYear())),
                        java.util.List.of(a.previousTotal(), a.total()))
                : Charts.labelled(java.util.List.of(String.valueOf(fy.startYear())), java.util.List.of(a.total()));
        model.addAttribute("yoyBars", yoy);
        // five 年度: a year without data is listed as 「データなし」 and left out of the chart, never drawn as 0円
        var trend = outputs.trend(fy, 5);
        model.addAttribute("trend", trend);
        var withData = trend.stream().filter(t -> t.total() != null).toList();
        var trendBars = Charts.labelled(withData.stream().map(t -> t.fiscalYear().toString()).toList(),
                withData.stream().map(jp.hip.accounting.AccountingOutputs.TrendYear::total).toList());
        model.addAttribute("trendBars", trendBars);
        model.addAttribute("trendHeight", Charts.height(trendBars));
        model.addAttribute("yoyHeight", Charts.height(yoy));
        return "accounting/analyses";
    }

    @GetMapping("/company/outputs")
    String outputs(@RequestParam(required = false) Integer year, Model model) {
        model.addAttribute("year", Years.of(year));
        return "accounting/outputs";
    }

    @GetMapping("/company/outputs/workbook.xlsx")
    ResponseEntity<byte[]> workbook(@RequestParam(required = false) Integer year, Locale locale) {
        FiscalYear fy = Years.of(year);
        return download(outputs.workbook(fy, !"en".equals(locale.getLanguage())),
                "健康投資管理会計_" + fy.startYear() + ".xlsx",
                MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
    }

    @GetMapping("/company/outputs/survey.csv")
    ResponseEntity<byte[]> surveyCsv(@RequestParam(required = false) Integer year, Locale locale) {
        FiscalYear fy = Years.of(year);
        return download(outputs.surveyCsv(fy, !"en".equals(locale.getLanguage())), "健康経営度調査_費用_" + fy.startYear() + ".csv",
                MediaType.parseMediaType("text/csv;charset=UTF-8"));
    }

    private static ResponseEntity<byte[]> download(byte[] body, String filename, MediaType type) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(filename, java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .contentType(type)
                .body(body);
    }
}
