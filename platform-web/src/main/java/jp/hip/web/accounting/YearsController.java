package jp.hip.web.accounting;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jp.hip.accounting.AccountingException;
import jp.hip.accounting.years.AccountingYears;
import jp.hip.accounting.FiscalYear;
import jp.hip.accounting.HealthAccounting;
import jp.hip.accounting.Yen;
import jp.hip.web.FormErrors;
import jp.hip.web.forms.YenFormat;

/**
 * A 年度's accounting policy (ADR 0027), its close and reopening (年度確定, ADR 0028), and the copy of its measures to
 * the next year.
 */
@Controller
class YearsController {

    private final AccountingYears years;

    YearsController(AccountingYears years) {
        this.years = years;
    }

    /** A 年度's policy as typed (ADR 0097, 0087): the labour cost as yen, days 1–366, employees 0 or more (ADR 0027). */
    public record PolicyForm(Integer year, Boolean includeParticipantTime,
            @NotNull(message = "{validation.required}") @YenFormat @Min(value = 0, message = "{accounting.yen.negative}")
            @Max(value = Yen.MAX_AMOUNT, message = "{accounting.yen.tooLarge}") Long annualLabourCost,
            @NotNull(message = "{validation.required}") @Min(value = 1, message = "{accounting.policy.workingDays}")
            @Max(value = 366, message = "{accounting.policy.workingDays}") Integer annualWorkingDays,
            @NotNull(message = "{validation.required}") @Min(value = 0, message = "{accounting.policy.employees}")
            @Max(value = 10_000_000, message = "{validation.outOfRange}") Integer employeeCount) {

        static PolicyForm of(FiscalYear year, HealthAccounting.PolicyView p) {
            return new PolicyForm(year.startYear(), p.includeParticipantTime(), p.annualLabourCost().amount(), p.annualWorkingDays(),
                    p.employeeCount());
        }

        HealthAccounting.PolicyView toPolicy() {
            // an unticked box sends nothing: not included
            return new HealthAccounting.PolicyView(Boolean.TRUE.equals(includeParticipantTime), Yen.of(annualLabourCost),
                    annualWorkingDays, employeeCount);
        }
    }

