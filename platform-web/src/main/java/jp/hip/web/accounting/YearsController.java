package jp.hip.web.accounting;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jp.hip.accounting.AccountingException;
import jp.hip.accounting.AccountingYears;
import jp.hip.accounting.FiscalYear;
import jp.hip.accounting.HealthAccounting;
import jp.hip.accounting.Yen;

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

    @GetMapping("/company/accounting-policy")
    String policy(@RequestParam(required = false) Integer year, Model model) {
        FiscalYear fy = Years.of(year);
        model.addAttribute("year", fy);
        model.addAttribute("yearPolicy", years.policyOf(fy));
        model.addAttribute("policy", years.policyOf(fy).policy());
        model.addAttribute("closed", years.closed(fy).orElse(null));
        return "accounting/policy";
    }

    @PostMapping("/company/accounting-policy")
    String changePolicy(@RequestParam int year, @RequestParam(defaultValue = "false") boolean includeParticipantTime,
            @RequestParam String annualLabourCost, @RequestParam String annualWorkingDays, @RequestParam String employeeCount,
            RedirectAttributes redirect) {
        FiscalYear fy = Years.of(year);
        try {
            int recomputed = years.changePolicy(fy, new HealthAccounting.PolicyView(includeParticipantTime, Yen.parse(annualLabourCost),
                    integer(annualWorkingDays, "accounting.policy.workingDays"), integer(employeeCount, "accounting.policy.employees")));
            redirect.addFlashAttribute("done", "accounting.policy.savedYear");
            redirect.addFlashAttribute("doneArg", recomputed);
        } catch (AccountingException e) {
            redirect.addFlashAttribute("failed", e.messageKey());
        }
        return "redirect:/company/accounting-policy?year=" + fy.startYear();
    }

    @PostMapping("/company/years/close")
    String close(@RequestParam int year, @RequestParam(defaultValue = "false") boolean confirmed, RedirectAttributes redirect) {
        FiscalYear fy = Years.of(year);
        try {
            if (!confirmed) {
                throw new AccountingException("accounting.year.confirmClose");
            }
            years.close(fy);
            redirect.addFlashAttribute("done", "accounting.year.closedDone");
        } catch (AccountingException e) {
            redirect.addFlashAttribute("failed", e.messageKey());
        }
        return "redirect:/company/accounting-policy?year=" + fy.startYear();
    }

    @PostMapping("/company/years/reopen")
    String reopen(@RequestParam int year, @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        FiscalYear fy = Years.of(year);
        try {
            years.reopen(fy, reason);
            redirect.addFlashAttribute("done", "accounting.year.reopened");
        } catch (AccountingException e) {
            redirect.addFlashAttribute("failed", e.messageKey());
        }
        return "redirect:/company/accounting-policy?year=" + fy.startYear();
    }

    @PostMapping("/company/years/copy")
    String copy(@RequestParam int year, RedirectAttributes redirect) {
        FiscalYear fy = Years.of(year);
        try {
            int copied = years.copyToNext(fy);
            redirect.addFlashAttribute("done", "accounting.year.copied");
            redirect.addFlashAttribute("doneArg", copied);
        } catch (AccountingException e) {
            redirect.addFlashAttribute("failed", e.messageKey());
        }
        return "redirect:/company/measures?year=" + fy.next().startYear();
    }

    private static int integer(String text, String key) {
        try {
            return Integer.parseInt(text.strip().replace(",", ""));
        } catch (RuntimeException e) {
            throw new AccountingException(key);
        }
    }
}
