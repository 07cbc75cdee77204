package jp.hip.web.accounting;

import java.util.Locale;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

import jp.hip.accounting.HealthAccounting;
import jp.hip.accounting.indicators.HealthIndicators;
import jp.hip.accounting.ledger.ExpenseType;
import jp.hip.accounting.ledger.PersonnelRole;
import jp.hip.accounting.ledger.RateBasis;
import jp.hip.accounting.ledger.ResourceView;
import jp.hip.web.PageNotFoundException;

/**
 * The measure page's model, shared by the handlers whose forms live on it (lines, time, 予算, 按分, a facility's
 * depreciation share): shown after a GET and
 * again after a refused form, with that form's input and errors and the other forms empty.
 */
@Component
class MeasureDetailPage {

    private final HealthAccounting accounting;
    private final HealthIndicators healthIndicators;

    MeasureDetailPage(HealthAccounting accounting, HealthIndicators healthIndicators) {
        this.accounting = accounting;
        this.healthIndicators = healthIndicators;
    }

    /** The measure page; the forms not being submitted start empty, the one being submitted keeps its input. */
    String render(UUID id, Locale locale, Model model) {
        Object requested = model.getAttribute("page");
        var paged = accounting.measurePage(id, requested instanceof Integer p ? p : 1, MeasuresController.LINES_PER_PAGE)
                .orElseThrow(PageNotFoundException::new);
        if (!model.containsAttribute("lineForm")) {
            model.addAttribute("lineForm", MeasuresController.LineForm.empty());
        }
        if (!model.containsAttribute("timeForm")) {
            model.addAttribute("timeForm", MeasuresController.TimeForm.empty());
        }
        if (!model.containsAttribute("budgetForm")) {
            model.addAttribute("budgetForm", BudgetController.BudgetForm.of(paged.detail().measure()));
        }
        if (!model.containsAttribute("allocationForm")) {
            model.addAttribute("allocationForm", AllocationController.AllocationForm.empty());
        }
        if (!model.containsAttribute("depreciationForm")) {
            model.addAttribute("depreciationForm", FacilitiesController.DepreciationShareForm.empty());
        }
        model.addAttribute("allocationRows", AllocationController.AllocationForm.ROWS);
        model.addAttribute("linePage", paged);
        var detail = paged.detail();
        model.addAttribute("detail", detail);
        model.addAttribute("m", detail.measure());
        var m = detail.measure();
        model.addAttribute("measureIssues", accounting.healthIssues(!"en".equals(locale.getLanguage())).stream()
                .filter(i -> i.standard() ? m.standardIssues().contains(Integer.valueOf(i.key()))
                        : m.ownIssues().contains(UUID.fromString(i.key())))
                .map(HealthAccounting.HealthIssue::name).toList());
        model.addAttribute("indicators", healthIndicators.indicators());
        model.addAttribute("facilities", accounting.facilities(detail.measure().fiscalYear()));
        model.addAttribute("policy", accounting.policy(detail.measure().fiscalYear()));
        model.addAttribute("expenseTypes", ExpenseType.values());
        model.addAttribute("resourceViews", ResourceView.values());
        model.addAttribute("roles", PersonnelRole.values());
        model.addAttribute("bases", RateBasis.values());
        var bars = Charts.bars("accounting.expenseType.", detail.measure().byExpenseType());
        model.addAttribute("bars", bars);
        model.addAttribute("chartHeight", Charts.height(bars));
        return "accounting/measure";
    }
}
