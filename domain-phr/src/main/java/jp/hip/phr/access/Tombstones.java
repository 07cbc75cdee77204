package jp.hip.phr.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import jp.hip.phr.DataCategory;
import jp.hip.phr.PhrException.Problem;

/**
 * What remains of a deletion on request (ADR 0041): the tombstone of the person, and the hash of each insurance card
 * a holder registered them under, so that a holder's later import or FHIR create is recognised and reported, never
 * silently re-linked (ref-phr.md §6.7: a minimal tombstone and the audit trail). After the deletion a holder writes
 * only its own statutory record for the person, and every such write says so (ADR 0046).
 */
@Component
public class Tombstones {

    static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    private final JdbcClient jdbc;

    Tombstones(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** When the person asked for deletion, if they did. */
    public Optional<Instant> deletedAt(UUID personId) {
        return jdbc.sql("select deleted_at from phr_tombstone where person_id = ?").param(personId)
                .query((rs, n) -> rs.getTimestamp(1).toInstant()).optional();
    }

    /** When the person holding this card at the holder asked for deletion, if anyone did. */
    public Optional<Instant> deletedCard(UUID holderTenantId, String insurerNumber, String symbol, String number, String branch) {
        // a card is also kept without its 枝番: older files carry none (ADR 0040)
        return deleted(holderTenantId, List.of(cardHash(holderTenantId, insurerNumber, symbol, number, branch),
                cardHash(holderTenantId, insurerNumber, symbol, number, null)));
    }

    /**
     * The card of a FHIR Patient ("記号:番号", no 保険者番号 nor 枝番): matched without a 保険者番号 and with each
     * 保険者番号 the holder registered (the 特定健診 import knows the card with its 保険者番号).
     */
    public Optional<Instant> deletedCardOfHolder(UUID holderTenantId, String symbol, String number) {
        List<String> insurers = new ArrayList<>();
        insurers.add(null);
        insurers.addAll(jdbc.sql("select insurer_number from phr_insurer_number where tenant_id = ?").param(holderTenantId)
                .query(String.class).list());
        return deleted(holderTenantId, insurers.stream().map(i -> cardHash(holderTenantId, i, symbol, number, null)).toList());
    }

    private Optional<Instant> deleted(UUID holderTenantId, List<String> hashes) {
        return jdbc.sql("select deleted_at from phr_tombstone_card where tenant_id = :tenant and card_hash in (:hashes) order by deleted_at desc limit 1")
                .param("tenant", holderTenantId).param("hashes", hashes)
                .query((rs, n) -> rs.getTimestamp(1).toInstant()).optional();
    }

    /**
     * Keeps the hash of every insurance card (with and without its 枝番, with and without its 保険者番号) of the person
     * and marks the memberships the deletion keeps (inside the deletion's transaction).
     */
    public void rememberCards(UUID personId, Instant deletedAt) {
        record Card(UUID tenant, String insurer, String symbol, String number, String branch) {}
        jdbc.sql("""
                select tenant_id, insurer_number, insured_symbol, insured_number, branch_number from phr_membership
                 where person_id = ? and kind = 'INSURED' and insured_number is not null""").param(personId)
                .query((rs, n) -> new Card(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                .list()
                .forEach(c -> Stream.of(c.insurer(), "").distinct().forEach(insurer -> Stream.of(c.branch(), "").distinct()
                        .forEach(branch -> jdbc.sql("""
                                insert into phr_tombstone_card (tenant_id, card_hash, person_id, deleted_at) values (?, ?, ?, ?)
                                on conflict (tenant_id, card_hash) do update set person_id = excluded.person_id, deleted_at = excluded.deleted_at""")
                                .params(c.tenant(), cardHash(c.tenant(), insurer, c.symbol(), c.number(), branch), personId,
                                        Timestamp.from(deletedAt))
                                .update())));
        jdbc.sql("update phr_membership set deleted_on_request_at = ? where person_id = ?")
                .params(Timestamp.from(deletedAt), personId).update();
    }

    /** The holder registered the person again for a card with a tombstone (import, FHIR create): remembered on its membership. */
    public void markRegisteredAgain(UUID holderTenantId, UUID personId, Instant deletedAt) {
        jdbc.sql("""
                update phr_membership set deleted_on_request_at = ? where tenant_id = ? and person_id = ?
                   and (deleted_on_request_at is null or deleted_on_request_at < ?)""")
                .params(Timestamp.from(deletedAt), holderTenantId, personId, Timestamp.from(deletedAt)).update();
    }

    /**
     * A holder's membership of a person who asked for deletion and has no account linked again: when, and whether
     * the holder keeps records by law (an insurer's 被保険者・被扶養者, an employer's employee; ADR 0036).
     */
    public record AfterDeletion(Instant deletedAt, boolean statutoryHolder) {

        /** The day of the request in Japan, as the import reports it ("2026-11-30"). */
        public String date() {
            return deletedAt.atZone(JAPAN).toLocalDate().toString();
        }

        /** Only the holder's statutory record (a checkup) may be written again. */
        public boolean allows(DataCategory category) {
            return statutoryHolder && category == DataCategory.CHECKUP;
        }

        /** What the response says about a write it allows ({@code where}: the element or line). */
        public Problem notice(String where) {
            return Problem.of("phr.fhir.tombstoneObservation", where, date());
        }

        /** Why a write it does not allow is refused. */
        public Problem refusal(String where) {
            return Problem.of("phr.error.tombstoneNotStatutory", where, date());
        }
    }

    /** {@link AfterDeletion} of each of these persons the holder has one for. */
    public Map<UUID, AfterDeletion> afterDeletion(UUID holderTenantId, Collection<UUID> persons) {
        Map<UUID, AfterDeletion> found = new HashMap<>();
        if (persons.isEmpty()) {
            return found;
        }
        List<UUID> all = List.copyOf(persons);
        for (int i = 0; i < all.size(); i += 10_000) {
            jdbc.sql("""
                    select m.person_id, m.deleted_on_request_at,
                           (m.kind = 'INSURED' and t.kind = 'INSURER') or (m.kind = 'EMPLOYEE' and t.kind = 'COMPANY')
                      from phr_membership m join phr_person p on p.id = m.person_id join plat_tenant t on t.id = m.tenant_id
                     where m.tenant_id = :tenant and m.person_id in (:persons) and m.deleted_on_request_at is not null
                       and p.personal_tenant_id is null""")
                    .param("tenant", holderTenantId).param("persons", all.subList(i, Math.min(all.size(), i + 10_000)))
                    .query((rs, n) -> Map.entry(rs.getObject(1, UUID.class),
                            new AfterDeletion(rs.getTimestamp(2).toInstant(), rs.getBoolean(3))))
                    .list().forEach(e -> found.put(e.getKey(), e.getValue()));
        }
        return found;
    }

    public Optional<AfterDeletion> afterDeletion(UUID holderTenantId, UUID person) {
        return Optional.ofNullable(afterDeletion(holderTenantId, List.of(person)).get(person));
    }

    /**
     * A holder's write for a person: refused where the person asked for deletion and it is not the holder's
     * statutory record, otherwise the notice the response carries (empty where no deletion applies).
     */
    public List<Problem> checkWrite(UUID holderTenantId, UUID person, DataCategory category, String where) {
        Optional<AfterDeletion> after = afterDeletion(holderTenantId, person);
        if (after.isEmpty()) {
            return List.of();
        }
        if (!after.get().allows(category)) {
            throw new jp.hip.phr.PhrException(jp.hip.phr.PhrException.Kind.UNPROCESSABLE, List.of(after.get().refusal(where)));
        }
        return List.of(after.get().notice(where));
    }

    /** SHA-256 over the holder and the card as the import matches it (保険者番号, 記号, 番号, 枝番; blanks as empty). */
    static String cardHash(UUID tenant, String insurerNumber, String symbol, String number, String branch) {
        String key = tenant + "|" + blank(insurerNumber) + "|" + blank(symbol) + "|" + blank(number) + "|" + blank(branch);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String blank(String s) {
        return s == null ? "" : s.strip();
    }
}
