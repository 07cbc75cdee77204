package jp.hip.api.fhir.format;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

import jp.hip.phr.PhrFhir;

/** Writes a FHIR JSON answer as XML through HAPI's XML parser when {@link FhirFormat} found XML asked for. */
@RestControllerAdvice(basePackages = "jp.hip.api.fhir") // every FHIR controller, in this package's parent and its sub-packages
class FhirXmlResponses implements ResponseBodyAdvice<Object> {

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
            Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request, ServerHttpResponse response) {
        if (!(body instanceof String json) || !(request instanceof ServletServerHttpRequest servlet)
                || !Boolean.TRUE.equals(servlet.getServletRequest().getAttribute(FhirFormat.WANTS_XML))
                || contentType == null || !contentType.getSubtype().equals("fhir+json")) {
            return body;
        }
        var context = PhrFhir.fhirContext();
        String xml = context.newXmlParser().encodeResourceToString(context.newJsonParser().parseResource(json));
        response.getHeaders().set(HttpHeaders.CONTENT_TYPE, FhirFormat.XML);
        return xml;
    }
}
