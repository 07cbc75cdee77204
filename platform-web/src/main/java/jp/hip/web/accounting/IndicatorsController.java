package jp.hip.web.accounting;

import java.math.BigDecimal;
import java.util.UUID;

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
import jp.hip.accounting.BenefitKind;
import jp.hip.accounting.Direction;
import jp.hip.accounting.FiscalYear;
import jp.hip.accounting.HealthAccounting;
import jp.hip.accounting.IndicatorTier;
import jp.hip.web.FormErrors;
import jp.hip.web.PageNotFoundException;

/** 健康投資効果の指標 and their yearly baseline, target and actual values. */
@Controller
class IndicatorsController {

    private final HealthAccounting accounting;

    IndicatorsController(HealthAccounting accounting) {
        this.accounting = accounting;
    }

    public static final class IndicatorForm {
        private String name = "";
        private IndicatorTier tier;
        private String unit = "";
        private Direction direction;
        private String method = "";
        private String population = "";
        private BenefitKind benefitKind = BenefitKind.NONE;

        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public IndicatorTier getTier() { return tier; }
        public void setTier(IndicatorTier tier) { this.tier = tier; }
        public String getUnit() { return unit; }
        public void setUnit(String unit) { this.unit = unit; }
        public Direction getDirection() { return direction; }
        public void setDirection(Direction direction) { this.direction = direction; }
        public String getMethod() { return method; }
        public void setMethod(String method) { this.method = method; }
        public String getPopulation() { return population; }
        public void setPopulation(String population) { this.population = population; }
        public BenefitKind getBenefitKind() { return benefitKind; }
        public void setBenefitKind(BenefitKind benefitKind) { this.benefitKind = benefitKind; }
    }

    @GetMapping("/company/indicators")
    String list(Model model) {
        model.addAttribute("form", new IndicatorForm());
        return listView(model);
    }

    @PostMapping("/company/indicators")
    String create(@ModelAttribute("form") IndicatorForm form, BindingResult errors, Model model) {
        try {
            UUID id = accounting.createIndicator(new HealthAccounting.IndicatorCommand(form.getName(), form.getTier(), form.getUnit(),
                    form.getDirection(), form.getMethod(), form.getPopulation(), form.getBenefitKind()));
            return "redirect:/company/indicators/" + id;
        } catch (AccountingException e) {
            FormErrors.reject(errors, e, "accounting.indicator.name", "name", "accounting.indicator.tier", "tier",
                    "accounting.indicator.unit", "unit", "accounting.indicator.direction", "direction",
                    "accounting.indicator.benefitKind", "benefitKind");
            return listView(model);
        }
    }

    @GetMapping("/company/indicators/{id}")
    String detail(@PathVariable String id, Model model) {
        UUID uuid = FormErrors.uuidOrNull(id);
        var indicator = (uuid == null ? java.util.Optional.<HealthAccounting.IndicatorView>empty() : accounting.indicator(uuid))
                .orElseThrow(PageNotFoundException::new);
        model.addAttribute("indicator", indicator);
        model.addAttribute("year", FiscalYear.current());
        return "accounting/indicator";
    }

    @PostMapping("/company/indicators/{id}/values")
    String setValue(@PathVariable String id, @RequestParam String year, @RequestParam(required = false) String baseline,
            @RequestParam(required = false) String target, @RequestParam(required = false) String actual,
            @RequestParam(required = false) String responseRate, RedirectAttributes redirect) {
        UUID uuid = FormErrors.uuidOrNull(id);
        if (uuid == null || accounting.indicator(uuid).isEmpty()) {
            throw new PageNotFoundException();
        }
        try {
            accounting.setValue(uuid, FiscalYear.of(Integer.parseInt(year.strip())), number(baseline), number(target),
                    number(actual), number(responseRate));
            redirect.addFlashAttribute("done", "accounting.value.saved");
        } catch (NumberFormatException e) {
            redirect.addFlashAttribute("failed", "accounting.value.invalid");
        } catch (AccountingException e) {
            redirect.addFlashAttribute("failed", e.messageKey());
        }
        return "redirect:/company/indicators/" + uuid;
    }

    private static BigDecimal number(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(text.strip().replace(",", ""));
        } catch (NumberFormatException e) {
            throw new AccountingException("accounting.value.invalid");
        }
    }

    private String listView(Model model) {
        model.addAttribute("indicators", accounting.indicators());
        model.addAttribute("year", FiscalYear.current());
        model.addAttribute("tiers", IndicatorTier.values());
        model.addAttribute("directions", Direction.values());
        model.addAttribute("benefitKinds", BenefitKind.values());
        return "accounting/indicators";
    }
}
