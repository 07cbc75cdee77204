package jp.hip.demo;

import java.time.LocalDate;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import jp.hip.collabo.Actor;
import jp.hip.collabo.CollaboException;
import jp.hip.collabo.CollaboLinks;
import jp.hip.collabo.EmployerReports;
import jp.hip.collabo.GuidanceRecords;
import jp.hip.collabo.InvestmentOutcomes;
import jp.hip.identity.CurrentTenant;
import jp.hip.identity.IdentityManagement;
import jp.hip.identity.TenantKind;
import jp.hip.phr.Establishment;

/**
 * コラボヘルス demo (issue 12): さくら精機株式会社 ↔ さくら精機健康保険組合 linked with its three 事業所 as one 事業主,
 * 特定保健指導 records, three years of employer reports (FY2022–FY2024: two confirmed, the last shared with a comment
 * thread), the company's investment shared for its accounting years; 浜松物流センター grouped as a second, small
 * 事業主 whose report the insurer cannot build (under 50 eligible persons: the page says why); and a link proposed to
 * みなと商事株式会社, waiting for its acceptance. Runs after the PHR and accounting demo loaders, once.
 */
@Component
@Profile("demo")
@Order(40)
class CollaboDemoData implements ApplicationRunner {

    /** The 事業主 group of 浜松物流センター alone (about 34 members: under 50, refused). */
    static final String SMALL_GROUP = "さくら精機 浜松物流センター";

    private static final Logger log = LoggerFactory.getLogger(CollaboDemoData.class);

    private final IdentityManagement identity;
    private final CollaboLinks links;
    private final EmployerReports reports;
    private final GuidanceRecords guidance;
    private final InvestmentOutcomes investments;
    private final JdbcClient jdbc;

    CollaboDemoData(IdentityManagement identity, CollaboLinks links, EmployerReports reports, GuidanceRecords guidance,
            InvestmentOutcomes investments, JdbcClient jdbc) {
        this.identity = identity;
        this.links = links;
        this.reports = reports;
        this.guidance = guidance;
        this.investments = investments;
        this.jdbc = jdbc;
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
        Optional<UUID> insurer = identity.tenantNamed(DemoData.INSURER).map(t -> t.id());
        Optional<UUID> company = identity.tenantNamed(DemoData.COMPANY).map(t -> t.id());
        Optional<UUID> small = identity.tenantNamed(DemoData.OTHER_COMPANY).map(t -> t.id());
        if (insurer.isEmpty() || company.isEmpty() || small.isEmpty()
                || jdbc.sql("select count(*) from collabo_link").query(Integer.class).single() > 0) {
            log.info("Collabo-health demo data is present already (or the demo tenants are missing)");
            return;
        }
        Actor kenpo = new Actor(insurer.get(), TenantKind.INSURER, "demo", "田中 健");
        Actor hr = new Actor(company.get(), TenantKind.COMPANY, "demo", "佐藤 花子");
        UUID link = links.propose(kenpo, company.get().toString());
        links.accept(hr, link);
        links.nameEstablishments(hr, link, PhrDemoData.ESTABLISHMENTS.stream().map(Establishment::number).toList());

        // 浜松物流センター as its own 事業主: too few eligible persons for a report (the insurer's page says why)
        links.groupEstablishments(kenpo, link, java.util.Map.of(PhrDemoData.ESTABLISHMENTS.get(2).number(), SMALL_GROUP));
        guidanceRecords(kenpo, insurer.get());
        String group = DemoData.COMPANY;
        for (int year = 2022; year <= 2024; year++) {
            UUID report = reports.build(kenpo, link, group, year);
            reports.share(kenpo, report);
            if (year < 2024) {
                reports.acknowledge(hr, report);
            } else {
                reports.comment(hr, link, report, "risks", "肥満と血圧の割合が保険者平均より高いようです。工場の夜勤者向けの施策を一緒に検討できますか。");
                reports.comment(kenpo, link, report, "risks", "承知しました。静岡工場での特定保健指導の就業時間内実施を来年度の保健事業計画に入れる方向で検討します。");
                reports.comment(hr, link, report, null, "ありがとうございます。健康投資の概要も共有しましたので、あわせてご覧ください。");
            }
        }
        int shared = 0;
        int current = jp.hip.accounting.FiscalYear.current().startYear();
        for (int year = current - 2; year <= current; year++) {
            int y = year;
            try {
                CurrentTenant.runAs(company.get(), () -> {
                    investments.share(hr, link, y);
                    return null;
                });
                shared++;
            } catch (CollaboException e) {
                log.info("Collabo-health demo: no investment to share for {}", y);
            }
        }

        // みなと商事: the insurer has proposed a link that the company has not accepted yet
        links.propose(kenpo, small.get().toString());
        log.info("Collabo-health demo: linked {}, 3 reports, investment shared for {} years; proposed to {}", DemoData.COMPANY,
                shared, DemoData.OTHER_COMPANY);
    }

    /** About one in eight members a 特定保健指導 target each year, most of them completing it. */
    private void guidanceRecords(Actor kenpo, UUID insurer) {
        java.util.List<String> numbers = jdbc.sql("""
                select insured_number from phr_membership where tenant_id = ? and kind = 'INSURED' and insured_symbol = '健001'
                 order by insured_number""").param(insurer).query(String.class).list();
        Random random = new Random(12);
        for (int year = 2021; year <= 2024; year++) {
            for (String number : numbers) {
                if (random.nextInt(8) != 0) {
                    continue;
                }
                boolean completed = random.nextInt(10) < 7 + (year - 2021) / 2;
                guidance.record(kenpo, new GuidanceRecords.Entry(year, "健001", number,
                        random.nextBoolean() ? GuidanceRecords.Level.MOTIVATIONAL : GuidanceRecords.Level.INTENSIVE,
                        LocalDate.of(year, 9, 1), completed ? LocalDate.of(year + 1, 3, 1) : null));
            }
        }
    }
}
