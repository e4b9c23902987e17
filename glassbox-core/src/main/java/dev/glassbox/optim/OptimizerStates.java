package dev.glassbox.optim;

import java.util.Set;

/** Checks shared by the optimizers' {@code restore}. */
final class OptimizerStates {
    private OptimizerStates() {}

    /** Every array of {@code state} must be one of {@code names}: state of another optimizer is refused, not ignored. */
    static void requireOnly(OptimizerState state, Optimizer optimizer, String... names) {
        Set<String> known = Set.of(names);
        for (String key : state.arrays().keySet()) {
            int dot = key.indexOf('.');
            if (dot < 0 || !known.contains(key.substring(0, dot))) {
                throw new IllegalArgumentException("optimizer state '" + key + "' does not belong to " + optimizer
                        + ", which keeps " + String.join(", ", names));
            }
        }
    }
}
