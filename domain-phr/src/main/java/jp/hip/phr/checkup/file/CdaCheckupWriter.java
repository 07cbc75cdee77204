package jp.hip.phr.checkup.file;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one 特定健診 file in the hc08_V08 CDA layout (ref-checkup-codes.md §2–§3), for the demo data, the test
 * corpus and the benchmark: the project builds its own files and never copies a real one. Items are written
 * the way ORCA and the 2024 archive do: item code system omitted (the XSD default), answers with their
 * code system and no displayName, 一連検査グループ as a container with {@code entryRelationship}.
 */
public final class CdaCheckupWriter {

    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private final String insurerNumber;
    private final String insuredSymbol;
    private final String insuredNumber;
    private final String branchNumber;
    private String reportCategory = CheckupDocument.REPORT_CHECKUP;
    private String familyKana = "テスト";
    private String givenKana = "タロウ";
    private String gender = "1";
    private LocalDate birthDate = LocalDate.of(1970, 1, 1);
    private LocalDate checkupDate = LocalDate.of(2024, 6, 1);
    private String institutionNumber = "1310000001";
    private String institutionName = "テスト健診センター";
    private String programType = "010";
    private final List<String> entries = new ArrayList<>();

    private CdaCheckupWriter(String insurerNumber, String insuredSymbol, String insuredNumber, String branchNumber) {
        this.insurerNumber = insurerNumber;
        this.insuredSymbol = insuredSymbol;
        this.insuredNumber = insuredNumber;
        this.branchNumber = branchNumber;
    }

    /** A file for 保険者番号 + 記号 + 番号 + 枝番 (symbol and branch may be null, as in older files). */
    public static CdaCheckupWriter checkup(String insurerNumber, String insuredSymbol, String insuredNumber, String branchNumber) {
        return new CdaCheckupWriter(insurerNumber, insuredSymbol, insuredNumber, branchNumber);
    }

    public CdaCheckupWriter person(String familyKana, String givenKana, String genderCode, LocalDate birthDate) {
        this.familyKana = familyKana;
        this.givenKana = givenKana;
        this.gender = genderCode;
        this.birthDate = birthDate;
        return this;
    }

    public CdaCheckupWriter on(LocalDate checkupDate) {
        this.checkupDate = checkupDate;
        return this;
    }

    public CdaCheckupWriter institution(String number, String name) {
        this.institutionNumber = number;
        this.institutionName = name;
        return this;
    }

    public CdaCheckupWriter program(String programType) {
        this.programType = programType;
        return this;
    }

    public CdaCheckupWriter reportCategory(String reportCategory) {
        this.reportCategory = reportCategory;
        return this;
    }

    public CdaCheckupWriter number(String code, BigDecimal value) {
        return number(code, value, null, null, null);
    }

    public CdaCheckupWriter number(String code, double value) {
        return number(code, BigDecimal.valueOf(value).stripTrailingZeros(), null, null, null);
    }

    /** A PQ item with the table's XML unit, an interpretationCode (H/L/N) and a reference range (either may be null). */
    public CdaCheckupWriter number(String code, BigDecimal value, String interpretation, BigDecimal low, BigDecimal high) {
        entries.add(observation(code, pqValue(code, value), interpretation, low, high, ""));
        return this;
    }

    /** A PQ item written as ORCA writes a value beyond the input limits: the H/L marker and the capped number. */
    public CdaCheckupWriter beyondLimits(String code, String highOrLow, BigDecimal capped) {
        String marker = "<value xsi:type=\"CD\" code=\"" + highOrLow + "\" codeSystem=\"" + CheckupItemTable.INTERPRETATION_OID
                + "\" displayName=\"" + ("H".equals(highOrLow) ? "以上" : "以下") + "\"/>";
        entries.add(observation(code, marker + pqValue(code, capped), null, null, null, ""));
        return this;
    }

