package jp.hip.api.accounting;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import jp.hip.accounting.AccountingException;
import jp.hip.accounting.years.AccountingYears;
import jp.hip.accounting.FiscalYear;
import jp.hip.accounting.HealthAccounting;
import jp.hip.accounting.Yen;
import jp.hip.api.NotFoundException;

/**
 * 予算 beside the actuals for integrations (ADR 0081, 0085): each measure's plan for its 年度, read, set, replaced and
 * cleared, and the copy of a 年度 to the next with or without the plans. The calling client's tenant only; another
 * company's measure answers 404. Amounts are whole yen ({@code {"amount": 1234}}); a measure without a plan has
 * {@code "budget": null}, never 0.
 */
@RestController
@RequestMapping("/api/v1/accounting")
@Tag(name = "Accounting (健康投資管理会計)")
class AccountingPlanApiController {

    /** A measure's plan and actuals for its 年度; {@code budget} and {@code variance} are null until planned. */
    record BudgetView(UUID measureId, int fiscalYear, String measureName, Yen budget, Yen actual, Long variance) {

        static BudgetView of(HealthAccounting.MeasureView m) {
            return new BudgetView(m.id(), m.fiscalYear().startYear(), m.name(), m.budget(), m.total(), m.budgetVariance());
        }
    }

    record BudgetRequest(@NotNull @PositiveOrZero Long amount) {}

    record CopyRequest(boolean withBudgets) {}

    record Copied(int fromYear, int toYear, int measures, boolean withBudgets) {}

    private final HealthAccounting accounting;
    private final AccountingYears years;
    private final MessageSource messages;

    AccountingPlanApiController(HealthAccounting accounting, AccountingYears years, MessageSource messages) {
        this.accounting = accounting;
        this.years = years;
        this.messages = messages;
    }

    @GetMapping("/budgets")
    @Operation(summary = "Every measure's 予算 (plan) beside its actual total for a fiscal year; unplanned measures have budget null")
    List<BudgetView> budgets(@RequestParam int year) {
        return accounting.measures(FiscalYear.of(year)).stream().map(BudgetView::of).toList();
    }

    @GetMapping("/measures/{id}/budget")
    @Operation(summary = "A measure's 予算 for its fiscal year, its actual total and actual − budget (positive: over the plan)")
    BudgetView budget(@PathVariable UUID id) {
        return BudgetView.of(measureView(id));
    }

    @PutMapping("/measures/{id}/budget")
    @Operation(summary = "Set or replace a measure's 予算 (whole yen, 0 or more, under the amount cap); refused in a closed year; audited")
    BudgetView plan(@PathVariable UUID id, @Valid @RequestBody BudgetRequest r) {
        accounting.planBudget(id, Yen.of(r.amount()));
        return BudgetView.of(measureView(id));
    }

    @DeleteMapping("/measures/{id}/budget")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Clear a measure's 予算 (it becomes 未設定, not 0); refused in a closed year; audited")
    void clear(@PathVariable UUID id) {
        accounting.planBudget(id, null);
    }

    @PostMapping("/years/{year}/copy-to-next")
    @Operation(summary = "Copy a fiscal year's measures and policy to the next year (lines are actuals and stay); "
            + "each measure's 予算 goes too only with withBudgets: true; refused when the next year is closed")
    Copied copy(@PathVariable int year, @RequestBody(required = false) CopyRequest r) {
        boolean withBudgets = r != null && r.withBudgets();
        FiscalYear from = FiscalYear.of(year);
        return new Copied(year, from.next().startYear(), years.copyToNext(from, withBudgets), withBudgets);
    }

    private HealthAccounting.MeasureView measureView(UUID id) {
        return accounting.measure(id).orElseThrow(() -> new NotFoundException("measure")).measure();
    }

    /** A rule broken: 400 with the rule's code and message; another tenant's (or no) record: 404, indistinguishable. */
    @ExceptionHandler(AccountingException.class)
    ProblemDetail rule(AccountingException e, Locale locale) {
        if ("accounting.notFound".equals(e.messageKey())) {
            return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No such record.");
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request breaks a rule.");
        problem.setProperty("code", e.messageKey());
        problem.setProperty("message", messages.getMessage(e.messageKey(), null, e.messageKey(), locale));
        return problem;
    }
}
