package jp.hip.phr.invitations;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import jp.hip.identity.AuditLog;

/**
 * The checks both ways of joining share (ADR 0043, 0047): the invitation of a one-time code, only where its member
 * is the one typed (保険者番号, 記号, 番号, 枝番, 生年月日) — otherwise the one generic refusal — and only while it is
 * usable (not used, replaced or expired, the member not linked yet); then the code used up, and the link audited in
 * the insurer's tenant and the person's. Runs inside the caller's transaction, in the system scope.
 */
@Component
class InvitationCodes {

    private final JdbcClient jdbc;
    private final AuditLog audit;

    InvitationCodes(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    record Invitation(UUID tenantId, UUID invitationId, UUID personId, Instant expiresAt, boolean used,
            boolean superseded, boolean linked, LocalDate birthDate, String name, String symbol, String number,
            String branch, boolean insurerMatches) {

        /** The member's name as an account name (at most 100 characters). */
        String accountName() {
            return name.length() > 100 ? name.substring(0, 100) : name;
        }
    }

    /** The card and the one-time code as typed, checked together so that every problem comes at once (ADR 0043). */
    record Typed(MemberCard card, String code) {

        /** The member's throttle key. */
        String member() {
            return memberKey(card);
        }
    }

    static Typed typed(String insurerNumber, String symbol, String number, String branch, String birthDate, String code,
            LocalDate today) {
        java.util.List<jp.hip.phr.PhrException.Problem> problems = new java.util.ArrayList<>();
        MemberCard card = null;
        try {
            card = MemberCard.parse(insurerNumber, symbol, number, branch, birthDate, today);
        } catch (jp.hip.phr.PhrException e) {
            problems.addAll(e.problems());
        }
        java.util.Optional<String> normalised = JoinCode.normalise(code);
        if (normalised.isEmpty()) {
            problems.add(jp.hip.phr.PhrException.Problem.of("phr.join.invalid.code", "code"));
        }
        if (!problems.isEmpty()) {
            throw new jp.hip.phr.PhrException(jp.hip.phr.PhrException.Kind.INVALID, problems);
        }
        return new Typed(card, normalised.get());
    }

    /** The usable invitation of {@code code} for the member typed; {@link Refused} otherwise (locks the invitation). */
    Invitation usable(MemberCard card, String code, Instant now) {
        Invitation found = jdbc.sql("""
                select i.tenant_id, i.id, i.person_id, i.expires_at, i.used_at is not null as used, i.superseded_at is not null as superseded,
                       p.personal_tenant_id is not null as linked, p.birth_date, p.family_name, p.given_name,
                       m.insured_symbol, m.insured_number, m.branch_number,
                       coalesce(m.insurer_number = :insurer, exists (select 1 from phr_insurer_number n
                                 where n.tenant_id = m.tenant_id and n.insurer_number = :insurer)) as insurer_matches
                  from phr_member_invitation i
                  join phr_person p on p.id = i.person_id
                  join phr_membership m on m.tenant_id = i.tenant_id and m.person_id = i.person_id and m.kind = 'INSURED'
                 where i.code_sha256 = :hash
                   for update of i""")
                .param("insurer", card.insurerNumber())
                .param("hash", JoinCode.hash(code))
                .query((rs, n) -> new Invitation(rs.getObject("tenant_id", UUID.class), rs.getObject("id", UUID.class),
                        rs.getObject("person_id", UUID.class), rs.getTimestamp("expires_at").toInstant(), rs.getBoolean("used"),
                        rs.getBoolean("superseded"), rs.getBoolean("linked"), rs.getObject("birth_date", LocalDate.class),
                        rs.getString("family_name") + " " + rs.getString("given_name"), rs.getString("insured_symbol"),
                        rs.getString("insured_number"), rs.getString("branch_number"), rs.getBoolean("insurer_matches")))
                .optional().orElse(null);
        if (found == null) {
            throw new Refused(null, null, "noMatch");
        }
        boolean matches = found.insurerMatches() && Objects.equals(found.symbol(), card.symbol())
                && Objects.equals(found.number(), card.number()) && Objects.equals(found.branch(), card.branch())
                && Objects.equals(found.birthDate(), card.birthDate());
        if (!matches) {
            // the code exists but the details are someone else's (or mistyped): the same answer as an unknown code
            throw new Refused(found.tenantId(), null, "noMatch");
        }
        String reason = found.used() ? "used" : found.superseded() ? "superseded" : now.isAfter(found.expiresAt()) ? "expired"
                : found.linked() ? "alreadyLinked" : null;
        if (reason != null) {
            throw new Refused(found.tenantId(), found.personId(), reason);
        }
        return found;
    }

    /**
     * Uses the code up for the account and audits the link in both tenants ({@code actorId}: "anonymous" at sign-up,
     * the signed-in user otherwise; {@code extra}: what else happened).
     */
    void use(Invitation found, UUID personalTenant, Instant now, String actorId, Map<String, String> extra) {
        jdbc.sql("update phr_member_invitation set used_at = ?, used_by_tenant_id = ? where tenant_id = ? and id = ?")
                .params(Timestamp.from(now), personalTenant, found.tenantId(), found.invitationId()).update();
        Map<String, String> details = new java.util.LinkedHashMap<>(extra);
        details.put("invitation", found.invitationId().toString());
        details.put("personalTenant", personalTenant.toString());
        details.put("insurer", found.tenantId().toString());
        String actor = actorId;
        audit.recordFor(found.tenantId(), actor, found.accountName(), "PHR_MEMBER_LINKED", "Person", found.personId().toString(), details);
        audit.recordFor(personalTenant, actor, found.accountName(), "PHR_MEMBER_LINKED", "Person", found.personId().toString(), details);
    }

    /** The member typed, as the throttle keys it. */
    static String memberKey(MemberCard card) {
        return String.join("|", card.insurerNumber(), Objects.toString(card.symbol(), ""), card.number(),
                Objects.toString(card.branch(), ""));
    }

    /** A refused attempt, thrown inside the transaction so that nothing it began is kept. */
    static final class Refused extends RuntimeException {
        final UUID insurerTenantId;
        final UUID personId;
        final String reason;

        Refused(UUID insurerTenantId, UUID personId, String reason) {
            super(reason, null, false, false);
            this.insurerTenantId = insurerTenantId;
            this.personId = personId;
            this.reason = reason;
        }
    }
}
