package jp.hip.phr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.servlet.FlashMap;

import jp.hip.Accounts;
import jp.hip.PlatformTest;
import jp.hip.identity.Role;
import jp.hip.phr.invitations.MemberInvitations;
import jp.hip.phr.invitations.MemberInvitations.Delivery;
import jp.hip.phr.invitations.MemberInvitations.InviteRequest;
import jp.hip.phr.persons.PhrPersons;

/**
 * Individuals join (issue 17 item 5, ADR 0043): the insurer invites a member (mail through the outbox, or a printed
 * 結果通知), the person signs up on the public page with card numbers, 生年月日 and the code, and their new account
 * is linked to their person. Codes are hashed, single use, expire and are replaced by a newer one; failures are
 * throttled by address and by member, audited, and tell nothing about who is a member; bad input writes nothing.
 */
@PlatformTest
class PhrJoinTests {

    static final java.util.Set<String> CARD = java.util.Set.of("insurerNumber", "symbol", "number", "branch", "birthDate", "code");

    @Autowired MockMvc mvc;
    @Autowired Accounts accounts;
    @Autowired PhrPersons persons;
    @Autowired MemberInvitations invitations;
    @Autowired JdbcClient jdbc;

    Accounts.Account staff;
    Accessor insurer;
    String number;
    UUID person;
    String address;

    @BeforeEach
    void setUp() {
        staff = accounts.withRole(Role.INSURER_STAFF);
        insurer = Accessor.tenant(staff.tenantId(), staff.userId().toString(), "保険者担当", Accessor.Channel.PAGE);
        // a number of its own per test: the per-member throttle is keyed on the card numbers
        number = String.valueOf(ThreadLocalRandom.current().nextLong(10_000_000L, 99_999_999L));
        person = persons.registerMember(staff.tenantId(), new PhrPersons.NewMember("加入", "花子", "カニュウ", "ハナコ",
                LocalDate.of(1980, 5, 6), "female", "06130012", "健001", number));
        address = "10." + ThreadLocalRandom.current().nextInt(256) + "." + ThreadLocalRandom.current().nextInt(256) + "."
                + ThreadLocalRandom.current().nextInt(1, 255);
    }

    String invite() {
        return invitations.invite(insurer, new InviteRequest("健001", number, "", Delivery.PRINT, null)).code();
    }

