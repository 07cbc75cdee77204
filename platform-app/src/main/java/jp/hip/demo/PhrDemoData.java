package jp.hip.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import jp.hip.identity.apiclients.ApiCredentialIssuer;
import jp.hip.identity.CurrentTenant;
import jp.hip.identity.IdentityManagement;
import jp.hip.phr.Accessor;
import jp.hip.phr.DataCategory;
import jp.hip.phr.Establishment;
import jp.hip.phr.ObservationCode;
import jp.hip.phr.access.PhrConsents;
import jp.hip.phr.checkup.CheckupRecords;
import jp.hip.phr.checkup.file.CdaCheckupWriter;
import jp.hip.phr.checkup.file.CheckupArchiveWriter;
import jp.hip.phr.medication.PhrMedications;
import jp.hip.phr.observations.BulkIngest;
import jp.hip.phr.invitations.MemberInvitations;
import jp.hip.phr.persons.PhrPersons;

/**
 * PHR demo data: 240 insured persons of the demo insurer with four years of 特定健診 (FY2021–FY2024), loaded
 * through the real XML import (so originals exist for export); every one of them an employee of さくら精機 at one
 * of its three 事業所, with a year of daily life-log (steps, weekly home weight and blood pressure) from the
 * employer's health app through the bulk path; 山田 太郎 linked to his person, with consents for the insurer
 * (checkups) and the employer (life-log); and a FHIR API client with the README's credentials.
 * Idempotent: skipped when the insurer has members.
 */
@Component
@Profile("demo")
@Order(30)
class PhrDemoData implements ApplicationRunner {

    static final String FHIR_CLIENT_ID = "demo-phr-fhir";
    static final String FHIR_CLIENT_SECRET = "demo-fhir-secret-2026";
    static final int PERSONS = 240;
    static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    /** The printed invitation of the README (ADR 0043): スズキ ショウタ, 健001 2000002 枝番 00, born 1972-07-09. */
    static final String JOIN_CODE = "SAKU-RAKE-NP26";
    static final String JOIN_NUMBER = "2000002";

    private static final Logger log = LoggerFactory.getLogger(PhrDemoData.class);

    private final IdentityManagement identity;
    private final PhrPersons persons;
    private final CheckupRecords checkups;
    private final PhrConsents consents;
    private final PhrMedications medications;
    private final BulkIngest bulk;
    private final ApiCredentialIssuer issuer;
    private final MemberInvitations invitations;

