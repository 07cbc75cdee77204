package jp.hip.phr.persons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import jp.hip.phr.PhrException;
import jp.hip.phr.PhrFhir;

/** JP Core 被保険者個人識別子 and the platform's 被保険者番号 read into 保険者番号, 記号, 番号 and 枝番 (ADR 0038). */
class InsuredCardTests {

    static final String JP = PhrFhir.JP_INSURANCE_MEMBER_SYSTEM;
    static final String PLATFORM = PhrFhir.INSURED_NUMBER_SYSTEM;

    @Test
    @DisplayName("保険者番号:記号:番号:枝番 splits into its four parts under either system")
    void splitsTheFourPartFormUnderEitherSystem() {
        for (String system : new String[] {JP, PLATFORM}) {
            assertThat(InsuredCard.parse(system, "06139999:記号1:12345:01"))
                    .contains(new InsuredCard("06139999", "記号1", "12345", "01"));
        }
        assertThat(InsuredCard.parse(JP, "00012345::１８７:")).contains(new InsuredCard("00012345", null, "187", null));
        assertThat(InsuredCard.parse(JP, "00012345:あいう:１８７:05")).contains(new InsuredCard("00012345", "あいう", "187", "05"));
    }

    @Test
    void readsThePlatformFormAsSymbolAndNumber() {
        assertThat(InsuredCard.parse(PLATFORM, "健001:1234567")).contains(new InsuredCard(null, "健001", "1234567", null));
        assertThat(InsuredCard.parse(PLATFORM, "1234567")).contains(new InsuredCard(null, null, "1234567", null));
        assertThat(InsuredCard.parse(PLATFORM, ":1234567")).contains(new InsuredCard(null, null, "1234567", null));
    }

    @Test
    @DisplayName("Malformed values are refused: JP Core R1013 (8-digit 保険者番号, 番号 required, 枝番 empty or 2 digits, no spaces)")
    void refusesMalformedValues() {
        for (String value : new String[] {"1234:記号:1:01", "0613999a:記号:1:01", "06139999:記号::01", "06139999:記号:1:1",
                "06139999:記号:1", "06139999:記 号:1:01", "06139999:記号:1:01:02", "12345", "", "06139999:記号:1\u3000:01"}) {
            assertThat(InsuredCard.parse(JP, value)).as(value).isEmpty();
        }
        for (String value : new String[] {"a:b:c", "記号 1:2", "記号:", "", "06139999:記号:1:abc", "x".repeat(41)}) {
            assertThat(InsuredCard.parse(PLATFORM, value)).as(value).isEmpty();
        }
    }

    @Test
    void aPatientNamesTheIdentifierThatIsMalformed() {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem("urn:other").setValue("x");
        patient.addIdentifier().setSystem(JP).setValue("06139999:記号1:12345");
        assertThatThrownBy(() -> InsuredCard.of(patient)).isInstanceOfSatisfying(PhrException.class, e -> {
            assertThat(e.problems()).hasSize(1);
            assertThat(e.problems().get(0).key()).isEqualTo("phr.error.insuredIdentifier");
            assertThat(e.problems().get(0).where()).isEqualTo("Patient.identifier[1]");
        });
    }

    @Test
    void bothIdentifiersMustNameOneCardAndTogetherGiveEveryPart() {
        Patient same = new Patient();
        same.addIdentifier().setSystem(PLATFORM).setValue("記号1:12345");
        same.addIdentifier().setSystem(JP).setValue("06139999:記号1:12345:01");
        assertThat(InsuredCard.of(same)).isEqualTo(new InsuredCard("06139999", "記号1", "12345", "01"));

        Patient other = new Patient();
        other.addIdentifier().setSystem(PLATFORM).setValue("記号1:99999");
        other.addIdentifier().setSystem(JP).setValue("06139999:記号1:12345:01");
        assertThatThrownBy(() -> InsuredCard.of(other)).isInstanceOfSatisfying(PhrException.class,
                e -> assertThat(e.problems().get(0).key()).isEqualTo("phr.error.insuredIdentifiersDiffer"));

        assertThatThrownBy(() -> InsuredCard.of(new Patient())).isInstanceOfSatisfying(PhrException.class,
                e -> assertThat(e.problems().get(0).key()).isEqualTo("phr.error.patientIdentifier"));
    }

    @Test
    void writesTheJpCoreValueOnlyWhenTheInsurerNumberIsKnown() {
        assertThat(InsuredCard.jpCoreValue("06139999", null, "12345", null)).contains("06139999::12345:");
        assertThat(InsuredCard.jpCoreValue("06139999", "記号1", "12345", "01")).contains("06139999:記号1:12345:01");
        assertThat(InsuredCard.jpCoreValue(null, "記号1", "12345", "01")).isEmpty();
    }
}
