package jp.hip.phr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import jp.hip.Accounts;
import jp.hip.PlatformTest;
import jp.hip.identity.Role;
import jp.hip.phr.checkup.file.CdaCheckupWriter;
import jp.hip.phr.checkup.file.CheckupArchiveWriter;
import jp.hip.phr.checkup.CheckupRecords;
import jp.hip.phr.checkup.GuidanceTargets;

/** The 特定保健指導 対象者 list (the insurer's own members by law, logged with the basis, CSV) and the individual's 問診 and 判定 beside the values. */
@PlatformTest
class GuidanceTargetsTests {

    @Autowired MockMvc mvc;
    @Autowired Accounts accounts;
    @Autowired CheckupRecords checkups;
    @Autowired GuidanceTargets targets;
    @Autowired jp.hip.phr.persons.PhrPersons persons;
    @Autowired JdbcClient jdbc;

    Accounts.Account staff;
    Accessor insurer;

    static String file(String number, String given, String level, LocalDate date, boolean drug) {
        return CdaCheckupWriter.checkup("06130012", "指01", number, "00").person("テスト", given, "1", LocalDate.of(1960, 4, 2))
                .on(date).number("9N016160100000001", 93.5).number("9N011000000000001", 26.4)
                .number("9A751000000000001", 141).number("9A761000000000001", 92).number("3F015000002327101", 180)
                .number("3F070000002327101", 38).number("3D010000001926101", 104).number("3D046000001906202", 5.8)
                .answer("9N701000000000011", drug ? "1" : "2").answer("9N706000000000011", "2").answer("9N711000000000011", "2")
                .answer("9N736000000000011", "1").answer("9N501000000000011", "1").answer("9N506000000000011", level)
                .judgement("9N511000000000049", "特定保健指導の対象です。", "テスト ハナコ").toXml();
    }

    UUID person(String number) {
        return jdbc.sql("select person_id from phr_membership where tenant_id = ? and insured_number = ?")
                .params(staff.tenantId(), number).query(UUID.class).single();
    }

    @BeforeEach
    void setUp() {
        staff = accounts.withRole(Role.INSURER_STAFF);
        insurer = Accessor.tenant(staff.tenantId(), "staff", "保健師", Accessor.Channel.PAGE);
        checkups.registerInsurerNumber(insurer, "06130012");
        CheckupArchiveWriter archive = new CheckupArchiveWriter("6631111116", "06130012", LocalDate.of(2024, 7, 1))
                .add(file("1", "イチ", "1", LocalDate.of(2024, 6, 1), false))
                .add(file("2", "ニ", "2", LocalDate.of(2024, 6, 2), false))
                .add(file("3", "サン", "1", LocalDate.of(2024, 6, 3), false))
                .add(file("4", "ヨン", "3", LocalDate.of(2024, 6, 4), true))
                .add(file("1", "イチ", "2", LocalDate.of(2023, 6, 1), false));
        assertThat(checkups.importUpload(insurer, archive.zipName(), archive.toZip()).imported()).isEqualTo(5);
    }

    @Test
    @DisplayName("年度の対象者: 自らの加入者を法令により（同意なしに）、レベル順、年度末年齢・服薬・根拠の項目つき。表示した人は根拠つきで閲覧記録に残る")
    void listsTheMembersTargetsOfTheYearByLawWithTheItemsBehindTheLevel() {
        List<GuidanceTargets.Target> list = targets.list(insurer, 2024);
        assertThat(list).extracting(GuidanceTargets.Target::nameKana).containsExactly("テスト イチ", "テスト サン", "テスト ニ");
        GuidanceTargets.Target first = list.get(0);
        assertThat(first.levelLabel()).isEqualTo("積極的支援");
        assertThat(first.age()).isEqualTo(64); // at 2025-03-31
        assertThat(first.card()).isEqualTo("指01・1・00");
        assertThat(first.bloodPressureDrug()).isEqualTo("いいえ");
        assertThat(first.waist()).isEqualTo("93.5");
        assertThat(first.bloodPressure()).isEqualTo("141/92");
        assertThat(first.hdl()).isEqualTo("38");
        assertThat(first.smoking()).isEqualTo("はい");
        assertThat(first.metabolicLabel()).isEqualTo("基準該当");
        assertThat(targets.list(insurer, 2023)).extracting(GuidanceTargets.Target::levelLabel).containsExactly("動機付け支援");
        assertThat(jdbc.sql("select count(*) from phr_access_log where action = 'GuidanceTargets.read' and person_id = ?")
                .param(person("1")).query(Long.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("select distinct basis from phr_access_log where action = 'GuidanceTargets.read' and person_id = ?")
                .param(person("3")).query(String.class).list()).containsExactly("STATUTE_INSURER");
        assertThat(jdbc.sql("select count(*) from phr_access_log where person_id = ?").param(person("4")).query(Long.class).single())
                .as("not a target, not read").isZero();
        // another insurer sees nobody
        var other = accounts.withRole(Role.INSURER_STAFF);
        assertThat(targets.list(Accessor.tenant(other.tenantId(), "o", "o", Accessor.Channel.PAGE), 2024)).isEmpty();
    }

    @Test
    void thePageAndTheCsvShowTheList() throws Exception {
        var session = Accounts.signIn(mvc, staff.email());
        String page = mvc.perform(get("/insurer/checkups/guidance?year=2024").cookie(session)).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("特定保健指導の対象者", "テスト イチ", "積極的支援", "141/92").contains("テスト サン").doesNotContain("テスト ヨン");
        byte[] csv = mvc.perform(get("/insurer/checkups/guidance/targets.csv?year=2024").cookie(session)).andReturn().getResponse()
                .getContentAsByteArray();
        String text = new String(csv, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF保健指導レベル,氏名カナ").contains("積極的支援,テスト イチ,指01・1・00,男,64,2024-06-01,基準該当,いいえ");
        assertThat(text.lines()).hasSize(4);
    }

    @Test
    @DisplayName("本人の記録: 問診の回答と判定を値の横に示す")
    void theIndividualSeesAnswersAndJudgementsBesideTheValues() throws Exception {
        var individual = accounts.withRole(Role.INDIVIDUAL);
        persons.linkIndividual(person("1"), individual.tenantId());
        var session = Accounts.signIn(mvc, individual.email());
        String page = mvc.perform(get("/me/records").cookie(session)).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("健診の結果", "問診", "喫煙", "はい", "保健指導レベル", "積極的支援", "メタボリックシンドローム判定",
                "基準該当", "特定保健指導の対象です。", "93.5 cm", "141 mmHg");
        assertThat(jdbc.sql("select count(*) from phr_access_log where action = 'Checkups.read' and person_id = ?")
                .param(person("1")).query(Long.class).single()).isOne();
    }
}
