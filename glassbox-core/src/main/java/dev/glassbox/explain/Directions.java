package dev.glassbox.explain;

import dev.glassbox.nn.Network;
import dev.glassbox.nn.Parameter;
import dev.glassbox.tensor.Rng;

/**
 * The two directions d₁, d₂ in weight space along which a slice θ + α·d₁ + β·d₂ of the loss is
 * drawn, each a flat vector laid out as {@link Weights}.
 *
 * <ul>
 * <li>{@link #random}: Li et al. (NeurIPS 2018), "filter-normalised" — a Gaussian direction
 *     whose every neuron's incoming weights (each row of a weight matrix) are rescaled to the
 *     norm of that neuron's weights in θ, so that a step of α = 1 changes each neuron as much as
 *     its own size, whatever the layer's scale. Bias directions are 0, as in their code's default.
 * <li>{@link Trajectory#directions()}: the two principal components of a training path, along
 *     which the path moves most.
 * </ul>
 *
 * @param d1   the first direction (α)
 * @param d2   the second direction (β)
 * @param kind {@code random} or {@code pca}, for captions
 */
public record Directions(float[] d1, float[] d2, String kind) {
    public Directions {
        if (d1.length != d2.length) {
            throw new IllegalArgumentException("Directions: d1 has " + d1.length + " values, d2 " + d2.length);
        }
    }

    /** Two filter-normalised random directions around {@code network}'s weights, drawn from {@code seed}. */
    public static Directions random(Network network, long seed) {
        Rng rng = new Rng(seed);
        return new Directions(filterNormalised(network, rng), filterNormalised(network, rng), "random");
    }

    private static float[] filterNormalised(Network network, Rng rng) {
        float[] d = new float[Weights.size(network)];
        int at = 0;
        for (Parameter p : network.parameters()) {
            float[] w = p.value().data();
            if (p.kind() == Parameter.Kind.WEIGHT) {
                int rows = p.value().rows();
                int cols = p.value().cols();
                for (int r = 0; r < rows; r++) {
                    double[] g = new double[cols];
                    double gNorm = 0;
                    double wNorm = 0;
                    for (int c = 0; c < cols; c++) {
                        g[c] = rng.nextGaussian();
                        gNorm += g[c] * g[c];
                        wNorm += (double) w[r * cols + c] * w[r * cols + c];
                    }
                    double scale = gNorm == 0 ? 0 : Math.sqrt(wNorm) / Math.sqrt(gNorm);
                    for (int c = 0; c < cols; c++) {
                        d[at + r * cols + c] = (float) (g[c] * scale);
                    }
                }
            }
            at += w.length; // biases: direction 0
        }
        return d;
    }
}
