package jp.hip.web.collabo;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jp.hip.collabo.CollaboException;
import jp.hip.collabo.CollaboLinks;
import jp.hip.collabo.EmployerReports;
import jp.hip.collabo.GuidanceRecords;
import jp.hip.collabo.ReportContent.Settings;
import jp.hip.identity.SignedInUser;
import jp.hip.web.FormErrors;
import jp.hip.web.collabo.CollaboForms.BuildForm;
import jp.hip.web.collabo.CollaboForms.CommentForm;
import jp.hip.web.collabo.CollaboForms.GuidanceForm;
import jp.hip.web.collabo.CollaboForms.ProposeForm;
import jp.hip.web.collabo.CollaboForms.SettingsForm;

/**
 * Insurer staff: コラボヘルス links (propose, accept, group 事業所 into 事業主, end), employer reports (build, share,
 * comment, CSV, PDF), 特定保健指導 records (CSV import) and the settings of the unconfirmed rules.
 */
@Controller
@RequestMapping("/insurer/collabo")
class InsurerCollaboController {

    private final CollaboLinks links;
    private final EmployerReports reports;
    private final GuidanceRecords guidance;
    private final CollaboPages pages;

    InsurerCollaboController(CollaboLinks links, EmployerReports reports, GuidanceRecords guidance, CollaboPages pages) {
        this.links = links;
        this.reports = reports;
        this.guidance = guidance;
        this.pages = pages;
    }

    @GetMapping
    String home(@AuthenticationPrincipal SignedInUser me, Model model) {
        var actor = CollaboPages.actor(me);
        int year = jp.hip.accounting.FiscalYear.current().startYear() - 1;
        Settings settings = reports.settings(me.tenantId());
        model.addAttribute("links", links.links(actor));
        model.addAttribute("reports", reports.reports(actor));
        model.addAttribute("guidanceYears", guidance.summary(actor));
        model.addAttribute("settings", settings);
        model.addAttribute("year", year);
        model.addAttribute("guidanceHeader", String.join(",", GuidanceRecords.HEADER));
        // A form sent with errors is shown again as it was sent (its own attribute wins); the others start afresh.
        model.addAttribute("propose", model.containsAttribute("propose") ? model.getAttribute("propose") : ProposeForm.empty());
        model.addAttribute("build", model.containsAttribute("build") ? model.getAttribute("build") : BuildForm.of(year));
        model.addAttribute("guidanceForm",
                model.containsAttribute("guidanceForm") ? model.getAttribute("guidanceForm") : GuidanceForm.of(year));
        model.addAttribute("settingsForm",
                model.containsAttribute("settingsForm") ? model.getAttribute("settingsForm") : SettingsForm.of(settings));
        return "collabo/insurer";
    }

    @PostMapping("/links")
    String propose(@AuthenticationPrincipal SignedInUser me, @Valid @ModelAttribute("propose") ProposeForm form,
            BindingResult errors, Model model, RedirectAttributes redirect) {
        return pages.propose(me, form, errors, redirect, "/insurer/collabo", () -> home(me, model));
    }

    @PostMapping("/links/{id}/accept")
    String accept(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID id, Locale locale, Model model,
            RedirectAttributes redirect) {
        return act(me, model, redirect, locale, "link-" + id, "collabo.done.accepted", () -> links.accept(CollaboPages.actor(me), id));
    }

    @PostMapping("/links/{id}/end")
    String end(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID id, @RequestParam(required = false) String confirm,
            Locale locale, Model model, RedirectAttributes redirect) {
        return act(me, model, redirect, locale, "link-" + id, "collabo.done.ended", () -> {
            CollaboPages.confirmed(confirm);
            links.end(CollaboPages.actor(me), id);
        });
    }

    /** Form fields {@code group[<事業所番号>]} name each 事業所's 事業主 group. */
    @PostMapping("/links/{id}/groups")
    String group(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID id, @RequestParam Map<String, String> form,
            Locale locale, Model model, RedirectAttributes redirect) {
        Map<String, String> groups = new LinkedHashMap<>();
        form.forEach((k, v) -> {
            if (k.startsWith("group[") && k.endsWith("]")) {
                groups.put(k.substring(6, k.length() - 1), v);
            }
        });
        // Refused, the names stay as they were typed.
        model.addAttribute("groupLink", id);
        model.addAttribute("groupInput", groups);
        Map<String, CollaboException> problems = new LinkedHashMap<>();
        groups.forEach((number, name) -> {
            if (name.isBlank() || name.strip().length() > 100) {
                problems.put("group-" + id + "-" + number, new CollaboException("collabo.link.groupInvalid", number));
            }
        });
        if (!problems.isEmpty()) {
            return pages.refuse(model, problems, locale, () -> home(me, model));
        }
        return act(me, model, redirect, locale, "link-" + id, "collabo.done.grouped",
                () -> links.groupEstablishments(CollaboPages.actor(me), id, groups));
    }

