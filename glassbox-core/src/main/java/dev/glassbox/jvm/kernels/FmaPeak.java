package dev.glassbox.jvm.kernels;

import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The machine's fp32 fused multiply-add peak, measured: the yardstick for how close the kernels'
 * products come to the hardware ({@code glassbox bench} reports its share). A measurement, not a
 * kernel: it lives beside the SIMD kernels because it needs the same Vector API, and runs only when
 * asked.
 */
public final class FmaPeak {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private FmaPeak() {}

    /**
     * The machine's fp32 multiply-add peak in GFLOP/s on {@code threads} threads at once: each
     * runs independent vector FMA chains (enough to hide the FMA latency) for {@code millis}.
     * The yardstick for how close the products come to the hardware.
     *
     * <p>The threads count their FMAs in the same windows of wall-clock time, and the peak is the
     * best window's sum over all of them. A virtual machine may run its two virtual cores on the
     * two hardware threads of one physical core, or in turns on one: then each thread alone has
     * windows at the full rate of a core, but never both at once, and a sum of each thread's own
     * best window would claim a second core that is not there.
     */
    public static double measureGflops(int threads, long millis) {
        if (!KernelChoice.vectorModulePresent()) {
            throw new IllegalStateException("measuring the FMA peak needs --add-modules jdk.incubator.vector");
        }
        long[][] bursts = new long[threads][WINDOWS];
        CyclicBarrier warmedUp = new CyclicBarrier(threads);
        long windowNanos = millis * 1_000_000 / WINDOWS;
        AtomicLong start = new AtomicLong();
        Thread[] runners = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int index = t;
            runners[t] = new Thread(() -> fmaLoop(warmedUp, start, windowNanos, bursts[index]), "glassbox-peak-" + t);
            runners[t].start();
        }
        for (int t = 0; t < threads; t++) {
            try {
                runners[t].join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while measuring the FMA peak", e);
            }
        }
        return bestWindow(bursts) * FMA_CHAINS * (double) BURST * L * 2 / windowNanos;
    }

    /** The most work done in one window by all threads together: {@code counts[thread][window]}. */
    static long bestWindow(long[][] counts) {
        long best = 0;
        for (int w = 0; w < counts[0].length; w++) {
            long total = 0;
            for (long[] thread : counts) {
                total += thread[w];
            }
            best = Math.max(best, total);
        }
        return best;
    }

    /** Time windows the peak is the best of: a peak is what the cores do when nothing interferes. */
    private static final int WINDOWS = 5;
    /** Iterations of {@link #fmaBurst}; a few microseconds, so a window's count is exact enough. */
    private static final int BURST = 1000;

    /**
     * Warms up, then counts in {@code bursts[w]} the bursts of FMAs begun in window {@code w}; the
     * windows start when every thread has warmed up, the same for all ({@code start}, set by the
     * first thread past the barrier).
     */
    private static void fmaLoop(CyclicBarrier warmedUp, AtomicLong start, long windowNanos, long[] bursts) {
        // Vector code runs boxed and slowly until C2 compiles it: warm up before timing.
        float sink = 0;
        long warm = System.nanoTime() + 500_000_000L;
        while (System.nanoTime() < warm) {
            sink += fmaBurst(BURST);
        }
        try {
            warmedUp.await();
        } catch (InterruptedException | BrokenBarrierException e) {
            Thread.currentThread().interrupt();
            return;
        }
        start.compareAndSet(0, System.nanoTime()); // the first thread past the barrier sets it
        long windowsStart = start.get();
        for (int w = 0; w < WINDOWS; w++) {
            long deadline = windowsStart + (w + 1) * windowNanos;
            long count = 0;
            while (System.nanoTime() < deadline) {
                sink += fmaBurst(BURST);
                count++;
            }
            bursts[w] = count;
        }
        peakSink = sink; // a result someone could read, so the JIT cannot drop the FMA chains
    }

    private static final int FMA_CHAINS = 24;
    private static volatile float peakSink;

    /**
     * {@code iterations} × 24 independent vector FMAs, each accumulating as the GEMM's do
     * ({@code acc = x·y + acc}). Enough chains to hide the FMA latency on two full-width pipes:
     * with 12, a core that retires two 512-bit FMAs per cycle showed half its peak.
     */
    private static float fmaBurst(int iterations) {
        FloatVector x = FloatVector.broadcast(S, 0.999f);
        FloatVector y = FloatVector.broadcast(S, 0.001f);
        FloatVector a0 = y, a1 = y, a2 = y, a3 = y, a4 = y, a5 = y, a6 = y, a7 = y, a8 = y, a9 = y, a10 = y, a11 = y;
        FloatVector a12 = y, a13 = y, a14 = y, a15 = y, a16 = y, a17 = y, a18 = y, a19 = y, a20 = y, a21 = y, a22 = y, a23 = y;
        for (int i = 0; i < iterations; i++) {
            a0 = x.fma(y, a0);
            a1 = x.fma(y, a1);
            a2 = x.fma(y, a2);
            a3 = x.fma(y, a3);
            a4 = x.fma(y, a4);
            a5 = x.fma(y, a5);
            a6 = x.fma(y, a6);
            a7 = x.fma(y, a7);
            a8 = x.fma(y, a8);
            a9 = x.fma(y, a9);
            a10 = x.fma(y, a10);
            a11 = x.fma(y, a11);
            a12 = x.fma(y, a12);
            a13 = x.fma(y, a13);
            a14 = x.fma(y, a14);
            a15 = x.fma(y, a15);
            a16 = x.fma(y, a16);
            a17 = x.fma(y, a17);
            a18 = x.fma(y, a18);
            a19 = x.fma(y, a19);
            a20 = x.fma(y, a20);
            a21 = x.fma(y, a21);
            a22 = x.fma(y, a22);
            a23 = x.fma(y, a23);
        }
        FloatVector sum = a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .add(a12).add(a13).add(a14).add(a15).add(a16).add(a17).add(a18).add(a19).add(a20).add(a21).add(a22).add(a23);
        return sum.reduceLanes(VectorOperators.ADD);
    }
}