    PhrDemoData(IdentityManagement identity, PhrPersons persons, CheckupRecords checkups, PhrConsents consents,
            PhrMedications medications, BulkIngest bulk, ApiCredentialIssuer issuer, MemberInvitations invitations) {
        this.invitations = invitations;
        this.identity = identity;
        this.persons = persons;
        this.checkups = checkups;
        this.consents = consents;
        this.medications = medications;
        this.bulk = bulk;
        this.issuer = issuer;
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
        Optional<UUID> personal = identity.tenantNamed(DemoData.PERSON).map(t -> t.id());
        Optional<UUID> company = identity.tenantNamed(DemoData.COMPANY).map(t -> t.id());
        if (insurer.isEmpty() || personal.isEmpty() || company.isEmpty() || persons.memberCount(insurer.get()) > 0) {
            log.info("PHR demo data is present already (or the demo tenants are missing)");
            return;
        }
        long started = System.currentTimeMillis();
        Accessor insurerAccessor = Accessor.tenant(insurer.get(), "demo-loader", "デモデータ", Accessor.Channel.PAGE);
        Random random = new Random(30);
        int[] base = new int[PERSONS];
        checkups.registerInsurerNumber(insurerAccessor, "06130012");
        for (int year = 2021; year <= 2024; year++) {
            Random people = new Random(300);
            CheckupArchiveWriter archive = new CheckupArchiveWriter("6631111116", "06130012", LocalDate.of(year, 7, 1)).withClaims();
            for (int i = 0; i < PERSONS; i++) {
                Person p = Person.of(i, people);
                archive.add(checkupXml(p, LocalDate.of(year, 6, 1).plusDays(i % 60), year - 2021, random));
            }
            var report = checkups.importUpload(insurerAccessor, archive.zipName(), archive.toZip());
            log.info("PHR demo checkups {}: {} imported, {} rejected", year, report.imported(), report.rejected());
        }
        UUID taro = persons.registerMember(insurer.get(), new PhrPersons.NewMember("ヤマダ", "タロウ", "ヤマダ", "タロウ",
                LocalDate.of(1975, 4, 1), "male", "06130012", "健001", "1000000"));
        persons.linkIndividual(taro, personal.get());
        consents.grantConsent(taro, insurer.get(), DataCategory.CHECKUP, LocalDate.of(2020, 4, 1), null, "demo");
        consents.grantConsent(taro, company.get(), DataCategory.LIFELOG, LocalDate.of(2020, 4, 1), null, "demo");
        medicationsOfTaro(insurerAccessor, taro);
        // Every insured person of さくら精機健康保険組合 works at one of さくら精機's 事業所, and the insurer's health app
        // sends a year of daily life-log for each of them (the bulk path, ADR 0032). The insurer supplied it (提供元);
        // the employer reads it only where the employee consented (ADR 0036).
        long lifeLogStarted = System.currentTimeMillis();
        int lifeLogRows = employeesWithLifeLog(insurer.get(), company.get(), taro, random);
        log.info("PHR demo life-log: {} observations for {} persons in {} ms", lifeLogRows, PERSONS,
                System.currentTimeMillis() - lifeLogStarted);
        // Most members have consented to their insurer reading their checkups; about one in six has not.
        for (UUID member : persons.memberIds(insurer.get())) {
            if (!member.equals(taro) && random.nextInt(6) != 0) {
                consents.grantConsent(member, insurer.get(), DataCategory.CHECKUP, LocalDate.of(2020, 4, 1), null, "demo");
            }
        }

        // a member who has not joined yet, with a printed invitation (README: sign up at /join)
        invitations.inviteWithKnownCode(insurerAccessor, new MemberInvitations.InviteRequest("健001", JOIN_NUMBER, "00",
                MemberInvitations.Delivery.PRINT, null), JOIN_CODE);
        CurrentTenant.runAsSystem(() -> identity.registerApiClient(insurer.get(), "PHR連携 (FHIR)",
                Set.of("system/Patient.rs", "system/Patient.c", "system/Observation.rs", "system/Observation.c",
                        "system/Observation.u", "system/Consent.rs", "system/Consent.c",
                        "system/MedicationStatement.rs", "system/MedicationStatement.c"),
                new FixedCredentials(issuer, FHIR_CLIENT_ID, FHIR_CLIENT_SECRET)));
        log.info("PHR demo data loaded in {} ms: {} persons, FHIR client {}", System.currentTimeMillis() - started,
                persons.memberCount(insurer.get()), FHIR_CLIENT_ID);
    }

    /**
     * 山田 太郎's 薬剤情報 as his insurer holds it (from レセプト, ADR 0035): three MedicationStatements over the last
     * year, coded in YJ and HOT9 (the codes of JP Core's own examples), with his consent for the insurer to read them.
     */
    private void medicationsOfTaro(Accessor insurerAccessor, UUID taro) {
        consents.grantConsent(taro, insurerAccessor.tenantId(), DataCategory.MEDICATION, LocalDate.of(2020, 4, 1), null, "demo");
        LocalDate today = LocalDate.now(JAPAN);
        record Drug(String yj, String hot9, String name, int monthsAgo, int days, org.hl7.fhir.r4.model.MedicationStatement.MedicationStatementStatus status) {}
        List<Drug> drugs = List.of(
                new Drug("2233002F1280", "103831601", "カルボシステイン錠250mg", 11, 14, org.hl7.fhir.r4.model.MedicationStatement.MedicationStatementStatus.COMPLETED),
                new Drug("2456001F1310", "105271807", "プレドニン錠5mg", 6, 7, org.hl7.fhir.r4.model.MedicationStatement.MedicationStatementStatus.COMPLETED),
                new Drug("2233002F1280", "103831601", "カルボシステイン錠250mg", 1, 60, org.hl7.fhir.r4.model.MedicationStatement.MedicationStatementStatus.ACTIVE));
        for (int i = 0; i < drugs.size(); i++) {
            Drug drug = drugs.get(i);
            LocalDate start = today.minusMonths(drug.monthsAgo());
            var statement = new org.hl7.fhir.r4.model.MedicationStatement();
            statement.addIdentifier().setSystem("urn:demo:medication").setValue("taro-" + (i + 1));
            statement.setStatus(drug.status());
            statement.getMedicationCodeableConcept().setText(drug.name())
                    .addCoding(new Coding("urn:oid:1.2.392.100495.20.1.73", drug.yj(), drug.name()))
                    .addCoding(new Coding("urn:oid:1.2.392.200119.4.403.1", drug.hot9(), drug.name()));
            statement.setSubject(new Reference("Patient/" + taro));
            statement.setEffective(new org.hl7.fhir.r4.model.Period()
                    .setStartElement(new DateTimeType(start.toString()))
                    .setEndElement(new DateTimeType(start.plusDays(drug.days()).toString())));
            medications.createMedicationStatement(insurerAccessor, statement, Optional.empty());
        }
    }

