package dev.glassbox.explain;

import dev.glassbox.train.Inference;

/**
 * Why the network gave one output the score it did, input by input: three maps with one value per
 * input, from {@link Explainer#attribution}. The score is the output's raw value, its logit — not
 * its probability, which also depends on every other output.
 *
 * <p>Signs: a positive value pushes the score up (toward the target), a negative one pushes it
 * down (away from it). The arrays are copied in and out: the record cannot be changed.
 *
 * @param input (inputSize) the example as the network reads it (pixel / 255, or a table's prepared values)
 * @param target the output explained, 0..outputSize−1
 * @param scores (outputSize) every output's logit for {@code input}
 * @param maps the gradient, gradient × input and integrated gradients of {@code scores[target]}
 * @param completeness how closely the integrated gradients add up to score(input) − score(baseline)
 */
public record Attribution(float[] input, int target, float[] scores, Maps maps, Completeness completeness) {

    /** Equal steps of the integrated gradients' Riemann sum (Sundararajan et al. 2017 suggest 20 to 300). */
    public static final int STEPS = 64;

    public Attribution {
        if (input == null || scores == null || maps == null || completeness == null) {
            throw new IllegalArgumentException("Attribution: input, scores, maps and completeness are required");
        }
        if (target < 0 || target >= scores.length) {
            throw new IllegalArgumentException("Attribution: target " + target + " is outside 0.."
                    + (scores.length - 1));
        }
        if (maps.gradient.length != input.length) {
            throw new IllegalArgumentException("Attribution: maps have " + maps.gradient.length + " values, expected "
                    + input.length + ", one per input");
        }
        input = input.clone();
        scores = scores.clone();
    }

    @Override
    public float[] input() {
        return input.clone();
    }

    @Override
    public float[] scores() {
        return scores.clone();
    }

    /** The output with the largest score: the network's answer (the first on ties). */
    public int predicted() {
        return Inference.argmax(scores, 0, scores.length);
    }

    /**
     * The three maps, one value per input, for the score S = {@code scores[target]} and the input x.
     *
     * @param gradient ∂S/∂xᵢ at x: how fast the score changes as input i alone grows
     * @param gradientTimesInput ∂S/∂xᵢ · xᵢ: the gradient where there is input (zero on black pixels)
     * @param integrated xᵢ · ∫₀¹ ∂S/∂xᵢ(α·x) dα, the integrated gradients from the black (all-zero)
     *     baseline: a midpoint-rule sum over {@link #STEPS} equal steps, a step halved where the
     *     gradient jumps within it (see {@link Explainer#attribution})
     */
    public record Maps(float[] gradient, float[] gradientTimesInput, float[] integrated) {
        public Maps {
            if (gradient == null || gradientTimesInput == null || integrated == null
                    || gradientTimesInput.length != gradient.length || integrated.length != gradient.length) {
                throw new IllegalArgumentException("Attribution.Maps: three maps of the same length are required");
            }
            gradient = gradient.clone();
            gradientTimesInput = gradientTimesInput.clone();
            integrated = integrated.clone();
        }

        @Override
        public float[] gradient() {
            return gradient.clone();
        }

        @Override
        public float[] gradientTimesInput() {
            return gradientTimesInput.clone();
        }

        @Override
        public float[] integrated() {
            return integrated.clone();
        }
    }

    /**
     * The completeness check of integrated gradients: exactly, Σᵢ IGᵢ = S(x) − S(baseline); the
     * Riemann sum makes it approximate, and the gap says how good the approximation is.
     *
     * @param attributionSum Σᵢ IGᵢ, summed in double
     * @param score S(x)
     * @param baselineScore S(baseline), the score of the all-zero input
     * @param steps the steps the path was cut into: {@link #STEPS}, more when some were halved
     */
    public record Completeness(double attributionSum, double score, double baselineScore, int steps) {

        /** S(x) − S(baseline): what the integrated gradients should add up to. */
        public double difference() {
            return score - baselineScore;
        }

        /** |Σᵢ IGᵢ − (S(x) − S(baseline))|. */
        public double gap() {
            return Math.abs(attributionSum - difference());
        }

        /**
         * {@link #gap()} as a fraction of |S(x) − S(baseline)|; 0 when both are 0, infinite when
         * only the difference is.
         */
        public double relativeGap() {
            double difference = Math.abs(difference());
            double gap = gap();
            return gap == 0 ? 0 : difference == 0 ? Double.POSITIVE_INFINITY : gap / difference;
        }
    }
}
