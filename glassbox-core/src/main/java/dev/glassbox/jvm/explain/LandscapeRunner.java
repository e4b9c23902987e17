package dev.glassbox.jvm.explain;

import dev.glassbox.explain.LossLandscape;
import dev.glassbox.kernels.KernelProvider;
import dev.glassbox.kernels.Kernels;
import dev.glassbox.nn.Network;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Computes a loss landscape's grid on the JVM's cores: the points, in coarse-to-fine order
 * ({@link LossLandscape#coarseToFine}), are taken one at a time by a small pool of threads, each
 * with its own copy of the network and single-thread kernels — every point is one evaluation,
 * independent of the others, so the result does not depend on the thread count.
 */
public final class LandscapeRunner {
    private LandscapeRunner() {}

    /** Hears each point as it is done (from the computing threads, one at a time). */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (index, point, done, total) -> {};

        void point(int index, LossLandscape.Point point, int done, int total);
    }

    /**
     * All {@code size × size} points, row-major (row = β, column = α).
     *
     * @param network a network of the landscape's spec (copied per thread, not modified)
     */
    public static LossLandscape.Point[] grid(LossLandscape landscape, Network network, int size, int threads,
            KernelProvider kernels, Progress progress) {
        int[] order = LossLandscape.coarseToFine(size);
        LossLandscape.Point[] points = new LossLandscape.Point[size * size];
        run(landscape, network, size, order, threads, kernels, progress, (n, p) -> points[order[n]] = p);
        return points;
    }

    /** The points {@code indices} (row × size + column) of a {@code size × size} grid, in that order. */
    public static LossLandscape.Point[] points(LossLandscape landscape, Network network, int size, int[] indices,
            int threads, KernelProvider kernels) {
        LossLandscape.Point[] points = new LossLandscape.Point[indices.length];
        run(landscape, network, size, indices, threads, kernels, Progress.NONE, (n, p) -> points[n] = p);
        return points;
    }

    private interface Sink {
        void put(int n, LossLandscape.Point point);
    }

    private static void run(LossLandscape landscape, Network network, int size, int[] order, int threads,
            KernelProvider kernels, Progress progress, Sink sink) {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        Runnable worker = () -> {
            Network workspace = network.copy();
            try (Kernels k = kernels.open(1)) {
                for (int n = next.getAndIncrement(); n < order.length; n = next.getAndIncrement()) {
                    int index = order[n];
                    double alpha = LossLandscape.coordinate(index % size, size);
                    double beta = LossLandscape.coordinate(index / size, size);
                    LossLandscape.Point p = landscape.at(alpha, beta, workspace, k);
                    sink.put(n, p);
                    synchronized (progress) {
                        progress.point(index, p, done.incrementAndGet(), order.length);
                    }
                }
            }
        };
        int count = Math.max(1, Math.min(threads, order.length));
        if (count == 1) {
            worker.run();
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(count, task -> {
            Thread t = new Thread(task, "glassbox-landscape");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(pool.submit(worker));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("landscape: interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
