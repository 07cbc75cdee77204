package jp.hip.api.fhir.bundles;

/**
 * A {@code transaction-response} or {@code batch-response} Bundle written as FHIR JSON around resources that are
 * JSON already (ADR 0103). A written Observation's resource is the JSON encoded once for its stored row; the other
 * resources and outcomes are encoded by HAPI one by one. Fields come in the order HAPI writes them (Bundle: type,
 * entry; entry: fullUrl, resource, response; response: status, location, etag, outcome), compact, strings escaped
 * as HAPI's Jackson writer escapes them, so the text is what HAPI would write for the same content
 * ({@code FhirBundleResponseTests} compares them). The XML answer is made from this JSON ({@link jp.hip.api.fhir.format.FhirXmlResponses}).
 */
final class FhirBundleJson {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final StringBuilder out;
    private int entries;

    /** {@code type} is the Bundle.type code; {@code capacity} a guess of the length. */
    FhirBundleJson(String type, int capacity) {
        out = new StringBuilder(Math.max(capacity, 64));
        out.append("{\"resourceType\":\"Bundle\",\"type\":");
        string(type);
    }

    /**
     * One entry: each part null when absent. {@code resource} and {@code outcome} are complete FHIR JSON objects
     * (compact, as HAPI encodes them).
     */
    FhirBundleJson entry(String fullUrl, String resource, String status, String location, String etag, String outcome) {
        out.append(entries++ == 0 ? ",\"entry\":[{" : ",{");
        boolean first = true;
        if (fullUrl != null) {
            first = field(first, "fullUrl");
            string(fullUrl);
        }
        if (resource != null) {
            first = field(first, "resource");
            out.append(resource);
        }
        if (status != null || location != null || etag != null || outcome != null) {
            field(first, "response");
            out.append('{');
            boolean inner = true;
            if (status != null) {
                inner = field(inner, "status");
                string(status);
            }
            if (location != null) {
                inner = field(inner, "location");
                string(location);
            }
            if (etag != null) {
                inner = field(inner, "etag");
                string(etag);
            }
            if (outcome != null) {
                field(inner, "outcome");
                out.append(outcome);
            }
            out.append('}');
        }
        out.append('}');
        return this;
    }

    /** The Bundle's JSON. */
    String finish() {
        if (entries > 0) {
            out.append(']');
        }
        return out.append('}').toString();
    }

    private boolean field(boolean first, String name) {
        if (!first) {
            out.append(',');
        }
        out.append('"').append(name).append("\":");
        return false;
    }

    /** A JSON string as Jackson writes it: quote, backslash and control characters escaped, the rest as is. */
    private void string(String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
