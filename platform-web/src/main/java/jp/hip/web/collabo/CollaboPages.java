package jp.hip.web.collabo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jp.hip.collabo.Actor;
import jp.hip.collabo.Cell;
import jp.hip.collabo.CollaboException;
import jp.hip.collabo.CollaboLinks;
import jp.hip.collabo.EmployerReport;
import jp.hip.collabo.EmployerReports;
import jp.hip.collabo.InvestmentOutcomes;
import jp.hip.collabo.ReportContent;
import jp.hip.collabo.ReportContent.Breakdown;
import jp.hip.collabo.ReportContent.Rate;
import jp.hip.collabo.ReportContent.Ratio;
import jp.hip.identity.SignedInUser;
import jp.hip.web.PageNotFoundException;
import jp.hip.web.PdfReports;

/**
 * What the insurer's and the company's コラボヘルス pages share: the acting party, messages for refusals, the report
 * page model, its CSV tables (UTF-8 with BOM, 人数 labels, 「×」) and PDF. Everything shown comes from the stored,
 * already suppressed {@link ReportContent}: nothing is computed or hidden here.
 */
@Component
class CollaboPages {

    private final CollaboLinks links;
    private final EmployerReports reports;
    private final InvestmentOutcomes investments;
    private final MessageSource messages;
    private final PdfReports pdf;

    CollaboPages(CollaboLinks links, EmployerReports reports, InvestmentOutcomes investments, MessageSource messages,
            PdfReports pdf) {
        this.links = links;
        this.reports = reports;
        this.investments = investments;
        this.messages = messages;
        this.pdf = pdf;
    }

    static Actor actor(SignedInUser me) {
        return new Actor(me.tenantId(), me.tenantKind(), me.id().toString(), me.displayName());
    }

    String message(CollaboException e, Locale locale) {
        return messages.getMessage(e.messageKey(), e.args(), e.messageKey(), locale);
    }

    /**
     * A button-only action (accept, end, share, acknowledge, withdraw, save a grouping): done, its success message after
     * the redirect to {@code success}; refused, the page it came from shown again ({@code page}, status 200 as the
     * other forms, ADR 0114) with the message in the summary at the top and beside the field named, nothing lost.
     */
    String act(Model model, RedirectAttributes redirect, Locale locale, String field, String done, String success,
            Runnable action, Supplier<String> page) {
        try {
            action.run();
            redirect.addFlashAttribute("done", done);
            return "redirect:" + success;
        } catch (CollaboException e) {
            if ("collabo.notFound".equals(e.messageKey())) {
                throw new PageNotFoundException(); // another party's link or report: as if it did not exist
            }
            return refuse(model, Map.of(field, e), locale, page);
        }
    }

    /**
     * Refusals of one action, all at once: each message beside its field (by the id of its anchor) and in the summary
     * at the top naming it; the page shown again.
     */
    String refuse(Model model, Map<String, CollaboException> problems, Locale locale, Supplier<String> page) {
        Map<String, String> errors = new java.util.LinkedHashMap<>();
        problems.forEach((field, e) -> errors.put(field, message(e, locale)));
        model.addAttribute("errors", errors);
        return page.get();
    }

    /** An irreversible step goes ahead only with its confirmation box ticked. */
    static void confirmed(String confirm) {
        if (!"yes".equals(confirm)) {
            throw new CollaboException("collabo.confirmRequired");
        }
    }

    /** Proposing a link (either side): every error beside the 連携ID with the input kept, or the success message. */
    String propose(SignedInUser me, CollaboForms.ProposeForm form, BindingResult errors, RedirectAttributes redirect,
            String base, Supplier<String> page) {
        if (!errors.hasErrors()) {
            try {
                links.propose(actor(me), form.partnerId().strip());
                redirect.addFlashAttribute("done", "collabo.done.proposed");
                return "redirect:" + base;
            } catch (CollaboException e) {
                CollaboForms.reject(errors, e, "partnerId");
            }
        }
        return page.get();
    }

    /** The 健康投資 and outcomes of a link: another party's link is not found. */
    String investment(SignedInUser me, UUID linkId, String base, Model model) {
        try {
            model.addAttribute("view", investments.view(actor(me), linkId));
        } catch (CollaboException e) {
            throw new PageNotFoundException();
        }
        model.addAttribute("base", base);
        return "collabo/investment";
    }

    EmployerReport report(SignedInUser me, UUID id) {
        return reports.report(actor(me), id).orElseThrow(PageNotFoundException::new);
    }

    /**
     * A comment on a report (either side): every error beside its field and the report shown again with the text kept,
     * or the success message after the redirect.
     */
    String comment(SignedInUser me, UUID id, CollaboForms.CommentForm form, BindingResult errors,
            Model model, RedirectAttributes redirect, String base) {
        EmployerReport report = report(me, id);
        if (!errors.hasErrors()) {
            try {
                reports.comment(actor(me), form.linkId(), report.id(), form.section(), form.body());
                redirect.addFlashAttribute("done", "collabo.done.commented");
                return "redirect:" + base + "/reports/" + id + "#comments";
            } catch (CollaboException e) {
                CollaboForms.reject(errors, e, e.messageKey().startsWith("collabo.comment.section") ? "section"
                        : e.messageKey().startsWith("collabo.comment.required") || e.messageKey().startsWith("collabo.comment.tooLong")
                                ? "body" : null);
            }
        }
        reportModel(me, report, base, model);
        return "collabo/report";
    }

