package dev.glassbox.lab;

import dev.glassbox.train.MemoryEstimate;

/**
 * The heap's free room, and the refusal of training settings that need more: before anything is
 * built, so that a click cannot end in an {@link OutOfMemoryError} half-way through a run.
 *
 * <p>Only two thirds of the free room count: the collector needs space to work in, and with the
 * parallel collector (the launcher's) long-lived arrays must fit in the old generation, two thirds
 * of the heap.
 */
final class HeapRoom {
    private HeapRoom() {}

    /**
     * @param held what the memory in use already holds for training and the new settings would let
     *     go or reuse (the session's current network and run), so counted as room
     * @throws IllegalArgumentException naming the estimate, the heap and what to change, if {@code need} does not fit
     */
    static void require(MemoryEstimate need, long held) {
        if (fits(need, held)) {
            return;
        }
        System.gc(); // what is in use may be mostly garbage, e.g. the network the last Reset replaced
        if (fits(need, held)) {
            return;
        }
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        throw new IllegalArgumentException("train: " + need.spec() + " at batch " + need.batchSize() + " with "
                + need.optimizer().kind().specName() + " needs " + need + ", more than the "
                + MemoryEstimate.size(usable()) + " the lab can spare of its " + MemoryEstimate.size(rt.maxMemory())
                + " heap (" + MemoryEstimate.size(used) + " in use). Choose a smaller batch or fewer or narrower"
                + " layers, or give Java more memory (JAVA_OPTS=-Xmx8g ./glassbox lab)");
    }

    private static boolean fits(MemoryEstimate need, long held) {
        return need.totalBytes() <= usable() + held;
    }

    /** Two thirds of what the heap can still grow to hold. */
    private static long usable() {
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        return Math.max(0, free) / 3 * 2;
    }
}
