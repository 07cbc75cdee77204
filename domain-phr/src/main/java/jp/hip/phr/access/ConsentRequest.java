package jp.hip.phr.access;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;

import jp.hip.phr.DataCategory;
import jp.hip.phr.PhrException;
import jp.hip.phr.PhrFhir;
import jp.hip.phr.PhrException.Kind;
import jp.hip.phr.PhrException.Problem;

/**
 * A FHIR R4 Consent posted by a PHR service on the person's behalf, read strictly into one consent change
 * (docs/phr.md "Consent create"): status active|inactive, scope patient-privacy, category LOINC 59284-0,
 * patient Patient/{id}, one provision of type permit|deny with exactly one actor (role IRCP, reference
 * Organization/{recipient tenant id}), exactly one provision.code in {@link PhrFhir#DATA_CATEGORY_SYSTEM} and
 * provision.dataPeriod (start required, end optional and not before start). An active permit is a grant; an
 * inactive consent or a deny is a withdrawal.
 */
record ConsentRequest(UUID personId, UUID recipientTenantId, DataCategory category, boolean grant, boolean deny,
        LocalDate from, LocalDate to) {

    static final String SCOPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/consentscope";
    static final String PARTICIPATION_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";

    static ConsentRequest of(Consent consent) {
        List<Problem> problems = new ArrayList<>();
        Consent.ConsentState state = consent.getStatus();
        if (state != Consent.ConsentState.ACTIVE && state != Consent.ConsentState.INACTIVE) {
            problems.add(Problem.of("phr.error.consentStatus", "Consent.status", state == null ? "" : state.toCode()));
        }
        if (!only(consent.getScope(), SCOPE_SYSTEM, "patient-privacy")) {
            problems.add(Problem.of("phr.error.consentScope", "Consent.scope"));
        }
        if (consent.getCategory().isEmpty() || consent.getCategory().stream().noneMatch(c -> c.hasCoding("http://loinc.org", "59284-0"))) {
            problems.add(Problem.of("phr.error.consentCategory", "Consent.category"));
        }
        UUID person = null;
        if (!consent.hasPatient() || !consent.getPatient().hasReference()) {
            problems.add(Problem.of("phr.error.consentPatient", "Consent.patient"));
        } else {
            person = id(consent.getPatient().getReference(), "Patient/");
            if (person == null) {
                problems.add(Problem.of("phr.error.consentPatient", "Consent.patient"));
            }
        }
        UUID recipient = null;
        DataCategory category = null;
        boolean deny = false;
        LocalDate from = null;
        LocalDate to = null;
        if (!consent.hasProvision() || consent.getProvision().isEmpty()) {
            problems.add(Problem.of("phr.error.consentProvision", "Consent.provision"));
        } else {
            Consent.ProvisionComponent provision = consent.getProvision();
            if (provision.getType() == null) {
                problems.add(Problem.of("phr.error.consentType", "Consent.provision.type"));
            }
            deny = provision.getType() == Consent.ConsentProvisionType.DENY;
            if (provision.getActor().size() != 1
                    || !only(provision.getActor().get(0).getRole(), PARTICIPATION_SYSTEM, "IRCP")
                    || (recipient = id(provision.getActor().get(0).getReference().getReference(), "Organization/")) == null) {
                problems.add(Problem.of("phr.error.consentActor", "Consent.provision.actor"));
            }
            if (provision.getCode().size() != 1 || provision.getCode().get(0).getCoding().size() != 1
                    || (category = category(provision.getCode().get(0).getCodingFirstRep())) == null) {
                problems.add(Problem.of("phr.error.consentDataCategory", "Consent.provision.code"));
            }
            if (provision.hasProvision() || provision.hasClass_() || provision.hasSecurityLabel() || provision.hasData()
                    || provision.hasPurpose() || provision.hasAction() || provision.hasPeriod()) {
                problems.add(Problem.of("phr.error.consentUnsupported", "Consent.provision"));
            }
            if (!provision.hasDataPeriod() || !provision.getDataPeriod().hasStart()) {
                problems.add(Problem.of("phr.error.consentPeriod", "Consent.provision.dataPeriod"));
            } else {
                from = date(provision.getDataPeriod().getStartElement());
                to = provision.getDataPeriod().hasEnd() ? date(provision.getDataPeriod().getEndElement()) : null;
                if (from == null || (provision.getDataPeriod().hasEnd() && to == null)) {
                    problems.add(Problem.of("phr.error.consentPeriod", "Consent.provision.dataPeriod"));
                } else if (to != null && to.isBefore(from)) {
                    problems.add(Problem.of("phr.error.consentPeriodOrder", "Consent.provision.dataPeriod", from, to));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new PhrException(Kind.INVALID, problems);
        }
        boolean grant = state == Consent.ConsentState.ACTIVE && !deny;
        return new ConsentRequest(person, recipient, category, grant, deny, from, to);
    }

    private static boolean only(CodeableConcept concept, String system, String code) {
        return concept != null && concept.getCoding().size() == 1 && system.equals(concept.getCodingFirstRep().getSystem())
                && code.equals(concept.getCodingFirstRep().getCode());
    }

    private static DataCategory category(Coding coding) {
        if (!PhrFhir.DATA_CATEGORY_SYSTEM.equals(coding.getSystem()) || coding.getCode() == null) {
            return null;
        }
        for (DataCategory c : DataCategory.values()) {
            if (c.name().equals(coding.getCode())) {
                return c;
            }
        }
        return null;
    }

    private static UUID id(String reference, String prefix) {
        if (reference == null || !reference.startsWith(prefix)) {
            return null;
        }
        try {
            return UUID.fromString(reference.substring(prefix.length()));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The calendar date as written (2025-04-01 or 2025-04-01T00:00:00+09:00 → 2025-04-01); no time-zone shift. */
    private static LocalDate date(BaseDateTimeType value) {
        String text = value.getValueAsString();
        if (text == null || text.length() < 10) {
            return null;
        }
        try {
            return LocalDate.parse(text.substring(0, 10));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
