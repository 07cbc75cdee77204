package jp.hip.guidelines;

import java.net.URI;
import java.net.URISyntaxException;

/** Small input rules shared by the aggregates. */
public final class Texts {

    private Texts() {}

    public static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** An absolute http(s) URL of at most 500 characters, or null when blank. */
    public static String url(String value, String messageKey) {
        String url = blankToNull(value);
        if (url == null) {
            return null;
        }
        try {
            URI uri = new URI(url);
            if (url.length() > 500 || uri.getHost() == null
                    || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
                throw new GuidelineException(messageKey);
            }
        } catch (URISyntaxException e) {
            throw new GuidelineException(messageKey);
        }
        return url;
    }

    public static String required(String value, int max, String messageKey) {
        String text = blankToNull(value);
        if (text == null || text.length() > max) {
            throw new GuidelineException(messageKey);
        }
        return text;
    }
}
