package jp.hip.web.accounting;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jp.hip.accounting.AccountingException;
import jp.hip.accounting.FiscalYear;
import jp.hip.accounting.HealthAccounting;
import jp.hip.accounting.analysis.EffectCommand;
import jp.hip.accounting.analysis.EfficiencyAnalyses;
import jp.hip.accounting.indicators.HealthIndicators;
import jp.hip.accounting.indicators.IndicatorTier;
import jp.hip.web.FormErrors;
import jp.hip.web.PageNotFoundException;

/**
 * 投資最小化分析 and 投資効用分析 (ADR 0105): the analyses of a 年度 ({@code /company/analyses/efficiency}, every
 * company role) and their inputs ({@code /company/analyses/effects}: each measure's effect on an indicator, the
 * equivalence margin, the indicators on a utility scale; the forms are HR staff's). Thin: the rules are in
 * {@link EfficiencyAnalyses}.
 */
@Controller
class EfficiencyController {

    /** A measure's effect as typed; persons and period as in ADR 0105 (period blank: 1 year). */
    public record EffectForm(@NotNull(message = "{accounting.effect.measure.required}") UUID effectMeasure,
            @NotNull(message = "{accounting.effect.indicator.required}") UUID effectIndicator,
            @NotNull(message = "{validation.required}") @Digits(integer = 14, fraction = 4, message = "{accounting.effect.values.invalid}") BigDecimal effectBefore,
            @NotNull(message = "{validation.required}") @Digits(integer = 14, fraction = 4, message = "{accounting.effect.values.invalid}") BigDecimal effectAfter,
            @NotNull(message = "{validation.required}") @Min(value = 1, message = "{accounting.effect.persons.invalid}")
            @Max(value = 1_000_000, message = "{accounting.effect.persons.invalid}") Integer effectPersons,
            @DecimalMin(value = "0.01", message = "{accounting.effect.period.invalid}") @DecimalMax(value = "10", message = "{accounting.effect.period.invalid}")
            @Digits(integer = 2, fraction = 2, message = "{accounting.effect.period.invalid}") BigDecimal effectPeriod,
            @Size(max = 500, message = "{accounting.effect.source.tooLong}") String effectSource) {

        static EffectForm empty() {
            return new EffectForm(null, null, null, null, null, BigDecimal.ONE, null);
        }

        EffectCommand toCommand() {
            return new EffectCommand(effectBefore, effectAfter, effectPersons, effectPeriod, effectSource);
        }
    }

    public record MarginForm(@NotNull(message = "{validation.required}") @DecimalMin(value = "0", message = "{accounting.minimisation.margin.invalid}")
            @DecimalMax(value = "50", message = "{accounting.minimisation.margin.invalid}")
            @Digits(integer = 2, fraction = 2, message = "{accounting.minimisation.margin.invalid}") BigDecimal marginPercent) {}

    public record UtilityForm(@NotNull(message = "{accounting.effect.indicator.required}") UUID utilityIndicator,
            @Size(max = 100, message = "{accounting.utility.instrument.required}") String utilityInstrument) {}

    static final String[] EFFECT_FIELDS = {"accounting.effect.values", "effectAfter", "accounting.effect.utility", "effectAfter",
            "accounting.effect.persons", "effectPersons", "accounting.effect.period", "effectPeriod",
            "accounting.effect.source", "effectSource"};

    private final HealthAccounting accounting;
    private final HealthIndicators healthIndicators;
    private final EfficiencyAnalyses analyses;

    EfficiencyController(HealthAccounting accounting, HealthIndicators healthIndicators, EfficiencyAnalyses analyses) {
        this.accounting = accounting;
        this.healthIndicators = healthIndicators;
        this.analyses = analyses;
    }

    @GetMapping("/company/analyses/efficiency")
    String efficiency(@RequestParam(required = false) Integer year, Model model) {
        FiscalYear fy = Years.of(year);
        model.addAttribute("year", fy);
        model.addAttribute("min", analyses.minimisation(fy));
        model.addAttribute("util", analyses.utility(fy));
        return "accounting/efficiency";
    }

    @GetMapping("/company/analyses/effects")
    String effects(@RequestParam(required = false) Integer year, Model model) {
        FiscalYear fy = Years.of(year);
        model.addAttribute("effectForm", EffectForm.empty());
        model.addAttribute("marginForm", new MarginForm(analyses.margin(fy).percent()));
        model.addAttribute("utilityForm", new UtilityForm(null, null));
        return effectsPage(fy, model);
    }

    @PostMapping("/company/analyses/effects")
    String record(@RequestParam int year, @Valid @ModelAttribute("effectForm") EffectForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        FiscalYear fy = FiscalYear.of(year);
        if (Submissions.done(errors, redirect, "accounting.effect.recorded",
                () -> analyses.recordEffect(form.effectMeasure(), form.effectIndicator(), form.toCommand()),
                e -> FormErrors.reject(errors, e, EFFECT_FIELDS))) {
            return "redirect:/company/analyses/effects?year=" + fy.startYear();
        }
        model.addAttribute("marginForm", new MarginForm(analyses.margin(fy).percent()));
        model.addAttribute("utilityForm", new UtilityForm(null, null));
        return effectsPage(fy, model);
    }

