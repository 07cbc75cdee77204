package jp.hip.web.accounting;

import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jp.hip.accounting.AccountingException;
import jp.hip.accounting.HealthAccounting;
import jp.hip.accounting.Yen;
import jp.hip.web.FormErrors;
import jp.hip.web.PageNotFoundException;

/** 予算: HR staff set or clear a measure's plan for its 年度; the measure page shows it beside the actuals (ADR 0081). */
@Controller
class BudgetController {

    /** The plan as typed (「1,200,000」, 「1200000円」); blank clears it. */
    record BudgetForm(String budget) {
        Yen toYen() {
            return budget == null || budget.isBlank() ? null : Yen.parse(budget);
        }
    }

    private final HealthAccounting accounting;

    BudgetController(HealthAccounting accounting) {
        this.accounting = accounting;
    }

    @PostMapping("/company/measures/{id}/budget")
    String plan(@PathVariable String id, @ModelAttribute BudgetForm form, RedirectAttributes redirect) {
        UUID measure = FormErrors.uuidOrNull(id);
        if (measure == null || accounting.measure(measure).isEmpty()) {
            throw new PageNotFoundException();
        }
        try {
            accounting.planBudget(measure, form.toYen());
            redirect.addFlashAttribute("done", form.toYen() == null ? "accounting.measure.budget.cleared" : "accounting.measure.budget.saved");
        } catch (AccountingException e) {
            redirect.addFlashAttribute("failed", e.messageKey());
        }
        return "redirect:/company/measures/" + measure;
    }
}