    /** The 事業所 of さくら精機 (demo): 雇用保険 事業所番号 and name; 本社 first (山田 太郎 works there). */
    static final List<Establishment> ESTABLISHMENTS = List.of(new Establishment("1301-512345-1", "本社"),
            new Establishment("2201-612345-2", "静岡工場"), new Establishment("2202-712345-3", "浜松物流センター"));

    /** Persons per bulk request of the demo loader (about 10,000 observations each). */
    static final int LIFELOG_PERSONS_PER_REQUEST = 20;

    /**
     * Registers every insured person as an employee of the company at one of its 事業所 and ingests a year of daily
     * steps, weekly home weight and blood pressure for each, as the insurer's health app sends them: through
     * {@link BulkIngest#bulkIngestObservations(Accessor, Iterable)} (the rules, row mapping and COPY of
     * {@code $bulk-ingest}, ADR 0032). Values vary per person (seeded by the person's index). About half of the
     * persons (and 山田 太郎) consent to the employer reading their life-log.
     *
     * @return the number of observations stored
     */
    private int employeesWithLifeLog(UUID insurer, UUID company, UUID taro, Random random) {
        Accessor app = Accessor.tenant(insurer, "health-app", "健康アプリ", Accessor.Channel.API);
        LocalDate today = LocalDate.now(JAPAN);
        Random people = new Random(300);
        List<Observation> request = new ArrayList<>();
        int stored = 0;
        for (int i = 0; i < PERSONS; i++) {
            Person p = Person.of(i, people);
            UUID person = i == 0 ? taro : persons.registerMember(insurer, new PhrPersons.NewMember(p.familyKana(), p.givenKana(),
                    p.familyKana(), p.givenKana(), p.birth(), p.male() ? "male" : "female", "06130012", "健001", p.insuredNumber()));
            persons.registerEmployee(company, person, ESTABLISHMENTS.get(i == 0 ? 0 : i % 7 < 3 ? 0 : i % 7 < 6 ? 1 : 2));
            if (i != 0 && random.nextInt(2) == 0) {
                consents.grantConsent(person, company, DataCategory.LIFELOG, LocalDate.of(2020, 4, 1), null, "demo");
            }
            lifeLog(request, p, person, today);
            if ((i + 1) % LIFELOG_PERSONS_PER_REQUEST == 0 || i == PERSONS - 1) {
                stored += bulk.bulkIngestObservations(app, request);
                request.clear();
            }
        }
        return stored;
    }

    /** One person's year of daily steps and weekly home weight and blood pressure. */
    static void lifeLog(List<Observation> out, Person p, UUID person, LocalDate today) {
        Random r = new Random(1000L + p.index());
        int stepsBase = p.index() == 0 ? 6500 : 3500 + r.nextInt(6500);
        int weekend = p.index() == 0 ? 2500 : -1500 + r.nextInt(4500);
        double weight = p.bmi() * p.height() / 100 * p.height() / 100;
        double trend = r.nextGaussian() * 0.03;
        for (int d = 365; d >= 1; d--) {
            LocalDate day = today.minusDays(d);
            double season = 1 + 0.08 * Math.cos((day.getDayOfYear() - 120) / 365.0 * 2 * Math.PI);
            double steps = (stepsBase + (day.getDayOfWeek().getValue() >= 6 ? weekend : 0)) * season
                    * (1 + r.nextGaussian() * 0.22) * (r.nextInt(20) == 0 ? 0.35 : 1);
            out.add(observation(person, "41950-7", BigDecimal.valueOf(Math.max(300, Math.round(steps))), "/d", day, p.index() + "-steps-" + day));
            if (d % 7 == 0) {
                weight += trend + (r.nextDouble() - 0.5) * 0.5;
                int sbp = (int) Math.round(p.sbp() + r.nextGaussian() * 6);
                int dbp = (int) Math.round(sbp * 0.62 + r.nextGaussian() * 4);
                out.add(observation(person, "29463-7", new BigDecimal(one(weight)), "kg", day, p.index() + "-weight-" + day));
                out.add(observation(person, "8480-6", BigDecimal.valueOf(sbp), "mm[Hg]", day, p.index() + "-sbp-" + day));
                out.add(observation(person, "8462-4", BigDecimal.valueOf(dbp), "mm[Hg]", day, p.index() + "-dbp-" + day));
            }
        }
    }

