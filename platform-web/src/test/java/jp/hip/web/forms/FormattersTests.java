package jp.hip.web.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.text.ParseException;
import java.time.LocalDate;
import java.util.Locale;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What people type in Japan, read the one way every form reads it (ui.md: yen, dates; issue 15: ratios, 法人番号). */
class FormattersTests {

    static final Locale JA = Locale.JAPAN;

    @ParameterizedTest
    @ValueSource(strings = {"1234567", "1,234,567", "１２３４５６７円", "１，２３４，５６７", "¥1,234,567", "￥１２３４５６７", " 1234567円 "})
    void yenAsPeopleTypeIt(String typed) throws ParseException {
        assertThat(new Formatters.YenFormatter().parse(typed, JA)).isEqualTo(1_234_567L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"12,34,567", "1.5", "千円", "1234567ドル", "", "9999999999999999"})
    void yenThatIsNotAnAmountIsRefused(String typed) {
        assertThatThrownBy(() -> new Formatters.YenFormatter().parse(typed, JA)).isInstanceOf(ParseException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.6", "60%", "60 %", "６０％", ".6", "60.0%"})
    void ratioAsDecimalOrPercentage(String typed) throws ParseException {
        assertThat(new Formatters.RatioFormatter().parse(typed, JA)).isEqualByComparingTo(new BigDecimal("0.6"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sixty", "60%%", "%", "0,6"})
    void ratioThatIsNotANumberIsRefused(String typed) {
        assertThatThrownBy(() -> new Formatters.RatioFormatter().parse(typed, JA)).isInstanceOf(ParseException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-04-01", "2025/4/1", "2025/04/01", "２０２５／４／１", "２０２５－０４－０１", "2025年4月1日"})
    void datesInEveryCommonForm(String typed) throws ParseException {
        assertThat(new Formatters.DateFormatter().parse(typed, JA)).isEqualTo(LocalDate.of(2025, 4, 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-02-30", "2025/13/1", "1/4/2025", "令和7年4月1日", "tomorrow"})
    void impossibleOrForeignDatesAreRefused(String typed) {
        assertThatThrownBy(() -> new Formatters.DateFormatter().parse(typed, JA)).isInstanceOf(ParseException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8000012010038", "８００００１２０１００３８", "8000-0120-10038", "８０００ ０１２０ １００３８", "8000‐0120‐10038"})
    void corporateNumberWithFullWidthDigitsSpacesAndHyphens(String typed) {
        assertThat(new Formatters.CorporateNumberFormatter().parse(typed, JA)).isEqualTo("8000012010038");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "8000-abc"})
    void corporateNumberThatIsNotDigitsIsKeptForTheValidatorToName(String typed) {
        assertThat(new Formatters.CorporateNumberFormatter().parse(typed, JA)).isEqualTo(typed);
    }

    @org.junit.jupiter.api.Test
    void amountsAndRatiosAreShownBackAsPeopleReadThem() {
        assertThat(new Formatters.YenFormatter().print(1_234_567L, JA)).isEqualTo("1,234,567");
        assertThat(new Formatters.RatioFormatter().print(new BigDecimal("0.600"), JA)).isEqualTo("0.6");
        assertThat(new Formatters.DateFormatter().print(LocalDate.of(2025, 4, 1), JA)).isEqualTo("2025-04-01");
    }
}
