package jp.hip.phr.checkup.file;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The whole 第4期 特定健診 item table (322 codes, checkup-items.tsv) and the answer value sets of its coded items
 * (checkup-answers.tsv), loaded once from the classpath. Reference data, not a database table: it changes only
 * with a new 期 and is the same for every tenant (ADR 0040).
 */
public final class CheckupItemTable {

    /** 特定健診検査項目コード (urn:oid form for FHIR codings). */
    public static final String ITEM_OID = "1.2.392.200119.6.1005";
    /** HL7 ObservationInterpretation: the 入力範囲外 H/L marker of ORCA-written files. */
    public static final String INTERPRETATION_OID = "2.16.840.1.113883.5.83";

    /** XML units (and common spellings in older files) that are not the UCUM code. */
    private static final Map<String, String> UCUM = Map.ofEntries(Map.entry("{h`b}/min", "/min"),
            Map.entry("ml/min/1.73m2", "mL/min/{1.73_m2}"), Map.entry("mg/g*CR", "mg/g{creat}"),
            Map.entry("mmHg", "mm[Hg]"), Map.entry("mg/dl", "mg/dL"), Map.entry("IU/L", "U/L"), Map.entry("IU/l", "U/L"),
            Map.entry("U/l", "U/L"), Map.entry("kg/m²", "kg/m2"), Map.entry("fl", "fL"), Map.entry("unit", "{unit}"),
            Map.entry("mg/day", "mg/d"), Map.entry("/mm3", "/mm3"), Map.entry("10*4/mm3", "10*4/mm3"));

    private static final CheckupItemTable STANDARD = load();

    private final Map<String, CheckupItem> items;
    private final Map<String, Map<String, String>> answers;
    private final Map<String, String> namesEn;
    private final Map<String, String> answersEn;

    private CheckupItemTable(Map<String, CheckupItem> items, Map<String, Map<String, String>> answers,
            Map<String, String> namesEn, Map<String, String> answersEn) {
        this.items = Collections.unmodifiableMap(items);
        this.answers = Collections.unmodifiableMap(answers);
        this.namesEn = Collections.unmodifiableMap(namesEn);
        this.answersEn = Collections.unmodifiableMap(answersEn);
    }

    public static CheckupItemTable standard() {
        return STANDARD;
    }

    public Optional<CheckupItem> item(String code) {
        return Optional.ofNullable(items.get(code));
    }

    public List<CheckupItem> items() {
        return List.copyOf(items.values());
    }

    /** The label of an answer code in its code system ("1.2.392.200119.6.24060", "2" → 以前は吸っていたが…), if known. */
    public Optional<String> answerLabel(String oid, String code) {
        Map<String, String> set = answers.get(oid);
        return set == null ? Optional.empty() : Optional.ofNullable(set.get(code));
    }

    /**
     * The item's English name for the English pages (checkup-items-en.tsv, the platform's own translations): the
     * entry for the whole code, else for its longest leading part listed (the 同一性項目コード names every variant).
     */
    public Optional<String> nameEn(String code) {
        if (code == null) {
            return Optional.empty();
        }
        for (int length = code.length(); length >= 5; length--) {
            String name = namesEn.get(code.substring(0, length));
            if (name != null) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    /** An answer's English label (checkup-answers-en.tsv), if translated. */
    public Optional<String> answerLabelEn(String oid, String code) {
        return Optional.ofNullable(answersEn.get(oid + "\t" + code));
    }

    public boolean knowsValueSet(String oid) {
        return answers.containsKey(oid);
    }

    /** The answers of a value set in table order (codes to labels); empty when unknown. */
    public Map<String, String> answers(String oid) {
        return answers.getOrDefault(oid, Map.of());
    }

    /** The item's Japanese name, or the code itself when the table does not hold it (messages name items, not codes). */
    public String nameOf(String code) {
        CheckupItem item = items.get(code);
        return item == null ? code : item.nameJa();
    }

    static String ucum(String xmlUnit) {
        if (xmlUnit == null || xmlUnit.isBlank()) {
            return null;
        }
        return UCUM.getOrDefault(xmlUnit, xmlUnit);
    }

    private static CheckupItemTable load() {
        Map<String, BigDecimal[]> ranges = new LinkedHashMap<>();
        read("checkup-input-ranges.tsv", f -> ranges.put(f[0], new BigDecimal[] {new BigDecimal(f[1]), new BigDecimal(f[2])}));
        Map<String, CheckupItem> items = new LinkedHashMap<>();
        read("checkup-items.tsv", f -> {
            CheckupItem.ResultType type = CheckupItem.ResultType.valueOf(f[2]);
            BigDecimal[] range = type == CheckupItem.ResultType.PQ ? ranges.get(f[0].substring(0, 5)) : null;
            items.put(f[0], new CheckupItem(f[0], f[1], type, blankToNull(f[3]), blankToNull(f[4]), f[5],
                    blankToNull(f.length > 6 ? f[6] : ""), range == null ? null : range[0], range == null ? null : range[1]));
        });
        Map<String, Map<String, String>> answers = new LinkedHashMap<>();
        read("checkup-answers.tsv", f -> answers.computeIfAbsent(f[0], k -> new LinkedHashMap<>()).put(f[1], f[2]));
        answers.replaceAll((k, v) -> Collections.unmodifiableMap(v));
        Map<String, String> namesEn = new LinkedHashMap<>();
        read("checkup-items-en.tsv", f -> namesEn.put(f[0], f[1]));
        Map<String, String> answersEn = new LinkedHashMap<>();
        read("checkup-answers-en.tsv", f -> answersEn.put(f[0] + "\t" + f[1], f[2]));
        return new CheckupItemTable(items, answers, namesEn, answersEn);
    }

    private static void read(String resource, Consumer<String[]> row) {
        try (InputStream in = CheckupItemTable.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            boolean header = true;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                row.accept(line.split("\t", -1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** All answer value set OIDs (for tests and the CSV template's column description). */
    public List<String> valueSets() {
        return new ArrayList<>(answers.keySet());
    }
}
