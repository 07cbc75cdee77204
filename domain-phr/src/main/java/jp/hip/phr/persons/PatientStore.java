package jp.hip.phr.persons;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import jp.hip.identity.AuditLog;
import jp.hip.phr.AccessBasis;
import jp.hip.phr.Accessor;
import jp.hip.phr.Establishment;
import jp.hip.phr.ObservationQuery;
import jp.hip.phr.PhrFhir;
import jp.hip.phr.PhrException;
import jp.hip.phr.PhrException.Kind;
import jp.hip.phr.StoredResource;
import jp.hip.phr.access.AccessLog;
import jp.hip.phr.access.Tombstones;
import jp.hip.phr.persons.PhrPersons.NewMember;
import jp.hip.phr.search.PatientSearch;
import jp.hip.phr.search.SortKey;
import jp.hip.phr.search.SqlWhere;

import static jp.hip.phr.PhrFhir.INSURED_NUMBER_SYSTEM;

/** FHIR Patient: read, search and conditional create of the persons an accessor holds (or the individual's own). */
@Service
public class PatientStore {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final AccessLog accessLog;
    private final PhrPersons persons;
    private final Tombstones tombstones;

    PatientStore(JdbcClient jdbc, TransactionTemplate tx, AuditLog audit, AccessLog accessLog, PhrPersons persons,
            Tombstones tombstones) {
        this.tombstones = tombstones;
        this.jdbc = jdbc;
        this.tx = tx;
        this.audit = audit;
        this.accessLog = accessLog;
        this.persons = persons;
    }

    public Patient readPatient(Accessor accessor, UUID id) {
        Patient patient = patients(accessor, "p.id = :id", Map.of("id", id), 1, 0).stream().findFirst()
                .orElseThrow(() -> PhrException.of(Kind.NOT_FOUND, "phr.error.notFound", "Patient/" + id));
        accessLog.logRead(accessor, id, "Patient.read", basisOf(accessor), List.of("Patient/" + id), List.of());
        return patient;
    }

    /** Patients matching a FHIR search (issue 10), visible to the accessor, each logged as a search read. */
    public List<Patient> searchPatients(Accessor accessor, PatientSearch search) {
        if (search.count() == 0) {
            return List.of();
        }
        SqlWhere where = PatientCriteria.where(search);
        String order = SortKey.orderBy(search.sort(), DEFAULT_ORDER, "p.id");
        List<Patient> found = patients(accessor, where.sql(), where.params(), order, search.count(), search.offset());
        logEach(accessor, "Patient.search", found);
        return found;
    }

    /** How many visible patients match (the same visibility as the search), each counted person logged. */
    public long countPatients(Accessor accessor, PatientSearch search) {
        SqlWhere where = PatientCriteria.where(search);
        List<UUID> ids = jdbc.sql("""
                select p.id from phr_person p
                  left join phr_membership m on m.person_id = p.id and m.tenant_id = :accessor
                 where %s and %s""".formatted(visible(accessor), where.sql()))
                .params(where.params()).param("accessor", accessor.tenantId()).query(UUID.class).list();
        ids.forEach(id -> accessLog.logRead(accessor, id, "Patient.count", basisOf(accessor), List.of("Patient?_summary=count"), List.of()));
        return ids.size();
    }

    /**
     * The Patients of {@code ids} the accessor may read ({@code _include}): the same visibility as a read, each
     * logged; a person the accessor holds no basis for is left out, not an error.
     */
    public List<Patient> includePatients(Accessor accessor, java.util.Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Patient> found = patients(accessor, "p.id in (:ids)", Map.of("ids", List.copyOf(ids)), DEFAULT_ORDER,
                ids.size(), 0);
        logEach(accessor, "Patient.include", found);
        return found;
    }

    private void logEach(Accessor accessor, String action, List<Patient> found) {
        for (Patient p : found) {
            accessLog.logRead(accessor, UUID.fromString(p.getIdElement().getIdPart()), action, basisOf(accessor),
                    List.of("Patient/" + p.getIdElement().getIdPart()), List.of());
        }
    }

    private static final String DEFAULT_ORDER = "p.family_name_kana, p.id";

    private static String visible(Accessor accessor) {
        return accessor.individual()
                ? "p.personal_tenant_id = :accessor"
                : "exists (select 1 from phr_membership mm where mm.tenant_id = :accessor and mm.person_id = p.id)";
    }

    /** The person's own record (本人), or the membership the tenant registered (提供元). */
    private static AccessBasis basisOf(Accessor accessor) {
        return accessor.individual() ? AccessBasis.SELF : AccessBasis.SUPPLIER;
    }

