package jp.hip.guidelines.publicregister;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import jp.hip.Accounts;
import jp.hip.PlatformTest;
import jp.hip.guidelines.GuidelineFixtures;
import jp.hip.guidelines.association.AssociationDesk;
import jp.hip.guidelines.declarations.DeclarationStatus;
import jp.hip.guidelines.review.RegistryReview.RegistryAction;

/**
 * The public list's pages are reused on a node only while the registry's revision and the day are unchanged (ADR
 * 0016): a withdrawal, a delisting or a write by another node shows from the very next request, never a cached
 * 掲載中.
 */
@PlatformTest
class GuidelinePublicListCacheTests {

    @Autowired MockMvc mvc;
    @Autowired AssociationDesk desk;
    @Autowired PublicRegister register;
    @Autowired PublicListCache cache;
    @Autowired GuidelineFixtures fx;
    @Autowired JdbcClient jdbc;

    Accounts.Account association;
    Accounts.Account officer;
    String associationName;

    @BeforeEach
    void accounts() {
        associationName = GuidelineFixtures.unique("一般社団法人 キャッシュ検証協会");
        association = fx.association(associationName);
        officer = fx.officer();
    }

    private PublicQuery mine(DeclarationStatus status) {
        return new PublicQuery(associationName, null, null, null, status, null, null, PublicQuery.Sort.REGISTRATION_NO);
    }

    private String listPage(String status) throws Exception {
        return mvc.perform(get("/guidelines").param("association", associationName).param("status", status))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    @Test
    void aWithdrawalOrDelistingShowsOnTheNextRequestOfAListPageSeenBefore() throws Exception {
        var withdrawn = fx.listed(association, officer, "取下げはすぐ見える");
        var delisted = fx.listed(association, officer, "掲載取消はすぐ見える");
        for (int i = 0; i < 2; i++) { // the second request is answered from the node's pages
            assertThat(listPage("LISTED")).contains(withdrawn.registrationNo()).contains(delisted.registrationNo());
            assertThat(register.publicList(mine(null), 0, 20).entries()).extracting(PublicEntry::status)
                    .containsOnly(DeclarationStatus.LISTED);
        }

        fx.as(association, () -> desk.withdraw(withdrawn.declarationId(), fx.version(association, withdrawn.declarationId()), "改訂のため"));
        assertThat(listPage("LISTED")).doesNotContain(withdrawn.registrationNo()).contains(delisted.registrationNo());
        fx.decide(officer, delisted.declarationId(), RegistryAction.DELIST, "使用規約違反");
        assertThat(listPage("LISTED")).doesNotContain(withdrawn.registrationNo()).doesNotContain(delisted.registrationNo());
        assertThat(listPage("")).contains("取下げ</span>").contains("掲載取消</span>").doesNotContain("掲載中</span>");
        assertThat(register.publicList(mine(null), 0, 20).entries()).extracting(PublicEntry::status)
                .containsExactlyInAnyOrder(DeclarationStatus.WITHDRAWN, DeclarationStatus.DELISTED);
    }

    @Test
    void aChangeWrittenByAnotherNodeBumpsTheRevisionInItsTransactionAndShowsAtOnce() {
        var entry = fx.listed(association, officer, "別ノードでの取消");
        assertThat(register.publicList(mine(DeclarationStatus.LISTED), 0, 20).total()).isEqualTo(1);
        assertThat(register.publicList(mine(DeclarationStatus.LISTED), 0, 20).total()).isEqualTo(1);
        long before = cache.revision();

        // Another node's delisting is a committed write to gl_declaration, nothing this node hears about.
        jdbc.sql("update gl_declaration set status = 'DELISTED', status_reason = '他ノード' where id = ?")
                .param(entry.declarationId()).update();

        assertThat(cache.revision()).isGreaterThan(before);
        assertThat(register.publicList(mine(DeclarationStatus.LISTED), 0, 20).total()).isZero();
        assertThat(register.publicList(mine(null), 0, 20).entries()).extracting(PublicEntry::status)
                .containsExactly(DeclarationStatus.DELISTED);
    }

    @Test
    void aPageIsReusedOnlyAtTheSameRevisionAndOnTheSameDay() {
        AtomicInteger computed = new AtomicInteger();
        LocalDate today = LocalDate.of(2026, 11, 30);
        PublicPage page = new PublicPage(List.of(), 0, 0, 20);
        PublicListCache.Key key = new PublicListCache.Key(mine(null), 0, 20, today);
        java.util.function.Supplier<PublicPage> compute = () -> {
            computed.incrementAndGet();
            return page;
        };
        cache.page(key, compute);
        cache.page(key, compute);
        assertThat(computed).as("same revision, same day: kept").hasValue(1);

        cache.page(new PublicListCache.Key(mine(null), 0, 20, today.plusDays(1)), compute);
        assertThat(computed).as("the next day (expiry is date-based): computed again").hasValue(2);

        jdbc.sql("update gl_declaration set status_reason = status_reason where false").update();
        cache.page(key, compute);
        assertThat(computed).as("a new revision: computed again").hasValue(3);
    }
}
