package jp.hip.phr.access;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import jp.hip.identity.AuditLog;
import jp.hip.phr.AccessBasis;
import jp.hip.phr.Accessor;
import jp.hip.phr.ConsentView;
import jp.hip.phr.DataCategory;
import jp.hip.phr.PhrException;
import jp.hip.phr.PhrException.Kind;
import jp.hip.phr.PhrException.Problem;
import jp.hip.phr.PhrFhir;
import jp.hip.phr.StoredResource;

/**
 * Consents (facade): the person grants and withdraws on their page; a PHR service acting for them uses the FHIR
 * API ({@link #createConsent}). Versioned: a withdrawal is a new inactive version, the earlier one is kept.
 */
@Service
public class PhrConsents {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final AuditLog audit;
    private final Individuals individuals;
    private final AccessLog accessLog;

    PhrConsents(JdbcClient jdbc, TransactionTemplate tx, Clock clock, AuditLog audit, Individuals individuals, AccessLog accessLog) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.audit = audit;
        this.individuals = individuals;
        this.accessLog = accessLog;
    }

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
        UUID person = individuals.myPerson(individual);
        return grantConsent(person, recipientTenantId, category, from, to, individual.actorId());
    }

    /** Withdrawal: a new inactive version; the earlier one is kept. Takes effect on the next query. */
    public void withdrawMyConsent(Accessor individual, UUID consentId) {
        UUID person = individuals.myPerson(individual);
        tx.executeWithoutResult(status -> withdrawInTx(person, consentId, individual.actorId()));
    }

    /** The one withdrawal path (page and API): returns the new version, or the current one if already inactive. */
    private int withdrawInTx(UUID person, UUID consentId, String actorId) {
        ConsentRow current = jdbc.sql("""
                select * from phr_consent where id = ? and person_id = ? and superseded_at is null for update""")
                .params(consentId, person).query(PhrConsents::consentRow).optional()
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
     * A tenant records, through the FHIR API, a consent the person gave elsewhere (ADR 0037): only a client a
     * platform administrator allowed ({@link Accessor#recordsConsents()}, otherwise 403), only with the evidence
     * attached ({@link ConsentEvidence}, otherwise 422), read strictly ({@link ConsentRequest}). The patient must be
     * a member of the caller's tenant (otherwise 404, like an unknown one). An active permit is a grant through
     * {@link #grantConsent}, as from the individual's page; an
     * inactive consent or a deny withdraws every current active permit for that recipient and category through the
     * page's withdrawal path (a new inactive version each), or, when there is none, is recorded as a version of
     * its own so that history shows the request. Everything in one transaction; nothing is written on a refusal.
     */
    public StoredResource<Consent> createConsent(Accessor accessor, Consent consent) {
        if (accessor.individual()) {
            return createMyConsent(accessor, consent);
        }
        if (!accessor.recordsConsents()) {
            throw PhrException.of(Kind.FORBIDDEN, "phr.error.consentRecorderNotAllowed");
        }
        ConsentRequest request = ConsentRequest.of(consent);
        ConsentEvidence evidence = ConsentEvidence.of(consent);
        StoredResource<Consent> stored = tx.execute(status -> {
            if (!individuals.isMember(accessor.tenantId(), request.personId())) {
                throw new PhrException(Kind.NOT_FOUND, List.of(Problem.of("phr.error.notFound", "Consent.patient", "Patient/" + request.personId())));
            }
            StoredResource<Consent> written = recordInTx(accessor, request);
            UUID id = UUID.fromString(written.resource().getIdElement().getIdPart());
            jdbc.sql("""
                    insert into phr_consent_evidence (consent_id, consent_version, person_id, recorder_tenant_id, recorder_id,
                        title, media_type, size_bytes, sha256, content, recorded_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
                    .params(id, written.versionId(), request.personId(), accessor.tenantId(), accessor.actorId(),
                            evidence.title(), evidence.mediaType(), evidence.content().length, evidence.sha256(),
                            evidence.content(), Timestamp.from(clock.instant()))
                    .update();
            audit.record("PHR_CONSENT_RECORDED", "Consent", id, Map.of("version", written.versionId(),
                    "recorder", accessor.actorId(), "evidenceSha256", evidence.sha256(), "grant", request.grant()));
            return new StoredResource<>(currentConsent(id), written.versionId(), true);
        });
        return stored;
    }

    /**
     * The person grants or withdraws through an app they authorised (SMART {@code patient/Consent.c}, ADR 0033, 0037):
     * the consent is theirs, so no evidence is asked for; the same mapping and the same grant and withdrawal paths as
     * their page. Another person's id is unknown (404); the recipient must hold the person's data (a membership),
     * as on the page (422 otherwise). Audited like the page ({@code PHR_CONSENT_GRANTED}/{@code _WITHDRAWN}, the app
     * as actor).
     */
    private StoredResource<Consent> createMyConsent(Accessor individual, Consent consent) {
        UUID person = individuals.myPerson(individual);
        ConsentRequest request = ConsentRequest.of(consent);
        if (!person.equals(request.personId())) {
            throw new PhrException(Kind.NOT_FOUND, List.of(Problem.of("phr.error.notFound", "Consent.patient", "Patient/" + request.personId())));
        }
        return tx.execute(status -> {
            if (!individuals.isMember(request.recipientTenantId(), person)) {
                throw new PhrException(Kind.INVALID, List.of(Problem.of("phr.error.consentRecipient", "Consent.provision.actor",
                        "Organization/" + request.recipientTenantId())));
            }
            return recordInTx(individual, request);
        });
    }

    /** The grant or withdrawal a recorded consent asks for, inside the caller's transaction. */
    private StoredResource<Consent> recordInTx(Accessor accessor, ConsentRequest request) {
        {
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
        }
    }

    private Consent currentConsent(UUID id) {
        return toFhir(consents("c.id = :id", Map.of("id", id)).get(0));
    }

    private record ConsentRow(UUID id, int version, String status) {}

    private static ConsentRow consentRow(ResultSet rs, int n) throws SQLException {
        return new ConsentRow(rs.getObject("id", UUID.class), rs.getInt("version"), rs.getString("status"));
    }

    /** Every current consent version of the person (their page, export). */
    public List<ConsentView> consentsOf(UUID person) {
        return consents("c.person_id = :person", Map.of("person", person));
    }

    /** An evidence document as exported: its consent, version, title, type and bytes. */
    public record EvidenceFile(UUID consentId, int consentVersion, String title, String mediaType, byte[] content) {}

    /** The evidence documents tenants recorded with the person's consents (export). */
    public List<EvidenceFile> evidenceOf(UUID person) {
        return jdbc.sql("""
                select consent_id, consent_version, title, media_type, content from phr_consent_evidence
                 where person_id = ? order by recorded_at, consent_id, consent_version""")
                .param(person).query((rs, n) -> new EvidenceFile(rs.getObject(1, UUID.class), rs.getInt(2), rs.getString(3),
                        rs.getString(4), rs.getBytes(5))).list();
    }

    public List<ConsentView> myConsents(Accessor individual) {
        UUID person = individuals.myPerson(individual);
        return consents("c.person_id = :person", Map.of("person", person));
    }

    /** The current version of every consent that names the accessor tenant as recipient (Consent search). */
    public List<Consent> consentsForRecipient(Accessor accessor, Optional<UUID> patient) {
        return consentsForRecipient(accessor, patient, List.of(), Integer.MAX_VALUE, 0);
    }

    /**
     * A page of the current consents naming the accessor as recipient (or the individual's own), newest first,
     * optionally of one person and of the statuses given (FHIR codes active, inactive); paged in SQL.
     */
    public List<Consent> consentsForRecipient(Accessor accessor, Optional<UUID> patient, List<String> statuses, int count, int offset) {
        Map<String, Object> params = new HashMap<>();
        params.put("recipient", accessor.tenantId());
        String where = "c.recipient_tenant_id = :recipient";
        if (accessor.individual()) { // the individual (a SMART app they authorised) sees their own consents
            params.put("recipient", individuals.myPerson(accessor));
            where = "c.person_id = :recipient";
        }
        if (patient.isPresent()) {
            where += " and c.person_id = :person";
            params.put("person", patient.get());
        }
        if (!statuses.isEmpty()) {
            where += " and c.status in (:statuses)";
            params.put("statuses", statuses);
        }
        params.put("limit", count);
        params.put("offset", offset);
        List<ConsentView> found = consents(where + " order by c.recorded_at desc, c.id limit :limit offset :offset", params);
        found.forEach(c -> accessLog.logRead(accessor, c.personId(), "Consent.search", basisOf(accessor), List.of("Consent/" + c.id()),
                consentRefs(accessor, c)));
        return found.stream().map(this::toFhir).toList();
    }

    public Consent readConsentForRecipient(Accessor accessor, UUID id) {
        String who = accessor.individual() ? "c.person_id = :recipient" : "c.recipient_tenant_id = :recipient";
        UUID recipient = accessor.individual() ? individuals.myPerson(accessor) : accessor.tenantId();
        ConsentView found = consents(who + " and c.id = :id", Map.of("recipient", recipient, "id", id))
                .stream().findFirst()
                .orElseThrow(() -> PhrException.of(Kind.NOT_FOUND, "phr.error.notFound", "Consent/" + id));
        accessLog.logRead(accessor, found.personId(), "Consent.read", basisOf(accessor), List.of("Consent/" + id),
                consentRefs(accessor, found));
        return toFhir(found);
    }

    /** A consent is read by its person (本人) or by the recipient it names (the consent itself is the basis). */
    private static AccessBasis basisOf(Accessor accessor) {
        return accessor.individual() ? AccessBasis.SELF : AccessBasis.CONSENT;
    }

    private static List<String> consentRefs(Accessor accessor, ConsentView consent) {
        return accessor.individual() ? List.of() : List.of("Consent/" + consent.id() + "/_history/" + consent.version());
    }

    private List<ConsentView> consents(String where, Map<String, Object> params) {
        return jdbc.sql("""
                select c.*, t.name as recipient_name, ev.recorder_name, ev.title as evidence_title
                  from phr_consent c join plat_tenant t on t.id = c.recipient_tenant_id
                  left join lateral (select rt.name as recorder_name, e.title from phr_consent_evidence e
                                       join plat_tenant rt on rt.id = e.recorder_tenant_id
                                      where e.consent_id = c.id order by e.consent_version desc limit 1) ev on true
                 where c.superseded_at is null and %s""".formatted(where.contains(" order by ") ? where : where + " order by c.recorded_at desc"))
                .params(params)
                .query((rs, n) -> new ConsentView(rs.getObject("id", UUID.class), rs.getInt("version"),
                        rs.getObject("person_id", UUID.class), rs.getObject("recipient_tenant_id", UUID.class),
                        rs.getString("recipient_name"), DataCategory.valueOf(rs.getString("data_category")),
                        rs.getString("status"), rs.getObject("period_start", LocalDate.class),
                        rs.getObject("period_end", LocalDate.class), rs.getTimestamp("recorded_at").toInstant(),
                        rs.getString("decision"), rs.getString("recorder_name"), rs.getString("evidence_title")))
                .list();
    }

    /** A consent as FHIR R4 (scope patient-privacy, the recipient as IRCP actor, one data category, the data period). */
    public Consent toFhir(ConsentView view) {
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
        provision.addCode(new CodeableConcept(new Coding(PhrFhir.DATA_CATEGORY_SYSTEM, view.category().name(), null)));
        Period period = new Period().setStart(java.sql.Date.valueOf(view.periodStart()));
        if (view.periodEnd() != null) {
            period.setEnd(java.sql.Date.valueOf(view.periodEnd()));
        }
        provision.setDataPeriod(period);
        return consent;
    }
}
