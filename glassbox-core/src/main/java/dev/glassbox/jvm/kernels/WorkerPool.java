package dev.glassbox.jvm.kernels;

import dev.glassbox.kernels.Parallel;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed set of threads that run one task at a time, with the calling thread as worker 0; as a
 * {@link Parallel}, it splits loops into one contiguous range per worker.
 *
 * <p>Training hands the workers a new task every few hundred microseconds, so waking a thread
 * must cost far less than that: idle workers wait for up to 2 ms before they park, spinning at
 * first, then yielding their core. A call allocates nothing.
 *
 * <p>On a shared machine the OS may pause a worker for milliseconds. The caller never waits for a
 * worker that has not started: each share of a task is claimed exactly once, by its worker or,
 * when the caller has finished its own share first, by the caller, which then runs it itself.
 * What a share computes depends only on its index and the worker count, never on who runs it or
 * when, so results are reproducible for a fixed thread count.
 *
 * <p>A worker the OS pauses in the middle of its share cannot be helped that way: the caller
 * waits for it, for as long as a time slice of whatever took its core. Short stalls come and go
 * on any shared machine, and cost less than giving up the second thread would. When they add up
 * to a quarter of the time (within 100 ms), the core is as good as gone: the caller runs the
 * tasks alone for a while (50 ms, doubling while that recurs as soon as it tries two threads
 * again, up to 1.6 s), so that two threads run about as fast as one, not slower. The kernels'
 * results never depend on how many workers share a task, so this changes no bits.
 */
final class WorkerPool implements Parallel, AutoCloseable {

    /** Work split across workers; {@code worker} is 0..workers−1. */
    interface Task {
        void run(int worker, int workers);
    }

    /**
     * How long an idle thread waits before it parks. Between two products of a training step the
     * calling thread works alone for up to a few hundred microseconds (activations, optimizer);
     * a worker that parked meanwhile costs a wake-up of tens of microseconds on the next product.
     */
    private static final long WAIT_NANOS = 2_000_000;
    /**
     * How long a waiting thread spins before it starts yielding its core. When the machine takes
     * a core away, two of our threads share the other: a thread that kept spinning would burn the
     * time slices the one it waits for needs, and two threads would run slower than one.
     */
    private static final long SPIN_NANOS = 20_000;
    /**
     * A wait this long for a worker that had started its share means the OS paused it: a share
     * of a training step's product takes tens of microseconds.
     */
    static final long STALL_NANOS = 500_000;
    /** Stalls that add up to a quarter of this go the caller's way. */
    static final long WINDOW_NANOS = 100_000_000;
    /** The first stretch of running alone after a stall, and the longest. */
    static final long SOLO_NANOS = 50_000_000;
    private static final long MAX_SOLO_NANOS = 1_600_000_000;

    private final Thread[] threads;
    private volatile Task task;
    private volatile int active;
    private volatile long generation;
    private volatile boolean closed;
    private volatile Throwable failure;
    /** Per worker, the last generation whose share was claimed, by the worker or by the caller. */
    private final AtomicLongArray claimed;
    /** Per worker, the last generation whose share the worker itself finished. */
    private final AtomicLongArray finished;
    private volatile Thread caller;
    /** While true, until {@link #soloUntil}, tasks run on the caller alone; used by the caller only. */
    private boolean solo;
    private long soloUntil;
    private long soloNanos = SOLO_NANOS;
    private long windowStart;
    private long stalledInWindow;
    private long stalls;
    private long soloStretches;
    /** The time alone in stretches that have ended; see {@link #soloNanos()}. */
    private long endedSoloNanos;
    private long soloStart;

    WorkerPool(int threadCount) {
        this.threads = new Thread[threadCount];
        this.claimed = new AtomicLongArray(threadCount);
        this.finished = new AtomicLongArray(threadCount);
        for (int i = 1; i < threadCount; i++) {
            int index = i;
            Thread t = new Thread(() -> workLoop(index), "glassbox-kernel-" + i);
            t.setDaemon(true);
            threads[i] = t;
            t.start();
        }
    }

    int threads() {
        return threads.length;
    }

    /** Below this many multiply-adds per worker, waking another thread costs more than it saves. */
    static final long MIN_WORK_PER_WORKER = 1 << 16;

    @Override
    public int shares() {
        return threads.length;
    }

    @Override
    public <J> void forRanges(int n, J job, Parallel.Loop<J> body) {
        // Elementwise loops do a few operations per element: count each as one unit of work.
        forRows(n, n, job, body);
    }

    @Override
    public <J> void forShares(int n, J job, Parallel.ShareLoop<J> body) {
        // Each index is a unit of heavy work (an image to distort): worth a thread from a few on.
        forShares(n, (long) n * MIN_WORK_PER_WORKER / 4, job, body);
    }

    /**
     * Splits rows {@code [0, rows)} into one contiguous chunk per worker; in parallel only when
     * {@code work} (about the multiply-adds involved) pays for it.
     */
    <J> void forRows(int rows, long work, J job, Parallel.Loop<J> body) {
        split(rows, work, job, body, null);
    }

    /**
     * As {@link #forRows}, telling each chunk its share number: the chunks run as shares of one
     * task, and a share is claimed exactly once, so no two chunks with the same number run at once.
     */
    <J> void forShares(int rows, long work, J job, Parallel.ShareLoop<J> body) {
        split(rows, work, job, null, body);
    }

    /** Holds the job and its body for one call: the one place a loop's arguments are set and dropped. */
    @SuppressWarnings("unchecked") // the body and the job come from one call, so they agree on J
    private void split(int rows, long work, Object job, Parallel.Loop<?> range, Parallel.ShareLoop<?> shares) {
        ChunkTask t = chunkTask;
        t.job = job;
        t.range = (Parallel.Loop<Object>) range;
        t.shares = (Parallel.ShareLoop<Object>) shares;
        t.rows = rows;
        try {
            run(t, (int) Math.min(threads.length, Math.min(rows, work / MIN_WORK_PER_WORKER)));
        } finally {
            t.job = null;
            t.range = null;
            t.shares = null;
        }
    }

