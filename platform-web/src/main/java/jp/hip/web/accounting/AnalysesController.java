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
import jp.hip.accounting.analysis.Analysis;
import jp.hip.accounting.FiscalYear;
import jp.hip.accounting.HealthAccounting;
import jp.hip.accounting.Yen;

/** Analyses with charts, the downloads (workbook, survey CSV) and the company's accounting policy. */
@Controller
class AnalysesController {

    private final HealthAccounting accounting;
    private final jp.hip.accounting.outputs.AccountingOutputs outputs;
    private final DisclosurePdf pdf;

    AnalysesController(HealthAccounting accounting, jp.hip.accounting.outputs.AccountingOutputs outputs, DisclosurePdf pdf) {
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
        var model = new java.util.HashMap<>(disclosureModel(fy, me, locale));
        model.put("pdf", true); // the PDF draws its charts as boxes (openhtmltopdf draws no SVG); the page as SVG
        return download(pdf.render(model, locale), "健康投資レポート_" + fy.startYear() + ".pdf", MediaType.APPLICATION_PDF);
    }

    /** The report's content; the five-年度 trend (ADR 0081) with a number for every year, in the page and the PDF. */
    private java.util.Map<String, Object> disclosureModel(FiscalYear year, jp.hip.identity.SignedInUser me, Locale locale) {
        var d = outputs.disclosure(year, !"en".equals(locale.getLanguage()));
        var bars = Charts.bars("accounting.expenseType.", d.analysis().byExpenseType());
        var trend = outputs.trend(year, TREND_YEARS);
        var trendBars = Charts.trendBars(trend);
        return java.util.Map.of("d", d, "year", year, "a", d.analysis(), "companyName", me.tenantName(),
                "bars", bars, "chartHeight", Charts.height(bars), "pdf", false,
                "trend", Charts.trend(trend), "trendBars", trendBars, "trendHeight", Charts.height(trendBars));
    }

    /** 3–5 年度 asked (issue 13 §4); five, as on the analysis page and the survey's feedback sheet (ref-accounting §2.3). */
    static final int TREND_YEARS = 5;

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
        var trend = outputs.trend(fy, TREND_YEARS);
        model.addAttribute("trend", trend);
        var trendBars = Charts.trendBars(trend);
        model.addAttribute("trendBars", trendBars);
        model.addAttribute("trendHeight", Charts.height(trendBars));
        model.addAttribute("yoyHeight", Charts.height(yoy));
        return "accounting/analyses";
    }

    /**
     * The survey CSV's setting: which 健康経営度調査 (調査年度) the costs of the 年度 answer. Visible and editable because
     * ref-accounting §2.4 leaves the mapping unverified; the default is the next 年度 (ADR 0086).
     */
    public record SurveyForm(Integer year,
            @jakarta.validation.constraints.Min(value = 2000, message = "{validation.outOfRange}")
            @jakarta.validation.constraints.Max(value = 2100, message = "{validation.outOfRange}") Integer surveyYear) {

        static SurveyForm of(FiscalYear year) {
            return new SurveyForm(year.startYear(), jp.hip.accounting.outputs.AccountingOutputs.defaultSurveyYear(year));
        }
    }

    @GetMapping("/company/outputs")
    String outputs(@RequestParam(required = false) Integer year, Model model) {
        FiscalYear fy = Years.of(year);
        model.addAttribute("year", fy);
        model.addAttribute("form", SurveyForm.of(fy));
        return "accounting/outputs";
    }

    @GetMapping("/company/outputs/workbook.xlsx")
    ResponseEntity<byte[]> workbook(@RequestParam(required = false) Integer year, Locale locale) {
        FiscalYear fy = Years.of(year);
        return download(outputs.workbook(fy, !"en".equals(locale.getLanguage())),
                "健康投資管理会計_" + fy.startYear() + ".xlsx",
                MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
    }

    /** Without a survey year (a plain link, or the field left blank) the default one; a survey year that is unreadable or cannot ask for these costs: the page again. */
    @GetMapping("/company/outputs/survey.csv")
    Object surveyCsv(@jakarta.validation.Valid @org.springframework.web.bind.annotation.ModelAttribute("form") SurveyForm form,
            org.springframework.validation.BindingResult errors, @RequestParam(name = "year", required = false) String yearText,
            Locale locale, Model model) {
        // the form is null when one of its values could not be read: the 年度 is read on its own for the page
        FiscalYear fy = Years.of(yearText == null || !yearText.strip().matches("\\d{4}") ? null : Integer.valueOf(yearText.strip()));
        if (!errors.hasErrors() && form.surveyYear() != null
                && !jp.hip.accounting.outputs.AccountingOutputs.plausibleSurveyYear(fy, form.surveyYear())) {
            errors.rejectValue("surveyYear", "accounting.survey.year.range");
        }
        if (errors.hasErrors()) {
            model.addAttribute("year", fy);
            return "accounting/outputs";
        }
        int surveyYear = form.surveyYear() == null ? jp.hip.accounting.outputs.AccountingOutputs.defaultSurveyYear(fy) : form.surveyYear();
        return download(outputs.surveyCsv(fy, surveyYear, !"en".equals(locale.getLanguage())),
                "健康経営度調査_" + surveyYear + "_費用_" + fy.startYear() + ".csv", MediaType.parseMediaType("text/csv;charset=UTF-8"));
    }

    private static ResponseEntity<byte[]> download(byte[] body, String filename, MediaType type) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(filename, java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .contentType(type)
                .body(body);
    }
}
