package jp.hip.phr;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import jp.hip.identity.AuditLog;
import jp.hip.phr.Accessor.Channel;
import jp.hip.phr.PhrException.Kind;
import jp.hip.phr.PhrException.Problem;

/**
 * The PHR module's facade. Person data is not scoped by {@code @TenantId}: a person is reached by the tenants
 * holding their data (membership) and by the individual. So every query here names the accessor explicitly,
 * and every read of observations carries the consent as a join in the same SQL statement (ref-phr.md §5.1):
 * a recipient sees a row only where a current, active permit for its tenant, the row's data category and the
 * row's effective time exists. Nothing is filtered after the query, and a withdrawal counts from the next query.
 * Every read is written to phr_access_log with the consents that allowed it.
 */
@Service
public class PhrRecords {

    public static final String INSURED_NUMBER_SYSTEM = "urn:oid:1.2.392.200119.6.205";
    public static final String INSURER_NUMBER_SYSTEM = "urn:oid:1.2.392.200119.6.101";
    public static final String DATA_CATEGORY_SYSTEM = "https://hip.example.jp/fhir/CodeSystem/phr-data-category";

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    /** The consent join: a current, active permit for the accessor tenant covering the observation's category and time. */
    private static final String CONSENT_JOIN = """
            join lateral (select c.id as consent_id, c.version as consent_version from phr_consent c
                           where c.recipient_tenant_id = :accessor and c.person_id = o.person_id
                             and c.data_category = o.data_category and c.superseded_at is null
                             and c.status = 'active' and c.decision = 'permit'
                             and o.effective_start >= c.period_start
                             and (c.period_end is null or o.effective_start < (c.period_end + 1))
                           order by c.recorded_at limit 1) allowed on true
            join phr_membership m on m.tenant_id = :accessor and m.person_id = o.person_id
            """;

    private final JdbcClient jdbc;
    private final org.springframework.jdbc.core.JdbcTemplate batch;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final AuditLog audit;
    private volatile ObservationRules rules;
    private volatile Map<String, ObservationCode> codesByCode;

