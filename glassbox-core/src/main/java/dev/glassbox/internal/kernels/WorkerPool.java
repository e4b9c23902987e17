package dev.glassbox.internal.kernels;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RecursiveAction;

/**
 * A fixed pool that splits a range of output rows into contiguous chunks, one per thread.
 *
 * <p>The split depends only on the range and the thread count, and each row is computed by one
 * task, so results do not depend on scheduling.
 */
final class WorkerPool implements AutoCloseable {

    /** Work over rows {@code [from, to)}. */
    @FunctionalInterface
    interface RowRange {
        void run(int from, int to);
    }

    private final int threads;
    private final ForkJoinPool pool;

    WorkerPool(int threads) {
        this.threads = threads;
        this.pool = threads == 1 ? null : new ForkJoinPool(threads, p -> {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
            t.setName("glassbox-kernel-" + t.getPoolIndex());
            t.setDaemon(true);
            return t;
        }, null, false);
    }

    int threads() {
        return threads;
    }

    /**
     * Runs {@code body} over {@code [0, rows)}; in parallel only when {@code work} (roughly the
     * multiply-adds involved) is large enough to pay for waking the other threads.
     */
    void forRows(int rows, long work, RowRange body) {
        int chunks = (int) Math.min(threads, Math.min(rows, work / MIN_WORK_PER_CHUNK));
        if (chunks <= 1 || pool == null) {
            body.run(0, rows);
            return;
        }
        pool.invoke(new Chunks(body, rows, 0, chunks));
    }

    /** Below this many multiply-adds per chunk, coordination costs more than it saves. */
    private static final long MIN_WORK_PER_CHUNK = 1 << 16;

    private static final class Chunks extends RecursiveAction {
        private final RowRange body;
        private final int rows;
        private final int first;
        private final int count;
        private final int total;

        Chunks(RowRange body, int rows, int first, int total) {
            this(body, rows, first, total, total);
        }

        private Chunks(RowRange body, int rows, int first, int count, int total) {
            this.body = body;
            this.rows = rows;
            this.first = first;
            this.count = count;
            this.total = total;
        }

        @Override
        protected void compute() {
            if (count == 1) {
                body.run(boundary(first), boundary(first + 1));
                return;
            }
            int half = count / 2;
            invokeAll(
                    new Chunks(body, rows, first, half, total),
                    new Chunks(body, rows, first + half, count - half, total));
        }

        private int boundary(int chunk) {
            return (int) ((long) rows * chunk / total);
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
