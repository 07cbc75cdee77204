package jp.hip.api.fhir.bundles;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import jp.hip.api.ApiClient;
import jp.hip.api.PhrHttp;
import jp.hip.phr.Accessor;
import jp.hip.phr.BundleEntryResult;
import jp.hip.phr.PhrException;
import jp.hip.phr.PhrFhir;
import jp.hip.phr.bundles.PhrBundles;
import jp.hip.phr.observations.ObservationVersions;
import jp.hip.api.fhir.FhirHistoryController;
import jp.hip.api.fhir.FhirOutcomes;
import jp.hip.api.fhir.FhirResponses;
import jp.hip.api.fhir.FhirScopes;
import jp.hip.api.fhir.search.FhirSearch;
import jp.hip.api.fhir.search.FhirSearchCheck;
import jp.hip.api.fhir.search.FhirSearchRunner;

/**
 * {@code transaction} and {@code batch} Bundles (issue 10, item 4; ref-phr.md §2.1). Every entry is checked as its
 * single request would be: a known method (400), a known type (404), an interaction the address offers (405), the
 * scope (403, naming the scope the token lacks). A batch answers each entry on its own and carries out the others;
 * a transaction fails whole with the first refused entry's status and every refusal located, before anything is
 * written. Writes and reads by id go to the domain ({@link PhrBundles}); searches, vread and history are run here
 * after them, inside the transaction when it is one.
 */
@RestController
@RequestMapping("/fhir")
class FhirBundleController {

    static final int MAX_ENTRIES = 500;

    private static final Pattern ENTRY = Pattern.compile("^Bundle\\.entry\\[(\\d+)]");

    private final PhrBundles bundles;
    private final ObservationVersions versions;
    private final FhirSearchRunner searches;
    private final FhirResponses responses;
    private final FhirOutcomes outcomes;

    FhirBundleController(PhrBundles bundles, ObservationVersions versions, FhirSearchRunner searches,
            FhirResponses responses, FhirOutcomes outcomes) {
        this.bundles = bundles;
        this.versions = versions;
        this.searches = searches;
        this.responses = responses;
        this.outcomes = outcomes;
    }

    /** One entry's answer, when it is not the domain's. */
    private record Answer(int status, Resource resource, Integer version, OperationOutcome outcome) {
        static Answer refused(int status, OperationOutcome outcome) {
            return new Answer(status, null, null, outcome);
        }
    }

    /** A read that failed inside a transaction: its entry, so the refusal is located. */
    private static final class ReadFailed extends RuntimeException {
        private final int index;
        private final PhrException refusal;

        ReadFailed(int index, PhrException refusal) {
            super(refusal);
            this.index = index;
            this.refusal = refusal;
        }
    }