    @GetMapping("/company/accounting-policy")
    String policy(@RequestParam(required = false) Integer year, Model model) {
        FiscalYear fy = Years.of(year);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", PolicyForm.of(fy, years.policyOf(fy).policy()));
        }
        return policyView(fy, model);
    }

    private String policyView(FiscalYear fy, Model model) {
        model.addAttribute("year", fy);
        model.addAttribute("yearPolicy", years.policyOf(fy));
        model.addAttribute("policy", years.policyOf(fy).policy());
        model.addAttribute("closed", years.closed(fy).orElse(null));
        if (!model.containsAttribute("closeForm")) {
            model.addAttribute("closeForm", new CloseForm(false));
        }
        if (!model.containsAttribute("reopenForm")) {
            model.addAttribute("reopenForm", new ReopenForm(""));
        }
        if (!model.containsAttribute("copyForm")) {
            model.addAttribute("copyForm", new CopyForm(false));
        }
        return "accounting/policy";
    }

    /** A refused policy shows the page again with the input kept and each error beside its field. */
    @PostMapping("/company/accounting-policy")
    String changePolicy(@Valid @ModelAttribute("form") PolicyForm form, BindingResult errors,
            @RequestParam(name = "year", required = false) String yearText, Model model, RedirectAttributes redirect) {
        // the form is null when one of its values could not be read: the 年度 is read on its own for the page
        FiscalYear fy = Years.of(yearText == null || !yearText.strip().matches("\\d{4}") ? null : Integer.valueOf(yearText.strip()));
        if (errors.hasErrors()) {
            return policyView(fy, model);
        }
        try {
            int recomputed = years.changePolicy(fy, form.toPolicy());
            redirect.addFlashAttribute("done", "accounting.policy.savedYear");
            redirect.addFlashAttribute("doneArg", recomputed);
        } catch (AccountingException e) {
            FormErrors.reject(errors, e, "accounting.yen", "annualLabourCost", "accounting.policy.workingDays", "annualWorkingDays",
                    "accounting.policy.employees", "employeeCount");
            return policyView(fy, model);
        }
        return "redirect:/company/accounting-policy?year=" + fy.startYear();
    }

    /** Closing a 年度 (年度確定) asks for the box 「…を確定することを確認しました」 to be ticked (ADR 0028). */
    public record CloseForm(@NotNull(message = "{accounting.year.confirmClose}") @AssertTrue(message = "{accounting.year.confirmClose}")
            Boolean confirmed) {}

    /** Reopening a closed 年度 gives its reason, 1–500 characters, recorded with the reopening (ADR 0028). */
    public record ReopenForm(
            @NotBlank(message = "{accounting.year.reasonRequired}") @Size(max = 500, message = "{accounting.year.reasonRequired}")
            String reason) {}

    /** Copying a 年度's measures (and, when ticked, their budgets) to the next; asked for on a confirmation page. */
    public record CopyForm(Boolean withBudgets) {}

    /** The page again with a refused close, reopen or copy: its error beside its field, the policy form as stored. */
    private String refused(FiscalYear fy, Model model) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", PolicyForm.of(fy, years.policyOf(fy).policy()));
        }
        return policyView(fy, model);
    }

    @PostMapping("/company/years/close")
    String close(@RequestParam int year, @Valid @ModelAttribute("closeForm") CloseForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        FiscalYear fy = Years.of(year);
        if (Submissions.done(errors, redirect, "accounting.year.closedDone", () -> years.close(fy), e -> errors.reject(e.messageKey()))) {
            return "redirect:/company/accounting-policy?year=" + fy.startYear();
        }
        return refused(fy, model);
    }

    @PostMapping("/company/years/reopen")
    String reopen(@RequestParam int year, @Valid @ModelAttribute("reopenForm") ReopenForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        FiscalYear fy = Years.of(year);
        if (Submissions.done(errors, redirect, "accounting.year.reopened", () -> years.reopen(fy, form.reason()),
                e -> Refusals.add(errors, e, form.reason(), "accounting.year.reason", "reason"))) {
            return "redirect:/company/accounting-policy?year=" + fy.startYear();
        }
        return refused(fy, model);
    }

    /** Copying to the next 年度 cannot be undone in one step: the policy page's button leads here first. */
    @GetMapping("/company/years/copy")
    String confirmCopy(@RequestParam int year, @RequestParam(defaultValue = "false") boolean withBudgets, Model model) {
        FiscalYear fy = Years.of(year);
        model.addAttribute("title", "accounting.year.copy.title");
        model.addAttribute("subject", fy.toString());
        model.addAttribute("consequence", withBudgets ? "accounting.year.copy.consequenceBudgets" : "accounting.year.copy.consequence");
        model.addAttribute("args", new Object[] {fy.startYear(), fy.next().startYear(), 0});
        model.addAttribute("action", "/company/years/copy?year=" + fy.startYear() + "&withBudgets=" + withBudgets);
        model.addAttribute("confirmLabel", "accounting.year.copy");
        model.addAttribute("cancel", "/company/accounting-policy?year=" + fy.startYear());
        return "accounting/confirm";
    }

    @PostMapping("/company/years/copy")
    String copy(@RequestParam int year, @Valid @ModelAttribute("copyForm") CopyForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        FiscalYear fy = Years.of(year);
        if (!errors.hasErrors()) {
            try {
                int copied = years.copyToNext(fy, Boolean.TRUE.equals(form.withBudgets()));
                redirect.addFlashAttribute("done", "accounting.year.copied");
                redirect.addFlashAttribute("doneArg", copied);
                return "redirect:/company/measures?year=" + fy.next().startYear();
            } catch (AccountingException e) {
                errors.reject(e.messageKey());
            }
        }
        return refused(fy, model);
    }
}
