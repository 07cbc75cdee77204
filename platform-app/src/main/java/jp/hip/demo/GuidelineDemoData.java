package jp.hip.demo;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import jp.hip.guidelines.association.AssociationKind;
import jp.hip.guidelines.declarations.DeclarationStatus;
import jp.hip.guidelines.guideline.GuidelineKind;
import jp.hip.guidelines.guideline.ServiceCategory;
import jp.hip.guidelines.seeding.GuidelineSeeding;
import jp.hip.guidelines.seeding.Seed;
import jp.hip.identity.IdentityManagement;
import jp.hip.identity.TenantKind;

/**
 * Demo entries of the guideline registry: ten associations (the demo one, whose user can sign in, and nine
 * more), about forty declarations in every status, dated relative to today so that the list, the reminders
 * and the expiry look the same whenever the demo runs. The organisations are fictitious. Loaded once.
 */
@Component
@Profile("demo")
@Order(10)
class GuidelineDemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(GuidelineDemoData.class);

    private final IdentityManagement identity;
    private final GuidelineSeeding seeding;
    private final JdbcClient jdbc;

    GuidelineDemoData(IdentityManagement identity, GuidelineSeeding seeding, JdbcClient jdbc) {
        this.identity = identity;
        this.seeding = seeding;
        this.jdbc = jdbc;
    }

    private record Body(String name, AssociationKind kind, ServiceCategory category, String site, String[] titles) {}

    private static final List<Body> BODIES = List.of(
            new Body("特定非営利活動法人 日本エステティック推進機構", AssociationKind.INDUSTRY_ASSOCIATION, ServiceCategory.ESTHETICS,
                    "https://esthe-suishin.example.org", new String[] {"エステティックサロン適合基準", "エステティック施術者の教育ガイドライン", "フェイシャルエステ安全指針", "痩身エステ表示ガイドライン"}),
            new Body("一般社団法人 日本リラクゼーション業振興協会", AssociationKind.INDUSTRY_ASSOCIATION, ServiceCategory.RELAXATION,
                    "https://relax-shinko.example.org", new String[] {"リラクゼーション業自主基準", "ボディケア施術の安全ガイドライン", "店舗衛生管理ガイドライン", "利用者説明ガイドライン"}),
            new Body("睡眠サービス品質コンソーシアム", AssociationKind.CONSORTIUM, ServiceCategory.SLEEP,
                    "https://sleep-quality.example.org", new String[] {"睡眠事業者向けガイドライン", "睡眠計測アプリの表示指針", "寝具の睡眠改善表示ガイドライン", "睡眠サプリメント情報提供指針"}),
            new Body("一般社団法人 家庭用健康機器協会", AssociationKind.INDUSTRY_ASSOCIATION, ServiceCategory.HOME_HEALTH_DEVICES,
                    "https://home-kenkoukiki.example.org", new String[] {"健康増進機器の評価・表示制度", "家庭用マッサージ器の安全指針", "血圧計アプリ連携ガイドライン", "温熱機器の表示ガイドライン"}),
            new Body("一般社団法人 日本フィットネス産業連合", AssociationKind.INDUSTRY_ASSOCIATION, ServiceCategory.FITNESS,
                    "https://fitness-rengo.example.org", new String[] {"フィットネスクラブ運営ガイドライン", "パーソナルトレーニング指導者基準", "オンライン運動指導ガイドライン", "シニア向け運動教室ガイドライン"}),
            new Body("一般社団法人 訪問理美容推進協会", AssociationKind.INDUSTRY_ASSOCIATION, ServiceCategory.VISITING_BEAUTY,
                    "https://houmon-biyou.example.org", new String[] {"訪問理美容サービスガイドライン", "介護施設での理美容衛生指針", "訪問理美容の感染症対策指針", "訪問理美容従事者研修基準"}),
            new Body("一般社団法人 ヘルスツーリズム振興機構", AssociationKind.INDUSTRY_ASSOCIATION, ServiceCategory.TOURISM,
                    "https://health-tourism.example.org", new String[] {"ヘルスツーリズム品質評価基準", "温泉地健康プログラム指針", "ウォーキングツアー安全ガイドライン", "健康旅行の効果表示指針"}),
            new Body("一般社団法人 PHRサービス事業協会", AssociationKind.INDUSTRY_ASSOCIATION, ServiceCategory.PHR_APPS,
                    "https://phr-jigyo.example.org", new String[] {"PHRサービス事業者ガイドライン", "健康管理アプリの情報提供指針", "ウェアラブル連携データ取扱指針", "PHR同意取得ガイドライン"}),
            new Body("株式会社みらい栄養サービス", AssociationKind.COMPANY, ServiceCategory.FOOD_NUTRITION,
                    "https://mirai-eiyou.example.co.jp", new String[] {"食事宅配サービス栄養表示ガイドライン", "管理栄養士オンライン相談指針", "減塩メニュー表示ガイドライン", "高齢者向け配食サービス指針"}));

    /** What happens to each of a body's four guidelines, by position: a mix of every status. */
    private static final DeclarationStatus[][] PLANS = {
            {DeclarationStatus.LISTED, DeclarationStatus.EXPIRED, DeclarationStatus.SUPERSEDED, DeclarationStatus.WITHDRAWN},
            {DeclarationStatus.LISTED, DeclarationStatus.LISTED, DeclarationStatus.DELISTED, DeclarationStatus.NOT_ACCEPTED},
            {DeclarationStatus.LISTED, DeclarationStatus.SUBMITTED, DeclarationStatus.EXPIRED, DeclarationStatus.DRAFT},
    };

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
        UUID demo = identity.tenantNamed(DemoData.ASSOCIATION).orElseThrow().id();
        // present when the demo association has its entries (other registry entries, e.g. a test's, do not count)
        if (jdbc.sql("select count(*) from gl_declaration where tenant_id = ?").param(demo).query(Long.class).single() > 0) {
            log.info("Guideline demo data is present already");
            return;
        }
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Tokyo"));
        int count = 0;
        count += demoAssociation(demo, today);
        for (int b = 0; b < BODIES.size(); b++) {
            Body body = BODIES.get(b);
            UUID tenant = identity.registerTenant(TenantKind.ASSOCIATION, body.name(), null);
            String corporateNumber = corporateNumber(100000000000L + 7919L * (b + 1));
            DeclarationStatus[] plan = PLANS[b % PLANS.length];
            for (int g = 0; g < 4; g++) {
                count += entry(tenant, body, corporateNumber, body.titles()[g], plan[g], today, b * 4 + g);
            }
        }
        log.info("Guideline demo data loaded: {} declarations", count);
    }

    /** The signed-in demo association: a listing near its expiry (reminder), a valid one, one awaiting METI, a draft. */
    private int demoAssociation(UUID tenant, LocalDate today) {
        Body body = new Body(DemoData.ASSOCIATION, AssociationKind.INDUSTRY_ASSOCIATION, ServiceCategory.OTHER,
                "https://jhsa.example.org", new String[] {"ヘルスケアサービス提供事業者ガイドライン", "健康相談サービス品質基準", "健康セミナー運営指針", "健康情報発信ガイドライン"});
        String number = corporateNumber(901230111223L);
        int n = 0;
        // Logo window ends in about 100 days: the dashboard shows the 4-month reminder.
        LocalDate oldVersion = today.minusYears(2).plusDays(100);
        seeding.seed(new Seed(tenant, body.name(), number, body.kind(), null, GuidelineKind.GUIDELINE, ServiceCategory.OTHER,
                body.titles()[0], "健康相談・保健指導サービス事業者", body.site() + "/guideline", "第1版", oldVersion,
                oldVersion.plusDays(20), oldVersion.plusDays(41), null, DeclarationStatus.LISTED, null));
        n++;
        n += entry(tenant, body, number, body.titles()[1], DeclarationStatus.LISTED, today, 101);
        n += entry(tenant, body, number, body.titles()[2], DeclarationStatus.SUBMITTED, today, 102);
        n += entry(tenant, body, number, body.titles()[3], DeclarationStatus.DRAFT, today, 103);
        return n;
    }

    private int entry(UUID tenant, Body body, String corporateNumber, String title, DeclarationStatus status, LocalDate today, int i) {
        GuidelineKind kind = title.contains("制度") || title.contains("基準") ? GuidelineKind.CERTIFICATION_SCHEME : GuidelineKind.GUIDELINE;
        String url = body.site() + "/guideline/" + (i + 1);
        String target = "会員事業者";
        int spread = (i * 37) % 300;
        switch (status) {
            case EXPIRED -> {
                LocalDate version = today.minusDays(800 + spread);
                seeding.seed(seed(tenant, body, corporateNumber, null, kind, title, url, "第1版", version, version.plusDays(30),
                        version.plusDays(50), version.plusYears(2).plusDays(1), status, null));
                return 1;
            }
            case SUPERSEDED -> {
                LocalDate first = today.minusDays(700 + spread);
                UUID d1 = seeding.seed(seed(tenant, body, corporateNumber, null, kind, title, url, "第1版", first, first.plusDays(20),
                        first.plusDays(40), null, DeclarationStatus.LISTED, null));
                UUID guideline = jdbc.sql("select guideline_id from gl_declaration where id = ?").param(d1).query(UUID.class).single();
                LocalDate revised = today.minusDays(60 + spread % 30);
                seeding.seed(seed(tenant, body, corporateNumber, guideline, kind, title, url, "第2版(改訂)", revised,
                        revised.plusDays(10), revised.plusDays(25), null, DeclarationStatus.LISTED, null));
                return 2;
            }
            case SUBMITTED, DRAFT -> {
                LocalDate version = today.minusDays(20 + spread % 40);
                seeding.seed(seed(tenant, body, corporateNumber, null, kind, title, url, "第1版", version, today.minusDays(2),
                        null, null, status, null));
                return 1;
            }
            case NOT_ACCEPTED -> {
                LocalDate version = today.minusDays(120 + spread % 60);
                seeding.seed(seed(tenant, body, corporateNumber, null, kind, title, url, "第1版", version, version.plusDays(10),
                        version.plusDays(30), null, status, "個別の商品の広告であり、業界自主ガイドライン等にあたらないため"));
                return 1;
            }
            default -> {
                LocalDate version = today.minusDays(90 + spread);
                LocalDate listed = version.plusDays(40);
                String reason = switch (status) {
                    case WITHDRAWN -> "ガイドラインの全面改訂のため";
                    case DELISTED -> "ロゴマーク使用規約に反する使用が確認されたため";
                    default -> null;
                };
                seeding.seed(seed(tenant, body, corporateNumber, null, kind, title, url, "第1版", version, version.plusDays(20),
                        listed, status == DeclarationStatus.LISTED ? null : today.minusDays(5), status, reason));
                return 1;
            }
        }
    }

    private static Seed seed(UUID tenant, Body body, String corporateNumber, UUID guidelineId, GuidelineKind kind, String title,
            String url, String label, LocalDate version, LocalDate declared, LocalDate listed, LocalDate ended,
            DeclarationStatus status, String reason) {
        return new Seed(tenant, body.name(), corporateNumber, body.kind(), guidelineId, kind, body.category(), title,
                "会員事業者", url, label, version, declared, listed, ended, status, reason);
    }

    /** Twelve digits and their 法人番号 check digit in front. */
    private static String corporateNumber(long twelveDigits) {
        String body = String.format("%012d", twelveDigits % 1_000_000_000_000L);
        int sum = 0;
        for (int n = 1; n <= 12; n++) {
            sum += (body.charAt(12 - n) - '0') * (n % 2 == 1 ? 1 : 2);
        }
        return (9 - sum % 9) + body;
    }
}
