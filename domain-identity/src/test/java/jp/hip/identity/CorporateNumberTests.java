package jp.hip.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("法人番号: 13桁、先頭はチェックデジット")
class CorporateNumberTests {

    @ParameterizedTest
    @ValueSource(strings = {"7000012050002", "4010001234567", "1011001098765"})
    void acceptsNumbersWithTheRightCheckDigit(String number) {
        assertThat(CorporateNumber.isValid(number)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8000012050002", "700001205000", "70000120500021", "700001205000A", "", "７０００012050002"})
    void rejectsWrongCheckDigitsLengthsAndCharacters(String number) {
        assertThat(CorporateNumber.isValid(number)).isFalse();
    }
}
