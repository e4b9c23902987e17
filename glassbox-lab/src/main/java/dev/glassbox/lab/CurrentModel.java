package dev.glassbox.lab;

import dev.glassbox.explain.Explainer;
import dev.glassbox.jvm.kernels.KernelChoice;
import dev.glassbox.loss.Loss;
import dev.glassbox.nn.Network;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The model the page sees: the latest published {@link Snapshot}. Training publishes copies
 * between its steps; each request works on whichever snapshot was current when it started.
 */
final class CurrentModel {
    private final AtomicLong versions = new AtomicLong();
    private volatile Snapshot snapshot;

    CurrentModel(Network network, Loss loss, String source, Map<String, String> metadata) {
        publish(network, loss, source, metadata);
    }

    Snapshot snapshot() {
        return snapshot;
    }

    /** Copies {@code network}'s weights into a new snapshot and makes it current. */
    synchronized Snapshot publish(Network network, Loss loss, String source, Map<String, String> metadata) {
        Snapshot next = new Snapshot(versions.incrementAndGet(), Explainer.of(network, loss, KernelChoice.provider()), source, metadata);
        snapshot = next;
        return next;
    }
}
