package jp.hip.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * Paging in the URL (ui.md: every list pages, filters in the URL): a page number beyond the end, below 1 or not a
 * number is redirected to the nearest page that exists, with the same filters, never shown as 「999 / 2」.
 */
public final class Pages {

    private Pages() {}

    /** The page the URL asks for; 0 when it is not a number (then the first page is the nearest). */
    public static int requested(String page) {
        if (page == null || page.isBlank()) {
            return 1;
        }
        try {
            return Integer.parseInt(page.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The existing page nearest to the requested one (pages ≥ 1). */
    public static int nearest(int requested, int pages) {
        return Math.min(Math.max(requested, 1), Math.max(pages, 1));
    }

    /** A redirect to the same address and filters (the request's parameters) with {@code page} replaced. */
    public static String redirect(HttpServletRequest request, int page) {
        UriComponentsBuilder target = UriComponentsBuilder.fromPath(request.getRequestURI());
        request.getParameterMap().forEach((name, values) -> {
            if (!name.equals("page") && !name.startsWith("_")) {
                target.queryParam(name, (Object[]) values);
            }
        });
        return "redirect:" + target.queryParam("page", page).encode().build().toUriString();
    }
}