    /** A coded item (CD or CO as the table says) in its own value set. */
    public CdaCheckupWriter answer(String code, String answer) {
        CheckupItem item = item(code);
        return answer(code, answer, item.valueSetOid());
    }

    /** A coded item in a given code system (第3期 answers such as 喫煙 in .2003). */
    public CdaCheckupWriter answer(String code, String answer, String codeSystem) {
        CheckupItem item = item(code);
        if (!item.type().coded()) {
            throw new IllegalArgumentException(code + " is " + item.type() + ", not a coded item");
        }
        entries.add(observation(code, "<value xsi:type=\"" + item.type().name() + "\" code=\"" + esc(answer)
                + "\" codeSystem=\"" + esc(codeSystem) + "\"/>", null, null, null, ""));
        return this;
    }

    public CdaCheckupWriter text(String code, String text) {
        entries.add(observation(code, "<value xsi:type=\"ST\">" + esc(text) + "</value>", null, null, null, ""));
        return this;
    }

    /** A text item with the doctor's name as its author (医師の診断 → 医師の氏名). */
    public CdaCheckupWriter judgement(String code, String text, String doctor) {
        String author = "<author><time value=\"" + DATE.format(checkupDate) + "\"/><assignedAuthor><id nullFlavor=\"NI\"/>"
                + "<assignedPerson><name>" + esc(doctor) + "</name></assignedPerson></assignedAuthor></author>";
        entries.add(observation(code, "<value xsi:type=\"ST\">" + esc(text) + "</value>", null, null, null, author));
        return this;
    }

    /** 未実施: negationInd, no value. */
    public CdaCheckupWriter notPerformed(String code) {
        entries.add("<entry><observation classCode=\"OBS\" moodCode=\"EVN\" negationInd=\"true\"><code code=\"" + code
                + "\"/></observation></entry>");
        return this;
    }

    /** 測定不能: value nullFlavor. */
    public CdaCheckupWriter unmeasurable(String code) {
        entries.add(observation(code, "<value xsi:type=\"" + item(code).type().name() + "\" nullFlavor=\"NI\"/>", null, null, null, ""));
        return this;
    }

    /** A 一連検査グループ: a container (code nullFlavor NA) whose members are written by {@code members}. */
    public CdaCheckupWriter group(java.util.function.Consumer<CdaCheckupWriter> members) {
        CdaCheckupWriter inner = new CdaCheckupWriter(insurerNumber, insuredSymbol, insuredNumber, branchNumber);
        inner.checkupDate = checkupDate;
        members.accept(inner);
        StringBuilder group = new StringBuilder("<entry><observation classCode=\"OBS\" moodCode=\"EVN\"><code nullFlavor=\"NA\"/>");
        for (String member : inner.entries) {
            group.append("<entryRelationship typeCode=\"COMP\">")
                    .append(member, "<entry>".length(), member.length() - "</entry>".length()).append("</entryRelationship>");
        }
        entries.add(group.append("</observation></entry>").toString());
        return this;
    }

    /** A raw entry, for tests of what the reader refuses or tolerates. */
    public CdaCheckupWriter raw(String entryXml) {
        entries.add(entryXml);
        return this;
    }

