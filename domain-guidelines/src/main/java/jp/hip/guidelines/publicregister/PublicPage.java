package jp.hip.guidelines.publicregister;

import java.util.List;

/** One page of the public list; {@code page} counts from 0. */
public record PublicPage(List<PublicEntry> entries, long total, int page, int size) {

    public int pages() {
        return (int) Math.max(1, (total + size - 1) / size);
    }

    public boolean hasNext() {
        return page + 1 < pages();
    }

    public boolean hasPrevious() {
        return page > 0;
    }
}