    /** Reused by {@link #forRows} and {@link #forShares}, so a call allocates nothing. */
    private final ChunkTask chunkTask = new ChunkTask();

    /** One chunk of rows per worker, for a body that does or does not want its share number. */
    private static final class ChunkTask implements Task {
        Object job;
        Parallel.Loop<Object> range;
        Parallel.ShareLoop<Object> shares;
        int rows;

        @Override
        public void run(int worker, int workers) {
            int from = chunk(rows, worker, workers);
            int to = chunk(rows, worker + 1, workers);
            if (range != null) {
                range.run(job, from, to);
            } else {
                shares.run(job, worker, from, to);
            }
        }
    }

    /** Start of chunk {@code index} of {@code total} equal chunks of {@code size}. */
    static int chunk(int size, int index, int total) {
        return (int) ((long) size * index / total);
    }

    /**
     * Runs {@code work} split into {@code workers} shares (1..threads) and returns when all are
     * done; rethrows the first failure of any share.
     */
    void run(Task work, int workers) {
        int count = Math.max(1, Math.min(workers, threads.length));
        if (solo && count > 1) {
            if (System.nanoTime() - soloUntil < 0) {
                count = 1;
            } else {
                solo = false;
                endedSoloNanos += soloUntil - soloStart;
            }
        }
        if (count == 1) {
            work.run(0, 1);
            return;
        }
        if (closed) {
            throw new IllegalStateException("WorkerPool: used after close()");
        }
        failure = null;
        caller = Thread.currentThread();
        task = work;
        active = count;
        long g = ++generation;
        for (int i = 1; i < threads.length; i++) {
            LockSupport.unpark(threads[i]);
        }
        runShare(work, 0, count);
        // Every worker's share of this generation is settled before the fields change again:
        // claimed here (and run here, if it is a real share), or finished by the worker.
        for (int i = 1; i < threads.length; i++) {
            long c = claimed.get(i);
            if (c < g && claimed.compareAndSet(i, c, g)) {
                if (i < count) {
                    runShare(work, i, count);
                }
            } else {
                long waited = awaitFinished(i, g);
                if (waited > STALL_NANOS) {
                    stalled(waited);
                }
            }
        }
        task = null;
        Throwable failed = failure;
        if (failed instanceof RuntimeException r) {
            throw r;
        }
        if (failed instanceof Error e) {
            throw e;
        }
    }

    private void runShare(Task work, int worker, int count) {
        try {
            work.run(worker, count);
        } catch (RuntimeException | Error e) {
            failure = e;
        }
    }

    /** Returns how long it waited. */
    private long awaitFinished(int worker, long g) {
        long since = System.nanoTime();
        while (finished.get(worker) < g) {
            if (!pause(since)) {
                LockSupport.parkNanos(this, 100_000);
            }
        }
        return System.nanoTime() - since;
    }

    /**
     * The caller waited {@code waited} ns, {@link #STALL_NANOS} or more, for a worker in the middle
     * of its share (here, or inside a task that waits for its workers). Called by the caller only.
     */
    void stalled(long waited) {
        stalls++;
        long now = System.nanoTime();
        if (now - windowStart > WINDOW_NANOS) {
            windowStart = now;
            stalledInWindow = 0;
        }
        stalledInWindow += waited;
        if (stalledInWindow < WINDOW_NANOS / 4) {
            return;
        }
        // Again right after the last stretch alone ended: the core is still taken, stay away longer.
        boolean recurring = soloStretches > 0 && now - soloUntil < soloNanos;
        soloNanos = recurring ? Math.min(2 * soloNanos, MAX_SOLO_NANOS) : SOLO_NANOS;
        soloUntil = now + soloNanos;
        soloStart = now;
        solo = true;
        soloStretches++;
        windowStart = now;
        stalledInWindow = 0;
    }

    /** How many times a worker has stalled the caller; for tests and the curious. */
    long stalls() {
        return stalls;
    }

    /** How many times the stalls added up to running alone for a while. */
    long soloStretches() {
        return soloStretches;
    }

    /** How long the caller has run the tasks alone because of stalls, up to now. Called by the caller only. */
    long soloNanos() {
        if (!solo) {
            return endedSoloNanos;
        }
        long now = System.nanoTime();
        return endedSoloNanos + (now - soloUntil < 0 ? now : soloUntil) - soloStart;
    }

    /**
     * One step of waiting that began at {@code since}: a spin at first, then a yield of the core
     * to any other runnable thread; false once the wait has lasted long enough to park instead.
     */
    static boolean pause(long since) {
        long waited = System.nanoTime() - since;
        if (waited < SPIN_NANOS) {
            Thread.onSpinWait();
        } else if (waited < WAIT_NANOS) {
            Thread.yield();
        } else {
            return false;
        }
        return true;
    }

    private void workLoop(int index) {
        long seen = 0;
        while (true) {
            long since = System.nanoTime();
            while (generation == seen && !closed) {
                if (!pause(since)) {
                    LockSupport.park(this);
                }
            }
            if (closed) {
                return;
            }
            long g = generation;
            seen = g;
            long c = claimed.get(index);
            if (c < g && claimed.compareAndSet(index, c, g)) {
                // Claimed: the caller waits for this share, so the task's fields stay as they are.
                int workers = active;
                if (index < workers) {
                    runShare(task, index, workers);
                }
                finished.set(index, g);
                LockSupport.unpark(caller);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread t : threads) {
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
    }
}
