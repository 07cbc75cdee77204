package jp.hip.phr.observations;

import java.util.Arrays;

/**
 * The lines of one person in a bulk ingest: the first (for problems about the subject), every line and the lines of
 * data other than checkups, so that what a tombstone does to them is reported line by line (ADR 0046).
 */
final class BulkLines {

    private final int first;
    private int[] all = new int[4];
    private int size;
    private int[] other = new int[0];
    private int otherSize;

    BulkLines(int first) {
        this.first = first;
    }

    int first() {
        return first;
    }

    void add(int line, boolean checkup) {
        if (size == all.length) {
            all = Arrays.copyOf(all, size * 2);
        }
        all[size++] = line;
        if (!checkup) {
            if (otherSize == other.length) {
                other = Arrays.copyOf(other, Math.max(4, otherSize * 2));
            }
            other[otherSize++] = line;
        }
    }

    int[] all() {
        return Arrays.copyOf(all, size);
    }

    int[] other() {
        return Arrays.copyOf(other, otherSize);
    }
}
