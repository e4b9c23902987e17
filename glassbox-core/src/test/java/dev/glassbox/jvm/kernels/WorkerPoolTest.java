package dev.glassbox.jvm.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The pool's promises: every share once, and a worker paused mid-share sends the work to the caller. */
class WorkerPoolTest {

    /** Each share of the count the pool chose, exactly once: two, or one while a stall keeps the work on the caller. */
    @Test
    void everyShareRunsExactlyOnce() {
        try (WorkerPool pool = new WorkerPool(2)) {
            for (int round = 0; round < 1000; round++) {
                AtomicInteger[] runs = {new AtomicInteger(), new AtomicInteger()};
                AtomicInteger count = new AtomicInteger();
                pool.run((worker, workers) -> {
                    runs[worker].incrementAndGet();
                    count.set(workers);
                }, 2);
                assertThat(runs[0].get()).isEqualTo(1);
                assertThat(runs[1].get()).isEqualTo(count.get() == 2 ? 1 : 0);
            }
        }
    }

    /**
     * A worker that stops in the middle of its share for long (as when the OS gives its core to
     * something else) makes the caller wait; the tasks after that run on the caller alone for a
     * while, then on both threads again.
     */
    @Test
    void aWorkerPausedMidShareSendsTheNextTasksToTheCallerAlone() throws InterruptedException {
        try (WorkerPool pool = new WorkerPool(2)) {
            Thread caller = Thread.currentThread();
            // Short stalls come and go; one that takes a third of the window is a core gone.
            pool.stalled(WorkerPool.STALL_NANOS);
            assertThat(pool.soloStretches()).isZero();
            assertThat(pool.soloNanos()).isZero();
            long pause = WorkerPool.WINDOW_NANOS / 3;
            for (int attempt = 0; attempt < 100 && pool.soloStretches() == 0; attempt++) {
                pool.run((worker, workers) -> {
                    if (Thread.currentThread() != caller) {
                        spin(pause); // the worker's own thread, held up mid-share
                    } else if (worker == 0) {
                        spin(WorkerPool.STALL_NANOS / 4); // long enough for the worker to take its share
                    }
                }, 2);
            }
            assertThat(pool.soloStretches()).as("the caller noticed the paused worker").isEqualTo(1);

            ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
            pool.run((worker, workers) -> seen.add(worker + "/" + workers), 2);
            assertThat(seen).containsExactly("0/1");

            Thread.sleep(2 * WorkerPool.SOLO_NANOS / 1_000_000);
            seen.clear();
            pool.run((worker, workers) -> seen.add(worker + "/" + workers), 2);
            assertThat(seen).containsExactlyInAnyOrder("0/2", "1/2");
            assertThat(pool.soloNanos()).as("one whole stretch alone, then none").isEqualTo(WorkerPool.SOLO_NANOS);
        }
    }

    /** The SIMD kernels give the same bits when their pool has gone to the caller alone. */
    @Test
    void productsAfterAStallGiveTheSameBits() {
        try (SimdKernels kernels = new SimdKernels(2, KernelShape.CANDIDATES.get(0))) {
            int m = 200, n = 150, k = 300;
            float[] a = new float[m * k];
            float[] b = new float[n * k];
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) Math.sin(i);
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = (float) Math.cos(i);
            }
            float[] together = new float[m * n];
            kernels.matmulNT(a, b, together, m, n, k);
            kernels.workers().stalled(WorkerPool.WINDOW_NANOS);
            assertThat(kernels.workers().soloStretches()).as("the caller alone from here").isEqualTo(1);
            float[] alone = new float[m * n];
            kernels.matmulNT(a, b, alone, m, n, k);
            assertThat(kernels.aloneNanos()).as("counted from the stall on").isPositive()
                    .isLessThanOrEqualTo(WorkerPool.SOLO_NANOS);
            for (int i = 0; i < together.length; i++) {
                assertThat(Float.floatToRawIntBits(alone[i])).as("element %d", i)
                        .isEqualTo(Float.floatToRawIntBits(together[i]));
            }
        }
    }

    private static void spin(long nanos) {
        for (long start = System.nanoTime(); System.nanoTime() - start < nanos; ) {
            Thread.onSpinWait();
        }
    }
}
