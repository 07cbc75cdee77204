package jp.hip.api.collabo;

import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jp.hip.api.ApiClient;
import jp.hip.api.NotFoundException;
import jp.hip.collabo.Actor;
import jp.hip.collabo.CollaboException;
import jp.hip.collabo.EmployerReport;
import jp.hip.collabo.EmployerReports;
import jp.hip.collabo.InvestmentOutcomes;
import jp.hip.identity.IdentityManagement;
import jp.hip.identity.TenantView;

/**
 * コラボヘルス for the insurer's and the company's own systems (scope {@code collabo.read}): the employer reports the
 * tenant may read (the insurer's own; the company's shared ones) and the investment beside outcome of a link. The
 * report is the stored, already suppressed figures: the same cells as the page, the CSV and the PDF (「×」 and 「-」
 * as {@code mark}, numbers null).
 */
@RestController
@RequestMapping("/api/v1/collabo")
@Tag(name = "Collabo-health (コラボヘルス)")
class CollaboApiController {

    /** A report in a list: what it is, without its figures. */
    record ReportSummary(UUID id, UUID linkId, String companyName, String insurerName, String employerGroup, int fiscalYear,
            EmployerReport.Status status) {}

    private final EmployerReports reports;
    private final InvestmentOutcomes investments;
    private final IdentityManagement identity;

    CollaboApiController(EmployerReports reports, InvestmentOutcomes investments, IdentityManagement identity) {
        this.reports = reports;
        this.investments = investments;
        this.identity = identity;
    }

    private Actor actor(ApiClient client) {
        TenantView tenant = identity.tenant(client.tenantId()).orElseThrow(() -> new NotFoundException("tenant"));
        try {
            return new Actor(tenant.id(), tenant.kind(), client.clientId(), client.clientId());
        } catch (CollaboException e) {
            throw new NotFoundException("report");
        }
    }

    @GetMapping("/reports")
    @Operation(summary = "The employer reports this tenant may read (an insurer: all its own; a company: the shared ones)")
    List<ReportSummary> reports(@AuthenticationPrincipal ApiClient client) {
        return reports.reports(actor(client)).stream().map(r -> new ReportSummary(r.id(), r.linkId(), r.companyName(),
                r.insurerName(), r.employerGroup(), r.fiscalYear(), r.status())).toList();
    }

    @GetMapping("/reports/{id}")
    @Operation(summary = "One employer report with its suppressed figures (× and - as marks)")
    EmployerReport report(@AuthenticationPrincipal ApiClient client, @PathVariable UUID id) {
        return reports.report(actor(client), id).orElseThrow(() -> new NotFoundException("report"));
    }

    @GetMapping("/links/{linkId}/investment")
    @Operation(summary = "Per health issue: the company's shared investment per fiscal year beside the outcome trend")
    InvestmentOutcomes.View investment(@AuthenticationPrincipal ApiClient client, @PathVariable UUID linkId) {
        try {
            return investments.view(actor(client), linkId);
        } catch (CollaboException e) {
            throw new NotFoundException("link");
        }
    }

    @ExceptionHandler(CollaboException.class)
    ProblemDetail rule(CollaboException e) {
        if ("collabo.notFound".equals(e.messageKey()) || e.messageKey().startsWith("collabo.link.wrongKind")) {
            return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No such record.");
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request breaks a rule.");
        problem.setProperty("code", e.messageKey());
        return problem;
    }
}
