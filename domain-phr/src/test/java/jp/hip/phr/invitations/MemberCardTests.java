package jp.hip.phr.invitations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import jp.hip.phr.PhrException;

/** What a member types from their card: full-width accepted, each malformed field named (ADR 0043). */
class MemberCardTests {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 30);

    @Test
    void fullWidthDigitsLettersAndJapaneseDatesAreRead() {
        MemberCard card = MemberCard.parse("０６１３００１２", " 健００１ ", "１２３４５６７", "１", "１９７５年４月１日", TODAY);
        assertThat(card).isEqualTo(new MemberCard("06130012", "健001", "1234567", "01", LocalDate.of(1975, 4, 1)));
        assertThat(MemberCard.parse("06130012", "", "AB12", "", "19750401", TODAY).birthDate()).isEqualTo(LocalDate.of(1975, 4, 1));
        assertThat(MemberCard.parse("06130012", null, "1", null, "1975/4/1", TODAY).symbol()).isNull();
    }

    @Test
    void everyMalformedFieldIsNamedAtOnce() {
        assertThatThrownBy(() -> MemberCard.parse("0613", "健<001>", "12-34!", "123", "1975-02-30", TODAY))
                .isInstanceOfSatisfying(PhrException.class, e -> assertThat(e.problems()).extracting(PhrException.Problem::where)
                        .containsExactly("insurerNumber", "symbol", "number", "branch", "birthDate"));
        assertThatThrownBy(() -> MemberCard.parse("06130012", null, "1", null, "2026-12-01", TODAY))
                .isInstanceOfSatisfying(PhrException.class, e -> assertThat(e.problems()).extracting(PhrException.Problem::key)
                        .containsExactly("phr.join.invalid.birthDate"));
        assertThatThrownBy(() -> MemberCard.parse("06130012", null, "123456789012345678901", null, "1975-04-01", TODAY))
                .isInstanceOf(PhrException.class);
    }

    @Test
    void codesAreReadInAnyCaseWithOrWithoutHyphensAndOnlyFromTheirAlphabet() {
        String code = JoinCode.generate();
        assertThat(code).matches("[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}");
        assertThat(JoinCode.normalise(code.toLowerCase().replace("-", " "))).hasValue(code.replace("-", ""));
        assertThat(JoinCode.normalise("ＳＡＫＵ－ＲＡＫＥ－ＮＰ２６")).hasValue("SAKURAKENP26");
        assertThat(JoinCode.normalise("SAKU-RAKE-NP20")).as("0 is not in the alphabet").isEmpty();
        assertThat(JoinCode.normalise("SAKU-RAKE")).isEmpty();
        assertThat(JoinCode.hash("SAKU-RAKE-NP26")).isEqualTo(JoinCode.hash("SAKURAKENP26")).hasSize(64);
    }
}
