package jp.hip.api.fhir.format;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.StrictErrorHandler;
import jp.hip.phr.PhrFhir;
import jp.hip.api.fhir.FhirOutcomes;

/**
 * Request bodies under /fhir (issue 10, item 6). FHIR JSON passes untouched. FHIR XML is read through HAPI's XML
 * parser (strict, as the JSON one) after any DOCTYPE is refused, so no DTD is read, no entity is declared or
 * expanded and nothing external is fetched (XXE); it is handed on as FHIR JSON, so every handler reads one format
 * and writes nothing it could not read. Any other body type is refused with 415 before a handler runs. Without a
 * Content-Type the body is sniffed as HAPI's server does ({@code <} is XML). A client that sends XML and names no
 * response format ({@code _format}, or an {@code Accept} other than any) gets XML back, as from HAPI.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 1) // before FhirFormat, which then reads the Accept given to an XML body
class FhirXmlRequests extends OncePerRequestFilter {

    static final List<MediaType> JSON = List.of(MediaType.parseMediaType("application/fhir+json"), MediaType.APPLICATION_JSON,
            MediaType.parseMediaType("application/json+fhir"));
    static final List<MediaType> XML = List.of(MediaType.parseMediaType("application/fhir+xml"), MediaType.APPLICATION_XML,
            MediaType.parseMediaType("application/xml+fhir"), MediaType.TEXT_XML);

    /** A DTD is the only way to declare entities (XXE, entity expansion); FHIR XML never has one. */
    private static final Pattern DTD = Pattern.compile("<!\\s*(DOCTYPE|ENTITY)", Pattern.CASE_INSENSITIVE);

    private static final Pattern UPDATABLE = Pattern.compile("/fhir/Observation/[^/$]+");

    private final FhirOutcomes outcomes;

    FhirXmlRequests(FhirOutcomes outcomes) {
        this.outcomes = outcomes;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        // the requests a handler reads a resource from: POST, and PUT where update is offered (other PUTs and every
        // PATCH are 405 whatever their body); $bulk-ingest streams NDJSON and names its own types (415 from its mapping)
        boolean read = request.getMethod().equals("POST")
                || (request.getMethod().equals("PUT") && UPDATABLE.matcher(path).matches());
        return !read || !(path.equals("/fhir") || path.startsWith("/fhir/")) || path.endsWith("$bulk-ingest")
                || request.getContentLengthLong() == 0;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getContentType();
        MediaType type = null;
        if (contentType != null && !contentType.isBlank()) {
            type = type(contentType);
            MediaType given = type;
            if (JSON.stream().anyMatch(t -> t.equalsTypeAndSubtype(given))) {
                chain.doFilter(request, response);
                return;
            }
            if (XML.stream().noneMatch(t -> t.equalsTypeAndSubtype(given))) {
                refuse(request, response, 415, OperationOutcome.IssueType.NOTSUPPORTED,
                        outcomes.message("phr.error.bodyType", given.getType() + "/" + given.getSubtype()), false);
                return;
            }
        }
        Charset charset = charset(type);
        if (charset == null) {
            refuse(request, response, 415, OperationOutcome.IssueType.NOTSUPPORTED,
                    outcomes.message("phr.error.bodyType", contentType), false);
            return;
        }
        byte[] bytes = request.getInputStream().readAllBytes();
        String text = new String(bytes, charset);
        if (type == null && !text.stripLeading().startsWith("<")) {
            // JSON, sniffed; named as such so it is decoded as UTF-8 (FHIR's only encoding), not as ISO-8859-1
            chain.doFilter(new Body(request, text.getBytes(StandardCharsets.UTF_8), FhirOutcomes.FHIR_JSON, false), response);
            return;
        }
        if (DTD.matcher(text).find()) {
            refuse(request, response, 400, OperationOutcome.IssueType.SECURITY, outcomes.message("phr.error.xmlDoctype"), true);
            return;
        }
        if (!inFhirNamespace(text)) {
            refuse(request, response, 400, OperationOutcome.IssueType.STRUCTURE, outcomes.message("phr.error.parseXml"), true);
            return;
        }
        IBaseResource resource;
        try {
            // as sent: a Bundle entry keeps its own id, not its fullUrl, so the JSON handed on is the XML's content
            resource = PhrFhir.fhirContext().newXmlParser().setParserErrorHandler(new StrictErrorHandler())
                    .setOverrideResourceIdWithBundleEntryFullUrl(false).parseResource(text);
        } catch (DataFormatException | IllegalArgumentException | IllegalStateException e) {
            refuse(request, response, 400, OperationOutcome.IssueType.STRUCTURE, outcomes.message("phr.error.parseXml"), true);
            return;
        }
        byte[] json = PhrFhir.parser().encodeResourceToString(resource).getBytes(StandardCharsets.UTF_8);
        boolean answerXml = answersInRequestFormat(request);
        if (answerXml) {
            request.setAttribute(FhirFormat.WANTS_XML, true);
        }
        chain.doFilter(new Body(request, json, FhirOutcomes.FHIR_JSON, answerXml), response);
    }

    /**
     * Whether the root element is in the FHIR namespace (HAPI's parser reads a root of any namespace by its local
     * name). Read with a StAX reader that supports no DTD and no external entity; the DOCTYPE check came first.
     */
    private static boolean inFhirNamespace(String text) {
        javax.xml.stream.XMLInputFactory factory = javax.xml.stream.XMLInputFactory.newFactory();
        factory.setProperty(javax.xml.stream.XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(javax.xml.stream.XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        try {
            javax.xml.stream.XMLStreamReader reader = factory.createXMLStreamReader(new java.io.StringReader(text));
            try {
                while (reader.hasNext()) {
                    if (reader.next() == javax.xml.stream.XMLStreamConstants.START_ELEMENT) {
                        return "http://hl7.org/fhir".equals(reader.getNamespaceURI());
                    }
                }
                return false;
            } finally {
                reader.close();
            }
        } catch (javax.xml.stream.XMLStreamException e) {
            return false;
        }
    }

    /** The body's charset (UTF-8 unless named); null when the named one is unknown here. */
    private static Charset charset(MediaType type) {
        try {
            return type == null || type.getParameter("charset") == null ? StandardCharsets.UTF_8 : type.getCharset();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static MediaType type(String contentType) {
        try {
            return MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
    }

    /** No _format and no Accept (or only *&#47;*): the answer takes the request body's format (HAPI does). */
    private static boolean answersInRequestFormat(HttpServletRequest request) {
        String format = request.getParameter("_format");
        String accept = request.getHeader("Accept");
        return (format == null || format.isBlank()) && (accept == null || accept.isBlank() || accept.strip().equals("*/*"));
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, int status, OperationOutcome.IssueType code,
            String text, boolean xmlBody) throws IOException {
        Boolean wanted = FhirFormat.xml(request.getParameter("_format"), request.getHeader("Accept"));
        boolean xml = Boolean.TRUE.equals(wanted) || (xmlBody && answersInRequestFormat(request));
        OperationOutcome outcome = FhirOutcomes.single(code, text);
        response.setStatus(status);
        response.setCharacterEncoding("UTF-8");
        response.setContentType(xml ? FhirFormat.XML : FhirOutcomes.FHIR_JSON);
        response.getWriter().write(xml ? PhrFhir.fhirContext().newXmlParser().encodeResourceToString(outcome)
                : FhirOutcomes.encode(outcome));
    }

    /** The request with the body it was read into (FHIR JSON), and the XML Accept an XML body implies. */
    private static final class Body extends HttpServletRequestWrapper {

        private final byte[] body;
        private final String contentType;
        private final boolean acceptXml;

        Body(HttpServletRequest request, byte[] body, String contentType, boolean acceptXml) {
            super(request);
            this.body = body;
            this.contentType = contentType;
            this.acceptXml = acceptXml;
        }

        @Override
        public ServletInputStream getInputStream() {
            return new BodyStream(body);
        }

        @Override
        public java.io.BufferedReader getReader() {
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public String getContentType() {
            return contentType;
        }

        @Override
        public String getCharacterEncoding() {
            return "UTF-8";
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public String getHeader(String name) {
            String n = name.toLowerCase(Locale.ROOT);
            return switch (n) {
                case "content-type" -> contentType;
                case "content-length" -> String.valueOf(body.length);
                case "accept" -> acceptXml ? "application/fhir+xml" : super.getHeader(name);
                default -> super.getHeader(name);
            };
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            String n = name.toLowerCase(Locale.ROOT);
            if (n.equals("content-type") || n.equals("content-length") || (n.equals("accept") && acceptXml)) {
                String value = getHeader(name);
                return value == null ? Collections.emptyEnumeration() : Collections.enumeration(List.of(value));
            }
            return super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = Collections.list(super.getHeaderNames());
            if (acceptXml && names.stream().noneMatch(n -> n.equalsIgnoreCase("accept"))) {
                names.add("Accept");
            }
            return Collections.enumeration(names);
        }
    }
}
