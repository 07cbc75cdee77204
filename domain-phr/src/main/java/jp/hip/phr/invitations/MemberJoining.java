package jp.hip.phr.invitations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import jp.hip.identity.AuditLog;
import jp.hip.identity.CurrentTenant;
import jp.hip.identity.IdentityManagement;
import jp.hip.identity.throttling.Throttle;
import jp.hip.phr.PhrException;
import jp.hip.phr.PhrException.Kind;
import jp.hip.phr.invitations.InvitationCodes.Refused;

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
    private final InvitationCodes codes;

    MemberJoining(JdbcClient jdbc, TransactionTemplate tx, Clock clock, AuditLog audit, Throttle throttle,
            IdentityManagement identity, InvitationCodes codes) {
        this.codes = codes;
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
        InvitationCodes.Typed typed = InvitationCodes.typed(request.insurerNumber(), request.symbol(), request.number(),
                request.branch(), request.birthDate(), request.code(), LocalDate.now(clock.withZone(JAPAN)));
        String member = typed.member();
        if (!throttle.waitFor(BY_ADDRESS, clientAddress).isZero() || !throttle.waitFor(BY_MEMBER, member).isZero()) {
            throw PhrException.of(Kind.FORBIDDEN, "phr.join.throttled");
        }
        try {
            Joined joined = CurrentTenant.runAsSystem(() -> tx.execute(status -> joinInTx(typed.card(), typed.code(), request)));
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
        Instant now = clock.instant();
        InvitationCodes.Invitation found = codes.usable(card, code, now);
        UUID personal = identity.registerIndividual(found.accountName(), request.email(), request.password());
        int linked = jdbc.sql("update phr_person set personal_tenant_id = ? where id = ? and personal_tenant_id is null")
                .params(personal, found.personId()).update();
        if (linked != 1) {
            throw new Refused(found.tenantId(), found.personId(), "alreadyLinked");
        }
        codes.use(found, personal, now, "anonymous", Map.of());
        return new Joined(personal, found.personId(), request.email().strip());
    }
}
