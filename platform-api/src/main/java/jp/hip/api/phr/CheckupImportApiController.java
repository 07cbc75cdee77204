package jp.hip.api.phr;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import jp.hip.api.ApiClient;
import jp.hip.api.PhrHttp;
import jp.hip.phr.Accessor;
import jp.hip.phr.PhrException;
import jp.hip.phr.checkup.CheckupRecords;
import jp.hip.phr.checkup.ImportLine;
import jp.hip.phr.checkup.ImportReport;

/**
 * 特定健診 import for an insurer's own systems: the same upload as the insurer page ({@code /insurer/checkups}),
 * a submission archive (ZIP), one XML file, or a CSV, as multipart field {@code file}. Each file is all or nothing;
 * the answer lists every file with what happened to it (IMPORTED, CORRECTED, DELETED, ALREADY_IMPORTED, SKIPPED,
 * WARNING, REJECTED). 200 when no file was rejected; 422 (problem detail with the same report) when any was: the
 * others stay imported. Scope {@code phr.checkups.write}.
 */
@RestController
@RequestMapping("/api/v1/phr/checkup-imports")
@Tag(name = "PHR 特定健診 import")
class CheckupImportApiController {

    record ProblemView(String code, String where, String message) {}

    record FileView(String fileName, String status, String person, String checkupDate, int observations, int review,
            List<ProblemView> messages) {}

    record ReportView(String uploadId, String uploadName, long imported, long corrected, long deleted, long alreadyImported,
            long rejected, int observations, int review, List<FileView> files) {}

    private final CheckupRecords checkups;
    private final MessageSource messages;

    CheckupImportApiController(CheckupRecords checkups, MessageSource messages) {
        this.checkups = checkups;
        this.messages = messages;
    }

    @Operation(summary = "Import 特定健診 XML (one file or a ZIP) or CSV for the client's insurer; a report per file")
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<Object> upload(@AuthenticationPrincipal ApiClient client,
            @RequestParam(name = "file", required = false) MultipartFile file, Locale locale) throws IOException {
        if (file == null || file.isEmpty()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    messages.getMessage("phr.import.noFile", null, "No file.", locale));
            problem.setProperty("code", "phr.import.noFile");
            return ResponseEntity.badRequest().body(problem);
        }
        Accessor insurer = Accessor.tenant(client.tenantId(), client.clientId(), client.clientId(), Accessor.Channel.API);
        ReportView report = view(checkups.importUpload(insurer, file.getOriginalFilename(), file.getBytes()), locale);
        if (report.rejected() == 0) {
            return ResponseEntity.ok(report);
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                messages.getMessage("phr.api.importRejected", new Object[] {report.rejected(), report.files().size()},
                        "Some files were rejected.", locale));
        problem.setProperty("report", report);
        return ResponseEntity.unprocessableContent().body(problem);
    }

    @ExceptionHandler(PhrException.class)
    ProblemDetail refused(PhrException e, Locale locale) {
        HttpStatus status = HttpStatus.valueOf(PhrHttp.statusOf(e.kind()));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, "The request breaks a rule.");
        problem.setProperty("problems", problems(e.problems(), locale));
        return problem;
    }

    private ReportView view(ImportReport report, Locale locale) {
        List<FileView> files = report.lines().stream().map(l -> new FileView(l.file(),
                l.outcome() == ImportLine.Outcome.ALREADY ? "ALREADY_IMPORTED" : l.outcome().name(), l.person(),
                l.checkupDate(), l.observations(), l.review(), problems(l.messages(), locale))).toList();
        return new ReportView(report.uploadId().toString(), report.uploadName(), report.imported(), report.corrected(),
                report.deleted(), report.count(ImportLine.Outcome.ALREADY), report.rejected(), report.observations(),
                report.review(), files);
    }

    private List<ProblemView> problems(List<PhrException.Problem> problems, Locale locale) {
        return problems.stream().map(p -> new ProblemView(p.key(), p.where(),
                messages.getMessage(p.key(), p.args().toArray(), p.key(), locale))).toList();
    }
}
