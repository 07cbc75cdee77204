package jp.hip.web.accounting;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
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
import jp.hip.accounting.AssetClass;
import jp.hip.accounting.Depreciation;
import jp.hip.accounting.DepreciationMethod;
import jp.hip.accounting.DepreciationRounding;
import jp.hip.accounting.FacilityLedger;
import jp.hip.accounting.FiscalYear;
import jp.hip.accounting.HealthAccounting;
import jp.hip.accounting.SharedUseBasis;
import jp.hip.accounting.Yen;
import jp.hip.web.FormErrors;
import jp.hip.web.PageNotFoundException;

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

    FacilitiesController(FacilityLedger ledger) {
        this.ledger = ledger;
    }

    public static final class FacilityForm {
        private String name = "";
        private String cost = "";
        private String acquiredOn = "";
        private String life = "";
        private DepreciationMethod method = DepreciationMethod.STRAIGHT_LINE;
        private AssetClass assetClass = AssetClass.EQUIPMENT;
        private String ratio = "1";
        private SharedUseBasis basis = SharedUseBasis.FLOOR_AREA;
        private String note = "";

        static FacilityForm of(HealthAccounting.FacilityView f) {
            FacilityForm form = new FacilityForm();
            Depreciation d = f.depreciation();
            form.name = f.name();
            form.cost = Long.toString(d.acquisitionCost().amount());
            form.acquiredOn = d.acquiredOn().toString();
            form.life = Integer.toString(d.usefulLifeYears());
            form.method = d.method();
            form.assetClass = d.assetClass();
            form.ratio = d.sharedUseRatio().stripTrailingZeros().toPlainString();
            form.basis = d.sharedUseBasis();
            form.note = f.note() == null ? "" : f.note();
            return form;
        }

        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public String getCost() { return cost; }
        public void setCost(String cost) { this.cost = cost; }
        public String getAcquiredOn() { return acquiredOn; }
        public void setAcquiredOn(String acquiredOn) { this.acquiredOn = acquiredOn; }
        public String getLife() { return life; }
        public void setLife(String life) { this.life = life; }
        public DepreciationMethod getMethod() { return method; }
        public void setMethod(DepreciationMethod method) { this.method = method; }
        public AssetClass getAssetClass() { return assetClass; }
        public void setAssetClass(AssetClass assetClass) { this.assetClass = assetClass; }
        public String getRatio() { return ratio; }
        public void setRatio(String ratio) { this.ratio = ratio; }
        public SharedUseBasis getBasis() { return basis; }
        public void setBasis(SharedUseBasis basis) { this.basis = basis; }
        public String getNote() { return note; }
        public void setNote(String note) { this.note = note; }

        HealthAccounting.FacilityCommand toCommand() {
            int years;
            try {
                years = Integer.parseInt(life.strip());
            } catch (RuntimeException e) {
                throw new AccountingException("accounting.facility.lifeInvalid");
            }
            BigDecimal share = ratio(ratio, "accounting.facility.ratioInvalid");
            return new HealthAccounting.FacilityCommand(name, new Depreciation(Yen.parse(cost), date(acquiredOn), years, method,
                    assetClass, share, basis), note);
        }
    }

    /** 0.35 or 35 %. */
    static BigDecimal ratio(String text, String errorKey) {
        try {
            String s = text == null ? "" : text.strip().replace('％', '%');
            return s.endsWith("%") ? new BigDecimal(s.substring(0, s.length() - 1).strip()).movePointLeft(2) : new BigDecimal(s);
        } catch (RuntimeException e) {
            throw new AccountingException(errorKey);
        }
    }

    /** Accepts 2025-04-01 and 2025/4/1. */
    static LocalDate date(String text) {
        try {
            String s = text == null ? "" : text.strip();
            return s.contains("/") ? LocalDate.parse(s, DateTimeFormatter.ofPattern("uuuu/M/d")) : LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw new AccountingException("accounting.date.invalid");
        }
    }

    @GetMapping("/company/facilities")
    String facilities(@RequestParam(required = false) Integer year, Model model) {
        model.addAttribute("form", new FacilityForm());
        return facilitiesView(Years.of(year), model);
    }

    @PostMapping("/company/facilities")
    String createFacility(@ModelAttribute("form") FacilityForm form, BindingResult errors, Model model, RedirectAttributes redirect) {
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
    String changeRounding(@RequestParam(required = false) DepreciationRounding rounding, RedirectAttributes redirect) {
        if (rounding == null) {
            redirect.addFlashAttribute("failed", "accounting.policy.rounding");
        } else {
            ledger.changeRounding(rounding);
            redirect.addFlashAttribute("done", "accounting.rounding.saved");
        }
        return "redirect:/company/facilities";
    }

    private String facilitiesView(FiscalYear year, Model model) {
        model.addAttribute("year", year);
        model.addAttribute("facilities", ledger.facilities(year));
        model.addAttribute("rounding", ledger.rounding());
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
    String facility(@PathVariable String id, Model model) {
        FacilityLedger.Ledger l = ledger.ledger(uuid(id)).orElseThrow(PageNotFoundException::new);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", FacilityForm.of(l.facility()));
        }
        model.addAttribute("ledger", l);
        return options(model, "accounting/facility");
    }

    @PostMapping("/company/facilities/{id}")
    String changeFacility(@PathVariable String id, @ModelAttribute("form") FacilityForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        UUID facility = uuid(id);
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

    /** A measure's share (0.6 or 60 %; blank = 100 %) of a facility's health-use depreciation in the measure's 年度. */
    @PostMapping("/company/measures/{id}/depreciation-lines")
    String addDepreciationLine(@PathVariable String id, @RequestParam(required = false) String facilityId,
            @RequestParam(required = false) String share, RedirectAttributes redirect) {
        UUID measure = uuid(id);
        UUID facility = facilityId == null ? null : FormErrors.uuidOrNull(facilityId);
        try {
            BigDecimal s = share == null || share.isBlank() ? BigDecimal.ONE : ratio(share, "accounting.facility.shareInvalid");
            ledger.addDepreciationLine(measure, facility, s);
            redirect.addFlashAttribute("done", "accounting.line.added");
        } catch (FacilityLedger.ShareExceeded e) {
            redirect.addFlashAttribute("failed", e.messageKey());
            redirect.addFlashAttribute("failedArg", e.remainingPercent());
        } catch (AccountingException e) {
            if ("accounting.notFound".equals(e.messageKey())) {
                throw new PageNotFoundException();
            }
            redirect.addFlashAttribute("failed", e.messageKey());
        }
        return "redirect:/company/measures/" + measure;
    }

    private static UUID uuid(String id) {
        UUID uuid = FormErrors.uuidOrNull(id);
        if (uuid == null) {
            throw new PageNotFoundException();
        }
        return uuid;
    }
}
