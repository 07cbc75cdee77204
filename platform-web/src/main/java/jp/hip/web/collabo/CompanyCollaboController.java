package jp.hip.web.collabo;

import java.util.List;
import java.util.Locale;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jp.hip.collabo.CollaboException;
import jp.hip.collabo.CollaboLinks;
import jp.hip.collabo.EmployerReports;
import jp.hip.collabo.InvestmentOutcomes;
import jp.hip.identity.SignedInUser;

/**
 * The company's コラボヘルス pages: HR staff propose, accept and end links, name the 事業所 that belong, confirm and
 * comment on shared reports, share or withdraw the investment summary; company viewers read (GET only, per the
 * security configuration).
 */
@Controller
@RequestMapping("/company/collabo")
class CompanyCollaboController {

    private final CollaboLinks links;
    private final EmployerReports reports;
    private final InvestmentOutcomes investments;
    private final CollaboPages pages;

    CompanyCollaboController(CollaboLinks links, EmployerReports reports, InvestmentOutcomes investments, CollaboPages pages) {
        this.links = links;
        this.reports = reports;
        this.investments = investments;
        this.pages = pages;
    }

    @GetMapping
    String home(@AuthenticationPrincipal SignedInUser me, Model model) {
        var actor = CollaboPages.actor(me);
        var all = links.links(actor);
        model.addAttribute("links", all);
        model.addAttribute("reports", reports.reports(actor));
        model.addAttribute("establishments", links.ownEstablishments(actor));
        model.addAttribute("shares", all.stream().filter(l -> l.status() != jp.hip.collabo.LinkView.Status.PROPOSED)
                .collect(java.util.stream.Collectors.toMap(l -> l.id(), l -> investments.shares(actor, l.id()))));
        model.addAttribute("year", jp.hip.accounting.FiscalYear.current().startYear() - 1);
        if (!model.containsAttribute("propose")) {
            model.addAttribute("propose", CollaboForms.ProposeForm.empty());
        }
        return "collabo/company";
    }

    @PostMapping("/links")
    String propose(@AuthenticationPrincipal SignedInUser me, @Valid @ModelAttribute("propose") CollaboForms.ProposeForm form,
            BindingResult errors, Model model, RedirectAttributes redirect) {
        return pages.propose(me, form, errors, redirect, "/company/collabo", () -> home(me, model));
    }

    @PostMapping("/links/{id}/accept")
    String accept(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID id, Locale locale, Model model,
            RedirectAttributes redirect) {
        return act(me, model, redirect, locale, "link-" + id, "collabo.done.accepted",
                () -> links.accept(CollaboPages.actor(me), id));
    }

    @PostMapping("/links/{id}/end")
    String end(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID id, @RequestParam(required = false) String confirm,
            Locale locale, Model model, RedirectAttributes redirect) {
        return act(me, model, redirect, locale, "link-" + id, "collabo.done.ended", () -> {
            CollaboPages.confirmed(confirm);
            links.end(CollaboPages.actor(me), id);
        });
    }

    @PostMapping("/links/{id}/establishments")
    String establishments(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID id,
            @RequestParam(name = "establishment", required = false) List<String> numbers, Locale locale, Model model,
            RedirectAttributes redirect) {
        List<String> chosen = numbers == null ? List.of() : numbers;
        // Refused, the boxes stay as they were ticked.
        model.addAttribute("establishmentLink", id);
        model.addAttribute("establishmentInput", chosen);
        return act(me, model, redirect, locale, "link-" + id, "collabo.done.named",
                () -> links.nameEstablishments(CollaboPages.actor(me), id, chosen));
    }

    /** Sharing a 年度's investment: a wrong year is answered beside the year of that link's form, the input kept. */
    @PostMapping("/links/{id}/investment")
    String shareInvestment(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID id,
            @Valid @ModelAttribute("investForm") CollaboForms.InvestmentForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        if (!errors.hasErrors()) {
            try {
                investments.share(CollaboPages.actor(me), id, form.year());
                redirect.addFlashAttribute("done", "collabo.done.investmentShared");
                return "redirect:/company/collabo";
            } catch (CollaboException e) {
                CollaboForms.reject(errors, e, e.messageKey().startsWith("collabo.investment.") ? "year" : null);
            }
        }
        model.addAttribute("investLink", id);
        return home(me, model);
    }

    @PostMapping("/links/{id}/investment/withdraw")
    String withdrawInvestment(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID id,
            @RequestParam(defaultValue = "0") int year, Locale locale, Model model, RedirectAttributes redirect) {
        return act(me, model, redirect, locale, "invest-" + id, "collabo.done.investmentWithdrawn",
                () -> investments.withdraw(CollaboPages.actor(me), id, year));
    }

    @GetMapping("/links/{id}/investment")
    String investment(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID id, Model model) {
        return pages.investment(me, id, "/company/collabo", model);
    }

    // ------------------------------------------------------------------ one report

    @GetMapping("/reports/{id}")
    String report(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID id, Model model) {
        pages.reportModel(me, pages.report(me, id), "/company/collabo", model);
        return "collabo/report";
    }

    @PostMapping("/reports/{id}/acknowledge")
    String acknowledge(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID id, Locale locale, Model model,
            RedirectAttributes redirect) {
        var report = pages.report(me, id);
        return pages.act(model, redirect, locale, "acknowledge", "collabo.done.acknowledged", "/company/collabo/reports/" + id,
                () -> reports.acknowledge(CollaboPages.actor(me), report.id()), () -> report(me, id, model));
    }

    @PostMapping("/reports/{id}/comments")
    String comment(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID id,
            @Valid @ModelAttribute("commentForm") CollaboForms.CommentForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        return pages.comment(me, id, form, errors, model, redirect, "/company/collabo");
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

    private String act(SignedInUser me, Model model, RedirectAttributes redirect, Locale locale, String field, String done,
            Runnable action) {
        return pages.act(model, redirect, locale, field, done, "/company/collabo", action, () -> home(me, model));
    }
}
