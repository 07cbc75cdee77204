package jp.hip.web.accounting;

import java.math.BigDecimal;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jp.hip.accounting.AccountingException;
import jp.hip.accounting.FiscalYear;
import jp.hip.accounting.HealthAccounting;
import jp.hip.accounting.indicators.BenefitKind;
import jp.hip.accounting.indicators.Direction;
import jp.hip.accounting.indicators.HealthIndicators;
import jp.hip.accounting.indicators.IndicatorTier;
import jp.hip.web.FormErrors;
import jp.hip.web.PageNotFoundException;

/** 健康投資効果の指標 and their yearly baseline, target and actual values. */
@Controller
class IndicatorsController {

    private final HealthAccounting accounting;
    private final HealthIndicators healthIndicators;

    IndicatorsController(HealthAccounting accounting, HealthIndicators healthIndicators) {
        this.accounting = accounting;
        this.healthIndicators = healthIndicators;
    }

    /** An indicator as typed (ADR 0097, 0087); limits as the columns (V21). */
    public record IndicatorForm(
            @NotBlank(message = "{accounting.indicator.name.required}") @Size(max = 200, message = "{validation.tooLong}") String name,
            @NotNull(message = "{accounting.indicator.tier.required}") IndicatorTier tier,
            @NotBlank(message = "{accounting.indicator.unit.required}") @Size(max = 20, message = "{accounting.indicator.unit.required}")
            String unit,
            @NotNull(message = "{accounting.indicator.direction.required}") Direction direction,
            @Size(max = 200, message = "{validation.tooLong}") String method,
            @Size(max = 200, message = "{validation.tooLong}") String population,
            BenefitKind benefitKind) {

        static IndicatorForm empty() {
            return new IndicatorForm("", null, "", null, "", "", BenefitKind.NONE);
        }

        static IndicatorForm of(HealthAccounting.IndicatorView i) {
            return new IndicatorForm(i.name(), i.tier(), i.unit(), i.direction(), i.method() == null ? "" : i.method(),
                    i.population() == null ? "" : i.population(), i.benefitKind());
        }

        HealthAccounting.IndicatorCommand toCommand() {
            return new HealthAccounting.IndicatorCommand(name, tier, unit, direction, method, population,
                    benefitKind == null ? BenefitKind.NONE : benefitKind);
        }
    }

    /** Domain rules' message prefixes and the field each belongs to. */
    static final String[] INDICATOR_FIELDS = {"accounting.indicator.name", "name", "accounting.indicator.tier", "tier",
        "accounting.indicator.unit", "unit", "accounting.indicator.direction", "direction", "accounting.indicator.benefitKind",
        "benefitKind"};

    /** One 年度's values: numeric(18, 4) as the columns (V21), the response rate 0–100 %. */
    public record ValueForm(
            @NotNull(message = "{validation.required}") @Min(value = 2000, message = "{validation.outOfRange}")
            @Max(value = 2100, message = "{validation.outOfRange}") Integer year,
            @Digits(integer = 14, fraction = 4, message = "{accounting.value.invalid}") BigDecimal baseline,
            @Digits(integer = 14, fraction = 4, message = "{accounting.value.invalid}") BigDecimal target,
            @Digits(integer = 14, fraction = 4, message = "{accounting.value.invalid}") BigDecimal actual,
            @DecimalMin(value = "0", message = "{accounting.value.responseRateRange}")
            @DecimalMax(value = "100", message = "{accounting.value.responseRateRange}")
            @Digits(integer = 3, fraction = 2, message = "{accounting.value.responseRateRange}") BigDecimal responseRate) {

        static ValueForm empty(FiscalYear year) {
            return new ValueForm(year.startYear(), null, null, null, null);
        }
    }

    @GetMapping("/company/indicators")
    String list(Model model) {
        model.addAttribute("form", IndicatorForm.empty());
        return listView(model);
    }

    @PostMapping("/company/indicators")
    String create(@Valid @ModelAttribute("form") IndicatorForm form, BindingResult errors, Model model, RedirectAttributes redirect) {
        if (errors.hasErrors()) {
            return listView(model);
        }
        try {
            UUID id = healthIndicators.createIndicator(form.toCommand());
            redirect.addFlashAttribute("done", "accounting.indicator.created");
            return "redirect:/company/indicators/" + id;
        } catch (AccountingException e) {
            FormErrors.reject(errors, e, INDICATOR_FIELDS);
            return listView(model);
        }
    }

    @GetMapping("/company/indicators/{id}")
    String detail(@PathVariable UUID id, Model model) {
        var indicator = healthIndicators.indicator(id).orElseThrow(PageNotFoundException::new);
        model.addAttribute("indicator", indicator);
        model.addAttribute("year", FiscalYear.current());
        if (!model.containsAttribute("valueForm")) {
            model.addAttribute("valueForm", ValueForm.empty(FiscalYear.current()));
        }
        return "accounting/indicator";
    }

    /** A refused entry shows the indicator page again with the input kept and each error beside its field. */
    @PostMapping("/company/indicators/{id}/values")
    String setValue(@PathVariable UUID id, @Valid @ModelAttribute("valueForm") ValueForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        if (errors.hasErrors()) {
            return detail(id, model);
        }
        try {
            healthIndicators.setValue(id, FiscalYear.of(form.year()), form.baseline(), form.target(), form.actual(), form.responseRate());
        } catch (AccountingException e) {
            if ("accounting.notFound".equals(e.messageKey())) {
                throw new PageNotFoundException();
            }
            FormErrors.reject(errors, e, "accounting.value.responseRateRange", "responseRate", "accounting.fiscalYear", "year",
                    "accounting.year", "year");
            return detail(id, model);
        }
        redirect.addFlashAttribute("done", "accounting.value.saved");
        return "redirect:/company/indicators/" + id;
    }

    private String listView(Model model) {
        model.addAttribute("indicators", healthIndicators.indicators());
        model.addAttribute("year", FiscalYear.current());
        model.addAttribute("tiers", IndicatorTier.values());
        model.addAttribute("directions", Direction.values());
        model.addAttribute("benefitKinds", BenefitKind.values());
        return "accounting/indicators";
    }
}
