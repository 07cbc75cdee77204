package jp.hip.phr.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What remains of a deletion on request (ADR 0041): the tombstone of the person, and the hash of each insurance card
 * a holder registered them under, so that a holder's later import is recognised and reported, never silently
 * re-linked (ref-phr.md §6.7: a minimal tombstone and the audit trail).
 */
@Component
public class Tombstones {

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
        return jdbc.sql("select deleted_at from phr_tombstone_card where tenant_id = ? and card_hash in (?, ?) order by deleted_at desc limit 1")
                .params(holderTenantId, cardHash(holderTenantId, insurerNumber, symbol, number, branch),
                        cardHash(holderTenantId, insurerNumber, symbol, number, null))
                .query((rs, n) -> rs.getTimestamp(1).toInstant()).optional();
    }

    /** Keeps the hash of every insurance card (with and without its 枝番) of the person (inside the deletion's transaction). */
    public void rememberCards(UUID personId, Instant deletedAt) {
        record Card(UUID tenant, String insurer, String symbol, String number, String branch) {}
        jdbc.sql("""
                select tenant_id, insurer_number, insured_symbol, insured_number, branch_number from phr_membership
                 where person_id = ? and kind = 'INSURED' and insured_number is not null""").param(personId)
                .query((rs, n) -> new Card(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                .list()
                .forEach(c -> java.util.stream.Stream.of(c.branch(), "").distinct().forEach(branch -> jdbc.sql("""
                        insert into phr_tombstone_card (tenant_id, card_hash, person_id, deleted_at) values (?, ?, ?, ?)
                        on conflict (tenant_id, card_hash) do update set person_id = excluded.person_id, deleted_at = excluded.deleted_at""")
                        .params(c.tenant(), cardHash(c.tenant(), c.insurer(), c.symbol(), c.number(), branch), personId,
                                Timestamp.from(deletedAt))
                        .update()));
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
