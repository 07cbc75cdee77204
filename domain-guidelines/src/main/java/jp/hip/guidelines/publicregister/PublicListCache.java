package jp.hip.guidelines.publicregister;

import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Pages of the public list computed on this node, validated against the database on every request (ADR 0016). A
 * page is reused only while the registry's revision ({@code gl_registry_revision}, bumped by a trigger in the same
 * transaction as any change of {@code gl_declaration}) is the one it was computed at, and only on the day it was
 * computed for (expiry is date-based). The revision is read before the page's queries, so a page is never older
 * than its revision: a change that commits in between is already in the page, and it bumped the revision anyway.
 * A withdrawal or delisting on any node therefore shows on every node from the next request.
 */
@Component
class PublicListCache {

    /** Distinct filter combinations kept at once; beyond it the node starts over (searches are open-ended). */
    static final int MAX_PAGES = 512;

    record Key(PublicQuery query, int page, int size, LocalDate today) {}

    private final JdbcClient jdbc;
    private final Map<Key, PublicPage> pages = new ConcurrentHashMap<>();
    private volatile long revisionOfPages = -1;

    PublicListCache(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The registry's current revision, one indexed single-row read. */
    long revision() {
        return jdbc.sql("select revision from gl_registry_revision where id = 1").query(Long.class).single();
    }

    /** The page for {@code key}: the one kept at the current revision, or {@code compute}'s, then kept. */
    PublicPage page(Key key, Supplier<PublicPage> compute) {
        long revision = revision();
        if (revision == revisionOfPages) {
            PublicPage kept = pages.get(key);
            if (kept != null) {
                return kept;
            }
        }
        PublicPage fresh = compute.get();
        synchronized (this) {
            if (revision > revisionOfPages) {
                pages.clear();
                revisionOfPages = revision;
            }
            if (revision == revisionOfPages) {
                if (pages.size() >= MAX_PAGES) {
                    pages.clear();
                }
                pages.put(key, fresh);
            }
        }
        return fresh;
    }
}
