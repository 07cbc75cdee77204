package jp.hip.web.accounting;

import java.util.Locale;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jp.hip.accounting.AccountingException;
import jp.hip.accounting.HealthAccounting;
import jp.hip.accounting.Yen;
import jp.hip.web.FormErrors;
import jp.hip.web.PageNotFoundException;
import jp.hip.web.forms.YenFormat;

/** 予算: HR staff set or clear a measure's plan for its 年度; the measure page shows it beside the actuals (ADR 0081). */
@Controller
class BudgetController {

    /** The plan as typed (「1,200,000」「１２０００００円」, ADR 0097); blank clears it. */
    public record BudgetForm(@YenFormat @Min(value = 0, message = "{accounting.yen.negative}")
            @Max(value = Yen.MAX_AMOUNT, message = "{accounting.yen.tooLarge}") Long budget) {

        static BudgetForm of(HealthAccounting.MeasureView m) {
            return new BudgetForm(m.budget() == null ? null : m.budget().amount());
        }

        Yen toYen() {
            return budget == null ? null : Yen.of(budget);
        }
    }

    private final HealthAccounting accounting;
    private final MeasureDetailPage page;

    BudgetController(HealthAccounting accounting, MeasureDetailPage page) {
        this.accounting = accounting;
        this.page = page;
    }

    /** A refused plan shows the measure page again with the input kept and the error beside the field. */
    @PostMapping("/company/measures/{id}/budget")
    String plan(@PathVariable UUID id, @Valid @ModelAttribute("budgetForm") BudgetForm form, BindingResult errors, Locale locale,
            Model model, RedirectAttributes redirect) {
        if (errors.hasErrors()) {
            return page.render(id, locale, model); // another company's or no measure: 404 there
        }
        try {
            accounting.planBudget(id, form.toYen());
        } catch (AccountingException e) {
            if ("accounting.notFound".equals(e.messageKey())) {
                throw new PageNotFoundException();
            }
            FormErrors.reject(errors, e, "accounting.yen", "budget");
            return page.render(id, locale, model);
        }
        redirect.addFlashAttribute("done", form.toYen() == null ? "accounting.measure.budget.cleared" : "accounting.measure.budget.saved");
        return "redirect:/company/measures/" + id;
    }
}
