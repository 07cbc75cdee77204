package jp.hip.phr.checkup.file;

import static jp.hip.phr.checkup.file.SafeXml.attr;
import static jp.hip.phr.checkup.file.SafeXml.child;
import static jp.hip.phr.checkup.file.SafeXml.children;
import static jp.hip.phr.checkup.file.SafeXml.path;
import static jp.hip.phr.checkup.file.SafeXml.text;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import jp.hip.phr.PhrException;
import jp.hip.phr.PhrException.Problem;

/**
 * Reads one 特定健診 file (HL7 CDA R2, hc08_V08; ref-checkup-codes.md §2–§3). Only a structurally broken file is
 * refused (not XML, not a ClinicalDocument, no 保険者番号 / 被保険者証番号 / 氏名 / 健診実施日, a 報告区分 that is
 * not a checkup). Everything else is read: every section, nested 一連検査グループ (entryRelationship), PQ with
 * its unit mapped, CD/CO decoded by the answer's own code system, ST text, interpretationCode and reference
 * ranges, 未実施 (negationInd) and 測定不能 (nullFlavor) as such, out-of-range values flagged 要確認.
 */
public final class CdaCheckupParser {

    public static final String HL7_V3 = "urn:hl7-org:v3";
    public static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    public static final String INSURER_NUMBER_OID = "1.2.392.200119.6.101";
    public static final String INSTITUTION_OID = "1.2.392.200119.6.102";
    public static final String INSURED_SYMBOL_OID = "1.2.392.200119.6.204";
    public static final String INSURED_NUMBER_OID = "1.2.392.200119.6.205";
    public static final String BRANCH_NUMBER_OID = "1.2.392.200119.6.211";
    public static final String REPORT_CATEGORY_OID = "1.2.392.200119.6.1001";
    public static final String PROGRAM_OID = "1.2.392.200119.6.1002";

    /** 報告区分 that carry checkup results (or delete them). 21–25 (保健指導) and 30 (国への報告) do not. */
    private static final Set<String> CHECKUP_REPORTS = Set.of("10", "19", "40", "41", "42", "49", "90");

    /**
     * Answer code systems of earlier 期 that an item may still carry (ref-checkup-codes.md §6): 第3期 喫煙 .2003,
     * 飲酒 .2005, 飲酒量 .2006. An answer in any other system than these and the item's own is kept undecoded, 要確認.
     */
    static final java.util.Map<String, Set<String>> EARLIER_SYSTEMS = java.util.Map.of(
            "9N736000000000011", Set.of("1.2.392.200119.6.2003"),
            "9N786000000000011", Set.of("1.2.392.200119.6.2005"),
            "9N791000000000011", Set.of("1.2.392.200119.6.2006"));

    private final CheckupItemTable table;

    public CdaCheckupParser(CheckupItemTable table) {
        this.table = table;
    }

    public CdaCheckupParser() {
        this(CheckupItemTable.standard());
    }

