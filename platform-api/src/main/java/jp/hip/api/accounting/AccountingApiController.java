package jp.hip.api.accounting;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
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
import jp.hip.accounting.FiscalYear;
import jp.hip.accounting.HealthAccounting;
import jp.hip.accounting.Yen;
import jp.hip.accounting.analysis.Analysis;
import jp.hip.accounting.indicators.BenefitKind;
import jp.hip.accounting.indicators.Direction;
import jp.hip.accounting.indicators.HealthIndicators;
import jp.hip.accounting.indicators.IndicatorTier;
import jp.hip.accounting.ledger.AllocationRule;
import jp.hip.accounting.ledger.ExpenseType;
import jp.hip.accounting.ledger.PersonnelRole;
import jp.hip.accounting.ledger.PersonnelTime;
import jp.hip.accounting.ledger.PurposeCategory;
import jp.hip.accounting.ledger.RateBasis;
import jp.hip.accounting.ledger.ResourceView;
import jp.hip.api.NotFoundException;

/**
 * 健康投資管理会計 for integrations: measures, investment lines, allocations, indicators and values, analyses.
 * Everything is the calling client's tenant only; another company's id answers 404. Reading needs scope
 * {@code accounting.read}, writing {@code accounting.write}. Amounts are whole yen ({@code {"amount": 1234}}).
 */
@RestController
@RequestMapping("/api/v1/accounting")
@Tag(name = "Accounting (健康投資管理会計)")
class AccountingApiController {

    private final HealthAccounting accounting;
    private final HealthIndicators healthIndicators;

    AccountingApiController(HealthAccounting accounting, HealthIndicators healthIndicators) {
        this.accounting = accounting;
        this.healthIndicators = healthIndicators;
    }

    record Created(UUID id) {}

    record MeasureRequest(@NotNull Integer fiscalYear, String name, String description, PurposeCategory purpose,
            Set<Integer> standardIssues, Set<UUID> ownIssues, Integer participants) {}

    record LineRequest(String description, ExpenseType expenseType, ResourceView resourceView, @NotNull Long amount,
            String sourceDocument) {}

    record TimeLineRequest(String description, PersonnelRole role, BigDecimal hoursPerPerson, Integer persons,
            @NotNull Long hourlyRate, RateBasis rateBasis, String sourceDocument) {}

    record DepreciationLineRequest(@NotNull UUID facilityId) {}

    record ShareRequest(UUID indicatorId, BigDecimal ratio) {}

    record AllocationRequest(boolean primaryOnly, List<ShareRequest> shares) {}

    record IndicatorRequest(String name, IndicatorTier tier, String unit, Direction direction, String method, String population,
            BenefitKind benefitKind) {}

    record ValueRequest(BigDecimal baseline, BigDecimal target, BigDecimal actual, BigDecimal responseRate) {}

    @GetMapping("/measures")
    @Operation(summary = "Measures of a fiscal year (年度, April–March, by start year) with totals by expense type")
    List<HealthAccounting.MeasureView> measures(@RequestParam int year) {
        return accounting.measures(FiscalYear.of(year));
    }

    @PostMapping("/measures")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a measure (施策); standardIssues are the 健康経営度調査 categories 1–9")
    Created createMeasure(@Valid @RequestBody MeasureRequest r) {
        return new Created(accounting.createMeasure(FiscalYear.of(r.fiscalYear()), new HealthAccounting.MeasureCommand(r.name(),
                r.description(), r.purpose(), r.standardIssues(), r.ownIssues(), r.participants() == null ? 0 : r.participants())));
    }

    @GetMapping("/measures/{id}")
    @Operation(summary = "One measure with its investment lines and their allocations")
    HealthAccounting.MeasureDetail measure(@PathVariable UUID id) {
        return accounting.measure(id).orElseThrow(() -> new NotFoundException("measure"));
    }

    @PostMapping("/measures/{id}/lines")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add an investment line (whole yen, never negative) to a measure")
    Created addLine(@PathVariable UUID id, @Valid @RequestBody LineRequest r) {
        return new Created(accounting.addLine(id, new HealthAccounting.LineCommand(r.description(), r.expenseType(),
                r.resourceView(), Yen.of(r.amount()), r.sourceDocument())));
    }

    @PostMapping("/measures/{id}/time-lines")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add personnel time (時間投資) as a 人件費 line: hours × persons × hourly rate, under the company's policy on participants' time")
    Created addTimeLine(@PathVariable UUID id, @Valid @RequestBody TimeLineRequest r) {
        return new Created(accounting.addTimeLine(id, new HealthAccounting.TimeCommand(r.description(), new PersonnelTime(r.role(),
                r.hoursPerPerson(), r.persons() == null ? 0 : r.persons(), Yen.of(r.hourlyRate()), r.rateBasis()), r.sourceDocument())));
    }

    @PostMapping("/measures/{id}/depreciation-lines")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a facility's health-use share of depreciation in the measure's fiscal year as a 減価償却費 line")
    Created addDepreciationLine(@PathVariable UUID id, @Valid @RequestBody DepreciationLineRequest r) {
        return new Created(accounting.addDepreciationLine(id, r.facilityId()));
    }

    @GetMapping("/facilities")
    @Operation(summary = "Facilities with the fiscal year's depreciation, health-use share and book value")
    List<HealthAccounting.FacilityView> facilities(@RequestParam int year) {
        return accounting.facilities(FiscalYear.of(year));
    }

    @GetMapping("/lines/{id}")
    @Operation(summary = "One investment line with its allocation")
    HealthAccounting.LineView line(@PathVariable UUID id) {
        return accounting.line(id).orElseThrow(() -> new NotFoundException("line"));
    }

    @PutMapping("/lines/{id}/allocation")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Set a line's allocation (按分): ratios summing to exactly 1, or primaryOnly with one indicator")
    void allocate(@PathVariable UUID id, @RequestBody AllocationRequest r) {
        List<AllocationRule.Share> shares = r.shares() == null ? List.of()
                : r.shares().stream().map(s -> new AllocationRule.Share(s.indicatorId(), s.ratio())).toList();
        accounting.allocate(id, new AllocationRule(r.primaryOnly(), shares));
    }

    @GetMapping("/indicators")
    @Operation(summary = "Indicators (健康投資効果) with their yearly values")
    List<HealthAccounting.IndicatorView> indicators() {
        return healthIndicators.indicators();
    }

    @PostMapping("/indicators")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create an indicator")
    Created createIndicator(@RequestBody IndicatorRequest r) {
        return new Created(healthIndicators.createIndicator(new HealthAccounting.IndicatorCommand(r.name(), r.tier(), r.unit(),
                r.direction(), r.method(), r.population(), r.benefitKind())));
    }

    @PutMapping("/indicators/{id}/values/{year}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Set an indicator's baseline, target, actual and response rate for a fiscal year")
    void setValue(@PathVariable UUID id, @PathVariable int year, @RequestBody ValueRequest r) {
        healthIndicators.setValue(id, FiscalYear.of(year), r.baseline(), r.target(), r.actual(), r.responseRate());
    }

    @GetMapping("/analyses/{year}")
    @Operation(summary = "The analyses of a fiscal year, each figure with its inputs")
    Analysis analysis(@PathVariable int year) {
        return accounting.analysis(FiscalYear.of(year), true);
    }

    /** A rule broken: 400 with the rule's code; another tenant's (or no) record: 404, indistinguishable. */
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
