package jp.hip.api;

import jp.hip.phr.BundleEntryResult;
import jp.hip.phr.PhrException;
import jp.hip.phr.PhrException.Kind;

/** The HTTP side of PHR outcomes: a refusal's status, an entry's status in a Bundle response, ETag versions. */
public final class PhrHttp {

    private PhrHttp() {}

    public static int statusOf(Kind kind) {
        return switch (kind) {
            case INVALID -> 400;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case PRECONDITION_FAILED -> 412;
            case FORBIDDEN -> 403;
            case UNPROCESSABLE -> 422;
        };
    }

    /** A Bundle entry: its refusal's status, 201 for a new resource, 200 otherwise. */
    public static int statusOf(BundleEntryResult result) {
        if (result.error() != null) {
            return statusOf(result.error().kind());
        }
        return result.created() ? 201 : 200;
    }

    /** "201 Created", as Bundle.entry.response.status wants it. */
    public static String statusLine(int status) {
        String reason = switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 412 -> "Precondition Failed";
            case 422 -> "Unprocessable Entity";
            default -> "";
        };
        return status + " " + reason;
    }

    /** An If-Match value: W/"3" or "3" → 3; anything else is refused (400). */
    public static Integer etagVersion(String etag) {
        String value = etag.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw PhrException.of(Kind.INVALID, "phr.error.ifMatch");
        }
    }
}