    @PostMapping
    ResponseEntity<String> bundle(@AuthenticationPrincipal ApiClient client, HttpServletRequest request,
            @RequestBody(required = false) String body) {
        Bundle bundle = parse(body);
        if (bundle.getType() != Bundle.BundleType.TRANSACTION && bundle.getType() != Bundle.BundleType.BATCH) {
            throw PhrException.of(PhrException.Kind.INVALID, "phr.error.bundleType");
        }
        if (bundle.getEntry().size() > MAX_ENTRIES) {
            throw PhrException.of(PhrException.Kind.INVALID, "phr.error.bundleSize", MAX_ENTRIES);
        }
        boolean transaction = bundle.getType() == Bundle.BundleType.TRANSACTION;
        boolean lenient = FhirSearchCheck.lenient(request.getHeaders("Prefer"));
        boolean minimal = returnMinimal(request.getHeaders("Prefer"));
        String base = FhirResponses.base();
        Map<Integer, Answer> answers = new HashMap<>();
        Map<Integer, Supplier<Answer>> reads = new LinkedHashMap<>();
        List<Integer> written = new ArrayList<>();
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            try {
                FhirBundleEntry entry = FhirBundleEntry.of(bundle.getEntry().get(i), base);
                if (!entry.allows()) {
                    answers.put(i, entry.allow() == null ? Answer.refused(400, outcomes.of(PhrException.of(PhrException.Kind.INVALID,
                            "phr.error.bundleUnsupported", entry.verb().toCode() + " " + bundle.getEntry().get(i).getRequest().getUrl())))
                            : Answer.refused(405, FhirOutcomes.single(OperationOutcome.IssueType.NOTSUPPORTED,
                                    outcomes.message("phr.error.methodNotAllowed", entry.allow().isEmpty() ? "-" : entry.allow()))));
                    continue;
                }
                String scope = FhirScopes.missing(client, entry.verb(), entry.type());
                if (scope != null) {
                    throw PhrException.of(PhrException.Kind.FORBIDDEN, "phr.error.scope", scope);
                }
                if (entry.search()) {
                    var checked = FhirSearchCheck.check(entry.type(), entry.type(), entry.parameters(), lenient);
                    Supplier<Bundle> search = searches.prepare(client, entry.type(), checked);
                    reads.put(i, () -> new Answer(200, search.get(), null, null));
                } else if (entry.history()) {
                    reads.put(i, history(client, entry));
                } else {
                    written.add(i);
                }
            } catch (PhrException e) {
                answers.put(i, Answer.refused(PhrHttp.statusOf(e.kind()), outcomes.of(e)));
            }
        }
        if (transaction && !answers.isEmpty()) {
            return refusedTransaction(answers);
        }
        Bundle domain = new Bundle().setType(bundle.getType());
        written.forEach(i -> domain.addEntry(bundle.getEntry().get(i)));
        Accessor accessor = domain.getEntry().stream().anyMatch(e -> e.getResource() instanceof Consent)
                ? responses.consentRecorder(client) : responses.accessor(client);
        List<BundleEntryResult> results;
        if (transaction) {
            results = transaction(accessor, domain, written, reads, answers);
        } else {
            results = domain.getEntry().isEmpty() ? List.of() : bundles.batch(accessor, domain, PhrHttp::etagVersion);
            reads.forEach((i, read) -> {
                try {
                    answers.put(i, read.get());
                } catch (PhrException e) {
                    answers.put(i, Answer.refused(PhrHttp.statusOf(e.kind()), outcomes.of(e)));
                }
            });
        }
        Map<Integer, BundleEntryResult> byIndex = new HashMap<>();
        for (int k = 0; k < written.size(); k++) {
            byIndex.put(written.get(k), results.get(k));
        }
        // written around the stored JSON of each new Observation, not re-encoded (ADR 0103)
        FhirBundleJson response = new FhirBundleJson(transaction ? "transaction-response" : "batch-response",
                minimal ? 256 * bundle.getEntry().size() : 1024 * bundle.getEntry().size());
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            if (byIndex.containsKey(i)) {
                // a read by id carries its resource whatever Prefer says (only writes are minimal)
                written(response, byIndex.get(i), base, minimal && bundle.getEntry().get(i).getRequest().getMethod() != Bundle.HTTPVerb.GET);
            } else {
                Answer answer = answers.get(i);
                String status = PhrHttp.statusLine(answer.status());
                if (answer.outcome() != null) {
                    response.entry(null, null, status, null, null, FhirOutcomes.encode(answer.outcome()));
                } else {
                    response.entry(null, answer.resource() == null ? null : FhirOutcomes.encode(answer.resource()), status, null,
                            answer.version() == null ? null : "W/\"" + answer.version() + "\"", null);
                }
            }
        }
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_TYPE, FhirOutcomes.FHIR_JSON).body(response.finish());
    }

    /** The domain's writes and reads by id, then the searches and versions, in one transaction. */
    private List<BundleEntryResult> transaction(Accessor accessor, Bundle domain, List<Integer> written,
            Map<Integer, Supplier<Answer>> reads, Map<Integer, Answer> answers) {
        try {
            return bundles.transaction(accessor, domain, PhrHttp::etagVersion, () -> reads.forEach((i, read) -> {
                try {
                    answers.put(i, read.get());
                } catch (PhrException e) {
                    throw new ReadFailed(i, e);
                }
            }));
        } catch (ReadFailed e) {
            // a read's problems name its parameter (or nothing): under its entry
            List<PhrException.Problem> problems = e.refusal.problems().stream().map(p -> new PhrException.Problem(p.key(),
                    "Bundle.entry[" + e.index + "]" + (p.where() == null ? "" : "." + p.where()), p.args())).toList();
            throw new PhrException(e.refusal.kind(), problems);
        } catch (PhrException e) {
            // the domain located its problems in the entries it was given: back to this Bundle's positions
            throw located(e, written::get);
        }
    }

    private static PhrException located(PhrException e, java.util.function.IntUnaryOperator position) {
        List<PhrException.Problem> problems = new ArrayList<>();
        for (PhrException.Problem p : e.problems()) {
            String where = p.where();
            Matcher m = where == null ? null : ENTRY.matcher(where);
            if (m != null && m.find()) {
                where = "Bundle.entry[" + position.applyAsInt(Integer.parseInt(m.group(1))) + "]" + where.substring(m.end());
            }
            problems.add(new PhrException.Problem(p.key(), where, p.args()));
        }
        return new PhrException(e.kind(), problems);
    }

    /** A transaction with refused entries: the first one's status, every refusal located; nothing was run. */
    private static ResponseEntity<String> refusedTransaction(Map<Integer, Answer> refusals) {
        OperationOutcome outcome = new OperationOutcome();
        int status = 0;
        for (int i : refusals.keySet().stream().sorted().toList()) {
            Answer refusal = refusals.get(i);
            if (status == 0) {
                status = refusal.status();
            }
            for (var issue : refusal.outcome().getIssue()) {
                issue.getExpression().add(0, new org.hl7.fhir.r4.model.StringType("Bundle.entry[" + i + "]"));
                outcome.addIssue(issue);
            }
        }
        return ResponseEntity.status(status).header(HttpHeaders.CONTENT_TYPE, FhirOutcomes.FHIR_JSON)
                .body(FhirOutcomes.encode(outcome));
    }

    /** vread or the instance history of an Observation, as {@link FhirHistoryController} answers them. */
    private Supplier<Answer> history(ApiClient client, FhirBundleEntry entry) {
        UUID id = FhirResponses.uuid(entry.id(), "Observation");
        Accessor accessor = responses.accessor(client);
        if (entry.version() != null) {
            int version = FhirHistoryController.versionOf("Observation", entry.id(), entry.version());
            return () -> {
                var stored = versions.version(accessor, id, version);
                return new Answer(200, stored.resource(), stored.versionId(), null);
            };
        }
        var checked = FhirSearchCheck.check("$history", "Observation/" + id + "/_history", entry.parameters(), false);
        int count = Math.min(FhirSearch.count(checked.first("_count")), ObservationVersions.MAX_COUNT);
        int offset = FhirSearch.offset(checked.first("_offset"));
        var since = FhirSearch.since(checked.first("_since")).orElse(null);
        var at = FhirSearch.period(checked.first("_at")).orElse(null);
        return () -> new Answer(200, FhirHistoryController.bundle(checked, versions.history(accessor, id, count, offset, since, at),
                count, offset), null, null);
    }

    /**
     * {@code Prefer: return=minimal} (FHIR R4 http.html, "Managing Return Content"): a written entry answers with its
     * {@code response} (status, Location, ETag, and any notice in its outcome) and without the resource. Without the
     * header the stored resource is returned, as before. Searches and reads in the Bundle always carry their results.
     */
    static boolean returnMinimal(java.util.Enumeration<String> prefer) {
        while (prefer != null && prefer.hasMoreElements()) {
            for (String part : prefer.nextElement().split("[,;]")) {
                if (part.strip().toLowerCase(java.util.Locale.ROOT).replace(" ", "").equals("return=minimal")) {
                    return true;
                }
            }
        }
        return false;
    }

    private void written(FhirBundleJson response, BundleEntryResult result, String base, boolean minimal) {
        String status = PhrHttp.statusLine(PhrHttp.statusOf(result));
        if (result.error() != null) {
            response.entry(null, null, status, null, null, FhirOutcomes.encode(outcomes.of(result.error())));
            return;
        }
        String location = null;
        String fullUrl = null;
        if (result.location() != null) {
            location = result.location() + (result.versionId() == null ? "" : "/_history/" + result.versionId());
            fullUrl = base + "/" + result.location();
        }
        String etag = result.versionId() == null ? null : "W/\"" + result.versionId() + "\"";
        // a tombstone met: said in the entry's own outcome (Bundle.entry.response.outcome, ADR 0046)
        String outcome = result.notices().isEmpty() ? null : FhirOutcomes.encode(outcomes.notices(null, result.notices()));
        String resource = null;
        if (!minimal && result.resource() != null) {
            resource = result.json() != null ? result.json() : FhirOutcomes.encode(result.resource());
        }
        response.entry(fullUrl, resource, status, location, etag, outcome);
    }

    /**
     * The Bundle, parsed as every other request body ({@link FhirResponses#parse}). Only when that refuses it, a JSON
     * Bundle is parsed again keeping an unknown {@code request.method} on its entry (answered there: 400 in a batch,
     * the whole Bundle in a transaction); anything else stays the first refusal. HAPI's fullUrl-to-id rewriting is
     * off in that second parse (it cannot read an unknown method).
     */
    private Bundle parse(String body) {
        try {
            return responses.parse(body, Bundle.class);
        } catch (DataFormatException refused) {
            if (body == null || body.stripLeading().startsWith("<")) {
                throw refused;
            }
            try {
                IParser parser = PhrFhir.fhirContext().newJsonParser().setParserErrorHandler(new UnknownMethods());
                parser.setOverrideResourceIdWithBundleEntryFullUrl(false);
                if (parser.parseResource(body) instanceof Bundle bundle && bundle.getEntry().stream().anyMatch(e ->
                        e.getRequest().getMethod() == null && e.getRequest().getMethodElement().getValueAsString() != null)) {
                    return bundle;
                }
            } catch (RuntimeException again) {
                // the first refusal says it
            }
            throw refused;
        }
    }

    /** Strict, but an unknown value of request.method stays on its entry. */
    private static final class UnknownMethods extends StrictErrorHandler {
        @Override
        public void invalidValue(IParseLocation location, String value, String error) {
            if (location != null && "method".equals(location.getParentElementName())) {
                return;
            }
            super.invalidValue(location, value, error);
        }
    }
}
