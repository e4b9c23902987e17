package dev.glassbox.optim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an optimizer remembers between steps, for checkpoints: one array per parameter and kind
 * of state, named {@code <state>.<parameter>} (e.g. {@code velocity.layers.0.weight},
 * {@code m.layers.0.weight}), and the number of steps taken.
 *
 * @param steps steps taken so far (Adam's bias correction depends on it)
 * @param arrays state arrays by name, each as long as its parameter; copied
 */
public record OptimizerState(long steps, Map<String, float[]> arrays) {

    public OptimizerState {
        if (steps < 0) {
            throw new IllegalArgumentException("OptimizerState: steps must be ≥ 0, got " + steps);
        }
        Map<String, float[]> copy = new LinkedHashMap<>();
        arrays.forEach((name, values) -> copy.put(name, values.clone()));
        arrays = Collections.unmodifiableMap(copy);
    }

    /** The state of an optimizer that has not stepped yet. */
    public static OptimizerState empty() {
        return new OptimizerState(0, Map.of());
    }
}