    void reportModel(SignedInUser me, EmployerReport report, String base, Model model) {
        if (!model.containsAttribute("commentForm")) {
            model.addAttribute("commentForm", CollaboForms.CommentForm.of(report.linkId()));
        }
        model.addAttribute("report", report);
        model.addAttribute("c", report.content());
        model.addAttribute("base", base);
        model.addAttribute("comments", reports.comments(actor(me), report.id()));
        model.addAttribute("sections", ReportContent.SECTIONS);
        model.addAttribute("tables", tables(report.content()));
    }

    /** The CSV tables of a report: rates, risks, lifestyles and one per breakdown. */
    static List<String> tables(ReportContent c) {
        List<String> tables = new ArrayList<>(List.of("rates", "risks", "lifestyles"));
        c.breakdowns().forEach(b -> tables.add("breakdown-" + b.key()));
        return tables;
    }

    ResponseEntity<byte[]> csv(EmployerReport report, String table, Locale locale) {
        ReportContent c = report.content();
        List<List<String>> csv = new ArrayList<>();
        if ("rates".equals(table)) {
            row(csv, m("collabo.csv.item", locale), m("collabo.csv.numerator", locale), m("collabo.csv.denominator", locale),
                    m("collabo.csv.percent", locale), m("collabo.csv.previous", locale), m("collabo.csv.change", locale),
                    m("collabo.csv.insurer", locale), m("collabo.csv.target", locale));
            for (Rate r : List.of(c.checkup(), c.guidance())) {
                row(csv, m("collabo.rate." + r.key(), locale), r.current().numeratorText(), r.current().denominatorText(),
                        r.current().percentText(), r.previous().percentText(), change(r.changePoints(), r.changeMark()),
                        r.insurerPercent() == null ? "-" : r.insurerPercent().toPlainString() + "%", r.targetPercent() + "%");
            }
        } else if ("risks".equals(table) || "lifestyles".equals(table)) {
            row(csv, m("collabo.csv.item", locale), m("collabo.csv.numerator", locale), m("collabo.csv.denominator", locale),
                    m("collabo.csv.percent", locale), m("collabo.csv.previous", locale), m("collabo.csv.change", locale),
                    m("collabo.csv.insurer", locale), m("collabo.csv.index", locale), m("collabo.csv.band", locale));
            for (Ratio r : "risks".equals(table) ? c.risks() : c.lifestyles()) {
                row(csv, "en".equals(locale.getLanguage()) ? r.nameEn() : r.nameJa(), r.current().numeratorText(),
                        r.current().denominatorText(), r.current().percentText(), r.previous().percentText(),
                        change(r.changePoints(), r.changeMark()),
                        r.insurerPercent() == null ? "-" : r.insurerPercent().toPlainString() + "%",
                        r.index() == null ? r.indexMark() : r.index().toString(),
                        r.band() == null ? (r.indexMark() == null ? "-" : r.indexMark()) : m("collabo.band." + r.band(), locale));
            }
        } else if (table.startsWith("breakdown-")) {
            Breakdown b = c.breakdowns().stream().filter(x -> table.equals("breakdown-" + x.key())).findFirst()
                    .orElseThrow(PageNotFoundException::new);
            List<String> head = new ArrayList<>(List.of(m("collabo.csv.sex", locale)));
            List<String> bands = new ArrayList<>(c.ageBands());
            bands.add(m("collabo.total", locale));
            for (String band : bands) {
                head.add(m("collabo.csv.bandNumerator", locale, band));
                head.add(m("collabo.csv.bandDenominator", locale, band));
                head.add(m("collabo.csv.bandPercent", locale, band));
            }
            row(csv, head.toArray(String[]::new));
            for (int r = 0; r < b.rows().size(); r++) {
                List<String> line = new ArrayList<>(List.of(m("collabo.sex." + b.rows().get(r), locale)));
                for (Cell cell : b.cells().get(r)) {
                    line.add(cell.numeratorText());
                    line.add(cell.denominatorText());
                    line.add(cell.percentText());
                }
                row(csv, line.toArray(String[]::new));
            }
        } else {
            throw new PageNotFoundException();
        }
        csv.add(List.of(m("collabo.legend", locale, c.settings().minCellPersons())));
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("collabo-" + report.fiscalYear() + "-" + table + ".csv").build().toString())
                .body(jp.hip.identity.ExcelCsv.writeAllQuoted(csv));
    }

    ResponseEntity<byte[]> pdf(SignedInUser me, EmployerReport report, Locale locale) {
        Map<String, Object> model = new java.util.HashMap<>();
        model.put("report", report);
        model.put("c", report.content());
        model.put("comments", reports.comments(actor(me), report.id()));
        byte[] body = pdf.render("collabo/report-pdf", model, locale);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("collabo-" + report.fiscalYear() + ".pdf").build().toString())
                .body(body);
    }

    private static String change(java.math.BigDecimal points, String mark) {
        return points == null ? mark : points.toPlainString();
    }

    private String m(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }

    /** One row of the table; the one writer ({@link jp.hip.identity.ExcelCsv}) quotes it and neutralises formulas. */
    private static void row(List<List<String>> csv, String... cells) {
        csv.add(java.util.Arrays.asList(cells));
    }
}
