package dev.glassbox.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C during training: instead of dying mid-batch, the run finishes its batch, saves a
 * checkpoint and says how to resume. A shutdown hook (the JVM's portable handle on SIGINT and
 * SIGTERM) raises the flag, then waits for the training loop to finish that work before the JVM
 * goes down.
 */
final class Interruption implements AutoCloseable {
    /** How long the hook waits for the checkpoint: a batch plus writing the file. */
    private static final long WAIT_SECONDS = 60;

    private final CountDownLatch handled = new CountDownLatch(1);
    private final Thread hook = new Thread(this::onShutdown, "glassbox-interrupt");
    private volatile boolean requested;
    private volatile boolean active = true;

    Interruption() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    private void onShutdown() {
        if (!active) {
            return;
        }
        requested = true;
        try {
            handled.await(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the user asked the process to stop. */
    boolean requested() {
        return requested;
    }

    /** The training loop has saved what it had; the JVM may go down. */
    void handled() {
        active = false;
        handled.countDown();
    }

    @Override
    public void close() {
        active = false;
        handled.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook is running or done
        }
    }
}