    private List<Patient> patients(Accessor accessor, String where, Map<String, Object> params, int count, int offset) {
        return patients(accessor, where, params, DEFAULT_ORDER, count, offset);
    }

    private List<Patient> patients(Accessor accessor, String where, Map<String, Object> params, String order, int count, int offset) {
        String visible = visible(accessor);
        return jdbc.sql("""
                select p.*, m.insurer_number, m.insured_symbol, m.insured_number, m.branch_number, m.establishment_number,
                       m.establishment_name, mt.name as holder_name from phr_person p
                  left join phr_membership m on m.person_id = p.id and m.tenant_id = :accessor
                  left join plat_tenant mt on mt.id = m.tenant_id
                 where %s and %s order by %s limit :limit offset :offset""".formatted(visible, where, order))
                .params(params).param("accessor", accessor.tenantId()).param("limit", count).param("offset", offset)
                .query(PatientStore::patient).list();
    }

    private static Patient patient(ResultSet rs, int n) throws SQLException {
        Patient p = new Patient();
        p.setId(rs.getString("id"));
        p.getMeta().setVersionId(rs.getString("version")).setLastUpdated(Date.from(rs.getTimestamp("updated_at").toInstant()));
        if (rs.getString("insured_number") != null) {
            String symbol = rs.getString("insured_symbol");
            p.addIdentifier(new Identifier().setSystem(INSURED_NUMBER_SYSTEM)
                    .setValue((symbol == null ? "" : symbol) + ":" + rs.getString("insured_number")));
            // JP Core's 被保険者個人識別子 beside it, when the 保険者番号 is known (ADR 0038)
            InsuredCard.jpCoreValue(rs.getString("insurer_number"), symbol, rs.getString("insured_number"), rs.getString("branch_number"))
                    .ifPresent(value -> p.addIdentifier(new Identifier().setSystem(PhrFhir.JP_INSURANCE_MEMBER_SYSTEM).setValue(value)));
        }
        p.addName(new HumanName().setFamily(rs.getString("family_name")).addGiven(rs.getString("given_name"))
                .setText(rs.getString("family_name") + " " + rs.getString("given_name")));
        if (rs.getString("family_name_kana") != null) {
            p.addName(new HumanName().setFamily(rs.getString("family_name_kana")).addGiven(rs.getString("given_name_kana")));
        }
        if (rs.getString("establishment_name") != null) {
            // The employer 事業所 the person works at, for the employer reading its member: a contact of relationship
            // v2-0131 "E" (Employer) naming the organisation (FHIR R4 Patient.contact, pat-1 holds with organization).
            Identifier number = rs.getString("establishment_number") == null ? null
                    : new Identifier().setSystem(Establishment.NUMBER_SYSTEM).setValue(rs.getString("establishment_number"));
            p.addContact().addRelationship(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v2-0131", "E", "Employer")))
                    .setOrganization(new Reference().setIdentifier(number)
                            .setDisplay(rs.getString("holder_name") + " " + rs.getString("establishment_name")));
        }
        p.setGender(Enumerations.AdministrativeGender.fromCode(rs.getString("gender")));
        if (rs.getDate("birth_date") != null) {
            p.setBirthDate(java.sql.Date.valueOf(rs.getDate("birth_date").toLocalDate()));
        }
        return p;
    }

    /**
     * Creates a member from a Patient naming their insurance card (JP Core 被保険者個人識別子, or the platform's
     * 被保険者番号 "記号:番号"; {@link InsuredCard}, ADR 0038); conditional on that card within the caller's own
     * members. A match is returned only when the demographics sent are those stored (name, and birth date and gender
     * when sent); otherwise 409 naming the differing elements, without their stored values, and nothing is merged. A
     * returned match is a read, logged like one (issue 17 item 3).
     */
    public StoredResource<Patient> createPatient(Accessor accessor, Patient patient) {
        return tx.execute(status -> createPatientInTx(accessor, patient));
    }

    private StoredResource<Patient> createPatientInTx(Accessor accessor, Patient patient) {
        accessor.requireTenant();
        InsuredCard card = InsuredCard.of(patient);
        if (!patient.hasName() || !patient.getNameFirstRep().hasFamily()) {
            throw PhrException.of(Kind.INVALID, "phr.error.patientName");
        }
        Optional<UUID> match = persons.findInsured(accessor.tenantId(), card);
        HumanName name = patient.getNameFirstRep();
        UUID id;
        if (match.isPresent()) {
            id = match.get();
            requireSameDemographics(accessor, id, patient);
        } else {
            id = persons.registerInsured(accessor.tenantId(), new NewMember(name.getFamily(), name.getGivenAsSingleString(), null, null,
                    patient.hasBirthDate() ? new java.sql.Date(patient.getBirthDate().getTime()).toLocalDate() : null,
                    patient.hasGender() ? patient.getGender().toCode() : "unknown", card.insurerNumber(), card.symbol(),
                    card.number()), card);
        }
        boolean existed = match.isPresent();
        List<PhrException.Problem> notices = tombstoneNotices(accessor.tenantId(), id, existed, card.symbol(), card.number());
        Patient stored = patients(accessor, "p.id = :id", Map.of("id", id), 1, 0).get(0);
        audit.record(existed ? "PHR_PATIENT_MATCHED" : "PHR_PATIENT_CREATED", "Patient", id,
                notices.isEmpty() ? Map.of() : Map.of("deletedOnRequest", notices.get(0).args().get(0)));
        if (existed) {
            accessLog.logRead(accessor, id, "Patient.match", basisOf(accessor), List.of("Patient/" + id), List.of());
        }
        // the person's own version (it moves when the person is linked or matched again), so the Location reads back
        return new StoredResource<>(stored, Integer.parseInt(stored.getMeta().getVersionId()), !existed, notices);
    }

    /**
     * The person asked for deletion (ADR 0041, 0046): the holder's membership kept by the deletion, or a card with a
     * tombstone registered again. Never silent: the response and the audit event say so; the membership remembers
     * it, so the holder writes only its statutory record for the person. Nothing of the person's deleted data, other
     * holders or account is linked (a member is only ever found within the caller's own memberships).
     */
    private List<PhrException.Problem> tombstoneNotices(UUID tenant, UUID person, boolean existed, String symbol, String number) {
        Optional<java.time.Instant> card = tombstones.deletedCardOfHolder(tenant, symbol, number);
        Optional<Tombstones.AfterDeletion> kept = existed ? tombstones.afterDeletion(tenant, person) : Optional.empty();
        Optional<java.time.Instant> deletedAt = kept.map(Tombstones.AfterDeletion::deletedAt)
                .or(() -> card.filter(at -> !existed || unlinked(person)));
        if (deletedAt.isEmpty()) {
            return List.of();
        }
        tombstones.markRegisteredAgain(tenant, person, deletedAt.get());
        String date = deletedAt.get().atZone(java.time.ZoneId.of("Asia/Tokyo")).toLocalDate().toString();
        return List.of(PhrException.Problem.of(existed ? "phr.fhir.tombstonePatientKept" : "phr.fhir.tombstonePatientNew",
                "Patient.identifier", date));
    }

    private boolean unlinked(UUID person) {
        return jdbc.sql("select personal_tenant_id is null from phr_person where id = ?").param(person).query(Boolean.class).single();
    }

    private void requireSameDemographics(Accessor accessor, UUID person, Patient sent) {
        record Stored(String family, String given, java.time.LocalDate birthDate, String gender) {}
        Stored stored = jdbc.sql("""
                select p.family_name, p.given_name, p.birth_date, p.gender from phr_person p
                  join phr_membership m on m.person_id = p.id and m.tenant_id = ?
                 where p.id = ?""")
                .params(accessor.tenantId(), person)
                .query((rs, n) -> new Stored(rs.getString(1), rs.getString(2), rs.getObject(3, java.time.LocalDate.class), rs.getString(4)))
                .single();
        List<PhrException.Problem> problems = new java.util.ArrayList<>();
        HumanName name = sent.getNameFirstRep();
        if (!stored.family().equals(name.getFamily()) || !stored.given().equals(name.getGivenAsSingleString())) {
            problems.add(PhrException.Problem.of("phr.error.patientDiffers", "Patient.name"));
        }
        if (sent.hasBirthDate() && !new java.sql.Date(sent.getBirthDate().getTime()).toLocalDate().equals(stored.birthDate())) {
            problems.add(PhrException.Problem.of("phr.error.patientDiffers", "Patient.birthDate"));
        }
        if (sent.hasGender() && !sent.getGender().toCode().equals(stored.gender())) {
            problems.add(PhrException.Problem.of("phr.error.patientDiffers", "Patient.gender"));
        }
        if (!problems.isEmpty()) {
            throw new PhrException(Kind.CONFLICT, problems);
        }
    }

    /** The person as Patient for the accessor, without logging (the caller logs: export). */
    public Optional<Patient> patientOf(Accessor accessor, UUID id) {
        return patients(accessor, "p.id = :id", Map.of("id", id), 1, 0).stream().findFirst();
    }
}