    public String toXml() {
        StringBuilder x = new StringBuilder(4096);
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<ClinicalDocument xmlns=\"urn:hl7-org:v3\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">")
                .append("<typeId root=\"2.16.840.1.113883.1.3\" extension=\"POCD_HD000040\"/><id nullFlavor=\"NI\"/>")
                .append("<code code=\"").append(reportCategory).append("\" codeSystem=\"1.2.392.200119.6.1001\"/>")
                .append("<effectiveTime value=\"").append(DATE.format(checkupDate)).append("\"/>")
                .append("<confidentialityCode code=\"N\" codeSystem=\"2.16.840.1.113883.5.25\"/>")
                .append("<recordTarget><patientRole>")
                .append("<id root=\"1.2.392.200119.6.101\" extension=\"").append(esc(insurerNumber)).append("\"/>");
        if (insuredSymbol != null) {
            x.append("<id root=\"1.2.392.200119.6.204\" extension=\"").append(esc(insuredSymbol)).append("\"/>");
        }
        x.append("<id root=\"1.2.392.200119.6.205\" extension=\"").append(esc(insuredNumber)).append("\"/>");
        if (branchNumber != null) {
            x.append("<id root=\"1.2.392.200119.6.211\" extension=\"").append(esc(branchNumber)).append("\"/>");
        }
        x.append("<patient><name use=\"IDE\"><family>").append(esc(familyKana)).append("</family><given>").append(esc(givenKana))
                .append("</given></name><administrativeGenderCode code=\"").append(gender)
                .append("\" codeSystem=\"1.2.392.200119.6.1104\"/><birthTime value=\"").append(DATE.format(birthDate))
                .append("\"/></patient></patientRole></recordTarget>")
                .append("<author><time value=\"").append(DATE.format(checkupDate)).append("\"/><assignedAuthor><id nullFlavor=\"NI\"/>")
                .append(organization("representedOrganization")).append("</assignedAuthor></author>")
                .append("<custodian><assignedCustodian><representedCustodianOrganization><id nullFlavor=\"NI\"/>")
                .append("</representedCustodianOrganization></assignedCustodian></custodian>")
                .append("<documentationOf><serviceEvent><code code=\"").append(programType)
                .append("\" codeSystem=\"1.2.392.200119.6.1002\"/><effectiveTime value=\"").append(DATE.format(checkupDate))
                .append("\"/><performer typeCode=\"PRF\"><assignedEntity><id nullFlavor=\"NI\"/>")
                .append(organization("representedOrganization"))
                .append("</assignedEntity></performer></serviceEvent></documentationOf>")
                .append("<component><structuredBody><component><section><code code=\"01010\" codeSystem=\"1.2.392.200119.6.1010\"/>")
                .append("<title>特定健診検査・問診セクション</title><text/>");
        entries.forEach(x::append);
        return x.append("</section></component></structuredBody></component></ClinicalDocument>\n").toString();
    }

    private String organization(String element) {
        return "<" + element + "><id root=\"1.2.392.200119.6.102\" extension=\"" + esc(institutionNumber) + "\"/><name>"
                + esc(institutionName) + "</name></" + element + ">";
    }

    private static String observation(String code, String value, String interpretation, BigDecimal low, BigDecimal high,
            String author) {
        StringBuilder o = new StringBuilder("<entry><observation classCode=\"OBS\" moodCode=\"EVN\"><code code=\"")
                .append(code).append("\"/>").append(author).append(value);
        if (interpretation != null) {
            o.append("<interpretationCode code=\"").append(interpretation).append("\"/>");
        }
        if (low != null || high != null) {
            String unit = item(code).unit();
            o.append("<referenceRange><observationRange moodCode=\"EVN.CRT\"><value xsi:type=\"IVL_PQ\">");
            if (low != null) {
                o.append("<low value=\"").append(low.toPlainString()).append("\" unit=\"").append(esc(unit)).append("\"/>");
            }
            if (high != null) {
                o.append("<high value=\"").append(high.toPlainString()).append("\" unit=\"").append(esc(unit)).append("\"/>");
            }
            o.append("</value></observationRange></referenceRange>");
        }
        return o.append("</observation></entry>").toString();
    }

    private static String pqValue(String code, BigDecimal value) {
        String unit = item(code).unit();
        return "<value xsi:type=\"PQ\" value=\"" + value.toPlainString() + "\"" + (unit == null ? "" : " unit=\"" + esc(unit) + "\"") + "/>";
    }

    private static CheckupItem item(String code) {
        return CheckupItemTable.standard().item(code)
                .orElseThrow(() -> new IllegalArgumentException("not in the 特定健診 item table: " + code));
    }

    static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
