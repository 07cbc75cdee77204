package jp.hip.api.accounting;

import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import jp.hip.accounting.AccountingException;
import jp.hip.accounting.FiscalYear;
import jp.hip.accounting.analysis.EffectView;
import jp.hip.accounting.analysis.EfficiencyAnalyses;
import jp.hip.accounting.analysis.MinimisationAnalysis;
import jp.hip.accounting.analysis.UtilityAnalysis;
import jp.hip.api.NotFoundException;

/**
 * 投資最小化分析 and 投資効用分析 for integrations (ADR 0105), read-only (scope {@code accounting.read}): the two
 * analyses of a 年度, the effects recorded for the 年度 and for one measure. The calling client's tenant only;
 * another company's measure answers 404. A value that is missing is null (「データなし」), never 0.
 */
@RestController
@RequestMapping("/api/v1/accounting")
@Tag(name = "Accounting (健康投資管理会計)")
class AccountingAnalysisApiController {

    private final EfficiencyAnalyses analyses;

    AccountingAnalysisApiController(EfficiencyAnalyses analyses) {
        this.analyses = analyses;
    }

    @GetMapping("/analyses/{year}/minimisation")
    @Operation(summary = "投資最小化分析 of a fiscal year: per final-goal indicator, the measures with equivalent effects "
            + "(within the year's margin of the largest) compared by cost, the least cost marked; the others not compared")
    MinimisationAnalysis minimisation(@PathVariable int year) {
        return analyses.minimisation(FiscalYear.of(year));
    }

    @GetMapping("/analyses/{year}/utility")
    @Operation(summary = "投資効用分析 of a fiscal year: per measure and utility indicator (0–1), quality-adjusted "
            + "person-years gained and the cost per person-year; values outside 0–1 listed, not computed")
    UtilityAnalysis utility(@PathVariable int year) {
        return analyses.utility(FiscalYear.of(year));
    }

    @GetMapping("/analyses/{year}/effects")
    @Operation(summary = "The measures' effects recorded for a fiscal year (before, after, persons, period, source)")
    List<EffectView> effects(@PathVariable int year) {
        return analyses.effects(FiscalYear.of(year));
    }

    @GetMapping("/measures/{id}/effects")
    @Operation(summary = "The effects recorded for one measure; 404 for another company's measure")
    List<EffectView> effectsOf(@PathVariable UUID id) {
        return analyses.effectsOf(id).orElseThrow(() -> new NotFoundException("measure"));
    }

    /** Another tenant's (or no) record: 404, indistinguishable. */
    @ExceptionHandler(AccountingException.class)
    ProblemDetail rule(AccountingException e) {
        if ("accounting.notFound".equals(e.messageKey())) {
            return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No such record.");
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request breaks a rule.");
        problem.setProperty("code", e.messageKey());
        return problem;
    }
}
