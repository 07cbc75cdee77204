package jp.hip.demo;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import jp.hip.identity.apiclients.ApiCredentialIssuer;
import jp.hip.identity.CurrentTenant;
import jp.hip.identity.IdentityManagement;
import jp.hip.identity.Role;
import jp.hip.identity.TenantKind;

/**
 * Demo tenants, users and an API client for the README's run command. Loaded only in the {@code demo}
 * profile, once (it checks for its own operator tenant first). The README lists every sign-in below.
 */
@Component
@Profile("demo")
@org.springframework.core.annotation.Order(0) // the modules' demo loaders (@Order 10 and up) build on these tenants
public class DemoData implements ApplicationRunner {

    public static final String PASSWORD = "demo-pass-2026";

    /**
     * The demo users whose roles require a second factor (ADR 0008), with their TOTP secrets as printed in the
     * README: a newcomer adds one to an authenticator app, or runs {@code oathtool --totp -b SECRET}.
     */
    public static final java.util.Map<String, String> TOTP_SECRETS = java.util.Map.of(
            "admin@hip.example", "HIPDEMOPLATFORMADMINISTRATORKEYA",
            "kenpo@sakura-kenpo.example", "HIPDEMOINSURERSTAFFSAKURAKENPOAA",
            "officer@meti.example", "HIPDEMOMETIOFFICERREGISTRYKEYAAA");
    public static final String OPERATOR = "健康経営プラットフォーム運営事務局";
    public static final String COMPANY = "さくら精機株式会社";
    public static final String OTHER_COMPANY = "みなと商事株式会社";
    public static final String INSURER = "さくら精機健康保険組合";
    public static final String ASSOCIATION = "一般社団法人 日本ヘルスケアサービス協会";
    public static final String METI = "経済産業省 ヘルスケア産業課";
    public static final String PERSON = "山田 太郎";

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final IdentityManagement identity;
    private final ApiCredentialIssuer issuer;
    private final jp.hip.identity.secondfactor.SecondFactors secondFactors;

    DemoData(IdentityManagement identity, ApiCredentialIssuer issuer, jp.hip.identity.secondfactor.SecondFactors secondFactors) {
        this.identity = identity;
        this.issuer = issuer;
        this.secondFactors = secondFactors;
    }

    @Override
    public void run(ApplicationArguments args) {
        // demo loading writes every tenant's rows at start-up, before any request: an explicit system-scope path
        // under row-level security (ADR 0090)
        jp.hip.identity.CurrentTenant.runAsSystem(() -> {
            load();
            return null;
        });
    }

    private void load() {
        if (identity.tenantNamed(OPERATOR).isPresent()) {
            log.info("Demo data is present already");
            return;
        }
        UUID operator = identity.registerTenant(TenantKind.PLATFORM_OPERATOR, OPERATOR, null);
        user(operator, "admin@hip.example", "運営 管理者", Role.PLATFORM_ADMIN);

        UUID company = identity.registerTenant(TenantKind.COMPANY, COMPANY, "4010001234567");
        user(company, "hr@sakura-seiki.example", "佐藤 花子", Role.HR_STAFF, Role.TENANT_ADMIN);
        user(company, "exec@sakura-seiki.example", "鈴木 一郎", Role.COMPANY_VIEWER);

        UUID otherCompany = identity.registerTenant(TenantKind.COMPANY, OTHER_COMPANY, "1011001098765");
        user(otherCompany, "hr@minato-shoji.example", "高橋 美咲", Role.HR_STAFF, Role.TENANT_ADMIN);

        UUID insurer = identity.registerTenant(TenantKind.INSURER, INSURER, null);
        user(insurer, "kenpo@sakura-kenpo.example", "田中 健", Role.INSURER_STAFF, Role.TENANT_ADMIN);

        UUID association = identity.registerTenant(TenantKind.ASSOCIATION, ASSOCIATION, "9012301112233");
        user(association, "staff@jhsa.example", "伊藤 由美", Role.ASSOCIATION_USER, Role.TENANT_ADMIN);

        UUID meti = identity.registerTenant(TenantKind.REGISTRY_OPERATOR, METI, "7000012050002");
        user(meti, "officer@meti.example", "渡辺 誠", Role.REGISTRY_OFFICER, Role.TENANT_ADMIN);

        UUID person = identity.registerTenant(TenantKind.PERSONAL, PERSON, null);
        user(person, "taro@example.jp", "山田 太郎", Role.INDIVIDUAL);

        var client = CurrentTenant.runAsSystem(() -> identity.registerApiClient(insurer, "さくら精機健保 基幹システム",
                Set.of("users.read", "users.write", "phr.checkups.write", "collabo.read"), new FixedCredentials(issuer, "demo-insurer-system", "demo-secret-2026")));
        // the company's accounting system (README: "API clients"): 健康投資管理会計 read and write
        var accountingClient = CurrentTenant.runAsSystem(() -> identity.registerApiClient(company, "さくら精機 会計システム",
                Set.of("accounting.read", "accounting.write"),
                new FixedCredentials(issuer, "demo-company-accounting", "demo-accounting-secret-2026")));
        log.info("Demo data loaded: 8 tenants, 9 users, API clients {} and {}", client.client().clientId(),
                accountingClient.client().clientId());
    }

    private void user(UUID tenant, String email, String name, Role... roles) {
        UUID id = identity.registerActiveUser(tenant, email, name, EnumSet.of(roles[0], roles), PASSWORD);
        if (TOTP_SECRETS.containsKey(email)) {
            secondFactors.enrolKnownSecret(id, TOTP_SECRETS.get(email));
        }
    }

    /** Hands the issuer the README's fixed demo credentials instead of random ones. */
    private record FixedCredentials(ApiCredentialIssuer issuer, String clientId, String secret) implements ApiCredentialIssuer {
        @Override
        public Set<String> availableScopes() {
            return issuer.availableScopes();
        }

        @Override
        public Credentials issue(UUID tenantId, String name, Set<String> scopes) {
            return issuer.issue(tenantId, name, scopes, new Credentials(clientId, secret));
        }

        @Override
        public Credentials issue(UUID tenantId, String name, Set<String> scopes, Credentials chosen) {
            return issuer.issue(tenantId, name, scopes, chosen);
        }
    }
}
