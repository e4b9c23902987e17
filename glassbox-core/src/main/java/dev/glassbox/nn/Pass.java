package dev.glassbox.nn;

import dev.glassbox.kernels.Kernels;
import dev.glassbox.tensor.Rng;

/**
 * What a forward or backward pass runs with.
 *
 * @param kernels the kernels doing the arithmetic
 * @param mode training enables dropout; inference makes the network deterministic
 * @param random the source of dropout masks (used only when training)
 */
public record Pass(Kernels kernels, Mode mode, Rng random) {

    /** Training or inference. */
    public enum Mode {
        TRAINING,
        INFERENCE
    }

    public Pass {
        if (kernels == null || mode == null) {
            throw new IllegalArgumentException("Pass: kernels and mode are required");
        }
        if (mode == Mode.TRAINING && random == null) {
            throw new IllegalArgumentException("Pass: training needs a random generator for dropout");
        }
    }

    public static Pass inference(Kernels kernels) {
        return new Pass(kernels, Mode.INFERENCE, null);
    }

    public static Pass training(Kernels kernels, Rng random) {
        return new Pass(kernels, Mode.TRAINING, random);
    }

    public boolean training() {
        return mode == Mode.TRAINING;
    }
}
