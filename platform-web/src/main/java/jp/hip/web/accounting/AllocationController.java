package jp.hip.web.accounting;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jp.hip.accounting.AccountingException;
import jp.hip.accounting.ledger.AllocationRule;
import jp.hip.accounting.HealthAccounting;
import jp.hip.web.FormErrors;
import jp.hip.web.PageNotFoundException;
import jp.hip.web.Pages;

/**
 * 按分 of one investment line, typed on the measure page: wholly to the main indicator, or by ratios. A refused
 * allocation shows the measure page again with that line's section open, the input kept and every problem beside its
 * field (issue 15: never in a collapsed section, never a flash).
 */
@Controller
class AllocationController {

    private final HealthAccounting accounting;
    private final MeasureDetailPage detailPage;

    AllocationController(HealthAccounting accounting, MeasureDetailPage detailPage) {
        this.accounting = accounting;
        this.detailPage = detailPage;
    }

    /**
     * 按分 as typed: mode PRIMARY with one indicator, or RATIOS with rows of an indicator and a ratio (0.6, 60 %,
     * full width too); blank rows are ignored. Kept as text so that the page can show every row back as typed.
     */
    public record AllocationForm(
            @NotNull(message = "{accounting.allocation.mode.required}")
            @Pattern(regexp = "PRIMARY|RATIOS", message = "{accounting.allocation.mode.required}") String mode,
            String primary,
            @Size(max = ROWS, message = "{accounting.allocation.tooManyRows}") List<String> indicators,
            @Size(max = ROWS, message = "{accounting.allocation.tooManyRows}") List<String> ratios) {

        /** Rows of indicator and ratio the page offers. */
        static final int ROWS = 4;

        static AllocationForm empty() {
            return new AllocationForm("PRIMARY", "", List.of(), List.of());
        }

        /** The indicator typed in row 1–4, or "". */
        public String indicatorAt(int row) {
            return at(indicators, row - 1);
        }

        /** The ratio typed in row 1–4, or "". */
        public String ratioAt(int row) {
            return at(ratios, row - 1);
        }

        private static String at(List<String> values, int i) {
            return values != null && i < values.size() && values.get(i) != null ? values.get(i) : "";
        }

        /** The rule typed, or null with every problem beside its field (rows named by number). */
        AllocationRule rule(BindingResult errors) {
            if (errors.hasErrors()) {
                return null;
            }
            if ("PRIMARY".equals(mode)) {
                UUID id = FormErrors.uuidOrNull(primary == null ? "" : primary.strip());
                if (id == null) {
                    Refusals.add(errors, "primary", primary, "accounting.allocation.indicatorRequired");
                    return null;
                }
                return AllocationRule.primaryOnly(id);
            }
            List<AllocationRule.Share> shares = new ArrayList<>();
            int rows = Math.max(indicators == null ? 0 : indicators.size(), ratios == null ? 0 : ratios.size());
            for (int i = 0; i < rows; i++) {
                String indicator = at(indicators, i).strip();
                String ratio = fold(at(ratios, i));
                if (indicator.isEmpty() && ratio.isEmpty()) {
                    continue;
                }
                UUID id = FormErrors.uuidOrNull(indicator);
                if (id == null) {
                    Refusals.add(errors, "indicators", indicators, indicator.isEmpty()
                            ? "accounting.allocation.row.indicatorRequired" : "accounting.allocation.row.indicatorUnknown", i + 1);
                }
                BigDecimal value = ratio(ratio);
                String problem = ratio.isEmpty() ? "accounting.allocation.row.ratioRequired"
                        : value == null ? "accounting.allocation.row.ratioFormat"
                        : value.signum() <= 0 || value.compareTo(BigDecimal.ONE) > 0 ? "accounting.allocation.row.ratioRange"
                        : value.stripTrailingZeros().scale() > 6 ? "accounting.allocation.row.ratioScale" : null;
                if (problem != null) {
                    Refusals.add(errors, "ratios", ratios, problem, i + 1);
                }
                if (id != null && problem == null) {
                    shares.add(new AllocationRule.Share(id, value));
                }
            }
            if (errors.hasErrors()) {
                return null;
            }
            try {
                return AllocationRule.ratios(shares);
            } catch (AccountingException e) {
                Refusals.add(errors, e, null, "accounting.allocation.empty", "indicators", "accounting.allocation.duplicate", "indicators",
                        "accounting.allocation.sumNotOne", "ratios");
                return null;
            }
        }

        private static String fold(String text) {
            return Normalizer.normalize(text, Normalizer.Form.NFKC).strip();
        }

        /** 0.6 or 60 % as 0.6; null when it is not a number. */
        private static BigDecimal ratio(String text) {
            try {
                return text.endsWith("%") ? new BigDecimal(text.substring(0, text.length() - 1).strip()).movePointLeft(2)
                        : new BigDecimal(text);
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    @PostMapping("/company/lines/{lineId}/allocation")
    String allocate(@PathVariable UUID lineId, @Valid @ModelAttribute("allocationForm") AllocationForm form, BindingResult errors,
            @RequestParam(required = false) String page, Locale locale, Model model, RedirectAttributes redirect) {
        var line = accounting.line(lineId).orElseThrow(PageNotFoundException::new);
        AllocationRule rule = form.rule(errors);
        if (rule != null) {
            try {
                accounting.allocate(line.id(), rule);
                redirect.addFlashAttribute("done", "accounting.allocation.saved");
                int shown = Pages.requested(page);
                return "redirect:/company/measures/" + line.measureId() + (shown > 1 ? "?page=" + shown : "") + "#line-" + line.id();
            } catch (AccountingException e) {
                if ("accounting.notFound".equals(e.messageKey())) {
                    throw new PageNotFoundException();
                }
                Refusals.add(errors, e, null, "accounting.allocation.indicator", "PRIMARY".equals(form.mode()) ? "primary" : "indicators");
            }
        }
        model.addAttribute("allocationLine", line.id());
        model.addAttribute("page", Pages.requested(page));
        return detailPage.render(line.measureId(), locale, model);
    }
}
