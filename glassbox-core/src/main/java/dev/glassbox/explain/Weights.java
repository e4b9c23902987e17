package dev.glassbox.explain;

import dev.glassbox.nn.Network;
import dev.glassbox.nn.Parameter;

/**
 * A network's parameters as one flat vector θ, in {@link Network#parameters()} order, each
 * row-major: the point in weight space that the loss landscape is drawn around and that a
 * trajectory records. What the landscape's directions and a training path are vectors of.
 */
public final class Weights {
    private Weights() {}

    /** How many numbers θ holds. */
    public static int size(Network network) {
        long n = network.parameterCount();
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("Weights: " + n + " parameters do not fit one array");
        }
        return (int) n;
    }

    /** θ, a new array. */
    public static float[] of(Network network) {
        float[] theta = new float[size(network)];
        int at = 0;
        for (Parameter p : network.parameters()) {
            float[] v = p.value().data();
            System.arraycopy(v, 0, theta, at, v.length);
            at += v.length;
        }
        return theta;
    }

    /**
     * Sets {@code network}'s parameters (modified) to θ + α·d₁ + β·d₂, each value computed in
     * double and rounded once; at α = β = 0 exactly θ, so the centre of a slice is the network itself.
     *
     * @param d1 a direction, or null for none
     * @param d2 a direction, or null for none
     */
    public static void set(Network network, float[] theta, float[] d1, double alpha, float[] d2, double beta) {
        if (theta.length != size(network)) {
            throw new IllegalArgumentException("Weights.set: θ has " + theta.length + " values, the network "
                    + network.parameterCount());
        }
        int at = 0;
        for (Parameter p : network.parameters()) {
            float[] v = p.value().data();
            for (int i = 0; i < v.length; i++, at++) {
                double x = theta[at];
                if (alpha != 0) {
                    x += alpha * d1[at];
                }
                if (beta != 0) {
                    x += beta * d2[at];
                }
                v[i] = alpha == 0 && beta == 0 ? theta[at] : (float) x;
            }
        }
    }

    /** Sets {@code network}'s parameters (modified) to (1 − t)·a + t·b, in double, rounded once. */
    public static void mix(Network network, float[] a, float[] b, double t) {
        int at = 0;
        for (dev.glassbox.nn.Parameter p : network.parameters()) {
            float[] v = p.value().data();
            for (int i = 0; i < v.length; i++, at++) {
                v[i] = t == 0 ? a[at] : t == 1 ? b[at] : (float) ((1 - t) * a[at] + t * b[at]);
            }
        }
    }

    static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }
}
