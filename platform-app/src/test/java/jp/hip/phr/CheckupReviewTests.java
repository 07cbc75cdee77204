package jp.hip.phr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.LocalDate;
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
import jp.hip.phr.checkup.CheckupRecords;
import jp.hip.phr.checkup.CheckupReviews;
import jp.hip.phr.checkup.file.CdaCheckupWriter;
import jp.hip.phr.checkup.file.CheckupArchiveWriter;

/** 要確認: a flagged checkup is listed for the insurer, confirmed as it stands once, and only by its own insurer. */
@PlatformTest
class CheckupReviewTests {

    @Autowired CheckupRecords checkups;
    @Autowired CheckupReviews reviews;
    @Autowired Accounts accounts;
    @Autowired JdbcClient jdbc;
    @Autowired MockMvc mvc;

    Accounts.Account staff;
    Accessor insurer;

    static String file(String number, double waist, LocalDate date) {
        return CdaCheckupWriter.checkup("06130012", "確01", number, "00").person("テスト", "カクニン", "1", LocalDate.of(1965, 5, 5))
                .on(date).number("9N016160100000001", waist).number("9N011000000000001", 24.0)
                .number("9A751000000000001", 120).number("9A761000000000001", 80).toXml();
    }

    @BeforeEach
    void setUp() {
        staff = accounts.withRole(Role.INSURER_STAFF);
        insurer = Accessor.tenant(staff.tenantId(), staff.userId().toString(), "保健師", Accessor.Channel.PAGE);
        checkups.registerInsurerNumber(insurer, "06130012");
        CheckupArchiveWriter archive = new CheckupArchiveWriter("6631111116", "06130012", LocalDate.of(2024, 7, 1))
                .add(file("101", 250, LocalDate.of(2024, 6, 1)))   // 腹囲 250 cm: outside 40–200, stored and flagged
                .add(file("102", 85.0, LocalDate.of(2024, 6, 2))); // nothing to review
        assertThat(checkups.importUpload(insurer, archive.zipName(), archive.toZip()).review()).isEqualTo(1);
    }

    UUID checkupOf(String number) {
        return jdbc.sql("""
                select c.id from phr_checkup c join phr_membership m on m.person_id = c.person_id and m.tenant_id = c.tenant_id
                 where c.tenant_id = ? and m.insured_number = ?""").params(staff.tenantId(), number).query(UUID.class).single();
    }

    @Test
    @DisplayName("要確認の結果だけが一覧に出て、このまま確認済みにすると一覧から消え、誰がいつ確認したかが残る")
    void aFlaggedCheckupIsListedAndConfirmedOnce() {
        var pending = reviews.pending(insurer, 50);
        assertThat(pending).hasSize(1);
        assertThat(pending.get(0).items()).singleElement().satisfies(item -> {
            assertThat(item.name()).startsWith("腹囲");
            assertThat(item.value()).contains("250");
            assertThat(item.reason()).isEqualTo("phr.review.outsideRange");
        });
        assertThat(jdbc.sql("select basis from phr_access_log where action = 'CheckupReview.read' and person_id = ?")
                .param(pending.get(0).personId()).query(String.class).list()).containsExactly("STATUTE_INSURER");

        UUID checkup = pending.get(0).checkupId();
        reviews.confirm(insurer, checkup);
        assertThat(reviews.pending(insurer, 50)).isEmpty();
        assertThat(jdbc.sql("select reviewed_by from phr_checkup where id = ?").param(checkup).query(String.class).single())
                .isEqualTo("保健師");
        assertThatThrownBy(() -> reviews.confirm(insurer, checkup)).isInstanceOfSatisfying(PhrException.class,
                e -> assertThat(e.kind()).isEqualTo(PhrException.Kind.CONFLICT));
        // a checkup with nothing to review cannot be "confirmed"
        assertThatThrownBy(() -> reviews.confirm(insurer, checkupOf("102"))).isInstanceOfSatisfying(PhrException.class,
                e -> assertThat(e.kind()).isEqualTo(PhrException.Kind.NOT_FOUND));
    }

    @Test
    @DisplayName("他の保険者は一覧にも確認にも届かない（404、何も変わらない）")
    void anotherInsurerCannotSeeOrConfirm() throws Exception {
        UUID checkup = checkupOf("101");
        var other = accounts.withRole(Role.INSURER_STAFF);
        Accessor otherInsurer = Accessor.tenant(other.tenantId(), other.userId().toString(), "他", Accessor.Channel.PAGE);
        assertThat(reviews.pending(otherInsurer, 50)).isEmpty();
        var session = Accounts.signIn(mvc, other.email());
        assertThat(mvc.perform(post("/insurer/checkups/review/" + checkup + "/confirm").cookie(session).with(csrf()))
                .andReturn().getResponse().getStatus()).isEqualTo(404);
        assertThat(jdbc.sql("select reviewed_at is null from phr_checkup where id = ?").param(checkup).query(Boolean.class).single())
                .isTrue();
    }

    @Test
    void thePageListsConfirmsAndSaysSo() throws Exception {
        var session = Accounts.signIn(mvc, staff.email());
        String page = mvc.perform(get("/insurer/checkups/review").cookie(session)).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("要確認の健診結果", "テスト カクニン", "腹囲", "入力範囲外", "このまま確認済みにする", "data-confirm");
        UUID checkup = checkupOf("101");
        var result = mvc.perform(post("/insurer/checkups/review/" + checkup + "/confirm").cookie(session).with(csrf())).andReturn();
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/insurer/checkups/review");
        assertThat(result.getFlashMap().get("done")).isEqualTo("phr.review.confirmed");
        assertThat(mvc.perform(get("/insurer/checkups/review").cookie(session)).andReturn().getResponse().getContentAsString())
                .contains("要確認の健診結果はありません。");
    }
}
