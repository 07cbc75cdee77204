package jp.hip.web.forms;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.stereotype.Controller;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

import jp.hip.web.FormPosts;
import jp.hip.web.WebSlice;

/**
 * The formatters as the pages get them: registered once (WebConfiguration), applied to annotated record fields,
 * a bad value a typeMismatch of its field beside the other errors, a range the record's own constraint.
 */
@WebSlice(FormatterBindingTests.Probe.class)
@Import(FormatterBindingTests.Probe.class)
@WithMockUser
class FormatterBindingTests {

    @Autowired MockMvcTester mvc;
    @Autowired FormPosts forms;

    record Amounts(@NotNull @Min(0) @Max(1_000_000_000) @YenFormat Long amount,
            @NotNull @DecimalMin("0") @DecimalMax("1") @RatioFormat BigDecimal ratio,
            @NotNull LocalDate on,
            @CorporateNumberFormat @ValidCorporateNumber String corporateNumber) {}

    @Controller
    static class Probe {
        @PostMapping("/probe")
        @ResponseBody
        String post(@Valid @ModelAttribute("form") Amounts form, BindingResult errors) {
            if (errors.hasErrors()) {
                throw new IllegalStateException("not expected here");
            }
            return form.amount() + "|" + form.ratio().toPlainString() + "|" + form.on() + "|" + form.corporateNumber();
        }

        @PostMapping("/probe/errors")
        String errors(@Valid @ModelAttribute("form") Amounts form, BindingResult errors) {
            return "error"; // the binding result stays in the model for the test to read
        }

        @GetMapping("/probe/{id}")
        @ResponseBody
        String byId(@PathVariable java.util.UUID id) {
            return id.toString();
        }
    }

    @Test
    void fullWidthYenPercentageSlashedDateAndFullWidthCorporateNumberAreRead() {
        var result = forms.post("/probe", "amount", "１，２３４，５６７円", "ratio", "６０％", "on", "2025/4/1",
                "corporateNumber", "８０００－０１２０－１００３８");
        assertThat(result).hasStatusOk().bodyText().isEqualTo("1234567|0.6|2025-04-01|8000012010038");
    }

    @Test
    void unreadableAndOutOfRangeValuesAreAnsweredByFieldAllAtOnce() {
        var result = forms.post("/probe/errors", "amount", "12,34", "ratio", "150%", "on", "2025/2/30", "corporateNumber", "1234567890123");
        assertThat(FormPosts.fieldErrors(result)).isEqualTo(Map.of("amount", "typeMismatch",
                "ratio", "jakarta.validation.constraints.DecimalMax.message", "on", "typeMismatch",
                "corporateNumber", "validation.corporateNumber"));
        assertThat(FormPosts.shownValues(result, "amount", "on")).containsEntry("amount", "12,34").containsEntry("on", "2025/2/30");
    }

    @Test
    void negativeYenIsOutOfRange() {
        var result = forms.post("/probe/errors", "amount", "-1", "ratio", "0.5", "on", "2025-04-01", "corporateNumber", "");
        assertThat(FormPosts.fieldErrors(result)).isEqualTo(Map.of("amount", "jakarta.validation.constraints.Min.message"));
    }

    @Test
    void aPathIdThatIsNotAUuidIsNotFound() {
        assertThat(mvc.get().uri("/probe/not-a-uuid")).hasStatus(404);
        assertThat(mvc.get().uri("/probe/{id}", "8f14e45f-ceea-467f-a0f4-1b1a7c0c2f11")).hasStatusOk();
    }
}