    PhrRecords(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate batch, TransactionTemplate tx, Clock clock, AuditLog audit) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.tx = tx;
        this.clock = clock;
        this.audit = audit;
    }

    public static FhirContext fhirContext() {
        return FHIR;
    }

    private static IParser parser() {
        return FHIR.newJsonParser().setPrettyPrint(false);
    }

    // ---------------------------------------------------------------- code table

    /** The current code table, in display order. */
    public List<ObservationCode> codes() {
        return List.copyOf(codeMap().values());
    }

    public Optional<ObservationCode> code(String code) {
        return codeMap().values().stream().filter(c -> c.code().equals(code)).findFirst();
    }

    private Map<String, ObservationCode> codeMap() {
        Map<String, ObservationCode> map = codesByCode;
        if (map == null) {
            map = new LinkedHashMap<>();
            for (ObservationCode c : jdbc.sql("""
                    select c.* from phr_code c join phr_code_table t on t.table_version = c.table_version and t.current
                     order by c.sort_order""").query(PhrRecords::code).list()) {
                map.put(ObservationRules.key(c.system(), c.code()), c);
            }
            codesByCode = map;
        }
        return map;
    }

    private ObservationRules rules() {
        ObservationRules r = rules;
        if (r == null) {
            r = new ObservationRules(codeMap());
            rules = r;
        }
        return r;
    }

    private static ObservationCode code(ResultSet rs, int n) throws SQLException {
        return new ObservationCode(rs.getString("table_version"), rs.getString("code_system"), rs.getString("code"),
                rs.getString("name_ja"), rs.getString("name_en"), rs.getString("identity_code"), rs.getString("loinc"),
                rs.getString("loinc_display"), rs.getString("unit"), rs.getString("category_jp"),
                rs.getString("category_hl7"), DataCategory.valueOf(rs.getString("data_category")),
                rs.getBigDecimal("ref_low"), rs.getBigDecimal("ref_high"), rs.getBigDecimal("min_value"),
                rs.getBigDecimal("max_value"), rs.getInt("sort_order"));
    }

    // ---------------------------------------------------------------- persons

    /** A person as an insurer knows them (受診者情報 / 被保険者証). */
    public record NewMember(String familyName, String givenName, String familyNameKana, String givenNameKana,
            LocalDate birthDate, String gender, String insurerNumber, String insuredSymbol, String insuredNumber) {}

    /** Registers (or finds, by 記号・番号) a member of the tenant; returns the person's id. */
    public UUID registerMember(UUID tenantId, NewMember member) {
        return tx.execute(status -> registerMemberInTx(tenantId, member));
    }

    private UUID registerMemberInTx(UUID tenantId, NewMember member) {
        Optional<UUID> existing = jdbc.sql("""
                select person_id from phr_membership where tenant_id = ? and insured_symbol is not distinct from ?
                   and insured_number = ?""")
                .params(tenantId, member.insuredSymbol(), member.insuredNumber()).query(UUID.class).optional();
        if (existing.isPresent()) {
            return existing.get();
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into phr_person (id, family_name, given_name, family_name_kana, given_name_kana, birth_date, gender)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(id, member.familyName(), member.givenName(), member.familyNameKana(), member.givenNameKana(),
                        member.birthDate(), member.gender() == null ? "unknown" : member.gender())
                .update();
        jdbc.sql("""
                insert into phr_membership (tenant_id, person_id, kind, insurer_number, insured_symbol, insured_number, since)
                values (?, ?, 'INSURED', ?, ?, ?, ?)""")
                .params(tenantId, id, member.insurerNumber(), member.insuredSymbol(), member.insuredNumber(),
                        LocalDate.now(clock))
                .update();
        return id;
    }

    /** Records that an employer (事業主) holds data of a person, e.g. through its health app. */
    public void registerEmployee(UUID employerTenantId, UUID personId) {
        jdbc.sql("""
                insert into phr_membership (tenant_id, person_id, kind, since) values (?, ?, 'EMPLOYEE', ?)
                on conflict (tenant_id, person_id) do nothing""")
                .params(employerTenantId, personId, LocalDate.now(clock)).update();
    }

    /**
     * Records that an employer holds data of a person who works at one of its 事業所 (establishments). Registering
     * again with another 事業所 moves the person there (a transfer); the membership itself stays.
     */
    public void registerEmployee(UUID employerTenantId, UUID personId, Establishment establishment) {
        jdbc.sql("""
                insert into phr_membership (tenant_id, person_id, kind, since, establishment_number, establishment_name)
                values (?, ?, 'EMPLOYEE', ?, ?, ?)
                on conflict (tenant_id, person_id) do update
                   set establishment_number = excluded.establishment_number, establishment_name = excluded.establishment_name
                 where phr_membership.kind = 'EMPLOYEE'""")
                .params(employerTenantId, personId, LocalDate.now(clock), establishment.number(), establishment.name()).update();
    }

    /** Links a person to the individual's own PERSONAL tenant, so they can see and control their data. */
    public void linkIndividual(UUID personId, UUID personalTenantId) {
        jdbc.sql("update phr_person set personal_tenant_id = ? where id = ?").params(personalTenantId, personId).update();
    }

    /** The person the individual's PERSONAL tenant is linked to. */
    public Optional<UUID> personOf(UUID personalTenantId) {
        return jdbc.sql("select id from phr_person where personal_tenant_id = ?").param(personalTenantId)
                .query(UUID.class).optional();
    }

    /** The ids of a tenant's members (system work such as demo data; not a read of their records). */
    public List<UUID> memberIds(UUID tenantId) {
        return jdbc.sql("select person_id from phr_membership where tenant_id = ? order by person_id").param(tenantId)
                .query(UUID.class).list();
    }

    public long memberCount(UUID tenantId) {
        return jdbc.sql("select count(*) from phr_membership where tenant_id = ?").param(tenantId).query(Long.class).single();
    }

    // ---------------------------------------------------------------- members overview (counts only)

    /** Cells under this many persons are not shown (NDB rule, ref-phr.md §5.2; product.md §6). */
    public static final int MIN_CELL = 10;

    /**
     * One checkup item (lab items grouped by their 同一性項目コード) over the members whose consent lets the insurer
     * read it: persons with a value in the 年度 (their latest), how many lie outside the 保健指導判定値, the mean.
     * {@code null} means suppressed (×): under {@link #MIN_CELL} persons, or an outside/inside split that would
     * show a group under that size.
     */
    public record ItemSummary(String group, String nameJa, String unit, Integer persons, Integer outside,
            BigDecimal mean, boolean judged) {
        public BigDecimal outsideShare() {
            return persons == null || outside == null || persons == 0 ? null
                    : BigDecimal.valueOf(outside * 100L).divide(BigDecimal.valueOf(persons), 1, java.math.RoundingMode.HALF_UP);
        }
    }

    /** The insurer's members overview for one 年度: counts only, never a person. */
    public record MembersOverview(int fiscalYear, long members, long consenting, Integer examined, List<ItemSummary> items) {}

    /**
     * Counts of the accessor's members for 年度 {@code fiscalYear} (April–March, Japan time). Only observations
     * the member's consent lets this tenant read count: the same consent join as every read, inside the query.
     * Logged in the audit log as one aggregate read (it names no person, so no person's access log gets a line).
     */
    public MembersOverview membersOverview(Accessor accessor, int fiscalYear) {
        requireTenant(accessor);
        java.time.ZoneId japan = java.time.ZoneId.of("Asia/Tokyo");
        Timestamp from = Timestamp.from(LocalDate.of(fiscalYear, 4, 1).atStartOfDay(japan).toInstant());
        Timestamp to = Timestamp.from(LocalDate.of(fiscalYear + 1, 4, 1).atStartOfDay(japan).toInstant());
        long members = memberCount(accessor.tenantId());
        long consenting = jdbc.sql("""
                select count(distinct c.person_id) from phr_consent c
                  join phr_membership m on m.tenant_id = :accessor and m.person_id = c.person_id
                 where c.recipient_tenant_id = :accessor and c.data_category = 'CHECKUP' and c.superseded_at is null
                   and c.status = 'active' and c.decision = 'permit'
                   and c.period_start < cast(:to as timestamptz) and (c.period_end is null or c.period_end + 1 > cast(:from as timestamptz))""")
                .param("accessor", accessor.tenantId()).param("from", from).param("to", to).query(Long.class).single();
        Map<String, ObservationCode> byCode = new LinkedHashMap<>();
        codeMap().values().stream().filter(c -> c.dataCategory() == DataCategory.CHECKUP)
                .forEach(c -> byCode.putIfAbsent(c.identityCode() == null ? c.code() : c.identityCode(), c));
        record Latest(String group, String code, BigDecimal value) {}
        // The latest consented value per member and item group in the year; membership drives (timeline index).
        List<Latest> latest = jdbc.sql("""
                select distinct on (o.person_id, coalesce(o.identity_code, o.code))
                       coalesce(o.identity_code, o.code), o.code, o.value_num
                  from phr_observation o
                %s
                 where o.data_category = 'CHECKUP' and o.value_num is not null
                   and o.effective_start >= :from and o.effective_start < :to
                 order by o.person_id, coalesce(o.identity_code, o.code), o.effective_start desc""".formatted(CONSENT_JOIN))
                .param("accessor", accessor.tenantId()).param("from", from).param("to", to)
                .query((rs, n) -> new Latest(rs.getString(1), rs.getString(2), rs.getBigDecimal(3))).list();
        Integer examined = suppressed(jdbc.sql("""
                select count(distinct o.person_id) from phr_observation o
                %s
                 where o.data_category = 'CHECKUP' and o.effective_start >= :from and o.effective_start < :to""".formatted(CONSENT_JOIN))
                .param("accessor", accessor.tenantId()).param("from", from).param("to", to).query(Integer.class).single());
        Map<String, List<Latest>> byGroup = latest.stream().collect(Collectors.groupingBy(Latest::group));
        Map<String, ObservationCode> codes = codeMap().values().stream()
                .collect(Collectors.toMap(ObservationCode::code, c -> c, (a, b) -> a));
        List<ItemSummary> items = new ArrayList<>();
        for (Map.Entry<String, ObservationCode> item : byCode.entrySet()) {
            ObservationCode c = item.getValue();
            List<Latest> values = byGroup.getOrDefault(item.getKey(), List.of());
            boolean judged = c.refLow() != null || c.refHigh() != null;
            int persons = values.size();
            if (persons < MIN_CELL) {
                items.add(new ItemSummary(item.getKey(), c.nameJa(), c.unit(), persons == 0 ? 0 : null, null, null, judged));
                continue;
            }
            int outside = (int) values.stream().filter(v -> {
                ObservationCode own = codes.getOrDefault(v.code(), c);
                return own.outsideReference(v.value());
            }).count();
            // Complementary suppression: neither the outside nor the inside group may be under MIN_CELL persons.
            Integer shownOutside = !judged ? null : (outside < MIN_CELL || persons - outside < MIN_CELL) ? null : outside;
            BigDecimal mean = values.stream().map(Latest::value).reduce(BigDecimal.ZERO, BigDecimal::add)
                    .divide(BigDecimal.valueOf(persons), 1, java.math.RoundingMode.HALF_UP);
            items.add(new ItemSummary(item.getKey(), c.nameJa(), c.unit(), persons, shownOutside, mean, judged));
        }
        audit.record("PHR_MEMBERS_OVERVIEW_READ", "MembersOverview", String.valueOf(fiscalYear),
                Map.of("channel", accessor.channel().name(), "actor", accessor.actorName()));
        return new MembersOverview(fiscalYear, members, consenting, examined, items);
    }

    /** The 年度 in which the accessor may read any member's checkup values (consent applied), newest first. */
    public List<Integer> checkupYears(Accessor accessor) {
        requireTenant(accessor);
        return jdbc.sql("""
                select distinct cast(extract(year from (o.effective_start at time zone 'Asia/Tokyo') - interval '3 months') as int) as fy
                  from phr_observation o
                %s
                 where o.data_category = 'CHECKUP' order by fy desc""".formatted(CONSENT_JOIN))
                .param("accessor", accessor.tenantId()).query(Integer.class).list();
    }

    private static Integer suppressed(int count) {
        return count == 0 || count >= MIN_CELL ? count : null;
    }

    // ---------------------------------------------------------------- Patient

    public Patient readPatient(Accessor accessor, UUID id) {
        Patient patient = patients(accessor, "p.id = :id", Map.of("id", id), 1, 0).stream().findFirst()
                .orElseThrow(() -> PhrException.of(Kind.NOT_FOUND, "phr.error.notFound", "Patient/" + id));
        logRead(accessor, id, "Patient.read", List.of("Patient/" + id), List.of());
        return patient;
    }

    /** Patients visible to the accessor; {@code identifier} is "system|value" or "value" of 記号:番号. */
    public List<Patient> searchPatients(Accessor accessor, Optional<String> identifier, int count, int offset) {
        if (count < 1 || count > ObservationQuery.MAX_COUNT) {
            throw PhrException.of(Kind.INVALID, "phr.error.count", ObservationQuery.MAX_COUNT);
        }
        String where = "true";
        Map<String, Object> params = new HashMap<>();
        if (identifier.isPresent()) {
            String value = identifier.get().contains("|") ? identifier.get().substring(identifier.get().indexOf('|') + 1) : identifier.get();
            where = "(coalesce(m.insured_symbol, '') || ':' || m.insured_number) = :ident";
            params.put("ident", value);
        }
        List<Patient> found = patients(accessor, where, params, count, offset);
        for (Patient p : found) {
            logRead(accessor, UUID.fromString(p.getIdElement().getIdPart()), "Patient.search", List.of("Patient/" + p.getIdElement().getIdPart()), List.of());
        }
        return found;
    }

    private List<Patient> patients(Accessor accessor, String where, Map<String, Object> params, int count, int offset) {
        String visible = accessor.individual()
                ? "p.personal_tenant_id = :accessor"
                : "exists (select 1 from phr_membership mm where mm.tenant_id = :accessor and mm.person_id = p.id)";
        return jdbc.sql("""
                select p.*, m.insurer_number, m.insured_symbol, m.insured_number, m.establishment_number,
                       m.establishment_name, mt.name as holder_name from phr_person p
                  left join phr_membership m on m.person_id = p.id and m.tenant_id = :accessor
                  left join plat_tenant mt on mt.id = m.tenant_id
                 where %s and %s order by p.family_name_kana, p.id limit :limit offset :offset""".formatted(visible, where))
                .params(params).param("accessor", accessor.tenantId()).param("limit", count).param("offset", offset)
                .query(PhrRecords::patient).list();
    }

    private static Patient patient(ResultSet rs, int n) throws SQLException {
        Patient p = new Patient();
        p.setId(rs.getString("id"));
        p.getMeta().setVersionId(rs.getString("version")).setLastUpdated(Date.from(rs.getTimestamp("updated_at").toInstant()));
        if (rs.getString("insured_number") != null) {
            String symbol = rs.getString("insured_symbol");
            p.addIdentifier(new Identifier().setSystem(INSURED_NUMBER_SYSTEM)
                    .setValue((symbol == null ? "" : symbol) + ":" + rs.getString("insured_number")));
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

    /** Creates a member from a Patient with a 被保険者番号 identifier ("記号:番号"); conditional on that identifier. */
    public StoredResource<Patient> createPatient(Accessor accessor, Patient patient) {
        return tx.execute(status -> createPatientInTx(accessor, patient));
    }

    private StoredResource<Patient> createPatientInTx(Accessor accessor, Patient patient) {
        requireTenant(accessor);
        Identifier identifier = patient.getIdentifier().stream()
                .filter(i -> INSURED_NUMBER_SYSTEM.equals(i.getSystem()) && i.hasValue()).findFirst()
                .orElseThrow(() -> PhrException.of(Kind.INVALID, "phr.error.patientIdentifier"));
        if (!patient.hasName() || !patient.getNameFirstRep().hasFamily()) {
            throw PhrException.of(Kind.INVALID, "phr.error.patientName");
        }
        String[] parts = identifier.getValue().split(":", 2);
        String symbol = parts.length == 2 ? parts[0] : null;
        String number = parts.length == 2 ? parts[1] : parts[0];
        boolean existed = jdbc.sql("""
                select count(*) from phr_membership where tenant_id = ? and insured_symbol is not distinct from ? and insured_number = ?""")
                .params(accessor.tenantId(), symbol, number).query(Long.class).single() > 0;
        HumanName name = patient.getNameFirstRep();
        UUID id = registerMemberInTx(accessor.tenantId(), new NewMember(name.getFamily(), name.getGivenAsSingleString(), null, null,
                patient.hasBirthDate() ? new java.sql.Date(patient.getBirthDate().getTime()).toLocalDate() : null,
                patient.hasGender() ? patient.getGender().toCode() : "unknown", null, symbol, number));
        Patient stored = patients(accessor, "p.id = :id", Map.of("id", id), 1, 0).get(0);
        audit.record(existed ? "PHR_PATIENT_MATCHED" : "PHR_PATIENT_CREATED", "Patient", id, Map.of());
        return new StoredResource<>(stored, 1, !existed);
    }

    // ---------------------------------------------------------------- Observation

    /** Creates an observation; with {@code ifNoneExist} ("identifier=system|value") an earlier one is returned instead. */
    public StoredResource<Observation> createObservation(Accessor accessor, Observation observation, Optional<String> ifNoneExist) {
        return tx.execute(status -> createObservationInTx(accessor, observation, ifNoneExist, this::subjectOf, null));
    }

    private StoredResource<Observation> createObservationInTx(Accessor accessor, Observation observation,
            Optional<String> ifNoneExist, Function<String, UUID> subjects, UUID sourceDocument) {
        if (ifNoneExist.isPresent()) {
            String key = identifierCondition(ifNoneExist.get());
            Optional<StoredResource<Observation>> existing = jdbc.sql("""
                    select resource::text, version_id from phr_observation where tenant_id = ? and identifier_key = ?""")
                    .params(accessor.tenantId(), key)
                    .query((rs, n) -> new StoredResource<>(parseObservation(rs.getString(1)), rs.getInt(2), false)).optional();
            if (existing.isPresent()) {
                return existing.get();
            }
            if (ObservationRules.identifierKey(observation).map(k -> !k.equals(key)).orElse(true)) {
                throw PhrException.of(Kind.INVALID, "phr.error.ifNoneExistMismatch");
            }
        }
        ObservationRules.Checked checked = rules().check(observation, clock.instant(), subjects);
        if (accessor.individual()) {
            requireOwnLifeLog(accessor, checked);
        } else {
            requireMember(accessor, checked.personId());
        }
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        observation.setId(id.toString());
        observation.getMeta().setVersionId("1").setLastUpdated(Date.from(now));
        observation.setSubject(new Reference("Patient/" + checked.personId()));
        int inserted = jdbc.sql("""
                insert into phr_observation (person_id, id, tenant_id, version_id, data_category, code_system, code,
                    identity_code, loinc, category_jp, category_hl7, effective_start, value_num, unit, identifier_key,
                    source_document_id, resource, last_updated)
                values (:person, :id, :tenant, 1, :category, :system, :code, :identity, :loinc, :catJp, :catHl7,
                    :effective, :value, :unit, :identifier, :source, cast(:resource as jsonb), :now)
                on conflict (tenant_id, identifier_key) where identifier_key is not null do nothing""")
                .params(observationColumns(checked))
                .param("person", checked.personId()).param("id", id).param("tenant", accessor.tenantId())
                .param("source", sourceDocument).param("resource", parser().encodeResourceToString(observation))
                .param("now", Timestamp.from(now))
                .update();
        if (inserted == 0) {
            throw PhrException.of(Kind.CONFLICT, "phr.error.duplicateIdentifier", checked.identifierKey().orElse(""));
        }
        return new StoredResource<>(observation, 1, true);
    }

    private static Map<String, Object> observationColumns(ObservationRules.Checked checked) {
        Map<String, Object> columns = new HashMap<>();
        ObservationCode code = checked.code();
        columns.put("category", code.dataCategory().name());
        columns.put("system", code.system());
        columns.put("code", code.code());
        columns.put("identity", code.identityCode());
        columns.put("loinc", code.loinc());
        columns.put("catJp", code.categoryJp());
        columns.put("catHl7", code.categoryHl7());
        columns.put("effective", Timestamp.from(checked.effective()));
        columns.put("value", checked.value());
        columns.put("unit", code.unit());
        columns.put("identifier", checked.identifierKey().orElse(null));
        return columns;
    }

    private static String identifierCondition(String ifNoneExist) {
        // Clients send "identifier=…", "Observation?identifier=…" or the full URL (HAPI's generic client).
        String condition = ifNoneExist.contains("?") ? ifNoneExist.substring(ifNoneExist.indexOf('?') + 1) : ifNoneExist;
        if (!condition.startsWith("identifier=") || condition.contains("&")) {
            throw PhrException.of(Kind.INVALID, "phr.error.ifNoneExist");
        }
        String value = java.net.URLDecoder.decode(condition.substring("identifier=".length()), StandardCharsets.UTF_8);
        return value.contains("|") ? value : "|" + value;
    }

    /** Updates an observation its tenant wrote; {@code ifMatch} is the version the client last saw. */
    public StoredResource<Observation> updateObservation(Accessor accessor, UUID id, Observation observation, Optional<Integer> ifMatch) {
        return tx.execute(status -> {
            requireTenant(accessor);
            Integer current = jdbc.sql("select version_id from phr_observation where id = ? and tenant_id = ? for update")
                    .params(id, accessor.tenantId()).query(Integer.class).optional()
                    .orElseThrow(() -> PhrException.of(Kind.NOT_FOUND, "phr.error.notFound", "Observation/" + id));
            if (ifMatch.isPresent() && !ifMatch.get().equals(current)) {
                throw PhrException.of(Kind.PRECONDITION_FAILED, "phr.error.versionConflict", current);
            }
            if (observation.hasIdElement() && observation.getIdElement().hasIdPart()
                    && !id.toString().equals(observation.getIdElement().getIdPart())) {
                throw PhrException.of(Kind.INVALID, "phr.error.idMismatch");
            }
            ObservationRules.Checked checked = rules().check(observation, clock.instant(), this::subjectOf);
            requireMember(accessor, checked.personId());
            int version = current + 1;
            Instant now = clock.instant();
            observation.setId(id.toString());
            observation.getMeta().setVersionId(String.valueOf(version)).setLastUpdated(Date.from(now));
            observation.setSubject(new Reference("Patient/" + checked.personId()));
            jdbc.sql("""
                    update phr_observation set person_id = :person, version_id = :version, data_category = :category,
                        code_system = :system, code = :code, identity_code = :identity, loinc = :loinc,
                        category_jp = :catJp, category_hl7 = :catHl7, effective_start = :effective, value_num = :value,
                        unit = :unit, identifier_key = :identifier, resource = cast(:resource as jsonb), last_updated = :now
                     where id = :id and tenant_id = :tenant""")
                    .params(observationColumns(checked)).param("person", checked.personId()).param("version", version)
                    .param("resource", parser().encodeResourceToString(observation)).param("now", Timestamp.from(now))
                    .param("id", id).param("tenant", accessor.tenantId())
                    .update();
            return new StoredResource<>(observation, version, false);
        });
    }

    public StoredResource<Observation> readObservation(Accessor accessor, UUID id) {
        List<Row<Observation>> rows = observationRows(accessor, "o.id = :id", Map.of("id", id), 1, 0);
        if (rows.isEmpty()) {
            throw PhrException.of(Kind.NOT_FOUND, "phr.error.notFound", "Observation/" + id);
        }
        logRows(accessor, "Observation.read", rows);
        Row<Observation> row = rows.get(0);
        return new StoredResource<>(row.resource(), row.version(), false);
    }

    public List<Observation> searchObservations(Accessor accessor, ObservationQuery query) {
        StringBuilder where = new StringBuilder("true");
        Map<String, Object> params = new HashMap<>();
        query.subject().ifPresent(s -> {
            where.append(" and o.person_id = :subject");
            params.put("subject", s);
        });
        query.code().ifPresent(c -> {
            where.append(" and (o.code = :code or o.loinc = :code)");
            params.put("code", c);
        });
        query.codeSystem().ifPresent(s -> {
            where.append(" and (o.code_system = :codeSystem or (:codeSystem = 'http://loinc.org' and o.loinc is not null))");
            params.put("codeSystem", s);
        });
        query.category().ifPresent(c -> {
            where.append(" and (o.category_jp = :cat or o.category_hl7 = :cat)");
            params.put("cat", c);
        });
        query.from().ifPresent(f -> {
            where.append(query.fromInclusive() ? " and o.effective_start >= :from" : " and o.effective_start > :from");
            params.put("from", Timestamp.from(f));
        });
        query.to().ifPresent(t -> {
            where.append(query.toInclusive() ? " and o.effective_start <= :to" : " and o.effective_start < :to");
            params.put("to", Timestamp.from(t));
        });
        List<Row<Observation>> rows = observationRows(accessor, where.toString(), params, query.count(), query.offset());
        logRows(accessor, "Observation.search", rows);
        return rows.stream().map(Row::resource).toList();
    }

    /** A stored resource as read: whose, which version, and the consent version that allowed it (null for the person). */
    private record Row<T extends Resource>(UUID personId, UUID id, int version, T resource, String consentRef) {}

    private List<Row<Observation>> observationRows(Accessor accessor, String where, Map<String, Object> params, int limit, int offset) {
        return rows("phr_observation", Observation.class, accessor, where, params, limit, offset);
    }

    /**
     * The one place stored resources are read ({@code table} is phr_observation or phr_medication_statement, never
     * input): for a tenant the consent join on the row's data category is part of the statement; the individual
     * reads only their own person's rows.
     */
    private <T extends Resource> List<Row<T>> rows(String table, Class<T> type, Accessor accessor, String where,
            Map<String, Object> params, int limit, int offset) {
        String sql = accessor.individual()
                ? """
                  select o.person_id, o.id, o.version_id, o.resource::text, null as consent_ref from %s o
                    join phr_person p on p.id = o.person_id and p.personal_tenant_id = :accessor
                   where %%s order by o.effective_start desc, o.id limit :limit offset :offset""".formatted(table)
                : """
                  select o.person_id, o.id, o.version_id, o.resource::text,
                         'Consent/' || allowed.consent_id || '/_history/' || allowed.consent_version as consent_ref
                    from %s o
                  %s
                   where %%s order by o.effective_start desc, o.id limit :limit offset :offset""".formatted(table, CONSENT_JOIN);
        return jdbc.sql(sql.formatted(where)).params(params).param("accessor", accessor.tenantId())
                .param("limit", limit).param("offset", offset)
                .query((rs, n) -> new Row<>(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getInt(3),
                        parser().parseResource(type, rs.getString(4)), rs.getString(5)))
                .list();
    }

    private static Observation parseObservation(String json) {
        return parser().parseResource(Observation.class, json);
    }

    private UUID subjectOf(String reference) {
        IdType id = new IdType(reference);
        if (!"Patient".equals(id.getResourceType()) || !id.hasIdPart()) {
            return null;
        }
        try {
            return UUID.fromString(id.getIdPart());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void requireTenant(Accessor accessor) {
        if (accessor.individual()) {
            throw PhrException.of(Kind.FORBIDDEN, "phr.error.individualWrite");
        }
    }

    /**
     * The individual (for example through a SMART app they authorised, ADR 0033) writes only their own life-log:
     * the subject must be their own person (anyone else looks unknown), and the code's category must be life-log,
     * so checkup results keep coming only from the insurer's import.
     */
    private void requireOwnLifeLog(Accessor accessor, ObservationRules.Checked checked) {
        UUID own = personOf(accessor.tenantId()).orElse(null);
        if (!checked.personId().equals(own)) {
            throw new PhrException(Kind.INVALID, List.of(Problem.of("phr.error.subjectUnknown", "Observation.subject", "Patient/" + checked.personId())));
        }
        if (checked.code().dataCategory() != DataCategory.LIFELOG) {
            throw PhrException.of(Kind.FORBIDDEN, "phr.error.individualCategory", checked.code().code());
        }
    }

    /** A writer must hold the person's data (membership); another tenant's person looks like an unknown one. */
    private void requireMember(Accessor accessor, UUID personId) {
        boolean member = jdbc.sql("select count(*) from phr_membership where tenant_id = ? and person_id = ?")
                .params(accessor.tenantId(), personId).query(Long.class).single() > 0;
        if (!member) {
            throw new PhrException(Kind.INVALID, List.of(Problem.of("phr.error.subjectUnknown", "Observation.subject", "Patient/" + personId)));
        }
    }

    /**
     * Patient/$everything for a tenant: the Patient (membership) and the observations its consents allow, up to
     * {@code limit}, newest first; the same consent join as every other read, logged like them.
     */
    public List<Resource> everything(Accessor accessor, UUID personId, int limit) {
        Patient patient = readPatient(accessor, personId);
        ObservationQuery query = new ObservationQuery(Optional.of(personId), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), true, Optional.empty(), false, Math.min(limit, ObservationQuery.MAX_COUNT), 0);
        List<Resource> all = new ArrayList<>();
        all.add(patient);
        all.addAll(searchObservations(accessor, query));
        return all;
    }

    // ---------------------------------------------------------------- MedicationStatement (薬剤情報, ADR 0035)

    /** One row of the individual's お薬 table. */
    public record MedicationView(Instant effective, String name, String system, String code, String status, String source) {}

    /**
     * Creates a MedicationStatement for a member of the writing tenant; with {@code ifNoneExist}
     * ("identifier=system|value") an earlier one of the same tenant is returned instead. The individual does not write.
     */
    public StoredResource<MedicationStatement> createMedicationStatement(Accessor accessor, MedicationStatement statement,
            Optional<String> ifNoneExist) {
        return tx.execute(status -> {
            requireTenant(accessor);
            if (ifNoneExist.isPresent()) {
                String key = identifierCondition(ifNoneExist.get());
                Optional<StoredResource<MedicationStatement>> existing = jdbc.sql("""
                        select resource::text, version_id from phr_medication_statement where tenant_id = ? and identifier_key = ?""")
                        .params(accessor.tenantId(), key)
                        .query((rs, n) -> new StoredResource<>(parseMedicationStatement(rs.getString(1)), rs.getInt(2), false)).optional();
                if (existing.isPresent()) {
                    return existing.get();
                }
                if (MedicationStatementRules.identifierKey(statement).map(k -> !k.equals(key)).orElse(true)) {
                    throw PhrException.of(Kind.INVALID, "phr.error.ifNoneExistMismatch");
                }
            }
            Instant now = clock.instant();
            MedicationStatementRules.Checked checked = MedicationStatementRules.check(statement, now, this::subjectOf);
            boolean member = jdbc.sql("select count(*) from phr_membership where tenant_id = ? and person_id = ?")
                    .params(accessor.tenantId(), checked.personId()).query(Long.class).single() > 0;
            if (!member) {
                throw new PhrException(Kind.INVALID, List.of(Problem.of("phr.error.subjectUnknown", "MedicationStatement.subject",
                        "Patient/" + checked.personId())));
            }
            UUID id = UUID.randomUUID();
            statement.setId(id.toString());
            statement.getMeta().setVersionId("1").setLastUpdated(Date.from(now));
            statement.setSubject(new Reference("Patient/" + checked.personId()));
            int inserted = jdbc.sql("""
                    insert into phr_medication_statement (person_id, id, tenant_id, version_id, data_category, status,
                        medication_system, medication_code, medication_display, effective_start, identifier_key, resource, last_updated)
                    values (:person, :id, :tenant, 1, 'MEDICATION', :status, :system, :code, :display, :effective, :identifier,
                        cast(:resource as jsonb), :now)
                    on conflict (tenant_id, identifier_key) where identifier_key is not null do nothing""")
                    .param("person", checked.personId()).param("id", id).param("tenant", accessor.tenantId())
                    .param("status", checked.status()).param("system", checked.medication().getSystem())
                    .param("code", checked.medication().getCode())
                    .param("display", checked.medication().hasDisplay() ? truncate(checked.medication().getDisplay(), 200) : null)
                    .param("effective", Timestamp.from(checked.effective()))
                    .param("identifier", checked.identifierKey().orElse(null))
                    .param("resource", parser().encodeResourceToString(statement)).param("now", Timestamp.from(now))
                    .update();
            if (inserted == 0) {
                throw PhrException.of(Kind.CONFLICT, "phr.error.duplicateMedicationIdentifier", checked.identifierKey().orElse(""));
            }
            audit.record("PHR_MEDICATION_STATEMENT_CREATED", "MedicationStatement", id, Map.of());
            return new StoredResource<>(statement, 1, true);
        });
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    /** Reads one statement: the consent join on MEDICATION for a tenant, the own person for the individual; logged. */
    public StoredResource<MedicationStatement> readMedicationStatement(Accessor accessor, UUID id) {
        List<Row<MedicationStatement>> rows = medicationRows(accessor, "o.id = :id", Map.of("id", id), 1, 0);
        if (rows.isEmpty()) {
            throw PhrException.of(Kind.NOT_FOUND, "phr.error.notFound", "MedicationStatement/" + id);
        }
        logRows(accessor, "MedicationStatement.read", rows);
        return new StoredResource<>(rows.get(0).resource(), rows.get(0).version(), false);
    }

    /** A person's statements (or all the accessor may see), newest first; the same consent join, logged. */
    public List<MedicationStatement> searchMedicationStatements(Accessor accessor, Optional<UUID> subject, int count, int offset) {
        if (count < 1 || count > ObservationQuery.MAX_COUNT) {
            throw PhrException.of(Kind.INVALID, "phr.error.count", ObservationQuery.MAX_COUNT);
        }
        if (offset < 0) {
            throw PhrException.of(Kind.INVALID, "phr.error.offset");
        }
        Map<String, Object> params = new HashMap<>();
        subject.ifPresent(s -> params.put("subject", s));
        List<Row<MedicationStatement>> rows = medicationRows(accessor, subject.isPresent() ? "o.person_id = :subject" : "true", params, count, offset);
        logRows(accessor, "MedicationStatement.search", rows);
        return rows.stream().map(Row::resource).toList();
    }

    /** The individual's own statements for the お薬 table, newest first. Logged as a page read. */
    public List<MedicationView> myMedications(Accessor individual, int limit) {
        UUID person = myPerson(individual);
        List<MedicationView> found = jdbc.sql("""
                select o.effective_start, coalesce(o.medication_display, o.medication_code), o.medication_system,
                       o.medication_code, o.status, t.name from phr_medication_statement o
                  left join plat_tenant t on t.id = o.tenant_id
                 where o.person_id = ? order by o.effective_start desc, o.id limit ?""")
                .params(person, limit)
                .query((rs, n) -> new MedicationView(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6)))
                .list();
        if (!found.isEmpty()) {
            logRead(individual, person, "MedicationStatement.list", List.of("MedicationStatement (" + found.size() + ")"), List.of());
        }
        return found;
    }

    private List<Row<MedicationStatement>> medicationRows(Accessor accessor, String where, Map<String, Object> params, int limit, int offset) {
        return rows("phr_medication_statement", MedicationStatement.class, accessor, where, params, limit, offset);
    }

    private static MedicationStatement parseMedicationStatement(String json) {
        return parser().parseResource(MedicationStatement.class, json);
    }

    // ---------------------------------------------------------------- Bundles

    /**
     * A transaction: all entries or none. POSTs get their ids first, so urn:uuid references between entries
     * resolve; processing order follows the FHIR rules (POST, then PUT, then GET).
     */
    public List<BundleEntryResult> transaction(Accessor accessor, Bundle bundle) {
        requireTenant(accessor);
        return tx.execute(status -> {
            Map<String, String> resolved = new HashMap<>();
            BundleEntryResult[] results = new BundleEntryResult[bundle.getEntry().size()];
            List<Problem> problems = new ArrayList<>();
            // Pass 0: POST Patient first, so that observations in the bundle can refer to them by urn:uuid.
            // Pass 1: POST Observation, checked together and written with one JDBC batch (ref-phr.md §6.5).
            // Pass 2: POST Consent (the createConsent path, ADR 0031), after the Patients it may refer to.
            // Pass 3: PUT and GET.
            for (int pass = 0; pass < 4; pass++) {
                if (pass == 1) {
                    createObservationsInTx(accessor, bundle, resolved, results, problems);
                    continue;
                }
                for (int i = 0; i < bundle.getEntry().size(); i++) {
                    Bundle.BundleEntryComponent entry = bundle.getEntry().get(i);
                    if (passOf(entry) != pass) {
                        continue;
                    }
                    try {
                        results[i] = entry(accessor, entry, resolved);
                    } catch (PhrException e) {
                        problems.addAll(located(i, e));
                    }
                }
                if (!problems.isEmpty()) {
                    throw new PhrException(problems.stream().anyMatch(p -> p.key().equals("phr.error.notFound"))
                            ? Kind.NOT_FOUND : Kind.INVALID, problems);
                }
            }
            return List.of(results);
        });
    }

    private static List<Problem> located(int index, PhrException e) {
        return e.problems().stream()
                .map(p -> new Problem(p.key(), "Bundle.entry[" + index + "]" + (p.where() == null ? "" : "." + p.where()), p.args()))
                .toList();
    }

    private record Pending(int index, Observation observation, ObservationRules.Checked checked, String fullUrl) {}

    /**
     * The POST Observation entries of a transaction: every entry checked (all problems collected), conditional
     * creates and memberships resolved with one query each, the new rows written as one JDBC batch.
     */
    private void createObservationsInTx(Accessor accessor, Bundle bundle, Map<String, String> resolved,
            BundleEntryResult[] results, List<Problem> problems) {
        Function<String, UUID> subjects = reference -> subjectOf(resolved.getOrDefault(reference, reference));
        Map<Integer, String> conditions = new HashMap<>();
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            Bundle.BundleEntryComponent entry = bundle.getEntry().get(i);
            if (passOf(entry) == 1) {
                if (!(entry.getResource() instanceof Observation) || !"Observation".equals(entry.getRequest().getUrl())) {
                    problems.add(Problem.of("phr.error.bundleUnsupported", "Bundle.entry[" + i + "]", "POST " + entry.getRequest().getUrl()));
                    continue;
                }
                String condition = entry.getRequest().getIfNoneExist();
                if (condition != null && !condition.isBlank()) {
                    try {
                        conditions.put(i, identifierCondition(condition));
                    } catch (PhrException e) {
                        problems.addAll(located(i, e));
                    }
                }
            }
        }
        Map<String, StoredResource<Observation>> existing = new HashMap<>();
        if (!conditions.isEmpty()) {
            jdbc.sql("select identifier_key, resource::text, version_id from phr_observation where tenant_id = :tenant and identifier_key is not null and identifier_key in (:keys)")
                    .param("tenant", accessor.tenantId()).param("keys", new ArrayList<>(new LinkedHashSet<>(conditions.values())))
                    .query((rs, n) -> existing.put(rs.getString(1), new StoredResource<>(parseObservation(rs.getString(2)), rs.getInt(3), false)))
                    .list();
        }
        List<Pending> pending = new ArrayList<>();
        Set<String> keysInBundle = new java.util.HashSet<>();
        Instant now = clock.instant();
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            Bundle.BundleEntryComponent entry = bundle.getEntry().get(i);
            if (passOf(entry) != 1 || !(entry.getResource() instanceof Observation observation)) {
                continue;
            }
            String condition = conditions.get(i);
            if (condition != null && existing.containsKey(condition)) {
                StoredResource<Observation> found = existing.get(condition);
                String location = "Observation/" + found.resource().getIdElement().getIdPart();
                if (entry.hasFullUrl()) {
                    resolved.put(entry.getFullUrl(), location);
                }
                results[i] = new BundleEntryResult(200, location, found.versionId(), found.resource(), null);
                continue;
            }
            try {
                ObservationRules.Checked checked = rules().check(observation, now, subjects);
                String key = checked.identifierKey().orElse(null);
                if (condition != null && !condition.equals(key)) {
                    throw PhrException.of(Kind.INVALID, "phr.error.ifNoneExistMismatch");
                }
                if (key != null && !keysInBundle.add(key)) {
                    throw PhrException.of(Kind.CONFLICT, "phr.error.duplicateIdentifier", key);
                }
                pending.add(new Pending(i, observation, checked, entry.getFullUrl()));
            } catch (PhrException e) {
                problems.addAll(located(i, e));
            }
        }
        Set<UUID> persons = pending.stream().map(p -> p.checked().personId()).collect(Collectors.toSet());
        if (!persons.isEmpty()) {
            Set<UUID> members = new java.util.HashSet<>(jdbc.sql("select person_id from phr_membership where tenant_id = :tenant and person_id in (:persons)")
                    .param("tenant", accessor.tenantId()).param("persons", new ArrayList<>(persons)).query(UUID.class).list());
            for (Pending p : pending) {
                if (!members.contains(p.checked().personId())) {
                    problems.add(Problem.of("phr.error.subjectUnknown", "Bundle.entry[" + p.index() + "].Observation.subject", "Patient/" + p.checked().personId()));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new PhrException(Kind.INVALID, problems);
        }
        if (pending.isEmpty()) {
            return;
        }
        IParser parser = parser();
        List<Object[]> rows = new ArrayList<>();
        for (Pending p : pending) {
            UUID id = UUID.randomUUID();
            Observation o = p.observation();
            rows.add(observationRow(accessor, o, p.checked(), id, now, parser));
            String location = "Observation/" + id;
            if (p.fullUrl() != null) {
                resolved.put(p.fullUrl(), location);
            }
            results[p.index()] = new BundleEntryResult(201, location, 1, o, null);
        }
        int[] counts = batch.batchUpdate("""
                insert into phr_observation (person_id, id, tenant_id, version_id, data_category, code_system, code,
                    identity_code, loinc, category_jp, category_hl7, effective_start, value_num, unit, identifier_key,
                    resource, last_updated)
                values (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?)
                on conflict (tenant_id, identifier_key) where identifier_key is not null do nothing""", rows);
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 0) {
                throw PhrException.of(Kind.CONFLICT, "phr.error.duplicateIdentifier", String.valueOf(rows.get(i)[13]));
            }
        }
    }

    /**
     * The row of a new observation (version 1), in {@link #OBSERVATION_COLUMNS} order: the one mapping from a
     * checked Observation to phr_observation, shared by transaction Bundles (JDBC batch) and bulk ingest (COPY).
     * Sets the resource's id, meta and normalised subject.
     */
    private static Object[] observationRow(Accessor accessor, Observation o, ObservationRules.Checked checked, UUID id,
            Instant now, IParser parser) {
        o.setId(id.toString());
        o.getMeta().setVersionId("1").setLastUpdated(Date.from(now));
        o.setSubject(new Reference("Patient/" + checked.personId()));
        ObservationCode code = checked.code();
        return new Object[] {checked.personId(), id, accessor.tenantId(), code.dataCategory().name(), code.system(),
                code.code(), code.identityCode(), code.loinc(), code.categoryJp(), code.categoryHl7(),
                Timestamp.from(checked.effective()), checked.value(), code.unit(),
                checked.identifierKey().orElse(null), parser.encodeResourceToString(o), Timestamp.from(now)};
    }

    /** Columns of {@link #observationRow} (version_id is 1, given in the statements). */
    private static final String OBSERVATION_COLUMNS = """
            person_id, id, tenant_id, data_category, code_system, code, identity_code, loinc, category_jp, category_hl7,
            effective_start, value_num, unit, identifier_key, resource, last_updated""";

    // ---------------------------------------------------------------- bulk ingest

    /** Problems reported at most per refused bulk request (the rest are counted in one last issue). */
    static final int BULK_MAX_PROBLEMS = 100;

    /**
     * Bulk ingest of Observations as NDJSON (one resource per line) for the accessor's own members: each line gets
     * the rules of a single create (code table, unit, plausible range, no future date, subject a member); all
     * lines or none; every problem (up to {@value #BULK_MAX_PROBLEMS}) located by its line number. Valid rows are
     * spooled to a temporary file while parsing, then written with PostgreSQL COPY in one transaction.
     *
     * @return the number of observations stored
     */
    public int bulkIngestObservations(Accessor accessor, java.io.BufferedReader ndjson, int maxLines) {
        return bulkIngest(accessor, ndjson.lines().iterator(), maxLines);
    }

    /**
     * Bulk ingest of Observations built in the process (a device gateway, the demo loader): the same rules, row
     * mapping, all-or-nothing COPY and problems as the NDJSON path, without JSON parsing; the n-th resource is
     * "line n" in problems.
     *
     * @return the number of observations stored
     */
    public int bulkIngestObservations(Accessor accessor, Iterable<Observation> observations) {
        return bulkIngest(accessor, observations.iterator(), Integer.MAX_VALUE);
    }

    /** The bulk path; {@code items} are NDJSON lines (String) or Observations. */
    private int bulkIngest(Accessor accessor, java.util.Iterator<?> items, int maxLines) {
        requireTenant(accessor);
        java.nio.file.Path spool = null;
        try {
            spool = java.nio.file.Files.createTempFile("hip-phr-bulk-", ".copy");
            List<Problem> problems = new ArrayList<>();
            int[] problemCount = {0};
            Map<UUID, Integer> personLines = new HashMap<>();
            Map<String, Integer> keyLines = new HashMap<>();
            Instant now = clock.instant();
            IParser strict = FHIR.newJsonParser().setParserErrorHandler(new ca.uhn.fhir.parser.StrictErrorHandler());
            IParser encoder = parser();
            ObservationRules checker = rules();
            int lineNo = 0;
            int lines = 0;
            int stored = 0;
            try (java.io.Writer out = java.nio.file.Files.newBufferedWriter(spool, StandardCharsets.UTF_8)) {
                while (items.hasNext()) {
                    Object item = items.next();
                    lineNo++;
                    if (item instanceof String line && line.isBlank()) {
                        continue;
                    }
                    if (++lines > maxLines) {
                        throw PhrException.of(Kind.INVALID, "phr.error.bulkLines", maxLines);
                    }
                    int at = lineNo;
                    try {
                        org.hl7.fhir.instance.model.api.IBaseResource parsed;
                        try {
                            parsed = item instanceof Observation built ? built : strict.parseResource((String) item);
                        } catch (ca.uhn.fhir.parser.DataFormatException e) {
                            throw PhrException.of(Kind.INVALID, "phr.error.parse");
                        }
                        if (!(parsed instanceof Observation observation)) {
                            throw PhrException.of(Kind.INVALID, "phr.error.resourceType", parsed.fhirType(), "Observation");
                        }
                        ObservationRules.Checked checked = checker.check(observation, now, this::subjectOf);
                        String key = checked.identifierKey().orElse(null);
                        if (key != null && keyLines.putIfAbsent(key, at) != null) {
                            throw PhrException.of(Kind.CONFLICT, "phr.error.duplicateIdentifier", key);
                        }
                        personLines.putIfAbsent(checked.personId(), at);
                        if (problemCount[0] == 0) {
                            out.write(copyLine(observationRow(accessor, observation, checked, UUID.randomUUID(), now, encoder)));
                        }
                        stored++;
                    } catch (PhrException e) {
                        for (Problem p : e.problems()) {
                            if (problemCount[0]++ < BULK_MAX_PROBLEMS) {
                                problems.add(new Problem(p.key(), lineWhere(at, p.where()), p.args()));
                            }
                        }
                    }
                }
            }
            if (lines == 0) {
                throw PhrException.of(Kind.INVALID, "phr.error.emptyBody");
            }
            int count = stored;
            java.nio.file.Path file = spool;
            try {
                return copyChecked(accessor, file, count, personLines, keyLines, problems, problemCount);
            } catch (AlreadyStored e) {
                // COPY met an identifier stored earlier and everything was rolled back. Only now (the error path) are
                // all the request's identifiers looked up, so the answer lists every one of them, not only the first.
                throw alreadyStored(accessor, keyLines, e.firstKey);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (spool != null) {
                try {
                    java.nio.file.Files.deleteIfExists(spool);
                } catch (IOException ignored) {
                    // a temporary file; the OS cleans up
                }
            }
        }
    }

    private int copyChecked(Accessor accessor, java.nio.file.Path file, int count, Map<UUID, Integer> personLines,
            Map<String, Integer> keyLines, List<Problem> problems, int[] problemCount) {
            return tx.execute(status -> {
                // Membership and stored identifiers: one query per 10,000 values, before anything is written.
                List<UUID> persons = new ArrayList<>(personLines.keySet());
                Set<UUID> members = new java.util.HashSet<>();
                for (int i = 0; i < persons.size(); i += 10_000) {
                    members.addAll(jdbc.sql("select person_id from phr_membership where tenant_id = :tenant and person_id in (:persons)")
                            .param("tenant", accessor.tenantId()).param("persons", persons.subList(i, Math.min(persons.size(), i + 10_000)))
                            .query(UUID.class).list());
                }
                for (UUID person : persons) {
                    if (!members.contains(person) && problemCount[0]++ < BULK_MAX_PROBLEMS) {
                        problems.add(Problem.of("phr.error.subjectUnknown", lineWhere(personLines.get(person), "Observation.subject"), "Patient/" + person));
                    }
                }
                if (problemCount[0] > BULK_MAX_PROBLEMS) {
                    problems.add(Problem.of("phr.error.bulkMoreProblems", null, problemCount[0] - BULK_MAX_PROBLEMS));
                }
                if (!problems.isEmpty()) {
                    throw new PhrException(problems.stream().anyMatch(p -> p.key().equals("phr.error.duplicateIdentifier"))
                            && problems.stream().allMatch(p -> p.key().equals("phr.error.duplicateIdentifier")) ? Kind.CONFLICT : Kind.INVALID, problems);
                }
                // Identifiers stored earlier are found by COPY itself (the unique index): a separate look-up of
                // every key was measured far slower than the index probes COPY does anyway.
                copyObservations(file);
                audit.record("PHR_OBSERVATIONS_BULK_INGESTED", "Observation", "$bulk-ingest", Map.of("count", count));
                return count;
            });
    }

    /** COPY stopped at an identifier the tenant stored earlier (unique index); the transaction is rolled back. */
    private static final class AlreadyStored extends RuntimeException {
        private final String firstKey;

        AlreadyStored(String firstKey) {
            super(null, null, false, false);
            this.firstKey = firstKey;
        }
    }

    /**
     * Every identifier of the request that the tenant stored earlier, each with its line (409). One query: the keys
     * go in as one array and are probed through the partial unique index.
     */
    private PhrException alreadyStored(Accessor accessor, Map<String, Integer> keyLines, String firstKey) {
        List<String> found = keyLines.isEmpty() ? List.of() : jdbc.sql("""
                select k.key from unnest(cast(:keys as text[])) as k(key)
                where exists (select 1 from phr_observation o
                              where o.tenant_id = :tenant and o.identifier_key = k.key and o.identifier_key is not null)
                """).param("keys", keyLines.keySet().toArray(String[]::new)).param("tenant", accessor.tenantId())
                .query(String.class).list();
        java.util.TreeMap<Integer, String> byLine = new java.util.TreeMap<>();
        found.forEach(key -> byLine.put(keyLines.get(key), key));
        if (byLine.isEmpty() && firstKey != null) { // stored and deleted again in between: report what COPY saw
            byLine.put(keyLines.getOrDefault(firstKey, 0), firstKey);
        }
        List<Problem> problems = new ArrayList<>();
        for (Map.Entry<Integer, String> e : byLine.entrySet()) {
            if (problems.size() == BULK_MAX_PROBLEMS) {
                problems.add(Problem.of("phr.error.bulkMoreProblems", null, byLine.size() - BULK_MAX_PROBLEMS));
                break;
            }
            problems.add(Problem.of("phr.error.duplicateIdentifier",
                    e.getKey() == 0 ? null : lineWhere(e.getKey(), "Observation.identifier"), e.getValue()));
        }
        return new PhrException(Kind.CONFLICT, problems);
    }

    private static String lineWhere(int line, String where) {
        return "line " + line + (where == null ? "" : ": " + where);
    }

    /** COPY of spooled rows on the transaction's own connection (so it commits or rolls back with it). */
    private void copyObservations(java.nio.file.Path file) {
        javax.sql.DataSource dataSource = batch.getDataSource();
        java.sql.Connection connection = org.springframework.jdbc.datasource.DataSourceUtils.getConnection(dataSource);
        try (java.io.Reader in = java.nio.file.Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            connection.unwrap(org.postgresql.PGConnection.class).getCopyAPI().copyIn(
                    "copy phr_observation (" + OBSERVATION_COLUMNS + ") from stdin", in);
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                // "Key (tenant_id, identifier_key)=(<tenant>, <key>) already exists."
                String detail = e instanceof org.postgresql.util.PSQLException p && p.getServerErrorMessage() != null
                        ? String.valueOf(p.getServerErrorMessage().getDetail()) : "";
                int from = detail.indexOf(", ", detail.indexOf(")=(")) + 2;
                int to = detail.lastIndexOf(") already exists");
                throw new AlreadyStored(from > 1 && to > from ? detail.substring(from, to) : null);
            }
            throw new org.springframework.dao.DataAccessResourceFailureException("COPY phr_observation failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            org.springframework.jdbc.datasource.DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** One row in PostgreSQL COPY text format. */
    static String copyLine(Object[] row) {
        StringBuilder line = new StringBuilder(256);
        for (int i = 0; i < row.length; i++) {
            if (i > 0) {
                line.append('\t');
            }
            Object value = row[i];
            if (value == null) {
                line.append("\\N");
                continue;
            }
            String text = value instanceof Timestamp t ? t.toInstant().toString()
                    : value instanceof BigDecimal b ? b.toPlainString() : value.toString();
            for (int c = 0; c < text.length(); c++) {
                char ch = text.charAt(c);
                switch (ch) {
                    case '\\' -> line.append("\\\\");
                    case '\t' -> line.append("\\t");
                    case '\n' -> line.append("\\n");
                    case '\r' -> line.append("\\r");
                    default -> line.append(ch);
                }
            }
        }
        return line.append('\n').toString();
    }

    /** A batch: each entry on its own, each with its own status. */
    public List<BundleEntryResult> batch(Accessor accessor, Bundle bundle) {
        // the individual too: each entry applies its own rule (reads of their own person, life-log create; the rest 403)
        List<BundleEntryResult> results = new ArrayList<>();
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            try {
                results.add(tx.execute(status -> entry(accessor, entry, new HashMap<>())));
            } catch (PhrException e) {
                results.add(new BundleEntryResult(statusOf(e.kind()), null, null, null, e));
            }
        }
        return results;
    }

    public static int statusOf(Kind kind) {
        return switch (kind) {
            case INVALID -> 400;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case PRECONDITION_FAILED -> 412;
            case FORBIDDEN -> 403;
        };
    }

    private static int passOf(Bundle.BundleEntryComponent entry) {
        Bundle.HTTPVerb verb = entry.getRequest().getMethod();
        if (verb == Bundle.HTTPVerb.POST) {
            return entry.getResource() instanceof Patient ? 0 : entry.getResource() instanceof Consent ? 2 : 1;
        }
        return 3;
    }

    private BundleEntryResult entry(Accessor accessor, Bundle.BundleEntryComponent entry, Map<String, String> resolved) {
        Bundle.HTTPVerb verb = entry.getRequest().getMethod();
        String url = entry.getRequest().getUrl();
        if (verb == null || url == null) {
            throw PhrException.of(Kind.INVALID, "phr.error.bundleRequest");
        }
        Resource resource = entry.getResource();
        Function<String, UUID> subjects = reference -> subjectOf(resolved.getOrDefault(reference, reference));
        if (verb == Bundle.HTTPVerb.POST && resource instanceof Patient patient && url.equals("Patient")) {
            StoredResource<Patient> stored = createPatientInTx(accessor, patient);
            String location = "Patient/" + stored.resource().getIdElement().getIdPart();
            if (entry.hasFullUrl()) {
                resolved.put(entry.getFullUrl(), location);
            }
            return new BundleEntryResult(stored.created() ? 201 : 200, location, 1, stored.resource(), null);
        }
        if (verb == Bundle.HTTPVerb.POST && resource instanceof Observation observation && url.equals("Observation")) {
            Optional<String> ifNoneExist = Optional.ofNullable(entry.getRequest().getIfNoneExist()).filter(s -> !s.isBlank());
            StoredResource<Observation> stored = createObservationInTx(accessor, observation, ifNoneExist, subjects, null);
            String location = "Observation/" + stored.resource().getIdElement().getIdPart();
            if (entry.hasFullUrl()) {
                resolved.put(entry.getFullUrl(), location);
            }
            return new BundleEntryResult(stored.created() ? 201 : 200, location, stored.versionId(), stored.resource(), null);
        }
        if (verb == Bundle.HTTPVerb.POST && resource instanceof Consent consent && url.equals("Consent")) {
            // Consent.patient may name a Patient created earlier in the same Bundle by its urn:uuid.
            if (consent.hasPatient() && resolved.containsKey(consent.getPatient().getReference())) {
                consent.getPatient().setReference(resolved.get(consent.getPatient().getReference()));
            }
            StoredResource<Consent> stored = createConsent(accessor, consent);
            String location = "Consent/" + stored.resource().getIdElement().getIdPart();
            if (entry.hasFullUrl()) {
                resolved.put(entry.getFullUrl(), location);
            }
            return new BundleEntryResult(201, location, stored.versionId(), stored.resource(), null);
        }
        if (verb == Bundle.HTTPVerb.PUT && resource instanceof Observation observation && url.startsWith("Observation/")) {
            UUID id = uuid(url.substring("Observation/".length()));
            Optional<Integer> ifMatch = Optional.ofNullable(entry.getRequest().getIfMatch()).map(PhrRecords::etagVersion);
            if (observation.hasSubject() && resolved.containsKey(observation.getSubject().getReference())) {
                observation.getSubject().setReference(resolved.get(observation.getSubject().getReference()));
            }
            StoredResource<Observation> stored = updateObservation(accessor, id, observation, ifMatch);
            return new BundleEntryResult(200, "Observation/" + id, stored.versionId(), stored.resource(), null);
        }
        if (verb == Bundle.HTTPVerb.GET && url.startsWith("Observation/")) {
            StoredResource<Observation> stored = readObservation(accessor, uuid(url.substring("Observation/".length())));
            return new BundleEntryResult(200, url, stored.versionId(), stored.resource(), null);
        }
        if (verb == Bundle.HTTPVerb.GET && url.startsWith("Patient/")) {
            Patient patient = readPatient(accessor, uuid(url.substring("Patient/".length())));
            return new BundleEntryResult(200, url, 1, patient, null);
        }
        throw PhrException.of(Kind.INVALID, "phr.error.bundleUnsupported", verb.toCode() + " " + url);
    }

    /** W/"3" or "3" → 3. */
    public static Integer etagVersion(String etag) {
        String value = etag.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw PhrException.of(Kind.INVALID, "phr.error.ifMatch");
        }
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw PhrException.of(Kind.NOT_FOUND, "phr.error.notFound", id);
        }
    }

    // ---------------------------------------------------------------- consent

    /** The individual permits a recipient tenant to read one data category for a data period. */
    public UUID grantConsent(UUID personId, UUID recipientTenantId, DataCategory category, LocalDate from,
            LocalDate to, String recordedBy) {
        return tx.execute(status -> {
            UUID id = UUID.randomUUID();
            jdbc.sql("""
                    insert into phr_consent (id, version, person_id, recipient_tenant_id, data_category, decision, status,
                        period_start, period_end, recorded_at, recorded_by)
                    values (?, 1, ?, ?, ?, 'permit', 'active', ?, ?, ?, ?)""")
                    .params(id, personId, recipientTenantId, category.name(), from, to, Timestamp.from(clock.instant()), recordedBy)
                    .update();
            audit.record("PHR_CONSENT_GRANTED", "Consent", id, Map.of("category", category.name(), "recipient", recipientTenantId.toString()));
            return id;
        });
    }

    /** Grants from the individual's own page. */
    public UUID grantMyConsent(Accessor individual, UUID recipientTenantId, DataCategory category, LocalDate from, LocalDate to) {
        UUID person = myPerson(individual);
        return grantConsent(person, recipientTenantId, category, from, to, individual.actorId());
    }

    /** Withdrawal: a new inactive version; the earlier one is kept. Takes effect on the next query. */
    public void withdrawMyConsent(Accessor individual, UUID consentId) {
        UUID person = myPerson(individual);
        tx.executeWithoutResult(status -> withdrawInTx(person, consentId, individual.actorId()));
    }

    /** The one withdrawal path (page and API): returns the new version, or the current one if already inactive. */
    private int withdrawInTx(UUID person, UUID consentId, String actorId) {
        ConsentRow current = jdbc.sql("""
                select * from phr_consent where id = ? and person_id = ? and superseded_at is null for update""")
                .params(consentId, person).query(PhrRecords::consentRow).optional()
                .orElseThrow(() -> PhrException.of(Kind.NOT_FOUND, "phr.error.notFound", "Consent/" + consentId));
        if (!"active".equals(current.status())) {
            return current.version();
        }
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("update phr_consent set superseded_at = ? where id = ? and version = ?")
                .params(now, consentId, current.version()).update();
        jdbc.sql("""
                insert into phr_consent (id, version, person_id, recipient_tenant_id, data_category, decision, status,
                    period_start, period_end, recorded_at, recorded_by)
                select id, version + 1, person_id, recipient_tenant_id, data_category, decision, 'inactive',
                       period_start, period_end, ?, ? from phr_consent where id = ? and version = ?""")
                .params(now, actorId, consentId, current.version()).update();
        audit.record("PHR_CONSENT_WITHDRAWN", "Consent", consentId, Map.of("version", current.version() + 1));
        return current.version() + 1;
    }

    /**
     * Consent create through the FHIR API, for a PHR service acting on the person's behalf ({@link ConsentRequest}
     * reads the resource strictly). The patient must be a member of the caller's tenant (otherwise 404, like an
     * unknown one). An active permit is a grant through {@link #grantConsent}, as from the individual's page; an
     * inactive consent or a deny withdraws every current active permit for that recipient and category through the
     * page's withdrawal path (a new inactive version each), or, when there is none, is recorded as a version of
     * its own so that history shows the request. Everything in one transaction; nothing is written on a refusal.
     */
    public StoredResource<Consent> createConsent(Accessor accessor, Consent consent) {
        requireTenant(accessor);
        ConsentRequest request = ConsentRequest.of(consent);
        return tx.execute(status -> {
            boolean member = jdbc.sql("select count(*) from phr_membership where tenant_id = ? and person_id = ?")
                    .params(accessor.tenantId(), request.personId()).query(Long.class).single() > 0;
            if (!member) {
                throw new PhrException(Kind.NOT_FOUND, List.of(Problem.of("phr.error.notFound", "Consent.patient", "Patient/" + request.personId())));
            }
            boolean recipientKnown = jdbc.sql("select count(*) from plat_tenant where id = ? and active and kind <> 'PERSONAL'")
                    .param(request.recipientTenantId()).query(Long.class).single() > 0;
            if (!recipientKnown) {
                throw new PhrException(Kind.INVALID, List.of(Problem.of("phr.error.consentRecipient", "Consent.provision.actor",
                        "Organization/" + request.recipientTenantId())));
            }
            if (request.grant()) {
                UUID id = grantConsent(request.personId(), request.recipientTenantId(), request.category(), request.from(),
                        request.to(), accessor.actorId());
                return new StoredResource<>(currentConsent(id), 1, true);
            }
            List<UUID> active = jdbc.sql("""
                    select id from phr_consent where person_id = ? and recipient_tenant_id = ? and data_category = ?
                       and superseded_at is null and status = 'active' and decision = 'permit' order by recorded_at desc""")
                    .params(request.personId(), request.recipientTenantId(), request.category().name()).query(UUID.class).list();
            if (active.isEmpty()) {
                UUID id = UUID.randomUUID();
                jdbc.sql("""
                        insert into phr_consent (id, version, person_id, recipient_tenant_id, data_category, decision, status,
                            period_start, period_end, recorded_at, recorded_by)
                        values (?, 1, ?, ?, ?, ?, 'inactive', ?, ?, ?, ?)""")
                        .params(id, request.personId(), request.recipientTenantId(), request.category().name(),
                                request.deny() ? "deny" : "permit", request.from(), request.to(),
                                Timestamp.from(clock.instant()), accessor.actorId())
                        .update();
                audit.record("PHR_CONSENT_WITHDRAWN", "Consent", id, Map.of("version", 1, "nothingActive", true));
                return new StoredResource<>(currentConsent(id), 1, true);
            }
            int version = 0;
            for (UUID id : active) {
                int v = withdrawInTx(request.personId(), id, accessor.actorId());
                if (id.equals(active.get(0))) {
                    version = v;
                }
            }
            return new StoredResource<>(currentConsent(active.get(0)), version, true);
        });
    }

    private Consent currentConsent(UUID id) {
        return toFhir(consents("c.id = :id", Map.of("id", id)).get(0));
    }

    private record ConsentRow(UUID id, int version, String status) {}

    private static ConsentRow consentRow(ResultSet rs, int n) throws SQLException {
        return new ConsentRow(rs.getObject("id", UUID.class), rs.getInt("version"), rs.getString("status"));
    }

    public List<ConsentView> myConsents(Accessor individual) {
        UUID person = myPerson(individual);
        return consents("c.person_id = :person", Map.of("person", person));
    }

    /** The current version of every consent that names the accessor tenant as recipient (Consent search). */
    public List<Consent> consentsForRecipient(Accessor accessor, Optional<UUID> patient) {
        Map<String, Object> params = new HashMap<>();
        params.put("recipient", accessor.tenantId());
        String where = "c.recipient_tenant_id = :recipient";
        if (accessor.individual()) { // the individual (a SMART app they authorised) sees their own consents
            params.put("recipient", myPerson(accessor));
            where = "c.person_id = :recipient";
        }
        if (patient.isPresent()) {
            where += " and c.person_id = :person";
            params.put("person", patient.get());
        }
        List<ConsentView> found = consents(where, params);
        found.forEach(c -> logRead(accessor, c.personId(), "Consent.search", List.of("Consent/" + c.id()), List.of()));
        return found.stream().map(this::toFhir).toList();
    }

    public Consent readConsentForRecipient(Accessor accessor, UUID id) {
        String who = accessor.individual() ? "c.person_id = :recipient" : "c.recipient_tenant_id = :recipient";
        UUID recipient = accessor.individual() ? myPerson(accessor) : accessor.tenantId();
        ConsentView found = consents(who + " and c.id = :id", Map.of("recipient", recipient, "id", id))
                .stream().findFirst()
                .orElseThrow(() -> PhrException.of(Kind.NOT_FOUND, "phr.error.notFound", "Consent/" + id));
        logRead(accessor, found.personId(), "Consent.read", List.of("Consent/" + id), List.of());
        return toFhir(found);
    }

    private List<ConsentView> consents(String where, Map<String, Object> params) {
        return jdbc.sql("""
                select c.*, t.name as recipient_name from phr_consent c join plat_tenant t on t.id = c.recipient_tenant_id
                 where c.superseded_at is null and %s order by c.recorded_at desc""".formatted(where))
                .params(params)
                .query((rs, n) -> new ConsentView(rs.getObject("id", UUID.class), rs.getInt("version"),
                        rs.getObject("person_id", UUID.class), rs.getObject("recipient_tenant_id", UUID.class),
                        rs.getString("recipient_name"), DataCategory.valueOf(rs.getString("data_category")),
                        rs.getString("status"), rs.getObject("period_start", LocalDate.class),
                        rs.getObject("period_end", LocalDate.class), rs.getTimestamp("recorded_at").toInstant(),
                        rs.getString("decision")))
                .list();
    }

    Consent toFhir(ConsentView view) {
        Consent consent = new Consent();
        consent.setId(view.id().toString());
        consent.getMeta().setVersionId(String.valueOf(view.version())).setLastUpdated(Date.from(view.recordedAt()));
        consent.setStatus(view.active() ? Consent.ConsentState.ACTIVE : Consent.ConsentState.INACTIVE);
        consent.setScope(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy", "Privacy Consent")));
        consent.addCategory(new CodeableConcept(new Coding("http://loinc.org", "59284-0", "Patient Consent")));
        consent.setPatient(new Reference("Patient/" + view.personId()));
        consent.setDateTime(Date.from(view.recordedAt()));
        consent.addPolicy().setUri("https://hip.example.jp/policy/phr-consent");
        Consent.ProvisionComponent provision = consent.getProvision();
        provision.setType(view.permit() ? Consent.ConsentProvisionType.PERMIT : Consent.ConsentProvisionType.DENY);
        provision.addActor().setRole(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP", "information recipient")))
                .setReference(new Reference("Organization/" + view.recipientTenantId()).setDisplay(view.recipientName()));
        provision.addCode(new CodeableConcept(new Coding(DATA_CATEGORY_SYSTEM, view.category().name(), null)));
        Period period = new Period().setStart(java.sql.Date.valueOf(view.periodStart()));
        if (view.periodEnd() != null) {
            period.setEnd(java.sql.Date.valueOf(view.periodEnd()));
        }
        provision.setDataPeriod(period);
        return consent;
    }

    // ---------------------------------------------------------------- 特定健診 XML import

    /** What happened to one file of an upload. */
    public record FileResult(String fileName, boolean imported, boolean alreadyImported, String person,
            String checkupDate, int observations, List<Problem> problems, List<Problem> warnings) {}

    /** What happened to an upload: every file, imported or rejected with all its problems. */
    public record ImportReport(String uploadName, List<FileResult> files) {
        public long imported() {
            return files.stream().filter(FileResult::imported).count();
        }

        public long rejected() {
            return files.stream().filter(f -> !f.imported() && !f.alreadyImported()).count();
        }

        public int observations() {
            return files.stream().mapToInt(FileResult::observations).sum();
        }
    }

    /** XML units (XML用単位) that differ from the UCUM codes of the code table. */
    private static final Map<String, String> XML_UNITS = Map.of("mmHg", "mm[Hg]", "mg/dl", "mg/dL", "IU/L", "U/L",
            "IU/l", "U/L", "U/l", "U/L", "kg/m²", "kg/m2");

    /**
     * Imports an upload of 特定健診 XML (one file, or a ZIP of many) for the insurer's members. Each file is all
     * or nothing: it is stored (the original bytes unchanged, its observations, the member) or rejected with
     * every problem found. A file imported before (same bytes) is reported, not stored twice.
     */
    public ImportReport importCheckups(Accessor accessor, String uploadName, byte[] upload) {
        requireTenant(accessor);
        if (uploadName != null && uploadName.toLowerCase(java.util.Locale.ROOT).endsWith(".csv")) {
            return importCsv(accessor, uploadName, upload);
        }
        List<CheckupXml.SourceFile> files;
        try {
            files = CheckupXml.files(uploadName, upload);
        } catch (PhrException e) {
            return new ImportReport(uploadName, List.of(new FileResult(uploadName, false, false, null, null, 0, e.problems(), List.of())));
        }
        List<FileResult> results = new ArrayList<>();
        for (CheckupXml.SourceFile file : files) {
            FileResult result;
            try {
                CheckupXml.Checkup checkup = CheckupXml.parse(file);
                result = tx.execute(status -> importCheckup(accessor, file, checkup));
            } catch (PhrException e) {
                result = new FileResult(file.name(), false, false, null, null, 0, e.problems(), List.of());
            }
            results.add(result);
        }
        ImportReport report = new ImportReport(uploadName, results);
        audit.record("PHR_CHECKUPS_IMPORTED", "Upload", uploadName, Map.of("files", results.size(),
                "imported", report.imported(), "rejected", report.rejected(), "observations", report.observations()));
        return report;
    }

    /** A CSV file is all or nothing as a whole: every row stored, or none, with every problem by row and column. */
    private ImportReport importCsv(Accessor accessor, String name, byte[] upload) {
        List<FileResult> results = new ArrayList<>();
        try {
            if (upload.length > 32 * 1024 * 1024) {
                throw PhrException.of(Kind.INVALID, "phr.import.tooLarge", name, 32);
            }
            Set<String> known = codeMap().values().stream().filter(c -> ObservationCode.CHECKUP_ITEM_SYSTEM.equals(c.system()))
                    .map(ObservationCode::code).collect(Collectors.toSet());
            List<CheckupCsv.Row> rows = CheckupCsv.parse(upload, known);
            // The CSV itself is not kept: it holds many persons, and deletion on request must leave none of them behind.
            // Re-sending it stores nothing twice: every value has an identifier (person, date, item) for conditional create.
            tx.executeWithoutResult(status -> {
                List<Problem> problems = new ArrayList<>();
                for (CheckupCsv.Row row : rows) {
                    try {
                        FileResult result = storeCheckup(accessor, name + ":" + row.line(), row.checkup(), null);
                        results.add(result);
                    } catch (PhrException e) {
                        e.problems().forEach(p -> problems.add(new Problem(p.key(), "L" + row.line() + " " + p.where(), p.args())));
                    }
                }
                if (!problems.isEmpty()) {
                    throw new PhrException(Kind.INVALID, problems);
                }
            });
        } catch (PhrException e) {
            results.clear();
            results.add(new FileResult(name, false, false, null, null, 0, e.problems(), List.of()));
        }
        ImportReport report = new ImportReport(name, List.copyOf(results));
        audit.record("PHR_CHECKUPS_IMPORTED", "Upload", name, Map.of("rows", results.size(), "imported", report.imported(),
                "observations", report.observations()));
        return report;
    }

    private FileResult importCheckup(Accessor accessor, CheckupXml.SourceFile file, CheckupXml.Checkup checkup) {
        String sha = sha256(file.content());
        String who = checkup.nameKana() + " (" + (checkup.insuredSymbol() == null ? "" : checkup.insuredSymbol() + ":") + checkup.insuredNumber() + ")";
        boolean seen = jdbc.sql("select count(*) from phr_source_document where tenant_id = ? and sha256 = ?")
                .params(accessor.tenantId(), sha).query(Long.class).single() > 0;
        if (seen) {
            return new FileResult(file.name(), false, true, who, checkup.checkupDate().toString(), 0, List.of(), List.of());
        }
        return storeCheckup(accessor, file.name(), checkup, new Object[] {UUID.randomUUID(), sha, file.content()});
    }

    /** Stores one checkup (member, original XML when given, observations); throws with every problem, writing nothing. */
    private FileResult storeCheckup(Accessor accessor, String fileName, CheckupXml.Checkup checkup, Object[] original) {
        String who = checkup.nameKana() + " (" + (checkup.insuredSymbol() == null ? "" : checkup.insuredSymbol() + ":") + checkup.insuredNumber() + ")";
        String[] kana = checkup.nameKana().split("[ 　]+", 2);
        UUID person = registerMemberInTx(accessor.tenantId(), new NewMember(kana[0], kana.length > 1 ? kana[1] : "", kana[0],
                kana.length > 1 ? kana[1] : "", checkup.birthDate(), checkup.gender(), checkup.insurerNumber(),
                checkup.insuredSymbol(), checkup.insuredNumber()));
        UUID document = original == null ? null : (UUID) original[0];
        if (original != null) {
            jdbc.sql("""
                    insert into phr_source_document (tenant_id, id, person_id, file_name, media_type, sha256, content, received_at)
                    values (?, ?, ?, ?, 'application/xml', ?, ?, ?)""")
                    .params(accessor.tenantId(), document, person, fileName, original[1], original[2], Timestamp.from(clock.instant()))
                    .update();
        }
        List<Problem> problems = new ArrayList<>(checkup.itemProblems());
        List<Problem> warnings = new ArrayList<>();
        int stored = 0;
        for (CheckupXml.Item item : checkup.items()) {
            if (item.value() == null) {
                warnings.add(Problem.of("phr.import.coded", item.code(), item.code(), item.displayName()));
                continue;
            }
            if (!codeMap().containsKey(ObservationRules.key(ObservationCode.CHECKUP_ITEM_SYSTEM, item.code()))) {
                warnings.add(Problem.of("phr.import.notInTable", item.code(), item.code(), item.displayName()));
                continue;
            }
            Observation observation = new Observation();
            observation.setStatus(Observation.ObservationStatus.FINAL);
            observation.getCode().addCoding(new Coding(ObservationCode.CHECKUP_ITEM_SYSTEM, item.code(), null));
            observation.setSubject(new Reference("Patient/" + person));
            observation.setEffective(new org.hl7.fhir.r4.model.DateTimeType(checkup.checkupDate().toString()));
            String unit = item.unit() == null
                    ? codeMap().get(ObservationRules.key(ObservationCode.CHECKUP_ITEM_SYSTEM, item.code())).unit()
                    : XML_UNITS.getOrDefault(item.unit(), item.unit());
            observation.setValue(new org.hl7.fhir.r4.model.Quantity().setValue(item.value()).setUnit(unit)
                    .setSystem(ObservationCode.UCUM).setCode(unit));
            String key = "urn:hip:checkup:" + checkup.documentId();
            observation.addIdentifier().setSystem(key).setValue(item.code());
            try {
                createObservationInTx(accessor, observation, Optional.of("identifier=" + key + "|" + item.code()),
                        this::subjectOf, document);
                stored++;
            } catch (PhrException e) {
                e.problems().forEach(p -> problems.add(new Problem(p.key(), item.code() + " " + item.displayName(), p.args())));
            }
        }
        if (!problems.isEmpty()) {
            throw new PhrException(Kind.INVALID, problems);
        }
        return new FileResult(fileName, true, false, who, checkup.checkupDate().toString(), stored, List.of(), warnings);
    }

    private static String sha256(byte[] content) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The latest uploads' source files of the insurer (the import page's history). */
    public record SourceDocumentView(String fileName, Instant receivedAt, long observations) {}

    public List<SourceDocumentView> latestSourceDocuments(Accessor accessor, int limit) {
        requireTenant(accessor);
        return jdbc.sql("""
                select d.file_name, d.received_at, (select count(*) from phr_observation o where o.source_document_id = d.id)
                  from phr_source_document d where d.tenant_id = ? order by d.received_at desc limit ?""")
                .params(accessor.tenantId(), limit)
                .query((rs, n) -> new SourceDocumentView(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getLong(3)))
                .list();
    }

    // ---------------------------------------------------------------- the individual

    private UUID myPerson(Accessor individual) {
        if (!individual.individual()) {
            throw PhrException.of(Kind.FORBIDDEN, "phr.error.notIndividual");
        }
        return personOf(individual.tenantId())
                .orElseThrow(() -> PhrException.of(Kind.NOT_FOUND, "phr.error.noPerson"));
    }

    /** A tenant that holds the individual's data, and so may be given consent. */
    public record Holder(UUID tenantId, String name, String establishment) {
        public Holder(UUID tenantId, String name) {
            this(tenantId, name, null);
        }

        /** The tenant's name with the employer 事業所, if any ("さくら精機株式会社 本社"). */
        public String displayName() {
            return establishment == null ? name : name + " " + establishment;
        }
    }

    public List<Holder> myHolders(Accessor individual) {
        UUID person = myPerson(individual);
        return jdbc.sql("""
                select t.id, t.name, m.establishment_name from phr_membership m join plat_tenant t on t.id = m.tenant_id
                 where m.person_id = ? order by t.name""")
                .param(person).query((rs, n) -> new Holder(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3))).list();
    }

    public boolean hasRecords(Accessor individual) {
        return individual.individual() && personOf(individual.tenantId()).isPresent();
    }

    /** The individual's values of one code (or all), oldest first, for charts and tables. Logged as a page read. */
    public List<TimelinePoint> myTimeline(Accessor individual, Optional<String> code, int limit) {
        UUID person = myPerson(individual);
        Map<String, Object> params = new HashMap<>();
        params.put("person", person);
        params.put("limit", limit);
        String where = "o.person_id = :person";
        if (code.isPresent()) {
            where += " and o.code = :code";
            params.put("code", code.get());
        }
        Map<String, ObservationCode> byCode = codeMap().values().stream()
                .collect(Collectors.toMap(ObservationCode::code, c -> c, (a, b) -> a));
        List<Object[]> raw = jdbc.sql("""
                select o.id, o.code, o.effective_start, o.value_num, o.unit, t.name from phr_observation o
                  join phr_person p on p.id = o.person_id
                  left join plat_tenant t on t.id = o.tenant_id
                 where %s order by o.effective_start desc limit :limit""".formatted(where))
                .params(params)
                .query((rs, n) -> new Object[] {rs.getObject(1, UUID.class), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        rs.getBigDecimal(4), rs.getString(5), rs.getString(6)})
                .list();
        List<TimelinePoint> points = new ArrayList<>();
        for (int i = raw.size() - 1; i >= 0; i--) {
            Object[] r = raw.get(i);
            ObservationCode c = byCode.get((String) r[1]);
            BigDecimal value = (BigDecimal) r[3];
            points.add(new TimelinePoint((String) r[1], c == null ? (String) r[1] : c.nameJa(), (Instant) r[2], value,
                    (String) r[4], c != null && value != null && c.outsideReference(value), (String) r[5]));
        }
        if (!points.isEmpty()) {
            logRead(individual, person, "Timeline.read", List.of("Observation?code=" + code.orElse("*") + " (" + points.size() + ")"), List.of());
        }
        return points;
    }

    /** The latest value per code (the summary at the top of the individual's page). */
    public List<TimelinePoint> myLatest(Accessor individual) {
        UUID person = myPerson(individual);
        Map<String, ObservationCode> byCode = codeMap().values().stream()
                .collect(Collectors.toMap(ObservationCode::code, c -> c, (a, b) -> a));
        List<TimelinePoint> latest = jdbc.sql("""
                select distinct on (o.code) o.code, o.effective_start, o.value_num, o.unit, t.name from phr_observation o
                  left join plat_tenant t on t.id = o.tenant_id
                 where o.person_id = ? order by o.code, o.effective_start desc""")
                .param(person)
                .query((rs, n) -> {
                    ObservationCode c = byCode.get(rs.getString(1));
                    BigDecimal value = rs.getBigDecimal(3);
                    return new TimelinePoint(rs.getString(1), c == null ? rs.getString(1) : c.nameJa(),
                            rs.getTimestamp(2).toInstant(), value, rs.getString(4),
                            c != null && value != null && c.outsideReference(value), rs.getString(5));
                })
                .list();
        List<TimelinePoint> sorted = new ArrayList<>(latest);
        sorted.sort(java.util.Comparator.comparingInt(p -> byCode.containsKey(p.code()) ? byCode.get(p.code()).sortOrder() : 9999));
        if (!sorted.isEmpty()) {
            logRead(individual, person, "Summary.read", List.of("Observation?_latest (" + sorted.size() + ")"), List.of());
        }
        return sorted;
    }

    public List<AccessLogEntry> myAccessLog(Accessor individual, int limit) {
        UUID person = myPerson(individual);
        return jdbc.sql("""
                select a.occurred_at, a.accessor_name, t.name, a.channel, a.action, a.resource_ids, a.consent_refs
                  from phr_access_log a left join plat_tenant t on t.id = a.accessor_tenant_id
                 where a.person_id = ? order by a.occurred_at desc, a.id desc limit ?""")
                .params(person, limit)
                .query((rs, n) -> new AccessLogEntry(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)))
                .list();
    }

    /** Everything about the individual: FHIR NDJSON (Patient, Observation, MedicationStatement, Consent) plus the original files, as a ZIP. */
    public byte[] exportMine(Accessor individual) {
        UUID person = myPerson(individual);
        Accessor exporter = individual.via(Channel.EXPORT);
        IParser parser = parser();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int[] counts = new int[3];
        int medicationCount = jdbc.sql("select count(*) from phr_medication_statement where person_id = ?").param(person)
                .query(Integer.class).single();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            zip.putNextEntry(new ZipEntry("Patient.ndjson"));
            for (Patient p : patients(exporter, "p.id = :id", Map.of("id", person), 1, 0)) {
                zip.write((parser.encodeResourceToString(p) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("Observation.ndjson"));
            List<String> observations = jdbc.sql("select resource::text from phr_observation where person_id = ? order by effective_start")
                    .param(person).query(String.class).list();
            for (String json : observations) {
                // jsonb re-spaces the text: re-encode for one compact resource per line
                zip.write((parser.encodeResourceToString(parseObservation(json)) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            counts[0] = observations.size();
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("MedicationStatement.ndjson"));
            List<String> medications = jdbc.sql("select resource::text from phr_medication_statement where person_id = ? order by effective_start")
                    .param(person).query(String.class).list();
            for (String json : medications) {
                zip.write((parser.encodeResourceToString(parseMedicationStatement(json)) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("Consent.ndjson"));
            for (ConsentView c : consents("c.person_id = :person", Map.of("person", person))) {
                zip.write((parser.encodeResourceToString(toFhir(c)) + "\n").getBytes(StandardCharsets.UTF_8));
                counts[1]++;
            }
            zip.closeEntry();
            Set<String> names = new LinkedHashSet<>();
            for (Object[] doc : jdbc.sql("select id, file_name, content from phr_source_document where person_id = ? order by received_at")
                    .param(person).query((rs, n) -> new Object[] {rs.getObject(1, UUID.class), rs.getString(2), rs.getBytes(3)}).list()) {
                String name = "original/" + doc[0] + "_" + ((String) doc[1]).replaceAll("[^A-Za-z0-9._-]", "_");
                if (names.add(name)) {
                    zip.putNextEntry(new ZipEntry(name));
                    zip.write((byte[]) doc[2]);
                    zip.closeEntry();
                    counts[2]++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        logRead(exporter, person, "Export", List.of("Observation (" + counts[0] + ")", "MedicationStatement (" + medicationCount + ")",
                "Consent (" + counts[1] + ")", "original (" + counts[2] + ")"), List.of());
        return bytes.toByteArray();
    }

    /**
     * Deletion on request: removes the person's observations, medication statements, original files, consents, memberships and the
     * person row itself for real, leaving a tombstone (what was removed, when, by whom) and the audit trails.
     */
    public void deleteMine(Accessor individual) {
        UUID person = myPerson(individual);
        tx.executeWithoutResult(status -> {
            Map<String, Object> removed = new LinkedHashMap<>();
            removed.put("observations", jdbc.sql("delete from phr_observation where person_id = ?").param(person).update());
            removed.put("medicationStatements", jdbc.sql("delete from phr_medication_statement where person_id = ?").param(person).update());
            removed.put("sourceDocuments", jdbc.sql("delete from phr_source_document where person_id = ?").param(person).update());
            removed.put("consentVersions", jdbc.sql("delete from phr_consent where person_id = ?").param(person).update());
            removed.put("memberships", jdbc.sql("delete from phr_membership where person_id = ?").param(person).update());
            jdbc.sql("delete from phr_person where id = ?").param(person).update();
            jdbc.sql("insert into phr_tombstone (person_id, deleted_at, deleted_by, removed) values (?, ?, ?, cast(? as jsonb))")
                    .params(person, Timestamp.from(clock.instant()), individual.actorId(), toJson(removed)).update();
            audit.record("PHR_PERSON_DELETED", "Patient", person, removed);
        });
    }

    public Optional<Instant> tombstoneOf(UUID personId) {
        return jdbc.sql("select deleted_at from phr_tombstone where person_id = ?").param(personId)
                .query((rs, n) -> rs.getTimestamp(1).toInstant()).optional();
    }

    private static String toJson(Map<String, Object> map) {
        return map.entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }

    // ---------------------------------------------------------------- access log

    /** One access-log line per person read: the resources (Observation/…, MedicationStatement/…) and the consents. */
    private <T extends Resource> void logRows(Accessor accessor, String action, List<Row<T>> rows) {
        Map<UUID, List<Row<T>>> byPerson = rows.stream().collect(Collectors.groupingBy(Row::personId, LinkedHashMap::new, Collectors.toList()));
        byPerson.forEach((person, list) -> logRead(accessor, person, action,
                list.stream().map(r -> r.resource().fhirType() + "/" + r.id()).toList(),
                list.stream().map(Row::consentRef).filter(java.util.Objects::nonNull).distinct().toList()));
    }

    private void logRead(Accessor accessor, UUID person, String action, List<String> resources, List<String> consents) {
        jdbc.sql("""
                insert into phr_access_log (person_id, occurred_at, accessor_tenant_id, accessor_id, accessor_name, channel,
                    action, resource_ids, consent_refs) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(person, Timestamp.from(clock.instant()), accessor.tenantId(), accessor.actorId(),
                        accessor.actorName(), accessor.channel().name(), action, String.join(",", resources),
                        consents.isEmpty() ? (accessor.individual() ? "本人" : null) : String.join(",", consents))
                .update();
    }
}