    @PostMapping("/reports")
    String build(@AuthenticationPrincipal SignedInUser me, @Valid @ModelAttribute("build") BuildForm form, BindingResult errors,
            Model model, RedirectAttributes redirect) {
        if (!errors.hasErrors()) {
            try {
                int bar = form.employerGroup().indexOf('|');
                UUID id = reports.build(CollaboPages.actor(me), uuid(form.employerGroup().substring(0, bar)),
                        form.employerGroup().substring(bar + 1), form.year());
                redirect.addFlashAttribute("done", "collabo.done.built");
                return "redirect:/insurer/collabo/reports/" + id;
            } catch (CollaboException e) {
                CollaboForms.reject(errors, e, e.messageKey().equals("collabo.report.year") ? "year" : "employerGroup");
            }
        }
        return home(me, model);
    }

    @PostMapping("/guidance")
    String importGuidance(@AuthenticationPrincipal SignedInUser me, @RequestParam("file") MultipartFile file,
            RedirectAttributes redirect) throws IOException {
        GuidanceRecords.ImportResult result = guidance.importCsv(CollaboPages.actor(me), file.getBytes());
        if (result.ok()) {
            redirect.addFlashAttribute("done", "collabo.done.guidance");
            redirect.addFlashAttribute("doneArgs", new Object[] {result.rows()});
        } else {
            redirect.addFlashAttribute("guidanceProblems", result.problems());
        }
        return "redirect:/insurer/collabo#guidance";
    }

    /** One member's 特定保健指導 for a 年度, entered on the page (the same rules as a CSV row). */
    @PostMapping("/guidance/entry")
    String recordGuidance(@AuthenticationPrincipal SignedInUser me, @Valid @ModelAttribute("guidanceForm") GuidanceForm form,
            BindingResult errors, Model model, RedirectAttributes redirect) {
        if (!errors.hasErrors()) {
            GuidanceRecords.ImportResult result = guidance.recordFields(CollaboPages.actor(me), form.fields());
            if (result.ok()) {
                redirect.addFlashAttribute("done", "collabo.done.guidance");
                redirect.addFlashAttribute("doneArgs", new Object[] {result.rows()});
                return "redirect:/insurer/collabo#guidance";
            }
            result.problems().forEach(p -> CollaboForms.reject(errors,
                    new CollaboException(p.messageKey(), p.value()), GuidanceForm.field(p.column())));
        }
        return home(me, model);
    }

    @PostMapping("/settings")
    String settings(@AuthenticationPrincipal SignedInUser me, @Valid @ModelAttribute("settingsForm") SettingsForm form,
            BindingResult errors, Model model, RedirectAttributes redirect) {
        if (!errors.hasErrors()) {
            try {
                reports.changeSettings(CollaboPages.actor(me), form.settings());
                redirect.addFlashAttribute("done", "collabo.done.settings");
                return "redirect:/insurer/collabo#settings";
            } catch (CollaboException e) {
                CollaboForms.reject(errors, e, null);
            }
        }
        return home(me, model);
    }

    // ------------------------------------------------------------------ one report

    @GetMapping("/reports/{id}")
    String report(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID id, Model model) {
        pages.reportModel(me, pages.report(me, id), "/insurer/collabo", model);
        return "collabo/report";
    }

    @PostMapping("/reports/{id}/share")
    String share(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID id, @RequestParam(required = false) String confirm,
            Locale locale, Model model, RedirectAttributes redirect) {
        var report = pages.report(me, id);
        return pages.act(model, redirect, locale, "share", "collabo.done.shared", "/insurer/collabo/reports/" + id, () -> {
            CollaboPages.confirmed(confirm);
            reports.share(CollaboPages.actor(me), report.id());
        }, () -> report(me, id, model));
    }

    @PostMapping("/reports/{id}/comments")
    String comment(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID id,
            @Valid @ModelAttribute("commentForm") CommentForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        return pages.comment(me, id, form, errors, model, redirect, "/insurer/collabo");
    }

    @GetMapping("/reports/{id}/{table}.csv")
    ResponseEntity<byte[]> csv(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID id, @PathVariable String table,
            Locale locale) {
        return pages.csv(pages.report(me, id), table, locale);
    }

    @GetMapping("/reports/{id}/report.pdf")
    ResponseEntity<byte[]> pdf(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID id, Locale locale) {
        return pages.pdf(me, pages.report(me, id), locale);
    }

    @GetMapping("/links/{id}/investment")
    String investment(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID id, Model model) {
        return pages.investment(me, id, "/insurer/collabo", model);
    }

    static UUID uuid(String id) {
        UUID uuid = FormErrors.uuidOrNull(id);
        if (uuid == null) {
            throw new CollaboException("collabo.notFound");
        }
        return uuid;
    }

    private String act(SignedInUser me, Model model, RedirectAttributes redirect, Locale locale, String field, String done,
            Runnable action) {
        return pages.act(model, redirect, locale, field, done, "/insurer/collabo", action, () -> home(me, model));
    }
}
