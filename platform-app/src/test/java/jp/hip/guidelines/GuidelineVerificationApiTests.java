package jp.hip.guidelines;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import jp.hip.Accounts;
import jp.hip.PlatformTest;

/** The public JSON verification API: no token, one or up to 100 numbers, problem details on bad input. */
@PlatformTest
class GuidelineVerificationApiTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    GuidelineFixtures fx;

    Accounts.Account association;
    Accounts.Account officer;

    @BeforeEach
    void accounts() {
        association = fx.association(GuidelineFixtures.unique("API協会"));
        officer = fx.officer();
    }

    @Test
    void oneListedEntryIsAnsweredWithoutAToken() throws Exception {
        var listed = fx.listed(association, officer, "APIのガイドライン");
        mvc.perform(get("/api/v1/public/guidelines/{no}", listed.registrationNo()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.registrationNo").value(listed.registrationNo()))
                .andExpect(jsonPath("$.found").value(true))
                .andExpect(jsonPath("$.status").value("LISTED"))
                .andExpect(jsonPath("$.statusLabel").value("掲載中"))
                .andExpect(jsonPath("$.logoValid").value(true))
                .andExpect(jsonPath("$.validUntil").value(LocalDate.now().minusMonths(2).plusYears(2).toString()))
                .andExpect(jsonPath("$.permalink").value(org.hamcrest.Matchers.endsWith("/guidelines/" + listed.registrationNo())));
    }

    @Test
    void anUnknownOrDraftNumberIsANotFoundProblem() throws Exception {
        var draft = fx.draft(association, "API下書き", LocalDate.now().minusMonths(1));
        for (String no : new String[] {"HG-999999", draft.registrationNo()}) {
            mvc.perform(get("/api/v1/public/guidelines/{no}", no))
                    .andExpect(status().isNotFound())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.status").value(404));
        }
    }

    @Test
    void aBatchAnswersEachNumberInOrder() throws Exception {
        var listed = fx.listed(association, officer, "バッチ");
        var draft = fx.draft(association, "バッチ下書き", LocalDate.now().minusMonths(1));
        mvc.perform(get("/api/v1/public/guidelines").param("numbers", listed.registrationNo() + "," + draft.registrationNo() + ",HG-999998"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.count").value(3))
                .andExpect(jsonPath("$.results[0].found").value(true))
                .andExpect(jsonPath("$.results[0].logoValid").value(true))
                .andExpect(jsonPath("$.results[1].found").value(false))
                .andExpect(jsonPath("$.results[1].title").doesNotExist())
                .andExpect(jsonPath("$.results[2].found").value(false));
    }

    @Test
    void moreThanOneHundredNumbersOrAMalformedOneIsABadRequestProblem() throws Exception {
        String many = IntStream.rangeClosed(1, 101).mapToObj(i -> "HG-%05d".formatted(i)).collect(Collectors.joining(","));
        mvc.perform(get("/api/v1/public/guidelines").param("numbers", many))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("guidelines.verify.tooMany"));
        mvc.perform(get("/api/v1/public/guidelines").param("numbers", "HG-0001,<script>"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("guidelines.verify.malformed"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("<script>"))));
        mvc.perform(get("/api/v1/public/guidelines/{no}", "nonsense"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("guidelines.verify.malformed"));
    }

    @Test
    void otherApiPathsStillNeedAToken() throws Exception {
        mvc.perform(get("/api/v1/tenant")).andExpect(status().isUnauthorized());
    }
}
