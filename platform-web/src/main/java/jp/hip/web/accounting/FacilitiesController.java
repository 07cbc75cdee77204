package jp.hip.web.accounting;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Locale;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jp.hip.accounting.AccountingException;
import jp.hip.accounting.depreciation.AssetClass;
import jp.hip.accounting.depreciation.Depreciation;
import jp.hip.accounting.depreciation.DepreciationMethod;
import jp.hip.accounting.depreciation.DepreciationRounding;
import jp.hip.accounting.facilities.FacilityLedger;
import jp.hip.accounting.FiscalYear;
import jp.hip.accounting.HealthAccounting;
import jp.hip.accounting.depreciation.SharedUseBasis;
import jp.hip.accounting.Yen;
import jp.hip.web.FormErrors;
import jp.hip.web.PageNotFoundException;
import jp.hip.web.forms.RatioFormat;
import jp.hip.web.forms.YenFormat;

/**
 * Health facilities (空間投資) as a 固定資産台帳: list per 年度, one facility's schedule per 年度 (期首簿価, 償却費,
 * 期末簿価), create, change, delete with confirmation, the company's rounding rule, and a measure's share of a
 * facility-year's depreciation (ADRs 0024, 0025).
 */
@Controller
class FacilitiesController {

    private static final String[] FIELDS = {"accounting.facility.name", "name", "accounting.yen", "cost", "accounting.date", "acquiredOn",
        "accounting.facility.life", "life", "accounting.facility.ratio", "ratio", "accounting.facility.method", "method",
        "accounting.facility.beforeAcquisition", "acquiredOn", "accounting.facility.note", "note"};

    private final FacilityLedger ledger;
    private final MeasureDetailPage detailPage;

    FacilitiesController(FacilityLedger ledger, MeasureDetailPage detailPage) {
        this.ledger = ledger;
        this.detailPage = detailPage;
    }

    /**
     * A facility as typed (ADR 0097, 0087): amounts 「1,000,000」「１０００００００円」, dates 2025-04-01 or 2025/4/1
     * (full width too), shares 0.5 or 50 %; every field checked at once, limits as the columns (V21) and the rate
     * table's 2–50 years (ref-depreciation).
     */
    public record FacilityForm(
            @NotBlank(message = "{accounting.facility.name.required}") @Size(max = 200, message = "{validation.tooLong}") String name,
            @NotNull(message = "{validation.required}") @YenFormat @Min(value = 0, message = "{accounting.yen.negative}")
            @Max(value = Yen.MAX_AMOUNT, message = "{accounting.yen.tooLarge}") Long cost,
            @NotNull(message = "{validation.required}") LocalDate acquiredOn,
            @NotNull(message = "{validation.required}") @Min(value = 2, message = "{accounting.facility.lifeInvalid}")
            @Max(value = 50, message = "{accounting.facility.lifeInvalid}") Integer life,
            @NotNull(message = "{validation.required}") DepreciationMethod method,
            AssetClass assetClass,
            @NotNull(message = "{validation.required}") @RatioFormat
            @DecimalMin(value = "0", inclusive = false, message = "{accounting.facility.ratioInvalid}")
            @DecimalMax(value = "1", message = "{accounting.facility.ratioInvalid}") BigDecimal ratio,
            @NotNull(message = "{validation.required}") SharedUseBasis basis,
            @Size(max = 1000, message = "{validation.tooLong}") String note) {

        static FacilityForm empty() {
            return new FacilityForm("", null, null, null, DepreciationMethod.STRAIGHT_LINE, AssetClass.EQUIPMENT, BigDecimal.ONE,
                    SharedUseBasis.FLOOR_AREA, "");
        }

        static FacilityForm of(HealthAccounting.FacilityView f) {
            Depreciation d = f.depreciation();
            return new FacilityForm(f.name(), d.acquisitionCost().amount(), d.acquiredOn(), d.usefulLifeYears(), d.method(),
                    d.assetClass(), d.sharedUseRatio().stripTrailingZeros(), d.sharedUseBasis(), f.note() == null ? "" : f.note());
        }

        HealthAccounting.FacilityCommand toCommand() {
            // without an asset class (a post from before V24 added it): 器具備品, the form's default
            return new HealthAccounting.FacilityCommand(name, new Depreciation(Yen.of(cost), acquiredOn, life, method,
                    assetClass == null ? AssetClass.EQUIPMENT : assetClass, ratio, basis), note);
        }
    }

    /**
     * A measure's share of a facility's health-use depreciation in the measure's 年度: 0.6 or 60 % (full width too),
     * blank for 100 %; the facility chosen from the list.
     */
    public record DepreciationShareForm(
            @NotNull(message = "{accounting.facility.choose}") UUID facilityId,
            @RatioFormat @DecimalMin(value = "0", inclusive = false, message = "{accounting.facility.shareInvalid}")
            @DecimalMax(value = "1", message = "{accounting.facility.shareInvalid}")
            @Digits(integer = 1, fraction = 6, message = "{accounting.facility.shareInvalid}") BigDecimal share) {

        static DepreciationShareForm empty() {
            return new DepreciationShareForm(null, null);
        }
    }

    /** The company's rounding of depreciation below one yen (ADR 0025). */
    public record RoundingForm(@NotNull(message = "{accounting.rounding.required}") DepreciationRounding rounding) {}

    @GetMapping("/company/facilities")
    String facilities(@RequestParam(required = false) Integer year, Model model) {
        model.addAttribute("form", FacilityForm.empty());
        return facilitiesView(Years.of(year), model);
    }

