package jp.hip.guidelines;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.stereotype.Component;

import jp.hip.Accounts;
import jp.hip.guidelines.association.AssociationDesk;
import jp.hip.guidelines.association.AssociationKind;
import jp.hip.guidelines.declarations.Answer;
import jp.hip.guidelines.declarations.AnswerInput;
import jp.hip.guidelines.declarations.FormType;
import jp.hip.guidelines.guideline.GuidelineDetail;
import jp.hip.guidelines.guideline.GuidelineKind;
import jp.hip.guidelines.guideline.ServiceCategory;
import jp.hip.guidelines.review.RegistryReview;
import jp.hip.identity.Role;
import jp.hip.identity.TenantKind;

/** Test fixture: association and METI users, acting as them below the web layer, and entries in any status. */
@Component
public class GuidelineFixtures {

    private final Accounts accounts;
    private final UserDetailsService users;
    private final AssociationDesk desk;
    private final RegistryReview review;

    GuidelineFixtures(Accounts accounts, UserDetailsService users, AssociationDesk desk, RegistryReview review) {
        this.accounts = accounts;
        this.users = users;
        this.desk = desk;
        this.review = review;
    }

    /** Runs work as the signed-in user with this e-mail (as the web layer would after sign-in). */
    public <T> T as(Accounts.Account account, Supplier<T> work) {
        UserDetails user = users.loadUserByUsername(account.email());
        var previous = SecurityContextHolder.getContext().getAuthentication();
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
        try {
            return work.get();
        } finally {
            SecurityContextHolder.getContext().setAuthentication(previous);
        }
    }

    public void as(Accounts.Account account, Runnable work) {
        as(account, () -> {
            work.run();
            return null;
        });
    }

    /** A new association tenant with a user and a saved profile (unique name). */
    public Accounts.Account association(String name) {
        Accounts.Account account = accounts.withRole(Role.ASSOCIATION_USER);
        as(account, () -> desk.saveAssociation(new AssociationDesk.AssociationProfile(corporateNumber(), name,
                AssociationKind.INDUSTRY_ASSOCIATION, "代表 太郎", "https://assoc.example.org", "info@assoc.example.org")));
        return account;
    }

    public Accounts.Account officer() {
        return accounts.withRole(Role.REGISTRY_OFFICER);
    }

    public record Drafted(UUID guidelineId, UUID declarationId, String registrationNo) {}

    /** A guideline whose version is dated {@code versionDatedOn}, with a complete draft declaration on it. */
    public Drafted draft(Accounts.Account association, String title, LocalDate versionDatedOn) {
        return as(association, () -> {
            UUID g = desk.registerGuideline(new AssociationDesk.NewGuideline(GuidelineKind.GUIDELINE,
                    ServiceCategory.ESTHETICS, title, "エステティックサロン", "https://assoc.example.org/guideline",
                    "第1版", versionDatedOn, "https://assoc.example.org/guideline.pdf"));
            GuidelineDetail detail = desk.myGuideline(g).orElseThrow();
            UUID d = desk.startDeclaration(g, detail.versions().get(0).id(), FormType.FORM_1_ASSOCIATION, "2025");
            return new Drafted(g, d, detail.registrationNo());
        });
    }

    public AssociationDesk.DraftInput completeInput() {
        Map<UUID, AnswerInput> answers = new HashMap<>();
        desk.checklist("2025").forEach(i -> answers.put(i.id(), new AnswerInput(Answer.YES, "https://assoc.example.org/e/" + i.code())));
        return new AssociationDesk.DraftInput(FormType.FORM_1_ASSOCIATION, "2025", "山田 一郎", "会長", true, answers);
    }

    public long version(Accounts.Account association, UUID declarationId) {
        return as(association, () -> desk.myDeclaration(declarationId).orElseThrow().declaration().version());
    }

    public void submit(Accounts.Account association, UUID declarationId) {
        as(association, () -> desk.saveAndSubmit(declarationId, version(association, declarationId), completeInput()));
    }

    public void decide(Accounts.Account officer, UUID declarationId, RegistryReview.RegistryAction action, String reason) {
        as(officer, () -> review.decide(declarationId,
                review.registryDeclaration(declarationId).orElseThrow().declaration().version(), action, reason));
    }

    /** Drafted, submitted and listed today. */
    public Drafted listed(Accounts.Account association, Accounts.Account officer, String title) {
        Drafted drafted = draft(association, title, LocalDate.now().minusMonths(2));
        submit(association, drafted.declarationId());
        decide(officer, drafted.declarationId(), RegistryReview.RegistryAction.LIST, null);
        return drafted;
    }

    /** A valid 法人番号: twelve random digits and their check digit. */
    public static String corporateNumber() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            body.append(ThreadLocalRandom.current().nextInt(10));
        }
        int sum = 0;
        for (int n = 1; n <= 12; n++) {
            sum += (body.charAt(12 - n) - '0') * (n % 2 == 1 ? 1 : 2);
        }
        return (9 - sum % 9) + body.toString();
    }

    public static String unique(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    public UUID associationTenant() {
        return accounts.tenant(TenantKind.ASSOCIATION);
    }
}
