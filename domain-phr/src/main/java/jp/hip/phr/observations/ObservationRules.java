package jp.hip.phr.observations;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;

import jp.hip.phr.ObservationCode;
import jp.hip.phr.PhrException;
import jp.hip.phr.DataCategory;
import jp.hip.phr.PhrException.Problem;

/**
 * Ingest rules for an Observation (ref-phr.md §6.3, first tier): a known code from the code table, a value in
 * the code's unit and plausible range, an effective time that is not in the future, a Patient subject. On
 * success the resource is completed with both codings (特定健診/JLAC10 and LOINC) and both categories (JP Core
 * and HL7), so every stored observation carries them. Every problem is reported, not only the first.
 */
public final class ObservationRules {

    /** Clock skew a device may have before its "now" counts as future. */
    public static final Duration SKEW = Duration.ofMinutes(5);

    private final Map<String, ObservationCode> codes;

    public ObservationRules(Map<String, ObservationCode> codesBySystemAndCode) {
        this.codes = Map.copyOf(codesBySystemAndCode);
    }

    public static String key(String system, String code) {
        return system + "|" + code;
    }

    /** The checked facts of an observation, ready for the search columns. */
    public record Checked(UUID personId, ObservationCode code, Instant effective, BigDecimal value,
            Optional<String> identifierKey) {}

    /**
     * Checks and completes the observation. {@code subjectResolver} turns the subject reference into a person id
     * (it may resolve urn:uuid references of a transaction); it returns null when the reference is not usable.
     */
    public Checked check(Observation observation, Instant now, java.util.function.Function<String, UUID> subjectResolver) {
        List<Problem> problems = new ArrayList<>();
        if (observation.getStatus() == null) {
            problems.add(Problem.of("phr.error.status", "Observation.status"));
        }
        UUID personId = null;
        if (!observation.hasSubject() || !observation.getSubject().hasReference()) {
            problems.add(Problem.of("phr.error.subject", "Observation.subject"));
        } else {
            personId = subjectResolver.apply(observation.getSubject().getReference());
            if (personId == null) {
                problems.add(Problem.of("phr.error.subjectUnknown", "Observation.subject", observation.getSubject().getReference()));
            }
        }
        ObservationCode code = findCode(observation.getCode());
        if (code == null) {
            String shown = observation.getCode().getCoding().stream().map(c -> c.getSystem() + "|" + c.getCode())
                    .findFirst().orElse("-");
            problems.add(Problem.of("phr.error.code", "Observation.code", shown));
        }
        Instant effective = effective(observation);
        if (effective == null) {
            problems.add(Problem.of("phr.error.effective", "Observation.effective[x]"));
        } else if (effective.isAfter(now.plus(SKEW))) {
            problems.add(Problem.of("phr.error.future", "Observation.effective[x]", effective.toString()));
        }
        BigDecimal value = null;
        if (!observation.hasValueQuantity() || !observation.getValueQuantity().hasValue()) {
            problems.add(Problem.of("phr.error.value", "Observation.valueQuantity"));
        } else {
            Quantity quantity = observation.getValueQuantity();
            value = quantity.getValue();
            String unit = quantity.hasCode() ? quantity.getCode() : quantity.getUnit();
            if (code != null && !code.unit().equals(unit)) {
                problems.add(Problem.of("phr.error.unit", "Observation.valueQuantity.code", String.valueOf(unit), code.code(), code.unit()));
            } else if (code != null && !code.plausible(value)) {
                problems.add(Problem.of("phr.error.range", "Observation.valueQuantity.value", value.toPlainString(),
                        code.min().stripTrailingZeros().toPlainString(), code.max().stripTrailingZeros().toPlainString()));
            }
        }
        if (!problems.isEmpty()) {
            throw new PhrException(PhrException.Kind.INVALID, problems);
        }
        complete(observation, code);
        return new Checked(personId, code, effective, value, identifierKey(observation));
    }

    ObservationCode findCode(CodeableConcept concept) {
        for (Coding coding : concept.getCoding()) {
            ObservationCode code = codes.get(key(coding.getSystem(), coding.getCode()));
            if (code != null) {
                return code;
            }
        }
        // A LOINC-only coding of a checkup item (e.g. from a device app) maps to the life-log row of that LOINC.
        return null;
    }

    static Instant effective(Observation observation) {
        if (observation.hasEffectiveDateTimeType() && observation.getEffectiveDateTimeType().getValue() != null) {
            return observation.getEffectiveDateTimeType().getValue().toInstant();
        }
        if (observation.hasEffectivePeriod() && observation.getEffectivePeriod().getStart() != null) {
            return observation.getEffectivePeriod().getStart().toInstant();
        }
        return null;
    }

    public static Optional<String> identifierKey(Observation observation) {
        for (Identifier identifier : observation.getIdentifier()) {
            if (identifier.hasValue()) {
                return Optional.of((identifier.hasSystem() ? identifier.getSystem() : "") + "|" + identifier.getValue());
            }
        }
        return Optional.empty();
    }

    /** Adds what the platform promises on every observation: both codes, both categories, UCUM units. */
    static void complete(Observation observation, ObservationCode code) {
        CodeableConcept concept = observation.getCode();
        if (concept.getCoding().stream().noneMatch(c -> code.system().equals(c.getSystem()) && code.code().equals(c.getCode()))) {
            concept.addCoding(new Coding(code.system(), code.code(), code.nameJa()));
        }
        if (code.loinc() != null && concept.getCoding().stream().noneMatch(c -> ObservationCode.LOINC.equals(c.getSystem()))) {
            concept.addCoding(new Coding(ObservationCode.LOINC, code.loinc(), code.loincDisplay()));
        }
        for (Coding coding : concept.getCoding()) {
            if (code.system().equals(coding.getSystem()) && code.code().equals(coding.getCode()) && !coding.hasDisplay()) {
                coding.setDisplay(code.nameJa());
            }
        }
        if (!concept.hasText()) {
            concept.setText(code.nameJa());
        }
        addCategory(observation, ObservationCode.JP_CATEGORY, code.categoryJp());
        addCategory(observation, ObservationCode.HL7_CATEGORY, code.categoryHl7());
        Quantity quantity = observation.getValueQuantity();
        quantity.setSystem(ObservationCode.UCUM).setCode(code.unit());
        if (!quantity.hasUnit()) {
            quantity.setUnit(code.unit());
        }
    }

    private static void addCategory(Observation observation, String system, String value) {
        boolean present = observation.getCategory().stream()
                .flatMap(c -> c.getCoding().stream())
                .anyMatch(c -> system.equals(c.getSystem()) && value.equals(c.getCode()));
        if (!present) {
            observation.addCategory(new CodeableConcept(new Coding(system, value, null)));
        }
    }
}
