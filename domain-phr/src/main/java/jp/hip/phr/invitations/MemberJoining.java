package jp.hip.phr.invitations;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import jp.hip.identity.AuditLog;
import jp.hip.identity.CurrentTenant;
import jp.hip.identity.IdentityManagement;
import jp.hip.identity.Throttle;
import jp.hip.phr.PhrException;
import jp.hip.phr.PhrException.Kind;
import jp.hip.phr.PhrException.Problem;

/**
 * The person's side of joining (facade, ADR 0043): on the public sign-up page they prove who they are with
 * 保険者番号, 記号・番号, 枝番, 生年月日 and the insurer's one-time code; their new account (a PERSONAL tenant with an
 * INDIVIDUAL user) is then linked to their person, and the code is used up, all in one transaction.
 *
 * <p>No enumeration: a code that is unknown, or whose member's details differ from those typed, gets one generic
 * answer ({@code phr.join.noMatch}); only someone holding both the right code and the right details learns that the
 * code expired, was used or was replaced. Failed attempts are throttled with growing delays (ADR 0007's
 * {@link Throttle}) by client address and by the member typed, audited ({@code PHR_JOIN_FAILED}), and while a delay
 * runs the attempt is not checked at all. A link is audited in the insurer's tenant and the person's
 * ({@code PHR_MEMBER_LINKED}). Malformed input is refused, field by field, before anything is looked up.
 */
@Service
public class MemberJoining {

    /** Failed sign-ups from one address: generous, a family or an office may share one. */
    static final Throttle.Rule BY_ADDRESS = new Throttle.Rule("join-ip", 20, Duration.ofSeconds(30), Duration.ofMinutes(15));
    /** Failed sign-ups for one member (保険者番号, 記号, 番号, 枝番), from anywhere: a delay, never a lock. */
    static final Throttle.Rule BY_MEMBER = new Throttle.Rule("join-member", 4, Duration.ofSeconds(30), Duration.ofMinutes(15));
    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    /** What the person typed on the sign-up page. */
    public record JoinRequest(String insurerNumber, String symbol, String number, String branch, String birthDate,
            String code, String email, String password) {}

    /** A new account linked to its person. */
    public record Joined(UUID personalTenantId, UUID personId, String email) {}

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final AuditLog audit;
    private final Throttle throttle;
    private final IdentityManagement identity;

    MemberJoining(JdbcClient jdbc, TransactionTemplate tx, Clock clock, AuditLog audit, Throttle throttle,
            IdentityManagement identity) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.audit = audit;
        this.throttle = throttle;
        this.identity = identity;
    }

    /**
     * Signs the person up and links their records. Refusals are {@link PhrException}s (problems named by field for
     * malformed input); an e-mail already in use or a weak password is the identity module's exception. Called
     * outside any transaction: throttle counts commit on their own, so a failure counts although nothing else is
     * written.
     */
    public Joined join(JoinRequest request, String clientAddress) {
        List<Problem> problems = new ArrayList<>();
        MemberCard card = null;
        try {
            card = MemberCard.parse(request.insurerNumber(), request.symbol(), request.number(), request.branch(),
                    request.birthDate(), LocalDate.now(clock.withZone(JAPAN)));
        } catch (PhrException e) {
            problems.addAll(e.problems());
        }
        Optional<String> code = JoinCode.normalise(request.code());
        if (code.isEmpty()) {
            problems.add(Problem.of("phr.join.invalid.code", "code"));
        }
        if (!problems.isEmpty()) {
            throw new PhrException(Kind.INVALID, problems);
        }
        String member = String.join("|", card.insurerNumber(), Objects.toString(card.symbol(), ""), card.number(),
                Objects.toString(card.branch(), ""));
        if (!throttle.waitFor(BY_ADDRESS, clientAddress).isZero() || !throttle.waitFor(BY_MEMBER, member).isZero()) {
            throw PhrException.of(Kind.FORBIDDEN, "phr.join.throttled");
        }
        MemberCard typed = card;
        try {
            Joined joined = CurrentTenant.runAsSystem(() -> tx.execute(status -> joinInTx(typed, code.get(), request)));
            throttle.succeeded(BY_MEMBER, member);
            return joined;
        } catch (Refused refused) {
            throttle.failed(BY_ADDRESS, clientAddress);
            throttle.failed(BY_MEMBER, member);
            audit.recordFor(refused.insurerTenantId, "anonymous", null, "PHR_JOIN_FAILED", "Person",
                    refused.personId == null ? null : refused.personId.toString(), Map.of("reason", refused.reason));
            throw PhrException.of(Kind.UNPROCESSABLE, "phr.join." + refused.reason);
        }
    }

    private Joined joinInTx(MemberCard card, String code, JoinRequest request) {
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
        Instant now = clock.instant();
        String reason = found.used() ? "used" : found.superseded() ? "superseded" : now.isAfter(found.expiresAt()) ? "expired"
                : found.linked() ? "alreadyLinked" : null;
        if (reason != null) {
            throw new Refused(found.tenantId(), found.personId(), reason);
        }
        String name = found.name().length() > 100 ? found.name().substring(0, 100) : found.name();
        UUID personal = identity.registerIndividual(name, request.email(), request.password());
        int linked = jdbc.sql("update phr_person set personal_tenant_id = ? where id = ? and personal_tenant_id is null")
                .params(personal, found.personId()).update();
        if (linked != 1) {
            throw new Refused(found.tenantId(), found.personId(), "alreadyLinked");
        }
        jdbc.sql("update phr_member_invitation set used_at = ?, used_by_tenant_id = ? where tenant_id = ? and id = ?")
                .params(Timestamp.from(now), personal, found.tenantId(), found.invitationId()).update();
        Map<String, String> details = Map.of("invitation", found.invitationId().toString(), "personalTenant", personal.toString(),
                "insurer", found.tenantId().toString());
        audit.recordFor(found.tenantId(), "anonymous", name, "PHR_MEMBER_LINKED", "Person", found.personId().toString(), details);
        audit.recordFor(personal, "anonymous", name, "PHR_MEMBER_LINKED", "Person", found.personId().toString(), details);
        return new Joined(personal, found.personId(), request.email().strip());
    }

    private record Invitation(UUID tenantId, UUID invitationId, UUID personId, Instant expiresAt, boolean used,
            boolean superseded, boolean linked, LocalDate birthDate, String name, String symbol, String number,
            String branch, boolean insurerMatches) {}

    /** A refused attempt, thrown inside the transaction so that nothing it began is kept. */
    private static final class Refused extends RuntimeException {
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