    /** Parses one file; a refusal lists every structural problem found. */
    public CheckupDocument parse(String fileName, byte[] content) {
        Document document = SafeXml.parse(fileName, content);
        Element root = document.getDocumentElement();
        if (!"ClinicalDocument".equals(root.getLocalName()) || !HL7_V3.equals(root.getNamespaceURI())) {
            throw PhrException.of(PhrException.Kind.INVALID, "phr.import.notCda");
        }
        List<Problem> problems = new ArrayList<>();
        String report = attr(child(root, HL7_V3, "code"), "code");
        if (report == null) {
            report = CheckupDocument.REPORT_CHECKUP; // the XSD fixes the code system; older writers omit the code
        } else if (!CHECKUP_REPORTS.contains(report)) {
            problems.add(Problem.of("phr.import.reportCategory", "ClinicalDocument/code", report));
        }
        Element patientRole = path(root, HL7_V3, "recordTarget", "patientRole");
        String insurer = null;
        String symbol = null;
        String number = null;
        String branch = null;
        for (Element id : children(patientRole, HL7_V3, "id")) {
            String value = attr(id, "extension");
            switch (id.getAttribute("root")) {
                case INSURER_NUMBER_OID -> insurer = value == null ? null : zeroPad(value);
                case INSURED_SYMBOL_OID -> symbol = value == null ? null : java.text.Normalizer.normalize(value, java.text.Normalizer.Form.NFKC);
                case INSURED_NUMBER_OID -> number = value == null ? null : java.text.Normalizer.normalize(value, java.text.Normalizer.Form.NFKC);
                case BRANCH_NUMBER_OID -> branch = value;
                default -> { }
            }
        }
        if (insurer == null) {
            problems.add(Problem.of("phr.import.missing", "保険者番号", "patientRole/id[@root='" + INSURER_NUMBER_OID + "']"));
        }
        if (number == null) {
            problems.add(Problem.of("phr.import.missing", "被保険者証等番号", "patientRole/id[@root='" + INSURED_NUMBER_OID + "']"));
        }
        if (branch != null && !branch.matches("[0-9]{2}")) {
            problems.add(Problem.of("phr.import.branch", "被保険者証等枝番", branch));
        }
        Element patient = child(patientRole, HL7_V3, "patient");
        Element name = child(patient, HL7_V3, "name");
        String kana = name == null ? null : nameOf(name);
        if (kana == null) {
            problems.add(Problem.of("phr.import.missing", "氏名", "recordTarget/patientRole/patient/name"));
        }
        String gender = switch (String.valueOf(attr(child(patient, HL7_V3, "administrativeGenderCode"), "code"))) {
            case "1" -> "male";
            case "2" -> "female";
            default -> "unknown";
        };
        String birthValue = attr(child(patient, HL7_V3, "birthTime"), "value");
        LocalDate birth = birthValue == null ? null : date(birthValue, "生年月日", problems);
        Element serviceEvent = path(root, HL7_V3, "documentationOf", "serviceEvent");
        String dateValue = attr(child(serviceEvent, HL7_V3, "effectiveTime"), "value");
        LocalDate checkupDate = dateValue == null ? null : date(dateValue, "健診実施年月日", problems);
        if (dateValue == null) {
            problems.add(Problem.of("phr.import.missing", "健診実施年月日", "documentationOf/serviceEvent/effectiveTime"));
        }
        String program = attr(child(serviceEvent, HL7_V3, "code"), "code");
        Element performer = path(serviceEvent, HL7_V3, "performer", "assignedEntity", "representedOrganization");
        if (performer == null) {
            performer = path(root, HL7_V3, "author", "assignedAuthor", "representedOrganization");
        }
        String institutionNumber = null;
        for (Element id : children(performer, HL7_V3, "id")) {
            if (INSTITUTION_OID.equals(id.getAttribute("root"))) {
                institutionNumber = attr(id, "extension");
            }
        }
        String institutionName = text(child(performer, HL7_V3, "name"));
        List<Problem> warnings = new ArrayList<>();
        List<CheckupResult> results = new ArrayList<>();
        if (!CheckupDocument.REPORT_DELETE.equals(report) && !"49".equals(report)) {
            readItems(root, results, warnings);
            if (results.isEmpty() && problems.isEmpty()) {
                problems.add(Problem.of("phr.import.noItems", null));
            }
        }
        if (!problems.isEmpty()) {
            throw new PhrException(PhrException.Kind.INVALID, problems);
        }
        return new CheckupDocument(fileName, report, insurer, symbol, number, branch, kana, gender, birth, checkupDate,
                institutionNumber, institutionName, program, List.copyOf(results), List.copyOf(warnings));
    }

