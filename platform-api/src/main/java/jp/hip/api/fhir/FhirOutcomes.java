package jp.hip.api.fhir;

import java.util.Locale;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import jp.hip.phr.PhrException;
import jp.hip.phr.PhrFhir;

/** OperationOutcome bodies: every problem of a refusal as one issue, texts from the phr message bundle. */
@Component
public class FhirOutcomes {

    public static final String FHIR_JSON = "application/fhir+json;charset=UTF-8";

    private final MessageSource messages;

    FhirOutcomes(MessageSource messages) {
        this.messages = messages;
    }

    public static String encode(IBaseResource resource) {
        return PhrFhir.fhirContext().newJsonParser().setPrettyPrint(false).encodeResourceToString(resource);
    }

    public static OperationOutcome single(OperationOutcome.IssueType type, String text) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(type).setDiagnostics(text);
        return outcome;
    }

    public OperationOutcome of(PhrException e) {
        OperationOutcome outcome = new OperationOutcome();
        Locale locale = LocaleContextHolder.getLocale();
        for (PhrException.Problem problem : e.problems()) {
            var issue = outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(typeOf(e.kind()))
                    .setDiagnostics(messages.getMessage(problem.key(), problem.args().toArray(), problem.key(), locale));
            if (problem.where() != null) {
                issue.addExpression(problem.where());
            }
            issue.getDetails().addCoding().setSystem("https://hip.example.jp/fhir/CodeSystem/phr-error").setCode(problem.key());
        }
        return outcome;
    }

    /**
     * What a successful write must tell besides its resource (a tombstone met, ADR 0046): one {@code warning} issue
     * per notice, located by its element or lines, coded like a refusal's problems; {@code stored} ("Patient/… を作成")
     * comes first as an {@code information} issue when given.
     */
    public OperationOutcome notices(String stored, java.util.List<PhrException.Problem> notices) {
        OperationOutcome outcome = new OperationOutcome();
        Locale locale = LocaleContextHolder.getLocale();
        if (stored != null) {
            outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
                    .setCode(OperationOutcome.IssueType.INFORMATIONAL).setDiagnostics(stored);
        }
        for (PhrException.Problem notice : notices) {
            var issue = outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.WARNING)
                    .setCode(OperationOutcome.IssueType.INFORMATIONAL)
                    .setDiagnostics(messages.getMessage(notice.key(), notice.args().toArray(), notice.key(), locale));
            if (notice.where() != null) {
                issue.addExpression(notice.where());
            }
            issue.getDetails().addCoding().setSystem("https://hip.example.jp/fhir/CodeSystem/phr-notice").setCode(notice.key());
        }
        return outcome;
    }

    /** The searchset entry of a lenient search: what it ignored (issue 10). */
    OperationOutcome ignoredParameters(java.util.List<String> names) {
        OperationOutcome outcome = new OperationOutcome();
        for (String name : names) {
            outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.WARNING).setCode(OperationOutcome.IssueType.NOTSUPPORTED)
                    .setDiagnostics(message("phr.fhir.searchParamIgnored", name)).addExpression(name);
        }
        return outcome;
    }

    public String message(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }

    static OperationOutcome.IssueType typeOf(PhrException.Kind kind) {
        return switch (kind) {
            case INVALID -> OperationOutcome.IssueType.INVALID;
            case NOT_FOUND -> OperationOutcome.IssueType.NOTFOUND;
            case CONFLICT -> OperationOutcome.IssueType.DUPLICATE;
            case PRECONDITION_FAILED -> OperationOutcome.IssueType.CONFLICT;
            case FORBIDDEN -> OperationOutcome.IssueType.FORBIDDEN;
            case UNPROCESSABLE -> OperationOutcome.IssueType.BUSINESSRULE;
        };
    }
}
