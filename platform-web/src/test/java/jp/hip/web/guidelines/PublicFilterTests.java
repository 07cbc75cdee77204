package jp.hip.web.guidelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import jp.hip.guidelines.declarations.DeclarationStatus;
import jp.hip.guidelines.guideline.GuidelineKind;
import jp.hip.guidelines.publicregister.PublicPage;
import jp.hip.guidelines.publicregister.PublicQuery;
import jp.hip.guidelines.publicregister.PublicRegister;
import jp.hip.guidelines.guideline.ServiceCategory;
import jp.hip.web.WebSlice;

/**
 * The public list's filters (a GET query) as a validated record: too long, wrong format, full width and out of range
 * are answered beside their field and in a summary naming it, with the text kept; a filter with a problem is left
 * out of the search and the others still filter.
 */
@WebSlice(PublicGuidelinesController.class)
@Import(PublicListBodies.class)
@WithMockUser // the page is public; the slice runs under Boot's default security
class PublicFilterTests {

    @Autowired MockMvcTester mvc;
    @MockitoBean PublicRegister register;
    @MockitoBean GuidelineListPdf pdf;
    @MockitoBean LogoSvg logos;

    @BeforeEach
    void anEmptyList() {
        when(register.publicList(any(), anyInt(), anyInt())).thenAnswer(a -> new PublicPage(List.of(), 0, 0, 20));
    }

    PublicQuery searched() {
        ArgumentCaptor<PublicQuery> query = ArgumentCaptor.forClass(PublicQuery.class);
        verify(register, org.mockito.Mockito.atLeastOnce()).publicList(query.capture(), anyInt(), anyInt());
        return query.getValue();
    }

    @Test
    void noFiltersSearchEverythingAndTheEmptyListSaysWhatToDo() {
        var result = mvc.get().uri("/guidelines").exchange();
        assertThat(result).hasStatusOk().bodyText().contains("条件に合う掲載はありません。条件を変えてお試しください。")
                .doesNotContain("filter-errors");
        assertThat(searched()).isEqualTo(new PublicQuery("", "", null, null, null, null, null, PublicQuery.Sort.REGISTRATION_NO));
    }

    @Test
    void tooLongTermsAreNamedAndNotSearchedForWhileTheOtherFiltersStillApply() {
        var result = mvc.get().uri("/guidelines").param("title", "あ".repeat(101)).param("association", "健康協会")
                .param("kind", GuidelineKind.values()[0].name()).exchange();
        assertThat(result).hasStatusOk().bodyText().contains("ガイドライン等名称：100文字以内で入力してください。", "あ".repeat(101));
        assertThat(searched()).isEqualTo(new PublicQuery("健康協会", "", null, GuidelineKind.values()[0], null, null, null,
                PublicQuery.Sort.REGISTRATION_NO));
    }

    @Test
    void unreadableChoicesAndDatesAreEachNamedAtOnceAndKept() {
        var result = mvc.get().uri("/guidelines").param("category", "SPACESHIP").param("from", "2025-13-40")
                .param("to", "2026/3/31").param("sort", "LOUDEST").param("title", "指針").exchange();
        assertThat(result).hasStatusOk().bodyText().contains("分野：一覧から選んでください。",
                "掲載日(から)：日付は 2025-04-01 または 2025/4/1 の形で入力してください。", "並び順：一覧から選んでください。",
                "value=\"2025-13-40\"");
        assertThat(searched()).as("the readable filters still filter").isEqualTo(new PublicQuery("", "指針", null, null, null, null,
                LocalDate.of(2026, 3, 31), PublicQuery.Sort.REGISTRATION_NO));
    }

    @Test
    void fullWidthDatesAreRead() {
        mvc.get().uri("/guidelines").param("from", "２０２５／４／１").param("category", ServiceCategory.values()[0].name()).exchange();
        assertThat(searched()).isEqualTo(new PublicQuery("", "", ServiceCategory.values()[0], null, null, LocalDate.of(2025, 4, 1),
                null, PublicQuery.Sort.REGISTRATION_NO));
    }

    @Test
    void aStatusThePublicNeverSeesAndAPeriodEndingBeforeItStartsAreOutOfRange() {
        var result = mvc.get().uri("/guidelines").param("status", DeclarationStatus.DRAFT.name())
                .param("from", "2026-04-01").param("to", "2025-04-01").exchange();
        assertThat(result).hasStatusOk().bodyText().contains("状態：一覧の状態から選んでください",
                "掲載日(まで)：「掲載日(から)」より後の日付を入力してください。");
        assertThat(searched()).isEqualTo(new PublicQuery("", "", null, null, null, LocalDate.of(2026, 4, 1), null,
                PublicQuery.Sort.REGISTRATION_NO));
    }

    @Test
    void anUnreadableDateBesideAStatusThePublicNeverSeesIsAnsweredForBoth() {
        var result = mvc.get().uri("/guidelines").param("from", "2025-13-40").param("status", DeclarationStatus.DRAFT.name())
                .param("title", "あ".repeat(101)).exchange();
        assertThat(result).hasStatusOk().bodyText().contains("掲載日(から)：日付は", "状態：一覧の状態から選んでください",
                "ガイドライン等名称：100文字以内");
    }

    @Test
    void aPageBeyondTheEndOrNotANumberIsRedirectedWithTheSameFilters() {
        assertThat(mvc.get().uri("/guidelines").param("page", "999").param("title", "指針"))
                .hasRedirectedUrl("/guidelines?title=%E6%8C%87%E9%87%9D&page=1");
        assertThat(mvc.get().uri("/guidelines").param("page", "abc")).hasRedirectedUrl("/guidelines?page=1");
    }

    @Test
    void inEnglishTheProblemsHaveNoRawPlaceholders() {
        var result = mvc.get().uri("/guidelines").param("lang", "en").param("title", "x".repeat(101)).param("from", "yesterday").exchange();
        assertThat(result).hasStatusOk().bodyText().contains("Enter at most 100 characters.").doesNotContain("{0}", "{max}", "??");
    }
}
