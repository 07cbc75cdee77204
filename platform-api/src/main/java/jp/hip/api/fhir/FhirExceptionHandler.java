package jp.hip.api.fhir;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.hl7.fhir.r4.model.OperationOutcome;

import ca.uhn.fhir.parser.DataFormatException;
import jp.hip.phr.PhrException;
import jp.hip.api.PhrHttp;

/** FHIR errors are OperationOutcome; an unexpected exception's message never reaches the client. */
@RestControllerAdvice(basePackageClasses = FhirExceptionHandler.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class FhirExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(FhirExceptionHandler.class);

    private final FhirOutcomes outcomes;

    FhirExceptionHandler(FhirOutcomes outcomes) {
        this.outcomes = outcomes;
    }

    @ExceptionHandler(PhrException.class)
    ResponseEntity<String> refused(PhrException e) {
        return body(PhrHttp.statusOf(e.kind()), FhirOutcomes.encode(outcomes.of(e)));
    }

    @ExceptionHandler(DataFormatException.class)
    ResponseEntity<String> unparseable(DataFormatException e) {
        return body(400, FhirOutcomes.encode(FhirOutcomes.single(OperationOutcome.IssueType.STRUCTURE,
                outcomes.message("phr.error.parse"))));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<String> unexpected(Exception e) {
        if (e instanceof ErrorResponse response) {
            int status = response.getStatusCode().value();
            return body(status, FhirOutcomes.encode(FhirOutcomes.single(
                    status == 404 ? OperationOutcome.IssueType.NOTFOUND : OperationOutcome.IssueType.INVALID,
                    outcomes.message("phr.error.http", status))));
        }
        log.error("Unexpected FHIR error", e);
        return body(500, FhirOutcomes.encode(FhirOutcomes.single(OperationOutcome.IssueType.EXCEPTION,
                outcomes.message("phr.error.unexpected"))));
    }

    private static ResponseEntity<String> body(int status, String json) {
        return ResponseEntity.status(status).header(HttpHeaders.CONTENT_TYPE, FhirOutcomes.FHIR_JSON).body(json);
    }
}
