package jp.hip.api;

import java.text.ParseException;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

/**
 * The RSA key that signs access tokens. Kept in the database so that every app instance signs and verifies
 * with the same key; made on first start. (A managed key store is the next step for production.)
 */
@Component
class SigningKeys {

    private final RSAKey current;

    SigningKeys(JdbcClient jdbc) {
        this.current = load(jdbc);
    }

    RSAKey current() {
        return current;
    }

    private static RSAKey load(JdbcClient jdbc) {
        try {
            RSAKey fresh = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
            // Two instances starting together: the first insert wins, both then read the same row.
            jdbc.sql("insert into plat_signing_key (id, jwk_json) select ?, ? where not exists (select 1 from plat_signing_key)")
                    .params(fresh.getKeyID(), fresh.toJSONString())
                    .update();
            String json = jdbc.sql("select jwk_json from plat_signing_key order by created_at, id limit 1")
                    .query(String.class)
                    .single();
            return RSAKey.parse(json);
        } catch (JOSEException | ParseException e) {
            throw new IllegalStateException("cannot load the token signing key", e);
        }
    }
}