    private static Observation observation(UUID person, String loinc, BigDecimal value, String unit, LocalDate day, String id) {
        Observation o = new Observation();
        o.addIdentifier().setSystem("urn:demo:health-app").setValue(id);
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.getCode().addCoding(new Coding(ObservationCode.LOINC, loinc, null));
        o.setSubject(new Reference("Patient/" + person));
        o.setEffective(new DateTimeType(day + "T21:00:00+09:00"));
        o.setValue(new Quantity().setValue(value).setUnit(unit).setSystem(ObservationCode.UCUM).setCode(unit));
        return o;
    }

    record Person(int index, String insuredNumber, String familyKana, String givenKana, boolean male, LocalDate birth,
            double height, double bmi, int sbp, int ldl, double hba1c) {

        static final String[] FAMILY = {"サトウ", "スズキ", "タカハシ", "タナカ", "イトウ", "ワタナベ", "ヤマモト", "ナカムラ", "コバヤシ", "カトウ"};
        static final String[] MALE = {"ヒロシ", "タケシ", "ケンジ", "マコト", "ダイスケ", "ショウタ"};
        static final String[] FEMALE = {"ユミ", "アヤ", "ハナコ", "ミサキ", "ヨウコ", "サクラ"};

        static Person of(int i, Random r) {
            if (i == 0) { // 山田 太郎, the demo individual: LDL and blood pressure drifting above the thresholds
                r.nextInt();
                return new Person(0, "1000000", "ヤマダ", "タロウ", true, LocalDate.of(1975, 4, 1), 171.2, 24.6, 126, 132, 5.5);
            }
            boolean male = r.nextInt(100) < 62;
            LocalDate birth = LocalDate.of(1952 + r.nextInt(30), 1 + r.nextInt(12), 1 + r.nextInt(28));
            double height = male ? 160 + r.nextGaussian() * 6 + 12 : 148 + r.nextGaussian() * 5 + 10;
            return new Person(i, String.valueOf(2000001 + i), FAMILY[r.nextInt(FAMILY.length)],
                    (male ? MALE : FEMALE)[r.nextInt(6)], male, birth, height, 20 + Math.abs(r.nextGaussian() * 3.5),
                    112 + r.nextInt(30), 95 + r.nextInt(60), 5.0 + r.nextInt(10) / 10.0);
        }
    }

