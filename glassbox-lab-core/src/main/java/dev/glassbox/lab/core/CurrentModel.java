package dev.glassbox.lab.core;

import dev.glassbox.explain.Explainer;
import dev.glassbox.kernels.KernelProvider;
import dev.glassbox.loss.Loss;
import dev.glassbox.nn.Network;
import java.util.Map;

/**
 * The model the page sees: the latest published {@link Snapshot}. Training publishes copies
 * between its steps; each request works on whichever snapshot was current when it started.
 */
public final class CurrentModel {
    private final KernelProvider kernels;
    private long versions; // guarded by this
    private volatile Snapshot snapshot;

    /** @param kernels what every snapshot's explainer computes with: the host's */
    public CurrentModel(Network network, Loss loss, String source, Map<String, String> metadata,
            KernelProvider kernels) {
        this.kernels = kernels;
        publish(network, loss, source, metadata);
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    /** Copies {@code network}'s weights into a new snapshot and makes it current. */
    public synchronized Snapshot publish(Network network, Loss loss, String source, Map<String, String> metadata) {
        Snapshot next = new Snapshot(++versions, Explainer.of(network, loss, kernels), source, metadata);
        snapshot = next;
        return next;
    }
}
