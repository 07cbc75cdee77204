package jp.hip.api.fhir;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;
import jp.hip.api.fhir.format.FhirFormat;

/** What the security filters refuse under /fhir, as OperationOutcome (FHIR JSON, or XML when asked for: ADR 0039). */
@Component
public class FhirSecurityResponses {

    public void unauthorized(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer");
        write(request, response, 401, OperationOutcome.IssueType.LOGIN, "A valid bearer token is required.");
    }

    public void forbidden(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(request, response, 403, OperationOutcome.IssueType.FORBIDDEN, "The token's scopes do not allow this request.");
    }

    private static void write(HttpServletRequest request, HttpServletResponse response, int status,
            OperationOutcome.IssueType type, String text) throws IOException {
        boolean xml = Boolean.TRUE.equals(FhirFormat.xml(request.getParameter("_format"), request.getHeader("Accept")));
        OperationOutcome outcome = FhirOutcomes.single(type, text);
        response.setStatus(status);
        response.setContentType(xml ? FhirFormat.XML : FhirOutcomes.FHIR_JSON);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(xml ? jp.hip.phr.PhrFhir.fhirContext().newXmlParser().encodeResourceToString(outcome)
                : FhirOutcomes.encode(outcome));
    }
}
