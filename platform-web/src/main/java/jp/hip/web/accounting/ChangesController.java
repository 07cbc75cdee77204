package jp.hip.web.accounting;

import java.util.Locale;
import java.util.UUID;

import jakarta.validation.Valid;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jp.hip.accounting.AccountingChanges;
import jp.hip.accounting.AccountingException;
import jp.hip.accounting.HealthAccounting;
import jp.hip.accounting.indicators.HealthIndicators;
import jp.hip.accounting.ledger.ExpenseType;
import jp.hip.accounting.ledger.PurposeCategory;
import jp.hip.accounting.ledger.ResourceView;
import jp.hip.web.FormErrors;
import jp.hip.web.PageNotFoundException;

/**
 * Changing and deleting measures, lines and indicators (ADR 0028): each delete first shows what goes with it and
 * asks; each change ends with a success message; a closed 年度 refuses with its message.
 */
@Controller
class ChangesController {

    private final HealthAccounting accounting;
    private final HealthIndicators healthIndicators;
    private final AccountingChanges changes;

    ChangesController(HealthAccounting accounting, HealthIndicators healthIndicators, AccountingChanges changes) {
        this.accounting = accounting;
        this.healthIndicators = healthIndicators;
        this.changes = changes;
    }

    // ---- measures ----

    @GetMapping("/company/measures/{id}/edit")
    String editMeasure(@PathVariable UUID id, Locale locale, Model model) {
        var m = accounting.measure(id).orElseThrow(PageNotFoundException::new).measure();
        model.addAttribute("form", MeasuresController.MeasureForm.of(m));
        return measureForm(m, locale, model);
    }

    @PostMapping("/company/measures/{id}/edit")
    String changeMeasure(@PathVariable UUID id, @Valid @ModelAttribute("form") MeasuresController.MeasureForm form,
            BindingResult errors, Locale locale, Model model, RedirectAttributes redirect) {
        var m = accounting.measure(id).orElseThrow(PageNotFoundException::new).measure();
        if (form != null) { // null when a value could not be read: the errors say which
            form.checkIssues(errors);
        }
        if (errors.hasErrors()) {
            return measureForm(m, locale, model);
        }
        try {
            accounting.changeMeasure(m.id(), form.toCommand());
        } catch (AccountingException e) {
            FormErrors.reject(errors, e, MeasuresController.MEASURE_FIELDS);
            return measureForm(m, locale, model);
        }
        redirect.addFlashAttribute("done", "accounting.measure.changed");
        return "redirect:/company/measures/" + m.id();
    }

    private String measureForm(HealthAccounting.MeasureView m, Locale locale, Model model) {
        model.addAttribute("year", m.fiscalYear());
        model.addAttribute("formAction", "/company/measures/" + m.id() + "/edit");
        model.addAttribute("issues", accounting.healthIssues(!"en".equals(locale.getLanguage())));
        model.addAttribute("purposes", PurposeCategory.values());
        return "accounting/measure-form";
    }

    @GetMapping("/company/measures/{id}/delete")
    String confirmDeleteMeasure(@PathVariable String id, Model model) {
        var d = changes.measureDeletion(uuid(id)).orElseThrow(PageNotFoundException::new);
        model.addAttribute("title", "accounting.measure.delete.title");
        model.addAttribute("subject", d.name() + "（" + d.fiscalYear() + "）");
        model.addAttribute("consequence", "accounting.measure.delete.consequence");
        model.addAttribute("args", new Object[] {d.lines(), d.allocatedLines(), d.total().formatted()});
        model.addAttribute("hiddenName", "expectedLines");
        model.addAttribute("hiddenValue", d.lines());
        model.addAttribute("action", "/company/measures/" + d.measureId() + "/delete");
        model.addAttribute("cancel", "/company/measures/" + d.measureId());
        return "accounting/confirm";
    }

    @PostMapping("/company/measures/{id}/delete")
    String deleteMeasure(@PathVariable String id, @RequestParam(defaultValue = "-1") int expectedLines, RedirectAttributes redirect) {
        UUID measure = uuid(id);
        try {
            var deleted = changes.deleteMeasure(measure, expectedLines);
            redirect.addFlashAttribute("done", "accounting.measure.deleted");
            return "redirect:/company/measures?year=" + deleted.fiscalYear().startYear();
        } catch (AccountingException e) {
            notFoundIf(e);
            redirect.addFlashAttribute("failed", e.messageKey());
            return "redirect:/company/measures/" + measure;
        }
    }

    // ---- lines ----

    @GetMapping("/company/lines/{id}/edit")
    String editLine(@PathVariable UUID id, Model model) {
        var l = accounting.line(id).orElseThrow(PageNotFoundException::new);
        model.addAttribute("lineForm", MeasuresController.LineForm.of(l));
        return lineForm(l, model);
    }

