package jp.hip.api.fhir.format;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import jp.hip.api.fhir.FhirOutcomes;

/**
 * Response format negotiation under /fhir (issue 10, item 6): {@code _format} (json, xml or a FHIR MIME type) wins
 * over {@code Accept}; JSON is the default. A format the server cannot write is refused with 406 before anything is
 * read, so no access is logged for an answer that is not sent. {@link FhirXmlResponses} writes the XML.
 */
@Component
public class FhirFormat extends OncePerRequestFilter {

    public static final String XML = "application/fhir+xml;charset=UTF-8";
    static final String WANTS_XML = FhirFormat.class.getName() + ".xml";

    private static final List<MediaType> JSON_TYPES = List.of(MediaType.parseMediaType("application/fhir+json"), MediaType.APPLICATION_JSON);
    private static final List<MediaType> XML_TYPES = List.of(MediaType.parseMediaType("application/fhir+xml"), MediaType.APPLICATION_XML, MediaType.TEXT_XML);

    /** null when no format the server writes is acceptable; else whether XML was asked for. */
    public static Boolean xml(String format, String accept) {
        if (format != null && !format.isBlank()) {
            String f = format.strip().toLowerCase(Locale.ROOT);
            if (f.equals("xml") || XML_TYPES.stream().anyMatch(t -> f.startsWith(t.toString()))) {
                return true;
            }
            if (f.equals("json") || JSON_TYPES.stream().anyMatch(t -> f.startsWith(t.toString()))) {
                return false;
            }
            return null;
        }
        if (accept == null || accept.isBlank()) {
            return false;
        }
        List<MediaType> accepted;
        try {
            accepted = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            return null;
        }
        // the highest quality wins; at equal quality JSON (the default) before XML, as HAPI's client offers both at q=1
        double best = -1;
        Boolean chosen = null;
        for (MediaType type : accepted) {
            double q = type.getQualityValue();
            boolean json = JSON_TYPES.stream().anyMatch(type::isCompatibleWith); // includes */* and application/*
            boolean xml = !json && XML_TYPES.stream().anyMatch(type::isCompatibleWith);
            if (q == 0 || !(json || xml)) {
                continue;
            }
            if (q > best || (q == best && json)) {
                best = q;
                chosen = xml;
            }
        }
        if (chosen != null) {
            return chosen;
        }
        return null;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !(path.equals("/fhir") || path.startsWith("/fhir/")) || path.startsWith("/fhir/.well-known/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Boolean xml = xml(request.getParameter("_format"), request.getHeader("Accept"));
        if (xml == null) {
            response.setStatus(406);
            response.setContentType(FhirOutcomes.FHIR_JSON);
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write(FhirOutcomes.encode(FhirOutcomes.single(OperationOutcome.IssueType.NOTSUPPORTED,
                    "The requested format is not supported: use application/fhir+json or application/fhir+xml (_format=json|xml).")));
            return;
        }
        request.setAttribute(WANTS_XML, xml);
        chain.doFilter(request, response);
    }
}
