package jp.hip.phr;

import java.time.LocalDate;
import java.util.UUID;

import org.springframework.stereotype.Component;

import jp.hip.Accounts;
import jp.hip.identity.TenantKind;
import jp.hip.phr.access.PhrConsents;
import jp.hip.phr.persons.PhrPersons;

/** Test fixture: an insurer with a member, the member's own PERSONAL tenant, and consents. */
@Component
public class PhrFixture {

    private final Accounts accounts;
    private final PhrPersons persons;
    private final PhrConsents consents;

    PhrFixture(Accounts accounts, PhrPersons persons, PhrConsents consents) {
        this.accounts = accounts;
        this.persons = persons;
        this.consents = consents;
    }

    public record Member(UUID insurerId, UUID personId, UUID personalTenantId, String insuredNumber) {}

    public UUID insurer() {
        return accounts.tenant(TenantKind.INSURER);
    }

    /** A member of the insurer, linked to a PERSONAL tenant of their own. */
    public Member member(UUID insurerId) {
        String number = String.valueOf(Math.abs(UUID.randomUUID().getMostSignificantBits() % 10_000_000));
        UUID person = persons.registerMember(insurerId, new PhrPersons.NewMember("山田", "太郎", "ヤマダ", "タロウ",
                LocalDate.of(1975, 4, 1), "male", "06130012", "健001", number));
        UUID personal = accounts.tenant(TenantKind.PERSONAL);
        persons.linkIndividual(person, personal);
        return new Member(insurerId, person, personal, number);
    }

    public UUID consent(Member member, UUID recipient, DataCategory category) {
        return consents.grantConsent(member.personId(), recipient, category, LocalDate.of(2000, 1, 1), null, "test");
    }

    public static Accessor individual(Member member) {
        return Accessor.individual(member.personalTenantId(), "person-" + member.personId(), "本人", Accessor.Channel.PAGE);
    }
}
