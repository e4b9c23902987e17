package dev.glassbox.lab.core;

import dev.glassbox.explain.Explainer;
import dev.glassbox.nn.Network;
import java.util.Map;

/**
 * One consistent copy of the weights the page shows: every answer served from a snapshot comes
 * from the same weights, even while training changes the network it was copied from.
 *
 * @param version increases with every published snapshot, so the page knows when to redraw
 * @param explainer runs examples through the copy
 * @param source where the weights come from, in words (a file, or what trained them)
 * @param metadata what a saved model file records with these weights (loss, provenance)
 */
public record Snapshot(long version, Explainer explainer, String source, Map<String, String> metadata) {

    public Snapshot {
        metadata = Map.copyOf(metadata);
    }

    public Network network() {
        return explainer.network();
    }
}
