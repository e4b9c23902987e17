package dev.glassbox.nn;

import dev.glassbox.tensor.Rng;
import java.util.Locale;

/**
 * Weight initialisation schemes, keeping the variance of activations steady from layer to layer.
 * Biases start at zero.
 */
public enum Init {
    /** He/Kaiming: normal with standard deviation √(2 / in), for ReLU-like activations. */
    HE {
        @Override
        public void fill(Parameter weight, Rng random) {
            float[] w = weight.value().data();
            double std = Math.sqrt(2.0 / weight.value().cols());
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) (random.nextGaussian() * std);
            }
        }
    },
    /** Xavier/Glorot: uniform in ±√(6 / (in + out)), for sigmoid, tanh and linear layers. */
    XAVIER {
        @Override
        public void fill(Parameter weight, Rng random) {
            float[] w = weight.value().data();
            double limit = Math.sqrt(6.0 / (weight.value().cols() + weight.value().rows()));
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) ((random.nextDouble() * 2 - 1) * limit);
            }
        }
    };

    /** Overwrites an (out, in) weight matrix with random values (modifies it). */
    public abstract void fill(Parameter weight, Rng random);

    public static Init byName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "he", "kaiming" -> HE;
            case "xavier", "glorot" -> XAVIER;
            default -> throw new IllegalArgumentException("unknown initialisation '" + name + "'. Known: he, xavier");
        };
    }
}
