package jp.hip.api.accounting;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import jp.hip.accounting.AccountingChanges;
import jp.hip.accounting.AccountingException;
import jp.hip.accounting.imports.AccountingImports;
import jp.hip.accounting.years.AccountingYears;
import jp.hip.accounting.depreciation.AssetClass;
import jp.hip.accounting.depreciation.Depreciation;
import jp.hip.accounting.depreciation.DepreciationMethod;
import jp.hip.accounting.ledger.ExpenseType;
import jp.hip.accounting.facilities.FacilityLedger;
import jp.hip.accounting.FiscalYear;
import jp.hip.accounting.HealthAccounting;
import jp.hip.accounting.imports.ImportResult;
import jp.hip.accounting.ledger.ResourceView;
import jp.hip.accounting.depreciation.SharedUseBasis;
import jp.hip.accounting.Yen;
import jp.hip.api.NotFoundException;

/**
 * Facilities (固定資産台帳), imports, changes and deletes, and the 年度 (policy, close) for integrations; the calling
 * client's tenant only, another company's id answers 404. Rules broken answer 400 with a problem detail naming the
 * rule; an import with bad rows answers 422 listing {row, column, message} and writes nothing.
 */
@RestController
@RequestMapping("/api/v1/accounting")
@Tag(name = "Accounting (健康投資管理会計)")
class AccountingLedgerApiController {

    private final HealthAccounting accounting;
    private final FacilityLedger ledger;
    private final AccountingImports imports;
    private final AccountingChanges changes;
    private final AccountingYears years;
    private final MessageSource messages;

    AccountingLedgerApiController(HealthAccounting accounting, FacilityLedger ledger, AccountingImports imports,
            AccountingChanges changes, AccountingYears years, MessageSource messages) {
        this.accounting = accounting;
        this.ledger = ledger;
        this.imports = imports;
        this.changes = changes;
        this.years = years;
        this.messages = messages;
    }

    record Created(UUID id) {}

    /** method: STRAIGHT_LINE or DECLINING_BALANCE; the statutory variant follows acquiredOn. assetClass defaults to EQUIPMENT. */
    record FacilityRequest(String name, @NotNull LocalDate acquiredOn, @NotNull Long acquisitionCost, @NotNull Integer usefulLifeYears,
            @NotNull DepreciationMethod method, AssetClass assetClass, @NotNull BigDecimal sharedUseRatio,
            @NotNull SharedUseBasis sharedUseBasis, String note) {

        HealthAccounting.FacilityCommand command() {
            return new HealthAccounting.FacilityCommand(name, new Depreciation(Yen.entered(acquisitionCost), acquiredOn,
                    usefulLifeYears, method, assetClass, sharedUseRatio, sharedUseBasis), note);
        }
    }

    record ShareRequest(@NotNull UUID facilityId, BigDecimal share) {}

    record LineRequest(String description, ExpenseType expenseType, ResourceView resourceView, @NotNull Long amount,
            String sourceDocument) {}

    record PolicyRequest(boolean includeParticipantTime, @NotNull Long annualLabourCost, @NotNull Integer annualWorkingDays,
            @NotNull Integer employeeCount) {}

    record ReopenRequest(String reason) {}

    record ImportCounts(int rowsRead, int rowsWritten, int rowsSkipped) {}

    // ---- facilities ----

    @PostMapping("/facilities")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Register a facility (固定資産): tax depreciation by the statutory tables, the method variant chosen by acquiredOn")
    Created createFacility(@Valid @RequestBody FacilityRequest r) {
        return new Created(ledger.create(r.command()));
    }

    @GetMapping("/facilities/{id}")
    @Operation(summary = "A facility with its schedule per fiscal year (期首簿価, 償却費, 期末簿価, health share) and apportioned shares")
    FacilityLedger.Ledger facility(@PathVariable UUID id) {
        return ledger.ledger(id).orElseThrow(() -> new NotFoundException("facility"));
    }

    @PutMapping("/facilities/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Change a facility; its depreciation lines are recomputed")
    void changeFacility(@PathVariable UUID id, @Valid @RequestBody FacilityRequest r) {
        ledger.change(id, r.command());
    }

    @DeleteMapping("/facilities/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a facility that no line uses")
    void deleteFacility(@PathVariable UUID id) {
        ledger.delete(id);
    }

