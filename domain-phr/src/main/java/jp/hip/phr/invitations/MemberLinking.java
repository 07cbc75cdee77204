package jp.hip.phr.invitations;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import jp.hip.identity.AuditLog;
import jp.hip.identity.CurrentTenant;
import jp.hip.identity.throttling.Throttle;
import jp.hip.phr.Accessor;
import jp.hip.phr.PhrException;
import jp.hip.phr.PhrException.Kind;
import jp.hip.phr.invitations.InvitationCodes.Refused;

/**
 * A signed-in individual links their existing account to an insurer's records with the insurer's one-time code and
 * their card details (ADR 0047), e.g. after changing insurer: the same code, details, expiry, single use,
 * throttling and audit as the sign-up ({@link MemberJoining}, ADR 0043), without creating an account.
 *
 * <p>An account is linked to one person ({@code phr_person.personal_tenant_id} is unique). An account without
 * records is simply linked. An account already linked to a person takes the invited member in: the member's
 * memberships, records and history move to the account's person ({@link PersonMerge}), only when both have the same
 * 生年月日 and no holder holds both (one holder with two records of the person is the holder's to resolve).
 */
@Service
public class MemberLinking {

    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    /** What the signed-in person typed. */
    public record LinkRequest(String insurerNumber, String symbol, String number, String branch, String birthDate, String code) {}

    /** The account's person after the link, and whether another person's records were taken in. */
    public record Linked(UUID personId, boolean merged) {}

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final AuditLog audit;
    private final Throttle throttle;
    private final InvitationCodes codes;
    private final PersonMerge merge;

    MemberLinking(JdbcClient jdbc, TransactionTemplate tx, Clock clock, AuditLog audit, Throttle throttle,
            InvitationCodes codes, PersonMerge merge) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.audit = audit;
        this.throttle = throttle;
        this.codes = codes;
        this.merge = merge;
    }

    /**
     * Links the individual's account to the invited member's records. Refusals are {@link PhrException}s: malformed
     * fields by name (nothing looked up), a throttled attempt (403), and a code or details that do not fit (422, the
     * same generic answer as the sign-up). Called outside any transaction, so throttle counts commit on their own.
     */
    public Linked link(Accessor individual, LinkRequest request, String clientAddress) {
        if (!individual.individual()) {
            throw PhrException.of(Kind.FORBIDDEN, "phr.link.individualOnly");
        }
        InvitationCodes.Typed typed = InvitationCodes.typed(request.insurerNumber(), request.symbol(), request.number(),
                request.branch(), request.birthDate(), request.code(), LocalDate.now(clock.withZone(JAPAN)));
        String member = typed.member();
        if (!throttle.waitFor(MemberJoining.BY_ADDRESS, clientAddress).isZero()
                || !throttle.waitFor(MemberJoining.BY_MEMBER, member).isZero()) {
            throw PhrException.of(Kind.FORBIDDEN, "phr.join.throttled");
        }
        try {
            Linked linked = CurrentTenant.runAsSystem(() -> tx.execute(status -> linkInTx(individual, typed.card(), typed.code())));
            throttle.succeeded(MemberJoining.BY_MEMBER, member);
            return linked;
        } catch (Refused refused) {
            throttle.failed(MemberJoining.BY_ADDRESS, clientAddress);
            throttle.failed(MemberJoining.BY_MEMBER, member);
            Map<String, String> details = Map.of("reason", refused.reason, "account", individual.tenantId().toString());
            audit.recordFor(refused.insurerTenantId, individual.actorId(), null, "PHR_JOIN_FAILED", "Person",
                    refused.personId == null ? null : refused.personId.toString(), details);
            if (refused.insurerTenantId != null) {
                audit.recordFor(individual.tenantId(), individual.actorId(), null, "PHR_JOIN_FAILED", "Person", null, details);
            }
            throw PhrException.of(Kind.UNPROCESSABLE, "phr.link." + refused.reason);
        }
    }

    private Linked linkInTx(Accessor individual, MemberCard card, String code) {
        Instant now = clock.instant();
        InvitationCodes.Invitation found = codes.usable(card, code, now);
        UUID account = individual.tenantId();
        record Own(UUID id, LocalDate birthDate) {}
        Optional<Own> own = jdbc.sql("select id, birth_date from phr_person where personal_tenant_id = ? for update").param(account)
                .query((rs, n) -> new Own(rs.getObject(1, UUID.class), rs.getObject(2, LocalDate.class))).optional();
        if (own.isEmpty()) {
            int linked = jdbc.sql("update phr_person set personal_tenant_id = ? where id = ? and personal_tenant_id is null")
                    .params(account, found.personId()).update();
            if (linked != 1) {
                throw new Refused(found.tenantId(), found.personId(), "alreadyLinked");
            }
            codes.use(found, account, now, individual.actorId(), Map.of("account", account.toString()));
            return new Linked(found.personId(), false);
        }
        if (!java.util.Objects.equals(own.get().birthDate(), found.birthDate())) {
            // the details typed are the member's, but the account's records are someone else's (生年月日 differs)
            throw new Refused(found.tenantId(), found.personId(), "otherPerson");
        }
        if (merge.sharedHolder(own.get().id(), found.personId())) {
            throw new Refused(found.tenantId(), found.personId(), "sameHolder");
        }
        Map<String, Integer> moved = merge.merge(found.personId(), own.get().id());
        codes.use(found, account, now, individual.actorId(), Map.of("account", account.toString(),
                "mergedPerson", found.personId().toString(), "movedRows", String.valueOf(moved.values().stream().mapToInt(i -> i).sum())));
        return new Linked(own.get().id(), true);
    }
}
