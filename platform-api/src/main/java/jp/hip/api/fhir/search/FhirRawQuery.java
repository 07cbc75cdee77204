package jp.hip.api.fhir.search;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jp.hip.phr.PhrException;
import jp.hip.api.fhir.FhirOutcomes;

/**
 * A raw {@code |} in a /fhir query string (issue 10, bad input): 400 with an OperationOutcome naming each parameter
 * that holds one, before anything is read. RFC 3986 does not allow it in a query; Tomcat lets it through
 * ({@code server.tomcat.relaxed-query-chars}) only so that the client gets this answer instead of Tomcat's bare
 * HTML 400. Encoded as {@code %7C} it is the token separator every search takes. Why this differs from HAPI FHIR JPA
 * and Medplum, which accept it: docs/phr.md.
 */
@Component
class FhirRawQuery extends OncePerRequestFilter {

    private final FhirOutcomes outcomes;

    FhirRawQuery(FhirOutcomes outcomes) {
        this.outcomes = outcomes;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String query = request.getQueryString();
        return !(path.equals("/fhir") || path.startsWith("/fhir/")) || query == null || query.indexOf('|') < 0;
    }

    /** The parameters whose raw text holds a {@code |}, decoded, in order. */
    static Set<String> withRawBar(String query) {
        Set<String> names = new LinkedHashSet<>();
        for (String pair : query.split("&")) {
            if (pair.indexOf('|') < 0) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            try {
                names.add(URLDecoder.decode(name, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                names.add(name);
            }
        }
        return names;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        List<PhrException.Problem> problems = new ArrayList<>();
        for (String name : withRawBar(request.getQueryString())) {
            problems.add(PhrException.Problem.of("phr.error.rawBar", name, name));
        }
        response.setStatus(400);
        response.setContentType(FhirOutcomes.FHIR_JSON);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(FhirOutcomes.encode(outcomes.of(new PhrException(PhrException.Kind.INVALID, problems))));
    }
}
