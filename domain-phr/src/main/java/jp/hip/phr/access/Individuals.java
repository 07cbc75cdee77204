package jp.hip.phr.access;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import jp.hip.phr.Accessor;
import jp.hip.phr.PhrException;
import jp.hip.phr.PhrException.Kind;
import jp.hip.phr.PhrException.Problem;

/** Who an accessor is to a person: the individual's own person (本人), or a tenant holding the person (membership). */
@Component
public class Individuals {

    private final JdbcClient jdbc;

    Individuals(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The person the individual's PERSONAL tenant is linked to. */
    public Optional<UUID> personOf(UUID personalTenantId) {
        return jdbc.sql("select id from phr_person where personal_tenant_id = ?").param(personalTenantId)
                .query(UUID.class).optional();
    }

    /** The individual's own person; a tenant is refused (403), an individual without records gets 404. */
    public UUID myPerson(Accessor individual) {
        if (!individual.individual()) {
            throw PhrException.of(Kind.FORBIDDEN, "phr.error.notIndividual");
        }
        return personOf(individual.tenantId())
                .orElseThrow(() -> PhrException.of(Kind.NOT_FOUND, "phr.error.noPerson"));
    }

    /** Whether the tenant holds the person's data (membership). */
    public boolean isMember(UUID tenantId, UUID personId) {
        return jdbc.sql("select count(*) from phr_membership where tenant_id = ? and person_id = ?")
                .params(tenantId, personId).query(Long.class).single() > 0;
    }

    /** A writer must hold the person's data (membership); another tenant's person looks like an unknown one. */
    public void requireMember(Accessor accessor, UUID personId, String where) {
        if (!isMember(accessor.tenantId(), personId)) {
            throw new PhrException(Kind.INVALID, List.of(Problem.of("phr.error.subjectUnknown", where, "Patient/" + personId)));
        }
    }
}
