package jp.hip.api.fhir.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jp.hip.phr.PhrFhir;
import jp.hip.api.fhir.FhirOutcomes;

/**
 * The size cap of a FHIR request body (ADR 0103): a POST, PUT or PATCH under /fhir whose body is longer than
 * {@code hip.fhir.max-body-bytes} (default 16 MiB, far above a transaction Bundle of 500 observations, about
 * 250 KB in JSON) is answered 413 with an OperationOutcome before any handler (or the XML reader) runs, so nothing
 * is parsed or written. Checked on Content-Length; a body without one (chunked) is read up to the cap and refused
 * as soon as it passes it. {@code $bulk-ingest} streams NDJSON under its own limits ({@link jp.hip.api.fhir.FhirBulkLimits}).
 * Mutable so tests can lower it for a moment.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 2) // before FhirXmlRequests, which reads the whole body
public class FhirBodyLimit extends OncePerRequestFilter {

    private final FhirOutcomes outcomes;
    private volatile long maxBytes;

    FhirBodyLimit(FhirOutcomes outcomes, @Value("${hip.fhir.max-body-bytes:16777216}") long maxBytes) {
        this.outcomes = outcomes;
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    public void set(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String method = request.getMethod();
        boolean body = method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
        return !body || !(path.equals("/fhir") || path.startsWith("/fhir/")) || path.endsWith("$bulk-ingest");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long max = maxBytes;
        long length = request.getContentLengthLong();
        if (length > max) {
            refuse(request, response, max);
            return;
        }
        if (length >= 0) {
            chain.doFilter(request, response);
            return;
        }
        // no Content-Length: read at most one byte past the cap
        InputStream in = request.getInputStream();
        byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        if (body.length > max) {
            refuse(request, response, max);
            return;
        }
        chain.doFilter(new Read(request, body), response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, long max) throws IOException {
        OperationOutcome outcome = FhirOutcomes.single(OperationOutcome.IssueType.TOOLONG, outcomes.message("phr.error.bodyTooLarge", max));
        Boolean wanted = FhirFormat.xml(request.getParameter("_format"), request.getHeader("Accept"));
        String contentType = request.getContentType();
        String accept = request.getHeader("Accept");
        // as FhirXmlRequests answers: an XML body with no format asked for gets XML back
        boolean xmlBody = contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).contains("xml");
        boolean unasked = request.getParameter("_format") == null && (accept == null || accept.isBlank() || accept.strip().equals("*/*"));
        boolean xml = Boolean.TRUE.equals(wanted) || (xmlBody && unasked);
        response.setStatus(413);
        response.setCharacterEncoding("UTF-8");
        response.setContentType(xml ? FhirFormat.XML : FhirOutcomes.FHIR_JSON);
        // the unread body is not drained: the connection is closed after this answer
        response.setHeader("Connection", "close");
        response.getWriter().write(xml ? PhrFhir.fhirContext().newXmlParser().encodeResourceToString(outcome) : FhirOutcomes.encode(outcome));
    }

    /** The request with its body read into memory (it had no Content-Length). */
    private static final class Read extends HttpServletRequestWrapper {

        private final byte[] body;

        Read(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            return new BodyStream(body);
        }

        @Override
        public java.io.BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(),
                    encoding == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(encoding)));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
