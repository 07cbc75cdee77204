package jp.hip.phr.checkup;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import jp.hip.phr.PhrException;
import jp.hip.phr.PhrException.Problem;

/**
 * Reads the MHLW 特定健診 standard XML (HL7 CDA R2, one checkup per file; ref-phr.md §1.3) and ZIP archives of
 * such files, with a hardened parser: no DTD at all (so no external entities and no entity-expansion bombs),
 * no XInclude, no external schema or DTD access, a size limit per file, and ZIP limits on entry count, entry
 * size, total size and compression ratio (zip bombs). Pure Java, no Spring: unit-tested on its own.
 */
public final class CheckupXml {

    public static final String HL7_V3 = "urn:hl7-org:v3";
    public static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    public static final String INSURER_NUMBER_OID = "1.2.392.200119.6.101";
    public static final String INSURED_SYMBOL_OID = "1.2.392.200119.6.204";
    public static final String INSURED_NUMBER_OID = "1.2.392.200119.6.205";
    public static final String GENDER_OID = "1.2.392.200119.6.1104";
    public static final String ITEM_OID = "1.2.392.200119.6.1005";

    static final int MAX_FILE_BYTES = 2 * 1024 * 1024;
    static final int MAX_ZIP_ENTRIES = 2_000;
    static final long MAX_ZIP_TOTAL = 256L * 1024 * 1024;
    static final int MAX_RATIO = 100;

    private CheckupXml() {}

    /** One measured item of the checkup. */
    public record Item(String code, String displayName, String type, BigDecimal value, String unit, String codedValue) {}

    /** One parsed checkup file: who (受診者情報, 保険者情報), when (健診実施日), what (items). */
    public record Checkup(String documentId, String insurerNumber, String insuredSymbol, String insuredNumber,
            String nameKana, String gender, LocalDate birthDate, LocalDate checkupDate, String institution,
            List<Item> items, List<Problem> itemProblems) {}

    /** A file taken from an upload: its name and its original bytes. */
    public record SourceFile(String name, byte[] content) {}