    @PostMapping("/company/analyses/margin")
    String margin(@RequestParam int year, @Valid @ModelAttribute("marginForm") MarginForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        FiscalYear fy = FiscalYear.of(year);
        if (Submissions.done(errors, redirect, "accounting.minimisation.margin.saved", () -> analyses.setMargin(fy, form.marginPercent()),
                e -> FormErrors.reject(errors, e, "accounting.minimisation.margin", "marginPercent"))) {
            return "redirect:/company/analyses/effects?year=" + fy.startYear();
        }
        model.addAttribute("effectForm", EffectForm.empty());
        model.addAttribute("utilityForm", new UtilityForm(null, null));
        return effectsPage(fy, model);
    }

    @PostMapping("/company/analyses/utility-scales")
    String markUtility(@RequestParam int year, @Valid @ModelAttribute("utilityForm") UtilityForm form, BindingResult errors,
            Model model, RedirectAttributes redirect) {
        FiscalYear fy = FiscalYear.of(year);
        if (Submissions.done(errors, redirect, "accounting.utility.marked",
                () -> analyses.markUtility(form.utilityIndicator(), form.utilityInstrument()),
                e -> FormErrors.reject(errors, e, "accounting.utility.instrument", "utilityInstrument", "accounting.utility",
                        "utilityIndicator", "accounting.notFound", "utilityIndicator"))) {
            return "redirect:/company/analyses/effects?year=" + fy.startYear();
        }
        model.addAttribute("effectForm", EffectForm.empty());
        model.addAttribute("marginForm", new MarginForm(analyses.margin(fy).percent()));
        return effectsPage(fy, model);
    }

    @PostMapping("/company/analyses/utility-scales/{indicatorId}/remove")
    String unmarkUtility(@PathVariable String indicatorId, @RequestParam int year, RedirectAttributes redirect) {
        UUID id = FormErrors.uuidOrNull(indicatorId);
        try {
            analyses.unmarkUtility(id);
            redirect.addFlashAttribute("done", "accounting.utility.unmarked");
        } catch (AccountingException e) {
            if ("accounting.notFound".equals(e.messageKey())) {
                throw new PageNotFoundException();
            }
            redirect.addFlashAttribute("failed", e.messageKey());
        }
        return "redirect:/company/analyses/effects?year=" + year;
    }

    @GetMapping("/company/effects/{id}/delete")
    String confirmDelete(@PathVariable String id, Model model) {
        var effect = analyses.effect(FormErrors.uuidOrNull(id)).orElseThrow(PageNotFoundException::new);
        var measure = accounting.measure(effect.measureId()).orElseThrow(PageNotFoundException::new).measure();
        var indicator = healthIndicators.indicator(effect.indicatorId()).orElseThrow(PageNotFoundException::new);
        model.addAttribute("title", "accounting.effect.delete.title");
        model.addAttribute("subject", measure.name() + " → " + indicator.name());
        model.addAttribute("consequence", "accounting.effect.delete.consequence");
        model.addAttribute("args", null);
        model.addAttribute("hiddenName", null);
        model.addAttribute("action", "/company/effects/" + effect.id() + "/delete");
        model.addAttribute("cancel", "/company/analyses/effects?year=" + effect.fiscalYear().startYear());
        return "accounting/confirm";
    }

    @PostMapping("/company/effects/{id}/delete")
    String delete(@PathVariable String id, RedirectAttributes redirect) {
        var effect = analyses.effect(FormErrors.uuidOrNull(id)).orElseThrow(PageNotFoundException::new);
        try {
            analyses.deleteEffect(effect.id());
            redirect.addFlashAttribute("done", "accounting.effect.deleted");
        } catch (AccountingException e) {
            redirect.addFlashAttribute("failed", e.messageKey());
        }
        return "redirect:/company/analyses/effects?year=" + effect.fiscalYear().startYear();
    }

    private String effectsPage(FiscalYear year, Model model) {
        var measures = accounting.measures(year);
        var indicators = healthIndicators.indicators();
        model.addAttribute("year", year);
        model.addAttribute("measures", measures);
        model.addAttribute("indicators", indicators);
        model.addAttribute("finalIndicators", indicators.stream().filter(i -> i.tier() == IndicatorTier.FINAL).toList());
        model.addAttribute("measureNames", measures.stream().collect(Collectors.toMap(HealthAccounting.MeasureView::id,
                HealthAccounting.MeasureView::name)));
        Map<UUID, HealthAccounting.IndicatorView> byId = indicators.stream()
                .collect(Collectors.toMap(HealthAccounting.IndicatorView::id, Function.identity()));
        model.addAttribute("indicatorsById", byId);
        model.addAttribute("effects", analyses.effects(year));
        model.addAttribute("scales", analyses.utilityScales());
        model.addAttribute("margin", analyses.margin(year));
        return "accounting/effects";
    }
}
