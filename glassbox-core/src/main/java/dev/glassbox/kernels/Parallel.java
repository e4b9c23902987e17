package dev.glassbox.kernels;

/**
 * Splits an elementwise loop over several threads, for the plain-Java loops outside the kernels
 * (optimizer updates, activations): each index lands in exactly one range, so the loop body must
 * treat indices independently. Small loops run on the calling thread.
 */
public interface Parallel {

    /** A loop body over indices {@code [from, to)}. */
    @FunctionalInterface
    interface Range {
        void run(int from, int to);
    }

    /** Runs {@code body} over {@code [0, n)} in contiguous ranges, possibly on several threads. */
    void forRanges(int n, Range body);

    /**
     * A loop body over indices {@code [from, to)} run as share {@code share} of a split: no two
     * ranges with the same share run at once, so each share may own scratch space without locks.
     */
    @FunctionalInterface
    interface ShareRange {
        void run(int share, int from, int to);
    }

    /** How many shares {@link #forShares} may split a loop into: shares are numbered from 0 below this. */
    default int shares() {
        return 1;
    }

    /**
     * Runs {@code body} over {@code [0, n)} in contiguous ranges, each as a numbered share (for
     * loops whose body needs its own scratch, such as distorting images). Sequentially: one share.
     */
    default void forShares(int n, ShareRange body) {
        body.run(0, 0, n);
    }

    /** Everything on the calling thread, in one range and one share. */
    Parallel SEQUENTIAL = (n, body) -> body.run(0, n);
}