    /** The files of an upload: a single XML file or every .xml entry of a ZIP, with the limits applied. */
    public static List<SourceFile> files(String uploadName, byte[] upload) {
        String lower = uploadName == null ? "" : uploadName.toLowerCase(java.util.Locale.ROOT);
        if (!lower.endsWith(".zip")) {
            if (upload.length > MAX_FILE_BYTES) {
                throw PhrException.of(PhrException.Kind.INVALID, "phr.import.tooLarge", uploadName, MAX_FILE_BYTES / 1024 / 1024);
            }
            return List.of(new SourceFile(uploadName, upload));
        }
        List<SourceFile> files = new ArrayList<>();
        long total = 0;
        int entries = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(upload), java.nio.charset.StandardCharsets.UTF_8)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (++entries > MAX_ZIP_ENTRIES) {
                    throw PhrException.of(PhrException.Kind.INVALID, "phr.import.zipEntries", MAX_ZIP_ENTRIES);
                }
                if (entry.isDirectory()) {
                    continue;
                }
                byte[] content = readLimited(zip, MAX_FILE_BYTES + 1);
                total += content.length;
                if (content.length > MAX_FILE_BYTES) {
                    throw PhrException.of(PhrException.Kind.INVALID, "phr.import.tooLarge", entry.getName(), MAX_FILE_BYTES / 1024 / 1024);
                }
                if (total > MAX_ZIP_TOTAL || total > (long) upload.length * MAX_RATIO + MAX_FILE_BYTES) {
                    throw PhrException.of(PhrException.Kind.INVALID, "phr.import.zipBomb");
                }
                String name = entry.getName();
                if (name.toLowerCase(java.util.Locale.ROOT).endsWith(".xml")) {
                    files.add(new SourceFile(name.substring(name.lastIndexOf('/') + 1), content));
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw PhrException.of(PhrException.Kind.INVALID, "phr.import.zipBroken");
        }
        if (files.isEmpty()) {
            throw PhrException.of(PhrException.Kind.INVALID, "phr.import.zipEmpty");
        }
        return files;
    }

    private static byte[] readLimited(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int read;
        while ((read = in.read(buffer)) != -1) {
            out.write(buffer, 0, read);
            if (out.size() >= limit) {
                break;
            }
        }
        return out.toByteArray();
    }

    static DocumentBuilder hardenedBuilder() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses one checkup file; every problem found is reported together. */
    public static Checkup parse(SourceFile file) {
        if (file.content().length > MAX_FILE_BYTES) {
            throw PhrException.of(PhrException.Kind.INVALID, "phr.import.tooLarge", file.name(), MAX_FILE_BYTES / 1024 / 1024);
        }
        Document document;
        try {
            document = hardenedBuilder().parse(new ByteArrayInputStream(file.content()));
        } catch (SAXParseException e) {
            boolean doctype = e.getMessage() != null && e.getMessage().contains("DOCTYPE");
            throw PhrException.of(PhrException.Kind.INVALID, doctype ? "phr.import.doctype" : "phr.import.malformed",
                    e.getLineNumber());
        } catch (SAXException | IOException e) {
            throw PhrException.of(PhrException.Kind.INVALID, "phr.import.malformed", 0);
        }
        Element root = document.getDocumentElement();
        if (!"ClinicalDocument".equals(root.getLocalName()) || !HL7_V3.equals(root.getNamespaceURI())) {
            throw PhrException.of(PhrException.Kind.INVALID, "phr.import.notCda");
        }
        List<Problem> problems = new ArrayList<>();
        Element id = child(root, "id");
        String documentId = id == null ? null : id.getAttribute("root") + ":" + id.getAttribute("extension");
        if (documentId == null) {
            problems.add(Problem.of("phr.import.missing", "ClinicalDocument/id"));
        }
        Element patientRole = path(root, "recordTarget", "patientRole");
        String insurer = null;
        String symbol = null;
        String number = null;
        String kana = null;
        String gender = "unknown";
        LocalDate birth = null;
        if (patientRole == null) {
            problems.add(Problem.of("phr.import.missing", "recordTarget/patientRole"));
        } else {
            for (Element pid : children(patientRole, "id")) {
                switch (pid.getAttribute("root")) {
                    case INSURER_NUMBER_OID -> insurer = blankToNull(pid.getAttribute("extension"));
                    case INSURED_SYMBOL_OID -> symbol = blankToNull(pid.getAttribute("extension"));
                    case INSURED_NUMBER_OID -> number = blankToNull(pid.getAttribute("extension"));
                    default -> { }
                }
            }
            if (number == null) {
                problems.add(Problem.of("phr.import.missing", "patientRole/id[@root='" + INSURED_NUMBER_OID + "'] (被保険者証番号)"));
            }
            if (insurer == null) {
                problems.add(Problem.of("phr.import.missing", "patientRole/id[@root='" + INSURER_NUMBER_OID + "'] (保険者番号)"));
            }
            Element patient = child(patientRole, "patient");
            Element name = patient == null ? null : child(patient, "name");
            if (name != null) {
                String family = text(child(name, "family"));
                String given = text(child(name, "given"));
                kana = (family == null ? "" : family) + (given == null ? "" : " " + given);
            }
            if (kana == null || kana.isBlank()) {
                problems.add(Problem.of("phr.import.missing", "patient/name (氏名)"));
            }
            Element genderCode = patient == null ? null : child(patient, "administrativeGenderCode");
            if (genderCode != null) {
                gender = switch (genderCode.getAttribute("code")) {
                    case "1" -> "male";
                    case "2" -> "female";
                    default -> "unknown";
                };
            }
            Element birthTime = patient == null ? null : child(patient, "birthTime");
            birth = birthTime == null ? null : date(birthTime.getAttribute("value"), "patient/birthTime", problems);
        }
        Element serviceTime = path(root, "documentationOf", "serviceEvent", "effectiveTime");
        LocalDate checkupDate = serviceTime == null ? null : date(serviceTime.getAttribute("value"), "serviceEvent/effectiveTime", problems);
        if (serviceTime == null) {
            problems.add(Problem.of("phr.import.missing", "documentationOf/serviceEvent/effectiveTime (健診実施日)"));
        }
        Element institution = path(root, "author", "assignedAuthor", "representedOrganization");
        String institutionName = institution == null ? null : text(child(institution, "name"));
        List<Item> items = new ArrayList<>();
        List<Problem> itemProblems = new ArrayList<>();
        NodeList observations = root.getElementsByTagNameNS(HL7_V3, "observation");
        for (int i = 0; i < observations.getLength(); i++) {
            Element observation = (Element) observations.item(i);
            Element code = child(observation, "code");
            Element value = child(observation, "value");
            if (code == null || !ITEM_OID.equals(code.getAttribute("codeSystem"))) {
                continue; // grouping observations (一連検査グループ) carry other code systems
            }
            String itemCode = code.getAttribute("code");
            if (value == null) {
                itemProblems.add(Problem.of("phr.import.noValue", itemCode, itemCode));
                continue;
            }
            String type = value.getAttributeNS(XSI, "type");
            if ("PQ".equals(type)) {
                try {
                    items.add(new Item(itemCode, code.getAttribute("displayName"), type,
                            new BigDecimal(value.getAttribute("value")), value.getAttribute("unit"), null));
                } catch (NumberFormatException e) {
                    itemProblems.add(Problem.of("phr.import.badNumber", itemCode, itemCode, value.getAttribute("value")));
                }
            } else {
                items.add(new Item(itemCode, code.getAttribute("displayName"), type, null, null,
                        value.hasAttribute("code") ? value.getAttribute("code") : text(value)));
            }
        }
        if (items.isEmpty() && itemProblems.isEmpty()) {
            problems.add(Problem.of("phr.import.noItems", null));
        }
        if (!problems.isEmpty()) {
            throw new PhrException(PhrException.Kind.INVALID, problems);
        }
        return new Checkup(documentId, insurer, symbol, number, kana.strip(), gender, birth, checkupDate, institutionName, items, List.copyOf(itemProblems));
    }

    private static LocalDate date(String value, String where, List<Problem> problems) {
        try {
            return LocalDate.parse(value.length() >= 8 ? value.substring(0, 8) : value, DateTimeFormatter.BASIC_ISO_DATE);
        } catch (RuntimeException e) {
            problems.add(Problem.of("phr.import.badDate", where, where, value));
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String text(Element e) {
        return e == null ? null : blankToNull(e.getTextContent());
    }

    private static Element child(Element parent, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName()) && HL7_V3.equals(e.getNamespaceURI())) {
                return e;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName()) && HL7_V3.equals(e.getNamespaceURI())) {
                found.add(e);
            }
        }
        return found;
    }

    private static Element path(Element from, String... names) {
        Element current = from;
        for (String name : names) {
            if (current == null) {
                return null;
            }
            current = child(current, name);
        }
        return current;
    }
}