    @PostMapping("/measures/{id}/facility-shares")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a measure's share (0 < share ≤ 1, default 1) of a facility's health-use depreciation in its fiscal year; "
            + "the shares of one facility-year sum to at most 1")
    Created addShare(@PathVariable UUID id, @Valid @RequestBody ShareRequest r) {
        return new Created(ledger.addDepreciationLine(id, r.facilityId(), r.share() == null ? BigDecimal.ONE : r.share()));
    }

    // ---- imports ----

    @PostMapping(path = "/imports/lines", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Import investment lines from CSV or .xlsx (multipart 'file'): 200 with counts, or 422 listing "
            + "{row, column, message} with nothing written. duplicates=REFUSE (default) or SKIP for lines already stored")
    ResponseEntity<?> importLines(@RequestPart(name = "file", required = false) MultipartFile file,
            @RequestParam(defaultValue = "REFUSE") ImportResult.Duplicates duplicates, Locale locale) throws java.io.IOException {
        ImportResult result = file != null && file.getSize() > AccountingImports.MAX_BYTES
                ? new ImportResult(0, 0, List.of(new ImportResult.Problem(0, null, "accounting.import.tooLarge")))
                : imports.importLines(file == null ? new byte[0] : file.getBytes(), duplicates);
        if (result.succeeded()) {
            return ResponseEntity.ok(new ImportCounts(result.rowsRead(), result.rowsWritten(), result.rowsSkipped()));
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY,
                "The file has " + result.problems().size() + " problem(s); nothing was imported.");
        problem.setProperty("errors", result.problems().stream().map(p -> Map.of("row", p.row(), "column",
                p.column() == null ? "" : p.column(), "code", p.messageKey(),
                "message", messages.getMessage(p.messageKey(), null, p.messageKey(), locale))).toList());
        return ResponseEntity.unprocessableEntity().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    // ---- changes ----

    @PutMapping("/lines/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Change a plain line (time and depreciation lines are recomputed from their inputs)")
    void changeLine(@PathVariable UUID id, @Valid @RequestBody LineRequest r) {
        changes.changeLine(id, new HealthAccounting.LineCommand(r.description(), r.expenseType(), r.resourceView(),
                Yen.entered(r.amount()), r.sourceDocument()));
    }

    @DeleteMapping("/lines/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a line and its allocation")
    void deleteLine(@PathVariable UUID id) {
        accounting.deleteLine(id);
    }

    @DeleteMapping("/measures/{id}")
    @Operation(summary = "Delete a measure with its lines; expectedLines must equal its number of lines (what the caller saw)")
    AccountingChanges.MeasureDeletion deleteMeasure(@PathVariable UUID id, @RequestParam int expectedLines) {
        return changes.deleteMeasure(id, expectedLines);
    }

    @DeleteMapping("/indicators/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete an indicator and its values; refused while lines are allocated to it")
    void deleteIndicator(@PathVariable UUID id) {
        changes.deleteIndicator(id);
    }

    // ---- years ----

    @GetMapping("/years/{year}/policy")
    @Operation(summary = "The fiscal year's policy (own, or carried from an earlier year)")
    AccountingYears.YearPolicyView policy(@PathVariable int year) {
        return years.policyOf(FiscalYear.of(year));
    }

    @PutMapping("/years/{year}/policy")
    @Operation(summary = "Set the fiscal year's policy; that year's personnel-time lines only are recomputed (count returned)")
    Map<String, Integer> changePolicy(@PathVariable int year, @Valid @RequestBody PolicyRequest r) {
        return Map.of("linesRecomputed", years.changePolicy(FiscalYear.of(year), new HealthAccounting.PolicyView(
                r.includeParticipantTime(), Yen.entered(r.annualLabourCost()), r.annualWorkingDays(), r.employeeCount())));
    }

    @PostMapping("/years/{year}/close")
    @Operation(summary = "Close the fiscal year (年度確定): it becomes read-only")
    AccountingYears.ClosedView close(@PathVariable int year) {
        return years.close(FiscalYear.of(year));
    }

    @PostMapping("/years/{year}/reopen")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Reopen a closed fiscal year (audited with the reason)")
    void reopen(@PathVariable int year, @RequestBody ReopenRequest r) {
        years.reopen(FiscalYear.of(year), r.reason());
    }

    /** A rule broken: 400 with the rule's code and message; another tenant's (or no) record: 404, indistinguishable. */
    @ExceptionHandler(AccountingException.class)
    ProblemDetail rule(AccountingException e, Locale locale) {
        if ("accounting.notFound".equals(e.messageKey())) {
            return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No such record.");
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request breaks a rule.");
        problem.setProperty("code", e.messageKey());
        Object[] args = e instanceof FacilityLedger.ShareExceeded s ? new Object[] {s.remainingPercent()} : null;
        problem.setProperty("message", messages.getMessage(e.messageKey(), args, e.messageKey(), locale));
        return problem;
    }
}
