package jp.hip.phr.checkup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import jp.hip.phr.PhrException;

/** The hardened 特定健診 CDA reader on its own. */
class CheckupXmlTests {

    static final String MINIMAL = """
            <?xml version="1.0" encoding="UTF-8"?>
            <ClinicalDocument xmlns="urn:hl7-org:v3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
              <id root="1.2.3" extension="9"/>
              <recordTarget><patientRole>
                <id root="1.2.392.200119.6.101" extension="06130012"/>
                <id root="1.2.392.200119.6.205" extension="42"/>
                <patient><name><family>テスト</family><given>イチロウ</given></name>
                  <administrativeGenderCode code="1" codeSystem="1.2.392.200119.6.1104"/><birthTime value="19800101"/></patient>
              </patientRole></recordTarget>
              <documentationOf><serviceEvent><effectiveTime value="20250401"/></serviceEvent></documentationOf>
              <component><structuredBody><component><section>
                <entry><observation classCode="OBS" moodCode="EVN">
                  <code code="9N006000000000001" codeSystem="1.2.392.200119.6.1005"/><value xsi:type="PQ" value="61.5" unit="kg"/></observation></entry>
              </section></component></structuredBody></component>
            </ClinicalDocument>
            """;

    static CheckupXml.SourceFile file(String xml) {
        return new CheckupXml.SourceFile("t.xml", xml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsHeaderAndItems() {
        CheckupXml.Checkup checkup = CheckupXml.parse(file(MINIMAL));
        assertThat(checkup.insuredNumber()).isEqualTo("42");
        assertThat(checkup.gender()).isEqualTo("male");
        assertThat(checkup.checkupDate()).hasToString("2025-04-01");
        assertThat(checkup.items()).singleElement().satisfies(i -> assertThat(i.value()).isEqualByComparingTo("61.5"));
    }

    @Test
    void reportsEveryMissingHeaderPartAtOnce() {
        String noHeader = MINIMAL.replaceAll("(?s)<recordTarget>.*</recordTarget>", "").replaceAll("(?s)<documentationOf>.*</documentationOf>", "");
        assertThatThrownBy(() -> CheckupXml.parse(file(noHeader)))
                .isInstanceOfSatisfying(PhrException.class, e -> assertThat(e.problems()).hasSize(2));
    }

    @Test
    void refusesDoctypesSoNoEntityIsEverResolved() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/hostname\">]><ClinicalDocument xmlns=\"urn:hl7-org:v3\">&e;</ClinicalDocument>";
        assertThatThrownBy(() -> CheckupXml.parse(file(xxe)))
                .isInstanceOfSatisfying(PhrException.class, e -> assertThat(e.problems().get(0).key()).isEqualTo("phr.import.doctype"));
    }

    @Test
    void refusesOversizedFilesAndNonCdaDocuments() {
        byte[] big = new byte[CheckupXml.MAX_FILE_BYTES + 1];
        assertThatThrownBy(() -> CheckupXml.files("big.xml", big)).isInstanceOf(PhrException.class);
        assertThatThrownBy(() -> CheckupXml.parse(file("<html/>")))
                .isInstanceOfSatisfying(PhrException.class, e -> assertThat(e.problems().get(0).key()).isEqualTo("phr.import.notCda"));
    }
}