    @PostMapping("/company/facilities")
    String createFacility(@Valid @ModelAttribute("form") FacilityForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        if (errors.hasErrors()) {
            return facilitiesView(FiscalYear.current(), model);
        }
        try {
            UUID id = ledger.create(form.toCommand());
            redirect.addFlashAttribute("done", "accounting.facility.created");
            return "redirect:/company/facilities/" + id;
        } catch (AccountingException e) {
            FormErrors.reject(errors, e, FIELDS);
            return facilitiesView(FiscalYear.current(), model);
        }
    }

    @PostMapping("/company/facilities/rounding")
    String changeRounding(@Valid @ModelAttribute("roundingForm") RoundingForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        if (errors.hasErrors()) {
            model.addAttribute("form", FacilityForm.empty());
            return facilitiesView(FiscalYear.current(), model);
        }
        ledger.changeRounding(form.rounding());
        redirect.addFlashAttribute("done", "accounting.rounding.saved");
        return "redirect:/company/facilities";
    }

    private String facilitiesView(FiscalYear year, Model model) {
        model.addAttribute("year", year);
        model.addAttribute("facilities", ledger.facilities(year));
        model.addAttribute("rounding", ledger.rounding());
        if (!model.containsAttribute("roundingForm")) {
            model.addAttribute("roundingForm", new RoundingForm(ledger.rounding()));
        }
        model.addAttribute("roundings", DepreciationRounding.values());
        return options(model, "accounting/facilities");
    }

    private static String options(Model model, String view) {
        model.addAttribute("methods", DepreciationMethod.values());
        model.addAttribute("bases", SharedUseBasis.values());
        model.addAttribute("classes", AssetClass.values());
        return view;
    }

    @GetMapping("/company/facilities/{id}")
    String facility(@PathVariable UUID id, Model model) {
        FacilityLedger.Ledger l = ledger.ledger(id).orElseThrow(PageNotFoundException::new);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", FacilityForm.of(l.facility()));
        }
        model.addAttribute("ledger", l);
        return options(model, "accounting/facility");
    }

    @PostMapping("/company/facilities/{id}")
    String changeFacility(@PathVariable UUID id, @Valid @ModelAttribute("form") FacilityForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        UUID facility = id;
        if (errors.hasErrors()) {
            return facility(id, model);
        }
        try {
            ledger.change(facility, form.toCommand());
        } catch (AccountingException e) {
            if ("accounting.notFound".equals(e.messageKey())) {
                throw new PageNotFoundException();
            }
            FormErrors.reject(errors, e, FIELDS);
            return facility(id, model);
        }
        redirect.addFlashAttribute("done", "accounting.facility.changed");
        return "redirect:/company/facilities/" + facility;
    }

    @GetMapping("/company/facilities/{id}/delete")
    String confirmDelete(@PathVariable String id, Model model) {
        FacilityLedger.Ledger l = ledger.ledger(uuid(id)).orElseThrow(PageNotFoundException::new);
        model.addAttribute("title", "accounting.facility.delete.title");
        model.addAttribute("subject", l.facility().name());
        model.addAttribute("consequence", "accounting.facility.delete.consequence");
        model.addAttribute("action", "/company/facilities/" + l.facility().id() + "/delete");
        model.addAttribute("cancel", "/company/facilities/" + l.facility().id());
        return "accounting/confirm";
    }

    @PostMapping("/company/facilities/{id}/delete")
    String delete(@PathVariable String id, RedirectAttributes redirect) {
        UUID facility = uuid(id);
        try {
            ledger.delete(facility);
        } catch (AccountingException e) {
            if ("accounting.notFound".equals(e.messageKey())) {
                throw new PageNotFoundException();
            }
            redirect.addFlashAttribute("failed", e.messageKey());
            return "redirect:/company/facilities/" + facility;
        }
        redirect.addFlashAttribute("done", "accounting.facility.deleted");
        return "redirect:/company/facilities";
    }

    /**
     * A measure's share of a facility's health-use depreciation in the measure's 年度. A refused share shows the measure
     * page again with its section open, the input kept and the error beside its field (the share left, when over).
     */
    @PostMapping("/company/measures/{id}/depreciation-lines")
    String addDepreciationLine(@PathVariable UUID id, @Valid @ModelAttribute("depreciationForm") DepreciationShareForm form,
            BindingResult errors, Locale locale, Model model, RedirectAttributes redirect) {
        if (!errors.hasErrors()) {
            try {
                ledger.addDepreciationLine(id, form.facilityId(), form.share() == null ? BigDecimal.ONE : form.share());
                redirect.addFlashAttribute("done", "accounting.line.added");
                return "redirect:/company/measures/" + id;
            } catch (FacilityLedger.ShareExceeded e) {
                Refusals.add(errors, "share", form.share(), e.messageKey(), e.remainingPercent());
            } catch (AccountingException e) {
                if ("accounting.notFound".equals(e.messageKey())) {
                    throw new PageNotFoundException();
                }
                Refusals.add(errors, e, form.share(), "accounting.facility.share", "share");
            }
        }
        model.addAttribute("depreciationOpen", true);
        return detailPage.render(id, locale, model);
    }

    private static UUID uuid(String id) {
        UUID uuid = FormErrors.uuidOrNull(id);
        if (uuid == null) {
            throw new PageNotFoundException();
        }
        return uuid;
    }
}
