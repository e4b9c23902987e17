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

    /** Everything on the calling thread, in one range. */
    Parallel SEQUENTIAL = (n, body) -> body.run(0, n);
}
