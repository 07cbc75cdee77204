package jp.hip.phr.persons;

import java.text.Normalizer;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;

import jp.hip.phr.PhrException;
import jp.hip.phr.PhrException.Kind;
import jp.hip.phr.PhrFhir;

/**
 * The 被保険者 a Patient.identifier names: 保険者番号, 記号, 番号 and 枝番 (issue 10, item 7; ADR 0038). Two forms:
 * <ul>
 * <li>JP Core's 被保険者個人識別子, system {@link PhrFhir#JP_INSURANCE_MEMBER_SYSTEM}: always four parts joined by
 * half-width colons, {@code 保険者番号:記号:番号:枝番} — 保険者番号 eight digits, 記号 empty when the card has none,
 * 番号 required, 枝番 empty or two digits, no spaces in any part (JP Core JP_Coverage 「被保険者個人識別子」の文字列仕様;
 * JP_Patient_eCS invariant R1013). Example {@code 00012345:あいう:１８７:05}, without 記号 and 枝番
 * {@code 00012345::１８７:}.</li>
 * <li>the platform's 被保険者番号, system {@link PhrFhir#INSURED_NUMBER_SYSTEM}: {@code 記号:番号} or {@code 番号}; a
 * value in the four-part JP Core form is read as that form, never as 記号 {@code 保険者番号}.</li>
 * </ul>
 * 記号 and 番号 are NFKC-normalised, as the 特定健診 import stores them, so a Patient and a checkup file name one
 * person whether the card was typed in full-width or half-width characters.
 */
public record InsuredCard(String insurerNumber, String symbol, String number, String branch) {

    private static final Pattern INSURER = Pattern.compile("[0-9]{8}");
    private static final Pattern BRANCH = Pattern.compile("[0-9]{2}");
    private static final Pattern SPACE = Pattern.compile("[\\s\u3000]");
    private static final int MAX_PART = 40; // phr_membership.insured_symbol / insured_number

    static final String JP_CORE_FORM = "保険者番号8桁:記号:番号:枝番2桁（例 00012345:あいう:１８７:05）";
    static final String PLATFORM_FORM = "記号:番号（または 保険者番号8桁:記号:番号:枝番2桁）";

    /**
     * The card a Patient names by either identifier; both, when sent, must name the same card. 400 naming the
     * identifier ({@code Patient.identifier[i]}) when a value is malformed, and when neither identifier is sent.
     */
    public static InsuredCard of(Patient patient) {
        InsuredCard jpCore = null;
        InsuredCard platform = null;
        List<Identifier> identifiers = patient.getIdentifier();
        for (int i = 0; i < identifiers.size(); i++) {
            Identifier identifier = identifiers.get(i);
            String where = "Patient.identifier[" + i + "]";
            if (PhrFhir.JP_INSURANCE_MEMBER_SYSTEM.equals(identifier.getSystem())) {
                jpCore = parse(identifier.getSystem(), identifier.getValue()).orElseThrow(() -> malformed(where, identifier));
            } else if (PhrFhir.INSURED_NUMBER_SYSTEM.equals(identifier.getSystem())) {
                platform = parse(identifier.getSystem(), identifier.getValue()).orElseThrow(() -> malformed(where, identifier));
            }
        }
        if (jpCore != null && platform != null && !jpCore.sameCardAs(platform)) {
            throw PhrException.of(Kind.INVALID, "phr.error.insuredIdentifiersDiffer");
        }
        if (jpCore == null && platform == null) {
            throw PhrException.of(Kind.INVALID, "phr.error.patientIdentifier");
        }
        return jpCore == null ? platform : platform == null ? jpCore : jpCore.merge(platform);
    }

    /** The card in {@code value} under {@code system} (one of the two above); empty when malformed. */
    public static Optional<InsuredCard> parse(String system, String value) {
        if (value == null || value.isEmpty() || SPACE.matcher(value).find()) {
            return Optional.empty();
        }
        String[] parts = value.split(":", -1);
        if (parts.length == 4) {
            String insurer = nfkc(parts[0]);
            if (!INSURER.matcher(insurer).matches() || !(parts[3].isEmpty() || BRANCH.matcher(nfkc(parts[3])).matches())) {
                return Optional.empty();
            }
            return card(insurer, parts[1], parts[2], parts[3].isEmpty() ? null : nfkc(parts[3]));
        }
        if (PhrFhir.JP_INSURANCE_MEMBER_SYSTEM.equals(system) || parts.length > 2) {
            return Optional.empty();
        }
        return parts.length == 2 ? card(null, parts[0], parts[1], null) : card(null, "", parts[0], null);
    }

    private static Optional<InsuredCard> card(String insurer, String symbol, String number, String branch) {
        String s = nfkc(symbol);
        String n = nfkc(number);
        if (n.isEmpty() || s.length() > MAX_PART || n.length() > MAX_PART) {
            return Optional.empty();
        }
        return Optional.of(new InsuredCard(insurer, s.isEmpty() ? null : s, n, branch));
    }

    private static String nfkc(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFKC);
    }

    private static PhrException malformed(String where, Identifier identifier) {
        boolean jpCore = PhrFhir.JP_INSURANCE_MEMBER_SYSTEM.equals(identifier.getSystem());
        return new PhrException(Kind.INVALID, List.of(PhrException.Problem.of("phr.error.insuredIdentifier", where, where,
                identifier.getSystem(), identifier.getValue() == null ? "" : identifier.getValue(),
                jpCore ? JP_CORE_FORM : PLATFORM_FORM)));
    }

    /** The same 記号・番号, and the same 保険者番号 and 枝番 where both name one. */
    boolean sameCardAs(InsuredCard other) {
        return java.util.Objects.equals(symbol, other.symbol) && number.equals(other.number)
                && (insurerNumber == null || other.insurerNumber == null || insurerNumber.equals(other.insurerNumber))
                && (branch == null || other.branch == null || branch.equals(other.branch));
    }

    /** This card and what the other one adds (保険者番号 or 枝番 only one of them named). */
    InsuredCard merge(InsuredCard other) {
        return new InsuredCard(insurerNumber != null ? insurerNumber : other.insurerNumber, symbol, number,
                branch != null ? branch : other.branch);
    }

    /** The JP Core 被保険者個人識別子 value, when the 保険者番号 is known. */
    public static Optional<String> jpCoreValue(String insurerNumber, String symbol, String number, String branch) {
        if (insurerNumber == null || number == null) {
            return Optional.empty();
        }
        return Optional.of(insurerNumber + ":" + (symbol == null ? "" : symbol) + ":" + number + ":" + (branch == null ? "" : branch));
    }
}
