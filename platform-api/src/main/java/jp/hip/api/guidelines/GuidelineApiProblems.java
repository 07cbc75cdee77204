package jp.hip.api.guidelines;

import java.util.stream.Collectors;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import jp.hip.guidelines.GuidelineException;
import jp.hip.guidelines.publicregister.VerificationException;

/**
 * A broken registry rule is a 400 problem naming the rule ({@code code}) and what it is about: each malformed number
 * by its position (and, as data, what was given), each unknown number of the batch. Free text is never echoed into
 * {@code detail}.
 */
@RestControllerAdvice(basePackages = "jp.hip.api.guidelines")
@Order(Ordered.HIGHEST_PRECEDENCE)
class GuidelineApiProblems {

    /** A well-formed number that is not on the list (or not public). */
    static final class UnknownNumber extends RuntimeException {
        final String registrationNo;

        UnknownNumber(String registrationNo) {
            super("unknown registration number");
            this.registrationNo = registrationNo;
        }
    }

    @ExceptionHandler(VerificationException.class)
    ProblemDetail malformed(VerificationException e) {
        String positions = e.malformed().stream().map(m -> "#" + m.position()).collect(Collectors.joining(", "));
        String detail = "Not registration numbers (like HG-0001): " + positions + "."
                + (e.unknown().isEmpty() ? "" : " Not on the list: " + String.join(", ", e.unknown()) + ".");
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Malformed registration numbers");
        problem.setProperty("code", e.messageKey());
        problem.setProperty("malformed", e.malformed());
        problem.setProperty("unknown", e.unknown());
        return problem;
    }

    @ExceptionHandler(UnknownNumber.class)
    ProblemDetail unknown(UnknownNumber e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                e.registrationNo + " is not on the list.");
        problem.setTitle("Not found");
        problem.setProperty("code", "guidelines.verify.unknown");
        problem.setProperty("unknown", java.util.List.of(e.registrationNo));
        return problem;
    }

    @ExceptionHandler(GuidelineException.class)
    ProblemDetail badRequest(GuidelineException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, switch (e.messageKey()) {
            case "guidelines.verify.tooMany" -> "At most 100 registration numbers can be verified at once; "
                    + e.args()[0] + " were given.";
            case "guidelines.verify.none" -> "Give at least one registration number.";
            default -> "The request breaks a rule.";
        });
        problem.setProperty("code", e.messageKey());
        return problem;
    }
}