    /**
     * A 特定健診 file (CDA R2, hc08) for one person and year, written by the platform's own writer: the 基本的な健診
     * values, 尿 (CO), 採血時間, the 22 問診 answers (第4期), 服薬, メタボリックシンドローム判定 and 保健指導レベル by the
     * 階層化 of the 標準的な健診・保健指導プログラム (令和6年度版), and 医師の判断. Invented persons only.
     */
    static String checkupXml(Person p, LocalDate date, int yearIndex, Random r) {
        double bmi = p.bmi() + yearIndex * 0.15 + r.nextGaussian() * 0.4;
        double weight = bmi * p.height() / 100 * p.height() / 100;
        double waist = 62 + bmi * 1.05 + (p.male() ? 4 : 0) + r.nextGaussian() * 2;
        int sbp = p.sbp() + yearIndex + (int) (r.nextGaussian() * 6);
        int dbp = (int) (sbp * 0.62 + r.nextGaussian() * 4);
        int tg = 60 + r.nextInt(140);
        int hdl = 38 + r.nextInt(45);
        BigDecimal hba1c = new BigDecimal(one(p.hba1c() + yearIndex * 0.05 + r.nextGaussian() * 0.1));
        boolean smoker = p.index() != 0 && r.nextInt(5) == 0;
        boolean bpDrug = p.index() != 0 && sbp >= 140 && r.nextInt(2) == 0;
        // 階層化: step 1 腹囲 (男85/女90) or BMI 25; step 2 the risks (喫煙 counts only beside another); 服薬中 is not
        // a target; from 65 (at the end of the 年度) 積極的支援 becomes 動機付け支援.
        boolean waistHigh = waist >= (p.male() ? 85 : 90);
        int health = (sbp >= 130 || dbp >= 85 ? 1 : 0) + (tg >= 150 || hdl < 40 ? 1 : 0)
                + (hba1c.compareTo(new BigDecimal("5.6")) >= 0 ? 1 : 0);
        int risks = health + (smoker && health > 0 ? 1 : 0);
        int age = java.time.Period.between(p.birth(), LocalDate.of(date.getYear() + (date.getMonthValue() >= 4 ? 1 : 0), 3, 31)).getYears();
        String level;
        if (bpDrug || (!waistHigh && bmi < 25) || risks == 0) {
            level = "3";
        } else if ((waistHigh && risks >= 2) || (!waistHigh && risks >= 3)) {
            level = age >= 65 ? "2" : "1";
        } else {
            level = "2";
        }
        String metabolic = waistHigh && health >= 2 ? "1" : waistHigh && health == 1 ? "2" : "3";
        CdaCheckupWriter w = CdaCheckupWriter.checkup("06130012", "健001", p.insuredNumber(), "00")
                .person(p.familyKana(), p.givenKana(), p.male() ? "1" : "2", p.birth()).on(date)
                .institution("1311234567", "さくら健診センター")
                .number("9N001000000000001", new BigDecimal(one(p.height()))).number("9N006000000000001", new BigDecimal(one(weight)))
                .number("9N011000000000001", new BigDecimal(one(bmi)))
                .number("9N016160100000001", new BigDecimal(one(waist)), waistHigh ? "H" : "N", null, BigDecimal.valueOf(p.male() ? 85 : 90))
                .number("9A751000000000001", BigDecimal.valueOf(sbp), sbp >= 130 ? "H" : "N", null, BigDecimal.valueOf(129))
                .number("9A761000000000001", BigDecimal.valueOf(dbp), dbp >= 85 ? "H" : "N", null, BigDecimal.valueOf(84))
                .answer("9N141000000000011", "2")
                .number("3F015000002327101", BigDecimal.valueOf(tg), tg >= 150 ? "H" : "N", null, BigDecimal.valueOf(149))
                .number("3F070000002327101", BigDecimal.valueOf(hdl), hdl < 40 ? "L" : "N", BigDecimal.valueOf(40), null)
                .number("3F077000002327101", BigDecimal.valueOf(p.ldl() + yearIndex * 2 + r.nextInt(15)))
                .number("3B035000002327201", BigDecimal.valueOf(15 + r.nextInt(20)))
                .number("3B045000002327201", BigDecimal.valueOf(12 + r.nextInt(30)))
                .number("3B090000002327101", BigDecimal.valueOf(15 + r.nextInt(60)))
                .number("3D046000001906202", hba1c, hba1c.compareTo(new BigDecimal("5.6")) >= 0 ? "H" : "N", null, new BigDecimal("5.5"))
                .answer("1A020000000191111", "1").answer("1A010000000191111", r.nextInt(12) == 0 ? "2" : "1")
                .answer("9N056000000000011", "2").answer("9N061000000000011", "2").answer("9N066000000000011", "2")
                .answer("9N701000000000011", bpDrug ? "1" : "2").answer("9N706000000000011", "2").answer("9N711000000000011", "2");
        if (bpDrug) {
            w.text("9N701167000000049", "降圧薬");
        }
        w.answer("9N716000000000011", "2").answer("9N721000000000011", "2").answer("9N726000000000011", "2")
                .answer("9N731000000000011", "2").answer("9N736000000000011", smoker ? "1" : "3")
                .answer("9N741000000000011", bmi >= 25 ? "1" : "2").answer("9N746000000000011", r.nextInt(3) == 0 ? "1" : "2")
                .answer("9N751000000000011", r.nextInt(2) == 0 ? "1" : "2").answer("9N756000000000011", r.nextInt(2) == 0 ? "1" : "2")
                .answer("9N872000000000011", "1").answer("9N766000000000011", String.valueOf(1 + r.nextInt(3)))
                .answer("9N771000000000011", r.nextInt(4) == 0 ? "1" : "2").answer("9N782000000000011", String.valueOf(1 + r.nextInt(3)))
                .answer("9N781000000000011", r.nextInt(5) == 0 ? "1" : "2").answer("9N786000000000011", String.valueOf(1 + r.nextInt(8)))
                .answer("9N791000000000011", String.valueOf(1 + r.nextInt(3))).answer("9N796000000000011", r.nextInt(4) == 0 ? "2" : "1")
                .answer("9N801000000000011", String.valueOf(1 + r.nextInt(5))).answer("9N808000000000011", "2")
                .answer("9N501000000000011", metabolic).answer("9N506000000000011", level)
                .judgement("9N511000000000049", switch (level) {
                    case "1" -> "生活習慣病のリスクが重なっています。特定保健指導（積極的支援）を受けてください。";
                    case "2" -> "生活習慣の改善をおすすめします。特定保健指導（動機付け支援）を受けてください。";
                    default -> "今回の結果では特定保健指導の対象ではありません。";
                }, "サクラ イチロウ");
        return w.toXml();
    }

    private static String one(double v) {
        return BigDecimal.valueOf(v).setScale(1, RoundingMode.HALF_UP).toPlainString();
    }

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