    Map<String, String> details(String code, String email) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("insurerNumber", "06130012");
        form.put("symbol", "健001");
        form.put("number", number);
        form.put("branch", "");
        form.put("birthDate", "1980-05-06");
        form.put("code", code);
        form.put("email", email);
        form.put("password", Accounts.PASSWORD);
        form.put("passwordConfirmation", Accounts.PASSWORD);
        return form;
    }

    MockHttpServletResponse signUp(Map<String, String> form) throws Exception {
        return signUp(form, address);
    }

    MockHttpServletResponse signUp(Map<String, String> form, String from) throws Exception {
        MockHttpServletRequestBuilder request = post("/join").with(csrf()).with(r -> {
            r.setRemoteAddr(from);
            return r;
        });
        // the card, 生年月日 and code are the form's nested card (card.number, …)
        form.forEach((name, value) -> request.param(CARD.contains(name) ? "card." + name : name, value));
        return mvc.perform(request).andReturn().getResponse();
    }

    static String email() {
        return "join-" + UUID.randomUUID() + "@test.example";
    }

    long users(String email) {
        return jdbc.sql("select count(*) from plat_user where lower(email) = lower(?)").param(email).query(Long.class).single();
    }

    UUID linkedTenant() {
        return jdbc.sql("select personal_tenant_id from phr_person where id = ?").param(person).query(UUID.class).optional().orElse(null);
    }

    long audited(String action, UUID tenant) {
        return jdbc.sql("select count(*) from plat_audit_event where action = ? and tenant_id is not distinct from ? and record_id = ?")
                .params(action, tenant, person.toString()).query(Long.class).single();
    }

    @Test
    void aPersonSignsUpWithFullWidthDetailsAndTheCodeAndReachesTheirRecordsWithEachHolderAndBasis() throws Exception {
        String code = invite();
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(code.replace("-", "").getBytes(StandardCharsets.UTF_8)));
        assertThat(jdbc.sql("select code_sha256 from phr_member_invitation where person_id = ?").param(person).query(String.class).single())
                .as("only the code's SHA-256 is stored").isEqualTo(hash).doesNotContain(code.replace("-", ""));
        String email = email();
        Map<String, String> form = details(code.toLowerCase().replace("-", " "), email);
        form.put("insurerNumber", "０６１３００１２");
        form.put("number", toFullWidth(number));
        form.put("symbol", "健００１");
        form.put("birthDate", "１９８０年５月６日");
        MockHttpServletResponse response = signUp(form);
        assertThat(response.getRedirectedUrl()).isEqualTo("/login?joined");
        UUID personal = linkedTenant();
        assertThat(personal).isNotNull();
        assertThat(jdbc.sql("select kind from plat_tenant where id = ?").param(personal).query(String.class).single()).isEqualTo("PERSONAL");
        assertThat(jdbc.sql("select used_by_tenant_id from phr_member_invitation where person_id = ?").param(person).query(UUID.class).single())
                .isEqualTo(personal);
        assertThat(audited("PHR_MEMBER_LINKED", staff.tenantId())).isEqualTo(1);
        assertThat(audited("PHR_MEMBER_LINKED", personal)).isEqualTo(1);

        Cookie session = Accounts.signIn(mvc, email);
        String consents = mvc.perform(get("/me/consents").cookie(session)).andReturn().getResponse().getContentAsString();
        String insurerName = jdbc.sql("select name from plat_tenant where id = ?").param(staff.tenantId()).query(String.class).single();
        assertThat(consents).contains(insurerName, "法令（高齢者医療確保法");
        // the insurer's list shows the invitation as used, never the code
        Cookie insurerSession = Accounts.signIn(mvc, staff.email());
        String list = mvc.perform(get("/insurer/members/invitations").cookie(insurerSession)).andReturn().getResponse().getContentAsString();
        assertThat(list).contains("加入 花子", "登録済み").doesNotContain(code);
    }

    static String toFullWidth(String digits) {
        StringBuilder s = new StringBuilder();
        digits.chars().forEach(c -> s.append((char) (c - '0' + '０')));
        return s.toString();
    }

    @Test
    void theInsurerPrintsTheCodeOnAResultsNoticeOnceOrSendsItThroughTheMailOutbox() throws Exception {
        Cookie session = Accounts.signIn(mvc, staff.email());
        var printed = mvc.perform(post("/insurer/members/invitations").cookie(session).with(csrf())
                .param("symbol", "健001").param("number", number).param("branch", "").param("delivery", "PRINT"))
                .andReturn();
        assertThat(printed.getResponse().getRedirectedUrl()).isEqualTo("/insurer/members/invitations/notice");
        FlashMap flash = printed.getFlashMap();
        var issued = (MemberInvitations.IssuedInvitation) flash.get("issued");
        String notice = mvc.perform(get("/insurer/members/invitations/notice").cookie(session).flashAttrs(flash))
                .andReturn().getResponse().getContentAsString();
        assertThat(notice).contains(issued.code(), "加入 花子 様", "06130012", number, "/join");
        assertThat(mvc.perform(get("/insurer/members/invitations/notice").cookie(session)).andReturn().getResponse()
                .getContentAsString()).as("shown once").doesNotContain(issued.code()).contains("一度だけ表示");

        String to = "hanako-" + UUID.randomUUID() + "@example.jp";
        var mailed = mvc.perform(post("/insurer/members/invitations").cookie(session).with(csrf())
                .param("symbol", "健001").param("number", number).param("delivery", "MAIL").param("email", to)).andReturn();
        assertThat(mailed.getResponse().getRedirectedUrl()).isEqualTo("/insurer/members/invitations");
        var mail = jdbc.sql("select purpose, subject, body from plat_mail_outbox where recipient = ?").param(to)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}).single();
        assertThat(mail[0]).isEqualTo("PHR_MEMBER_INVITATION");
        assertThat(mail[2]).contains("加入 花子 様", "/join", "招待コード / Invitation code: ");
        String mailedCode = mail[2].replaceAll("(?s).*Invitation code: ([A-Z0-9-]+).*", "$1");
        // the mailed code replaced the printed one
        assertThat(signUp(details(issued.code(), email())).getContentAsString()).contains("新しく発行されたコードに置き換えられました");
        assertThat(signUp(details(mailedCode, email())).getRedirectedUrl()).isEqualTo("/login?joined");

        // a member the insurer does not have, and another insurer's member, are refused by name on the form
        Accounts.Account other = accounts.withRole(Role.INSURER_STAFF);
        Cookie otherSession = Accounts.signIn(mvc, other.email());
        String refused = mvc.perform(post("/insurer/members/invitations").cookie(otherSession).with(csrf())
                .param("symbol", "健001").param("number", number).param("delivery", "PRINT")).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("この記号・番号・枝番の加入者はいません");
        assertThat(jdbc.sql("select count(*) from phr_member_invitation where tenant_id = ?").param(other.tenantId()).query(Long.class).single()).isZero();
        String badMail = mvc.perform(post("/insurer/members/invitations").cookie(session).with(csrf())
                .param("number", "99999999999").param("delivery", "MAIL").param("email", "not-an-address")).andReturn().getResponse().getContentAsString();
        assertThat(badMail).contains("送り先のメールアドレスを正しく入力してください");
    }

    @Test
    void theInvitationFormAnswersEmptyTooLongWrongFormatAndOutOfRangeByFieldAndIssuesNothingButTakesFullWidth() throws Exception {
        Cookie session = Accounts.signIn(mvc, staff.email());
        java.util.function.Supplier<Long> issued = () -> jdbc.sql("select count(*) from phr_member_invitation where person_id = ?")
                .param(person).query(Long.class).single();
        // empty: the number and the delivery, together, each named in the summary
        String empty = invitePage(session, "symbol", "", "number", "", "branch", "", "delivery", "", "email", "");
        assertThat(empty).contains("番号：入力してください。", "届け方：入力してください。");
        // too long, every field at once, the input kept
        String tooLong = invitePage(session, "symbol", "記".repeat(81), "number", "1".repeat(41), "branch", "1".repeat(9),
                "delivery", "MAIL", "email", "a".repeat(250) + "@x.jp");
        assertThat(tooLong).contains("記号：長すぎます。", "番号：長すぎます。", "枝番：長すぎます。", "メールアドレス：長すぎます。",
                "1".repeat(41));
        // wrong format: a delivery that is none, and a mail without an address
        assertThat(invitePage(session, "symbol", "健001", "number", number, "delivery", "FAX")).contains("届け方：形式が正しくありません。");
        assertThat(invitePage(session, "symbol", "健001", "number", number, "delivery", "MAIL", "email", "not-an-address"))
                .contains("送り先のメールアドレスを正しく入力してください");
        // out of range: a branch of three digits is the card's rule, by field
        assertThat(invitePage(session, "symbol", "健001", "number", number, "branch", "123", "delivery", "PRINT"))
                .contains("枝番は2桁の数字で入力してください");
        assertThat(issued.get()).as("nothing issued").isZero();
        // full width is the member's number as printed: accepted
        var printed = mvc.perform(post("/insurer/members/invitations").cookie(session).with(csrf())
                .param("symbol", "健００１").param("number", toFullWidth(number)).param("delivery", "PRINT")).andReturn();
        assertThat(printed.getResponse().getRedirectedUrl()).isEqualTo("/insurer/members/invitations/notice");
        assertThat(issued.get()).isEqualTo(1);
    }

    String invitePage(Cookie session, String... namesAndValues) throws Exception {
        MockHttpServletRequestBuilder request = post("/insurer/members/invitations").cookie(session).with(csrf());
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            request.param(namesAndValues[i], namesAndValues[i + 1]);
        }
        var response = mvc.perform(request).andReturn().getResponse();
        assertThat(response.getStatus()).as("answered on the form itself").isEqualTo(200);
        return response.getContentAsString();
    }

    @Test
    void aReusedCodeAnExpiredCodeAndDetailsOfNobodyAreRefusedWithTheirMessageAndNothingIsWritten() throws Exception {
        String code = invite();
        String first = email();
        assertThat(signUp(details(code, first)).getRedirectedUrl()).isEqualTo("/login?joined");
        UUID linked = linkedTenant();

        String second = email();
        assertThat(signUp(details(code, second)).getContentAsString()).contains("この招待コードはすでに使われています");
        assertThat(users(second)).isZero();
        assertThat(linkedTenant()).isEqualTo(linked);

        // expired: a new member, whose code's validity ended
        setUp();
        String old = invite();
        jdbc.sql("update phr_member_invitation set created_at = now() - interval '31 days', expires_at = now() - interval '1 day' where person_id = ?")
                .param(person).update();
        String third = email();
        assertThat(signUp(details(old, third)).getContentAsString()).contains("有効期限が切れています");
        assertThat(users(third)).isZero();
        assertThat(linkedTenant()).isNull();
        assertThat(jdbc.sql("select used_at from phr_member_invitation where person_id = ?").param(person)
                .query(java.sql.Timestamp.class).optional().orElse(null)).isNull();
        assertThat(audited("PHR_JOIN_FAILED", staff.tenantId())).as("an expired code of a matching member is audited with its insurer").isEqualTo(1);

        // details matching no member: a wrong 生年月日 with a real code, and an unknown code, get the same generic answer
        String valid = invite();
        Map<String, String> wrongBirth = details(valid, email());
        wrongBirth.put("birthDate", "1980-05-07");
        String generic = "入力された内容では登録できませんでした";
        assertThat(signUp(wrongBirth).getContentAsString()).contains(generic).doesNotContain("有効期限", "すでに使われて");
        Map<String, String> unknownCode = details("ABCD-EFGH-JKLM", email());
        assertThat(signUp(unknownCode).getContentAsString()).contains(generic);
        assertThat(users(wrongBirth.get("email"))).isZero();
        assertThat(users(unknownCode.get("email"))).isZero();
        assertThat(linkedTenant()).isNull();
        assertThat(jdbc.sql("select count(*) from plat_audit_event where action = 'PHR_JOIN_FAILED' and details->>'reason' = 'noMatch' and remote_address = ?")
                .param(address).query(Long.class).single()).as("each failed attempt is audited, with its address").isEqualTo(2);
    }

    @Test
    void malformedBirthDateAndCardNumbersAreNamedBesideTheirFieldsAndNothingIsLookedUpOrWritten() throws Exception {
        String code = invite();
        Map<String, String> form = details(code, email());
        form.put("birthDate", "1980-13-01");
        form.put("number", "12-34!");
        form.put("insurerNumber", "0613");
        form.put("branch", "123");
        String page = signUp(form).getContentAsString();
        assertThat(page).contains("生年月日を 1975-04-01 のような実在する過去の日付で入力してください",
                "番号は20文字以内の半角英数字", "保険者番号は8桁の数字で入力してください", "枝番は2桁の数字で入力してください");
        assertThat(page).as("values are kept after an error").contains("value=\"1980-13-01\"");
        Map<String, String> future = details(code, email());
        future.put("birthDate", LocalDate.now().plusDays(2).toString());
        assertThat(signUp(future).getContentAsString()).contains("実在する過去の日付");
        Map<String, String> badCode = details("ABC", email());
        assertThat(signUp(badCode).getContentAsString()).contains("招待コードは英数字12文字で入力してください");
        assertThat(users(form.get("email"))).isZero();
        assertThat(linkedTenant()).isNull();
        assertThat(audited("PHR_JOIN_FAILED", staff.tenantId())).isZero();
    }

    @Test
    void failuresAreThrottledPerMemberFromAnyAddressAndPerAddressForAnyMember() throws Exception {
        String code = invite();
        Map<String, String> wrong = details(code, email());
        wrong.put("birthDate", "1999-01-01");
        for (int i = 0; i < 5; i++) {
            assertThat(signUp(wrong, "10.200.0." + (i + 1)).getContentAsString()).contains("入力された内容では登録できませんでした");
        }
        // the fifth failure started a delay for this member: even the right details wait, from any address
        Map<String, String> right = details(code, email());
        assertThat(signUp(right, "10.201.0.1").getContentAsString()).contains("しばらく待ってから");
        assertThat(users(right.get("email"))).isZero();
        assertThat(linkedTenant()).isNull();
        assertThat(jdbc.sql("select count(*) from plat_audit_event where action = 'PHR_JOIN_FAILED' and tenant_id = ?")
                .param(staff.tenantId()).query(Long.class).single()).as("every failed attempt is audited").isEqualTo(5);

        // one address trying many members: 20 failures are free, the 21st starts a delay for that address
        String from = "10.202." + ThreadLocalRandom.current().nextInt(256) + ".9";
        for (int i = 0; i < 21; i++) {
            Map<String, String> guess = details("ABCD-EFGH-JK" + JoinAlphabet.at(i) + "M", email());
            guess.put("number", "5" + i);
            assertThat(signUp(guess, from).getContentAsString()).contains("入力された内容では登録できませんでした");
        }
        setUp();
        String fresh = invite();
        assertThat(signUp(details(fresh, email()), from).getContentAsString()).contains("しばらく待ってから");
        assertThat(signUp(details(fresh, email()), address).getRedirectedUrl()).as("another address is not slowed").isEqualTo("/login?joined");
    }

    /** Letters of the code alphabet, to vary guessed codes. */
    static final class JoinAlphabet {
        static char at(int i) {
            return "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".charAt(i % 32);
        }
    }

    @Test
    void anEmailInUseIsNamedBesideItsFieldAndTheCodeStaysUsable() throws Exception {
        String code = invite();
        Map<String, String> taken = details(code, staff.email());
        assertThat(signUp(taken).getContentAsString()).contains("このメールアドレスはすでに使われています");
        assertThat(linkedTenant()).isNull();
        Map<String, String> mismatch = details(code, email());
        mismatch.put("passwordConfirmation", "something-else-entirely");
        assertThat(signUp(mismatch).getContentAsString()).contains("確認用のパスワードが一致しません");
        assertThat(signUp(details(code, email())).getRedirectedUrl()).isEqualTo("/login?joined");
    }
}