    @PostMapping("/company/lines/{id}/edit")
    String changeLine(@PathVariable UUID id, @Valid @ModelAttribute("lineForm") MeasuresController.LineForm form,
            BindingResult errors, Model model, RedirectAttributes redirect) {
        var l = accounting.line(id).orElseThrow(PageNotFoundException::new);
        if (errors.hasErrors()) {
            return lineForm(l, model);
        }
        try {
            changes.changeLine(l.id(), form.toCommand());
        } catch (AccountingException e) {
            FormErrors.reject(errors, e, MeasuresController.LINE_FIELDS);
            return lineForm(l, model);
        }
        redirect.addFlashAttribute("done", "accounting.line.changed");
        return "redirect:/company/measures/" + l.measureId();
    }

    private static String lineForm(HealthAccounting.LineView l, Model model) {
        model.addAttribute("line", l);
        model.addAttribute("expenseTypes", ExpenseType.values());
        model.addAttribute("resourceViews", ResourceView.values());
        return "accounting/line-edit";
    }

    @GetMapping("/company/lines/{id}/delete")
    String confirmDeleteLine(@PathVariable String id, Model model) {
        var l = accounting.line(uuid(id)).orElseThrow(PageNotFoundException::new);
        model.addAttribute("title", "accounting.line.delete.title");
        model.addAttribute("subject", l.description() + "（" + l.amount().formatted() + "）");
        model.addAttribute("consequence", "accounting.line.delete.consequence");
        model.addAttribute("action", "/company/lines/" + l.id() + "/delete");
        model.addAttribute("cancel", "/company/measures/" + l.measureId());
        return "accounting/confirm";
    }

    // ---- indicators ----

    @GetMapping("/company/indicators/{id}/edit")
    String editIndicator(@PathVariable UUID id, Model model) {
        var i = healthIndicators.indicator(id).orElseThrow(PageNotFoundException::new);
        model.addAttribute("form", IndicatorsController.IndicatorForm.of(i));
        return indicatorForm(i.id(), model);
    }

    @PostMapping("/company/indicators/{id}/edit")
    String changeIndicator(@PathVariable UUID id, @Valid @ModelAttribute("form") IndicatorsController.IndicatorForm form,
            BindingResult errors, Model model, RedirectAttributes redirect) {
        var i = healthIndicators.indicator(id).orElseThrow(PageNotFoundException::new);
        if (errors.hasErrors()) {
            return indicatorForm(i.id(), model);
        }
        try {
            changes.changeIndicator(i.id(), form.toCommand());
        } catch (AccountingException e) {
            FormErrors.reject(errors, e, IndicatorsController.INDICATOR_FIELDS);
            return indicatorForm(i.id(), model);
        }
        redirect.addFlashAttribute("done", "accounting.indicator.changed");
        return "redirect:/company/indicators/" + i.id();
    }

    private static String indicatorForm(UUID id, Model model) {
        model.addAttribute("indicatorId", id);
        model.addAttribute("tiers", jp.hip.accounting.indicators.IndicatorTier.values());
        model.addAttribute("directions", jp.hip.accounting.indicators.Direction.values());
        model.addAttribute("benefitKinds", jp.hip.accounting.indicators.BenefitKind.values());
        return "accounting/indicator-edit";
    }

    @GetMapping("/company/indicators/{id}/delete")
    String confirmDeleteIndicator(@PathVariable String id, Model model) {
        var d = changes.indicatorDeletion(uuid(id)).orElseThrow(PageNotFoundException::new);
        model.addAttribute("title", "accounting.indicator.delete.title");
        model.addAttribute("subject", d.name());
        model.addAttribute("consequence", d.allocations() > 0 ? "accounting.indicator.allocated" : "accounting.indicator.delete.consequence");
        model.addAttribute("args", new Object[] {d.values()});
        model.addAttribute("action", d.allocations() > 0 ? null : "/company/indicators/" + d.indicatorId() + "/delete");
        model.addAttribute("cancel", "/company/indicators/" + d.indicatorId());
        return "accounting/confirm";
    }

    @PostMapping("/company/indicators/{id}/delete")
    String deleteIndicator(@PathVariable String id, RedirectAttributes redirect) {
        UUID indicator = uuid(id);
        try {
            changes.deleteIndicator(indicator);
        } catch (AccountingException e) {
            notFoundIf(e);
            redirect.addFlashAttribute("failed", e.messageKey());
            return "redirect:/company/indicators/" + indicator;
        }
        redirect.addFlashAttribute("done", "accounting.indicator.deleted");
        return "redirect:/company/indicators";
    }

    private static void notFoundIf(AccountingException e) {
        if ("accounting.notFound".equals(e.messageKey())) {
            throw new PageNotFoundException();
        }
    }

    private static UUID uuid(String id) {
        UUID uuid = FormErrors.uuidOrNull(id);
        if (uuid == null) {
            throw new PageNotFoundException();
        }
        return uuid;
    }
}
