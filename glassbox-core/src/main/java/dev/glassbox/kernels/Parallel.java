package dev.glassbox.kernels;

/**
 * Splits an elementwise loop over several threads, for the plain-Java loops outside the kernels
 * (optimizer updates, activations): each index lands in exactly one range, so the loop body must
 * treat indices independently. Small loops run on the calling thread.
 *
 * <p>The training loop allocates nothing per batch, so its loops do not capture their arguments
 * in a lambda: they pass them as a {@code job} (an object that already exists: the array to
 * clear, one parameter's update) beside a body made once and kept in a field. A field, because
 * the JVM makes one object of a non-capturing lambda but TeaVM makes a new one each time the
 * expression runs. An implementation holds the job only while the call runs.
 */
public interface Parallel {

    /** A loop body over indices {@code [from, to)} of {@code job}. */
    @FunctionalInterface
    interface Loop<J> {
        void run(J job, int from, int to);
    }

    /**
     * A loop body over indices {@code [from, to)} of {@code job} run as share {@code share} of a
     * split: no two ranges with the same share run at once, so each share may own scratch space
     * without locks.
     */
    @FunctionalInterface
    interface ShareLoop<J> {
        void run(J job, int share, int from, int to);
    }

    /**
     * Runs {@code body} on {@code job} over {@code [0, n)} in contiguous ranges, possibly on
     * several threads. Sequentially: one range.
     */
    default <J> void forRanges(int n, J job, Loop<J> body) {
        body.run(job, 0, n);
    }

    /** How many shares {@link #forShares} may split a loop into: shares are numbered from 0 below this. */
    default int shares() {
        return 1;
    }

    /**
     * Runs {@code body} on {@code job} over {@code [0, n)} in contiguous ranges, each as a numbered
     * share (for loops whose body needs its own scratch, such as distorting images). Sequentially:
     * one share.
     */
    default <J> void forShares(int n, J job, ShareLoop<J> body) {
        body.run(job, 0, 0, n);
    }

    /** A loop body over indices {@code [from, to)} that carries what it needs. */
    @FunctionalInterface
    interface Range {
        void run(int from, int to);
    }

    /** As {@link #forRanges(int, Object, Loop)}, for a body that carries what it needs (a capturing lambda). */
    default void forRanges(int n, Range body) {
        forRanges(n, body, Range::run);
    }

    /** Everything on the calling thread, in one range and one share. */
    Parallel SEQUENTIAL = new Parallel() {};
}
