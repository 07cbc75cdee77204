package jp.hip.api.fhir;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;

/** What the security filters refuse under /fhir, as OperationOutcome (application/fhir+json). */
@Component
public class FhirSecurityResponses {

    public void unauthorized(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer");
        write(response, 401, OperationOutcome.IssueType.LOGIN, "A valid bearer token is required.");
    }

    public void forbidden(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(response, 403, OperationOutcome.IssueType.FORBIDDEN, "The token's scopes do not allow this request.");
    }

    private static void write(HttpServletResponse response, int status, OperationOutcome.IssueType type, String text)
            throws IOException {
        response.setStatus(status);
        response.setContentType(FhirOutcomes.FHIR_JSON);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(FhirOutcomes.encode(FhirOutcomes.single(type, text)));
    }
}