    /** Every observation of every section, top-level or nested in a group; containers (code nullFlavor) skipped. */
    private void readItems(Element root, List<CheckupResult> results, List<Problem> warnings) {
        NodeList observations = root.getElementsByTagNameNS(HL7_V3, "observation");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < observations.getLength(); i++) {
            Element observation = (Element) observations.item(i);
            Element code = child(observation, HL7_V3, "code");
            String itemCode = attr(code, "code");
            if (itemCode == null) {
                continue; // 一連検査グループ container: code nullFlavor="NA"; its members are read on their own
            }
            String system = attr(code, "codeSystem");
            if (system != null && !CheckupItemTable.ITEM_OID.equals(system)) {
                continue; // observations in other code systems are not 特定健診 items
            }
            CheckupItem item = table.item(itemCode).orElse(null);
            String label = item == null ? attr(code, "displayName") : item.nameJa();
            if (item == null) {
                warnings.add(Problem.of("phr.import.unknownItem", label == null ? itemCode : label, itemCode));
                continue;
            }
            if (!seen.add(itemCode)) {
                warnings.add(Problem.of("phr.import.duplicateItem", label, itemCode));
                continue;
            }
            boolean nested = observation.getParentNode() instanceof Element parent && "entryRelationship".equals(parent.getLocalName());
            try {
                results.add(item(observation, item, nested));
            } catch (PhrException e) {
                e.problems().forEach(p -> warnings.add(new Problem(p.key(), label, p.args())));
            }
        }
    }

    private CheckupResult item(Element observation, CheckupItem item, boolean nested) {
        String method = attr(child(observation, HL7_V3, "methodCode"), "code");
        String doctor = text(path(observation, HL7_V3, "author", "assignedAuthor", "assignedPerson", "name"));
        String interpretation = attr(child(observation, HL7_V3, "interpretationCode"), "code");
        Element range = path(observation, HL7_V3, "referenceRange", "observationRange", "value");
        BigDecimal low = decimalOrNull(attr(child(range, HL7_V3, "low"), "value"));
        BigDecimal high = decimalOrNull(attr(child(range, HL7_V3, "high"), "value"));
        if ("true".equalsIgnoreCase(observation.getAttribute("negationInd"))) {
            return new CheckupResult(item.code(), item, CheckupResult.Status.NOT_PERFORMED, null, null, null, null, null, null,
                    null, null, null, method, nested, doctor, false, null);
        }
        List<Element> values = children(observation, HL7_V3, "value");
        if (values.isEmpty()) {
            throw PhrException.of(PhrException.Kind.INVALID, "phr.import.noValue", item.code());
        }
        if (values.stream().anyMatch(v -> v.hasAttribute("nullFlavor"))) {
            return new CheckupResult(item.code(), item, CheckupResult.Status.UNMEASURABLE, null, null, null, null, null, null,
                    interpretation, low, high, method, nested, doctor, false, null);
        }
        // 入力範囲外 (ORCA): a CD value H/L in ObservationInterpretation, and from 2013 a second PQ with the capped number.
        String outOfRange = null;
        Element value = null;
        for (Element v : values) {
            if (CheckupItemTable.INTERPRETATION_OID.equals(v.getAttribute("codeSystem")) && item.type() == CheckupItem.ResultType.PQ) {
                outOfRange = v.getAttribute("code");
            } else if (value == null) {
                value = v;
            }
        }
        String xsiType = value == null ? "PQ" : value.getAttributeNS(XSI, "type");
        String type = xsiType.contains(":") ? xsiType.substring(xsiType.indexOf(':') + 1) : xsiType;
        if (value == null) {
            // only the marker: the value lies beyond the format's limits, no number given
            return new CheckupResult(item.code(), item, CheckupResult.Status.VALUE, null, item.ucumUnit(), null, null, null,
                    "H".equals(outOfRange) ? "入力上限以上" : "入力下限以下", interpretation, low, high, method, nested, doctor, true,
                    "phr.review.beyondFormat");
        }
        if (!type.equals(item.type().name()) && !(item.type().coded() && (type.equals("CD") || type.equals("CO")))) {
            throw PhrException.of(PhrException.Kind.INVALID, "phr.import.wrongType", item.code(), type, item.type().name());
        }
        return switch (item.type()) {
            case PQ -> quantity(item, value, interpretation, low, high, method, nested, doctor, outOfRange);
            case CD, CO -> coded(item, value, interpretation, method, nested, doctor);
            case ST -> {
                String text = text(value);
                if (text == null) {
                    throw PhrException.of(PhrException.Kind.INVALID, "phr.import.noValue", item.code());
                }
                yield new CheckupResult(item.code(), item, CheckupResult.Status.VALUE, null, null, null, null, null, text,
                        interpretation, null, null, method, nested, doctor, false, null);
            }
        };
    }

    private CheckupResult quantity(CheckupItem item, Element value, String interpretation, BigDecimal low, BigDecimal high,
            String method, boolean nested, String doctor, String outOfRange) {
        String raw = attr(value, "value");
        BigDecimal number;
        try {
            number = new BigDecimal(raw == null ? "" : java.text.Normalizer.normalize(raw, java.text.Normalizer.Form.NFKC));
        } catch (NumberFormatException e) {
            throw PhrException.of(PhrException.Kind.INVALID, "phr.import.badNumber", item.code(), raw == null ? "" : raw);
        }
        if (!CheckupResult.storable(number)) {
            throw PhrException.of(PhrException.Kind.INVALID, "phr.import.numberTooLarge", item.code(), raw);
        }
        String written = attr(value, "unit");
        String unit = written == null ? item.ucumUnit() : CheckupItemTable.ucum(written);
        if (item.unit() != null && written != null && !unit.equals(item.ucumUnit())) {
            throw PhrException.of(PhrException.Kind.INVALID, "phr.import.unit", item.code(), written, item.unit());
        }
        boolean review = outOfRange != null || item.outsideInputRange(number);
        return new CheckupResult(item.code(), item, CheckupResult.Status.VALUE, number, unit, null, null, null, null,
                interpretation, low, high, method, nested, doctor, review, review ? "phr.review.outsideRange" : null);
    }

    private CheckupResult coded(CheckupItem item, Element value, String interpretation, String method, boolean nested,
            String doctor) {
        String answer = attr(value, "code");
        if (answer == null) {
            throw PhrException.of(PhrException.Kind.INVALID, "phr.import.noValue", item.code());
        }
        // Decode by the answer's own code system: 第3期 喫煙 (.2003), 飲酒 (.2005), 飲酒量 (.2006) differ from 第4期.
        String system = attr(value, "codeSystem");
        if (system == null) {
            system = item.valueSetOid();
        }
        boolean ownSystem = system.equals(item.valueSetOid())
                || EARLIER_SYSTEMS.getOrDefault(item.code(), Set.of()).contains(system);
        String label = ownSystem ? table.answerLabel(system, answer).orElse(null) : null;
        boolean review = label == null;
        String reason = !ownSystem ? "phr.review.unknownAnswerSystem" : review ? "phr.review.unknownAnswer" : null;
        return new CheckupResult(item.code(), item, CheckupResult.Status.VALUE, null, null, answer, system, label, null,
                interpretation, null, null, method, nested, doctor, review, reason);
    }

    private static String nameOf(Element name) {
        String family = text(child(name, HL7_V3, "family"));
        String given = text(child(name, HL7_V3, "given"));
        String joined = family == null && given == null ? text(name)
                : ((family == null ? "" : family) + " " + (given == null ? "" : given)).strip();
        return joined == null || joined.isBlank() ? null : joined.replace('　', ' ').replaceAll(" +", " ");
    }

    private static String zeroPad(String insurer) {
        String digits = insurer.strip();
        return digits.length() < 8 && digits.matches("[0-9]+") ? "0".repeat(8 - digits.length()) + digits : digits;
    }

    private static BigDecimal decimalOrNull(String s) {
        try {
            return s == null ? null : new BigDecimal(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static LocalDate date(String value, String what, List<Problem> problems) {
        try {
            return LocalDate.parse(value.length() >= 8 ? value.substring(0, 8) : value, DateTimeFormatter.BASIC_ISO_DATE);
        } catch (RuntimeException e) {
            problems.add(Problem.of("phr.import.badDate", what, what, value));
            return null;
        }
    }
}
