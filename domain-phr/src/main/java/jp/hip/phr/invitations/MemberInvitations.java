package jp.hip.phr.invitations;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import jp.hip.identity.AuditLog;
import jp.hip.phr.Accessor;
import jp.hip.phr.PhrException;
import jp.hip.phr.PhrException.Kind;
import jp.hip.phr.PhrException.Problem;

/**
 * The insurer's side of joining (facade, ADR 0043): it invites one of its members (被保険者 or 被扶養者, found by
 * 記号・番号・枝番) with a one-time code, sent by mail or printed on a 結果通知. The code is shown once and stored
 * only as its SHA-256; it expires after {@code hip.phr.invitation-validity} (default 30 days); a new code for the
 * same person replaces the open one. Each invitation is audited ({@code PHR_MEMBER_INVITED}), without the code.
 */
@Service
public class MemberInvitations {

    public enum Delivery { MAIL, PRINT }

    /** What the insurer staff typed: the member's card numbers, how the code goes out, and the address for a mail. */
    public record InviteRequest(String symbol, String number, String branch, Delivery delivery, String email) {}

    /** An invitation just made: the code in clear (shown or printed once) and what the 結果通知 prints beside it. */
    public record IssuedInvitation(UUID id, String code, Instant expiresAt, Delivery delivery, String personName,
            String insurerName, String insurerNumber, String symbol, String number, String branch) implements java.io.Serializable {}

    /** One invitation as the insurer's list shows it (never the code). */
    public record InvitationView(UUID id, String personName, String symbol, String number, String branch,
            Delivery delivery, String createdByName, Instant createdAt, Instant expiresAt, Instant usedAt,
            Instant supersededAt) {
        public String state(Instant now) {
            return usedAt != null ? "USED" : supersededAt != null ? "SUPERSEDED" : now.isAfter(expiresAt) ? "EXPIRED" : "OPEN";
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final AuditLog audit;
    private final MemberInvitationMail mail;
    private final Duration validity;

    MemberInvitations(JdbcClient jdbc, TransactionTemplate tx, Clock clock, AuditLog audit, MemberInvitationMail mail,
            @Value("${hip.phr.invitation-validity:30d}") Duration validity) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.audit = audit;
        this.mail = mail;
        this.validity = validity;
    }

    public Duration validity() {
        return validity;
    }

    /** Invites a member of the insurer (the accessor's tenant); a mail is queued in the same transaction. */
    public IssuedInvitation invite(Accessor insurer, InviteRequest request) {
        return invite(insurer, request, JoinCode.generate());
    }

    /** Demo data only: an invitation with a code fixed in the README. */
    public IssuedInvitation inviteWithKnownCode(Accessor insurer, InviteRequest request, String code) {
        return invite(insurer, request, JoinCode.normalise(code).map(c -> code).orElseThrow());
    }

    private IssuedInvitation invite(Accessor insurer, InviteRequest request, String code) {
        insurer.requireTenant();
        String symbol = MemberCard.normalise(request.symbol());
        String number = MemberCard.normalise(request.number());
        String branch = MemberCard.normalise(request.branch());
        if (branch != null && branch.length() == 1) {
            branch = "0" + branch;
        }
        if (number == null) {
            throw new PhrException(Kind.INVALID, List.of(Problem.of("phr.invite.numberRequired", "number")));
        }
        if (request.delivery() == null) {
            throw new PhrException(Kind.INVALID, List.of(Problem.of("phr.invite.deliveryRequired", "delivery")));
        }
        String email = request.email() == null ? null : request.email().strip();
        if (request.delivery() == Delivery.MAIL && (email == null || !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"))) {
            throw new PhrException(Kind.INVALID, List.of(Problem.of("phr.invite.emailInvalid", "email")));
        }
        String sym = symbol;
        String br = branch;
        return tx.execute(status -> {
            Member member = jdbc.sql("""
                    select m.person_id, p.family_name || ' ' || p.given_name as name, p.personal_tenant_id is not null as linked,
                           coalesce(m.insurer_number, (select min(n.insurer_number) from phr_insurer_number n where n.tenant_id = m.tenant_id)) as insurer_number,
                           t.name as insurer_name
                      from phr_membership m join phr_person p on p.id = m.person_id join plat_tenant t on t.id = m.tenant_id
                     where m.tenant_id = ? and m.kind = 'INSURED' and m.insured_symbol is not distinct from ?
                       and m.insured_number = ? and m.branch_number is not distinct from ?""")
                    .params(insurer.tenantId(), sym, number, br)
                    .query((rs, n) -> new Member(rs.getObject(1, UUID.class), rs.getString(2), rs.getBoolean(3), rs.getString(4), rs.getString(5)))
                    .optional()
                    .orElseThrow(() -> new PhrException(Kind.NOT_FOUND, List.of(Problem.of("phr.invite.noMember", null))));
            if (member.linked()) {
                throw new PhrException(Kind.CONFLICT, List.of(Problem.of("phr.invite.alreadyLinked", null)));
            }
            Instant now = clock.instant();
            jdbc.sql("""
                    update phr_member_invitation set superseded_at = ?
                     where tenant_id = ? and person_id = ? and used_at is null and superseded_at is null""")
                    .params(Timestamp.from(now), insurer.tenantId(), member.personId()).update();
            UUID id = UUID.randomUUID();
            Instant expires = now.plus(validity);
            jdbc.sql("""
                    insert into phr_member_invitation (tenant_id, id, person_id, code_sha256, delivery, created_by, created_by_name,
                        created_at, expires_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(insurer.tenantId(), id, member.personId(), JoinCode.hash(JoinCode.normalise(code).orElseThrow()),
                            request.delivery().name(), insurer.actorId(), insurer.actorName(), Timestamp.from(now), Timestamp.from(expires))
                    .update();
            IssuedInvitation issued = new IssuedInvitation(id, code, expires, request.delivery(), member.name(),
                    member.insurerName(), member.insurerNumber(), sym, number, br);
            if (request.delivery() == Delivery.MAIL) {
                mail.queue(insurer.tenantId(), email, issued);
            }
            audit.recordFor(insurer.tenantId(), insurer.actorId(), insurer.actorName(), "PHR_MEMBER_INVITED", "Person",
                    member.personId().toString(), Map.of("invitation", id.toString(), "delivery", request.delivery().name(),
                            "expiresAt", expires.toString()));
            return issued;
        });
    }

    private record Member(UUID personId, String name, boolean linked, String insurerNumber, String insurerName) {}

    /** The insurer's latest invitations, newest first. */
    public List<InvitationView> recent(Accessor insurer, int limit) {
        insurer.requireTenant();
        return jdbc.sql("""
                select i.id, p.family_name || ' ' || p.given_name, m.insured_symbol, m.insured_number, m.branch_number,
                       i.delivery, i.created_by_name, i.created_at, i.expires_at, i.used_at, i.superseded_at
                  from phr_member_invitation i join phr_person p on p.id = i.person_id
                  join phr_membership m on m.tenant_id = i.tenant_id and m.person_id = i.person_id
                 where i.tenant_id = ? order by i.created_at desc limit ?""")
                .params(insurer.tenantId(), limit)
                .query((rs, n) -> new InvitationView(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), Delivery.valueOf(rs.getString(6)), rs.getString(7),
                        rs.getTimestamp(8).toInstant(), rs.getTimestamp(9).toInstant(),
                        rs.getTimestamp(10) == null ? null : rs.getTimestamp(10).toInstant(),
                        rs.getTimestamp(11) == null ? null : rs.getTimestamp(11).toInstant()))
                .list();
    }
}
