package jp.hip.api.fhir.bundles;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hl7.fhir.r4.model.Bundle;

import jp.hip.phr.PhrException;
import jp.hip.phr.PhrException.Kind;
import jp.hip.api.fhir.search.FhirSearchRunner;

/**
 * One Bundle entry's request as the server reads it (issue 10, item 4): method, resource type, path segments and
 * query. {@link #of} refuses what no server could run (a missing or unknown method: 400; an unknown resource type:
 * 404); {@link #allow} says which methods the entry's address offers, as the 405 of a single request would.
 */
record FhirBundleEntry(Bundle.HTTPVerb verb, String type, List<String> path, String query) {

    /** Reads entry {@code entry}; {@code base} is stripped from an absolute url. */
    static FhirBundleEntry of(Bundle.BundleEntryComponent entry, String base) {
        Bundle.BundleEntryRequestComponent request = entry.getRequest();
        Bundle.HTTPVerb verb = request.getMethod();
        String method = request.getMethodElement().getValueAsString();
        if (verb == null && method != null && !method.isBlank()) {
            throw PhrException.of(Kind.INVALID, "phr.error.bundleMethod", method);
        }
        String url = request.getUrl();
        if (verb == null || url == null || url.isBlank()) {
            throw PhrException.of(Kind.INVALID, "phr.error.bundleRequest");
        }
        String u = url.strip();
        if (u.startsWith(base + "/")) {
            u = u.substring(base.length() + 1);
        }
        if (u.startsWith("/")) {
            u = u.substring(1);
        }
        int q = u.indexOf('?');
        List<String> path = List.of((q < 0 ? u : u.substring(0, q)).split("/", -1));
        String type = path.get(0);
        if (!FhirSearchRunner.TYPES.contains(type)) {
            throw PhrException.of(Kind.NOT_FOUND, "phr.error.notFound", type.isBlank() ? url : type);
        }
        return new FhirBundleEntry(verb, type, path, q < 0 ? null : u.substring(q + 1));
    }

    /**
     * The methods the entry's address offers (as {@link jp.hip.api.fhir.FhirUnsupportedInteractions} answers them), or null for an
     * address a Bundle entry cannot name here (an operation).
     */
    String allow() {
        boolean observation = type.equals("Observation");
        if (path.size() == 1) {
            return "GET, POST";
        }
        if (path.size() == 2) {
            return observation ? "GET, PUT" : "GET";
        }
        if ((path.size() == 3 || path.size() == 4) && path.get(2).equals("_history")) {
            return observation ? "GET" : "";
        }
        return null;
    }

    boolean allows() {
        String allow = allow();
        return allow != null && List.of(allow.split(", ")).contains(verb.toCode());
    }

    /** A type search: GET on the type, with or without a query. */
    boolean search() {
        return verb == Bundle.HTTPVerb.GET && path.size() == 1;
    }

    /** vread or instance history. */
    boolean history() {
        return verb == Bundle.HTTPVerb.GET && path.size() >= 3 && path.get(2).equals("_history");
    }

    String id() {
        return path.get(1);
    }

    /** The version of a vread, or null for the history. */
    String version() {
        return path.size() == 4 ? path.get(3) : null;
    }

    /** The query's parameters, decoded as a servlet decodes a request's (a raw {@code |} is fine in a Bundle). */
    Map<String, String[]> parameters() {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                try {
                    String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                    String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
                } catch (IllegalArgumentException e) {
                    throw PhrException.of(Kind.INVALID, "phr.error.bundleUnsupported", verb.toCode() + " " + String.join("/", path) + "?" + query);
                }
            }
        }
        Map<String, String[]> parameters = new LinkedHashMap<>();
        values.forEach((name, list) -> parameters.put(name, list.toArray(String[]::new)));
        return parameters;
    }
}
