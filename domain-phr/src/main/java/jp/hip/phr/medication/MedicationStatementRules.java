package jp.hip.phr.medication;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MedicationStatement;

import jp.hip.phr.PhrException;
import jp.hip.phr.observations.ObservationRules;
import jp.hip.phr.PhrException.Problem;

/**
 * Ingest rules for a MedicationStatement (薬剤情報, ADR 0035): a status, a Patient subject, a medication coded in
 * one of the drug code systems JP Core names for 医薬品 (YJ コード, HOT9), and an effective time that is not in
 * the future. Every problem is reported, not only the first.
 */
public final class MedicationStatementRules {

    /** 医薬品コード（YJコード）, as JP Core and the 電子処方箋 FHIR specification name it. */
    public static final String YJ = "urn:oid:1.2.392.100495.20.1.73";
    /** MEDIS HOT コード（9桁）. */
    public static final String HOT9 = "urn:oid:1.2.392.200119.4.403.1";
    static final Set<String> SYSTEMS = Set.of(YJ, HOT9);
    /** The width of phr_medication_statement.identifier_key ("system|value"). */
    static final int MAX_IDENTIFIER = 300;

    private MedicationStatementRules() {}

    /** The checked facts of a statement, ready for the search columns. */
    public record Checked(UUID personId, Coding medication, Instant effective, String status, Optional<String> identifierKey) {}

    /** {@code subjectResolver} turns the subject reference into a person id; null when the reference is not usable. */
    public static Checked check(MedicationStatement statement, Instant now, Function<String, UUID> subjectResolver) {
        List<Problem> problems = new ArrayList<>();
        if (statement.getStatus() == null || statement.getStatus() == MedicationStatement.MedicationStatementStatus.NULL) {
            problems.add(Problem.of("phr.error.medicationStatus", "MedicationStatement.status"));
        }
        UUID personId = null;
        if (!statement.hasSubject() || !statement.getSubject().hasReference()) {
            problems.add(Problem.of("phr.error.medicationSubject", "MedicationStatement.subject"));
        } else {
            personId = subjectResolver.apply(statement.getSubject().getReference());
            if (personId == null) {
                problems.add(Problem.of("phr.error.subjectUnknown", "MedicationStatement.subject", statement.getSubject().getReference()));
            }
        }
        Coding medication = medication(statement);
        if (medication == null) {
            problems.add(Problem.of("phr.error.medicationCode", "MedicationStatement.medicationCodeableConcept"));
        }
        Instant effective = effective(statement);
        if (effective == null) {
            problems.add(Problem.of("phr.error.medicationEffective", "MedicationStatement.effective[x]"));
        } else if (effective.isAfter(now.plus(ObservationRules.SKEW))) {
            problems.add(Problem.of("phr.error.medicationFuture", "MedicationStatement.effective[x]", effective.toString()));
        }
        Optional<String> identifierKey = identifierKey(statement);
        if (identifierKey.map(k -> k.length() > MAX_IDENTIFIER).orElse(false)) {
            problems.add(Problem.of("phr.error.medicationIdentifier", "MedicationStatement.identifier", MAX_IDENTIFIER));
        }
        if (!problems.isEmpty()) {
            throw new PhrException(PhrException.Kind.INVALID, problems);
        }
        if (!statement.getMedicationCodeableConcept().hasText() && medication.hasDisplay()) {
            statement.getMedicationCodeableConcept().setText(medication.getDisplay());
        }
        return new Checked(personId, medication, effective, statement.getStatus().toCode(), identifierKey);
    }

    /** The first coding in YJ or HOT9 with a code; a medicationReference is not accepted (no Medication resources). */
    static Coding medication(MedicationStatement statement) {
        if (!statement.hasMedicationCodeableConcept()) {
            return null;
        }
        return statement.getMedicationCodeableConcept().getCoding().stream()
                .filter(c -> SYSTEMS.contains(c.getSystem()) && c.hasCode() && c.getCode().length() <= 40)
                .findFirst().orElse(null);
    }

    static Instant effective(MedicationStatement statement) {
        if (statement.hasEffectiveDateTimeType() && statement.getEffectiveDateTimeType().getValue() != null) {
            return statement.getEffectiveDateTimeType().getValue().toInstant();
        }
        if (statement.hasEffectivePeriod() && statement.getEffectivePeriod().getStart() != null) {
            return statement.getEffectivePeriod().getStart().toInstant();
        }
        return null;
    }

    static Optional<String> identifierKey(MedicationStatement statement) {
        for (Identifier identifier : statement.getIdentifier()) {
            if (identifier.hasValue()) {
                return Optional.of((identifier.hasSystem() ? identifier.getSystem() : "") + "|" + identifier.getValue());
            }
        }
        return Optional.empty();
    }
}
