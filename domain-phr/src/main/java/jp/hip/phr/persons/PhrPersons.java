package jp.hip.phr.persons;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import jp.hip.phr.AccessBasis;
import jp.hip.phr.Accessor;
import jp.hip.phr.Establishment;
import jp.hip.phr.access.Individuals;

/**
 * Persons and memberships (facade). Person data is not scoped by {@code @TenantId}: a person is reached by the
 * tenants holding their data (phr_membership: an insurer's 被保険者, an employer's employee) and by the individual
 * through their PERSONAL tenant.
 */
@Service
public class PhrPersons {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Individuals individuals;

    PhrPersons(JdbcClient jdbc, TransactionTemplate tx, Clock clock, Individuals individuals) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.individuals = individuals;
    }

    /** A person as an insurer knows them (受診者情報 / 被保険者証). */
    public record NewMember(String familyName, String givenName, String familyNameKana, String givenNameKana,
            LocalDate birthDate, String gender, String insurerNumber, String insuredSymbol, String insuredNumber) {}

    /**
     * Registers (or finds, by 記号・番号) a member of the tenant; returns the person's id. Where 被扶養者 share the
     * 記号・番号 (other 枝番, ADR 0040), the one without 枝番 or with the lowest (the insured person) is found.
     */
    public UUID registerMember(UUID tenantId, NewMember member) {
        return tx.execute(status -> registerMemberInTx(tenantId, member));
    }

    /**
     * The tenant's member this card names (a conditional Patient create's match, ADR 0038): the same 記号・番号, a
     * 保険者番号 that agrees or is not known on one side; with 枝番 the member of that 枝番, else the only one
     * registered without 枝番; without 枝番 the one without or with the lowest 枝番 (the insured person, ADR 0040).
     */
    Optional<UUID> findInsured(UUID tenantId, InsuredCard card) {
        record Candidate(UUID person, String insurer, String branch) {}
        List<Candidate> candidates = jdbc.sql("""
                select person_id, insurer_number, branch_number from phr_membership
                 where tenant_id = ? and coalesce(insured_symbol, '') = ? and insured_number = ?
                 order by branch_number nulls first, person_id""")
                .params(tenantId, card.symbol() == null ? "" : card.symbol(), card.number())
                .query((rs, n) -> new Candidate(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3))).list()
                .stream().filter(c -> card.insurerNumber() == null || c.insurer() == null || c.insurer().equals(card.insurerNumber()))
                .toList();
        if (card.branch() == null) {
            return candidates.stream().findFirst().map(Candidate::person);
        }
        Optional<Candidate> exact = candidates.stream().filter(c -> card.branch().equals(c.branch())).findFirst();
        if (exact.isPresent()) {
            return exact.map(Candidate::person);
        }
        List<Candidate> unbranched = candidates.stream().filter(c -> c.branch() == null).toList();
        return unbranched.size() == 1 ? Optional.of(unbranched.get(0).person()) : Optional.empty();
    }

    /** A new member holding this card (保険者番号 and 枝番 as far as known); the caller found none ({@link #findInsured}). */
    UUID registerInsured(UUID tenantId, NewMember member, InsuredCard card) {
        UUID id = insertPerson(member);
        jdbc.sql("""
                insert into phr_membership (tenant_id, person_id, kind, insurer_number, insured_symbol, insured_number,
                    branch_number, since)
                values (?, ?, 'INSURED', ?, ?, ?, ?, ?)""")
                .params(tenantId, id, card.insurerNumber(), card.symbol(), card.number(), card.branch(), LocalDate.now(clock))
                .update();
        return id;
    }

    private UUID insertPerson(NewMember member) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into phr_person (id, family_name, given_name, family_name_kana, given_name_kana, birth_date, gender)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(id, member.familyName(), member.givenName(), member.familyNameKana(), member.givenNameKana(),
                        member.birthDate(), member.gender() == null ? "unknown" : member.gender())
                .update();
        return id;
    }

    private UUID registerMemberInTx(UUID tenantId, NewMember member) {
        Optional<UUID> existing = jdbc.sql("""
                select person_id from phr_membership where tenant_id = ? and insured_symbol is not distinct from ?
                   and insured_number = ? order by branch_number nulls first limit 1""")
                .params(tenantId, member.insuredSymbol(), member.insuredNumber()).query(UUID.class).optional();
        if (existing.isPresent()) {
            return existing.get();
        }
        UUID id = insertPerson(member);
        jdbc.sql("""
                insert into phr_membership (tenant_id, person_id, kind, insurer_number, insured_symbol, insured_number, since)
                values (?, ?, 'INSURED', ?, ?, ?, ?)""")
                .params(tenantId, id, member.insurerNumber(), member.insuredSymbol(), member.insuredNumber(),
                        LocalDate.now(clock))
                .update();
        return id;
    }

    /** Records that an employer (事業主) holds data of a person, e.g. through its health app. */
    public void registerEmployee(UUID employerTenantId, UUID personId) {
        jdbc.sql("""
                insert into phr_membership (tenant_id, person_id, kind, since) values (?, ?, 'EMPLOYEE', ?)
                on conflict (tenant_id, person_id) do nothing""")
                .params(employerTenantId, personId, LocalDate.now(clock)).update();
    }

    /**
     * Records that an employer holds data of a person who works at one of its 事業所 (establishments). Registering
     * again with another 事業所 moves the person there (a transfer); the membership itself stays.
     */
    public void registerEmployee(UUID employerTenantId, UUID personId, Establishment establishment) {
        jdbc.sql("""
                insert into phr_membership (tenant_id, person_id, kind, since, establishment_number, establishment_name)
                values (?, ?, 'EMPLOYEE', ?, ?, ?)
                on conflict (tenant_id, person_id) do update
                   set establishment_number = excluded.establishment_number, establishment_name = excluded.establishment_name
                 where phr_membership.kind = 'EMPLOYEE'""")
                .params(employerTenantId, personId, LocalDate.now(clock), establishment.number(), establishment.name()).update();
    }

    /** Links a person to the individual's own PERSONAL tenant, so they can see and control their data. */
    public void linkIndividual(UUID personId, UUID personalTenantId) {
        jdbc.sql("update phr_person set personal_tenant_id = ? where id = ?").params(personalTenantId, personId).update();
    }

    /** The person the individual's PERSONAL tenant is linked to. */
    public Optional<UUID> personOf(UUID personalTenantId) {
        return individuals.personOf(personalTenantId);
    }

    /** The ids of a tenant's members (system work such as demo data; not a read of their records). */
    public List<UUID> memberIds(UUID tenantId) {
        return jdbc.sql("select person_id from phr_membership where tenant_id = ? order by person_id").param(tenantId)
                .query(UUID.class).list();
    }

    public long memberCount(UUID tenantId) {
        return jdbc.sql("select count(*) from phr_membership where tenant_id = ?").param(tenantId).query(Long.class).single();
    }

    /**
     * A tenant that holds the individual's data, and so may be given consent. {@code statute} is the statutory
     * flow it holds the person's checkups under (ADR 0036: an insurer's 特定健診, an employer's 定期健診), or null.
     */
    public record Holder(UUID tenantId, String name, String establishment, AccessBasis statute) {
        public Holder(UUID tenantId, String name) {
            this(tenantId, name, null, null);
        }

        /** The tenant's name with the employer 事業所, if any ("さくら精機株式会社 本社"). */
        public String displayName() {
            return establishment == null ? name : name + " " + establishment;
        }
    }

    public List<Holder> myHolders(Accessor individual) {
        UUID person = individuals.myPerson(individual);
        return jdbc.sql("""
                select t.id, t.name, m.establishment_name,
                       case when m.kind = 'INSURED' and t.kind = 'INSURER' then 'STATUTE_INSURER'
                            when m.kind = 'EMPLOYEE' and t.kind = 'COMPANY' then 'STATUTE_EMPLOYER' end
                  from phr_membership m join plat_tenant t on t.id = m.tenant_id
                 where m.person_id = ? order by t.name""")
                .param(person).query((rs, n) -> new Holder(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4) == null ? null : AccessBasis.valueOf(rs.getString(4)))).list();
    }

    public boolean hasRecords(Accessor individual) {
        return individual.individual() && personOf(individual.tenantId()).isPresent();
    }
}
