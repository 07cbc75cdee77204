package jp.hip.api.guidelines;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import jp.hip.guidelines.GuidelineException;

/** A broken registry rule (too many numbers, a malformed one) is a 400 problem naming the rule, never echoing input. */
@RestControllerAdvice(basePackages = "jp.hip.api.guidelines")
@Order(Ordered.HIGHEST_PRECEDENCE)
class GuidelineApiProblems {

    @ExceptionHandler(GuidelineException.class)
    ProblemDetail badRequest(GuidelineException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, switch (e.messageKey()) {
            case "guidelines.verify.tooMany" -> "At most 100 registration numbers can be verified at once.";
            case "guidelines.verify.malformed" -> "Registration numbers look like HG-0001.";
            case "guidelines.verify.none" -> "Give at least one registration number.";
            default -> "The request breaks a rule.";
        });
        problem.setProperty("code", e.messageKey());
        return problem;
    }
}
