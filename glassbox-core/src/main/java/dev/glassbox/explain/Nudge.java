package dev.glassbox.explain;

import dev.glassbox.data.Dataset;
import dev.glassbox.train.Inference;

/**
 * An input changed, a few values at a time, until the network answers another class: how few
 * changes flip the answer. From {@link Explainer#nudge}, whose class doc gives the rule.
 *
 * <p>The arrays are copied in and out: the record cannot be changed.
 *
 * @param target the class the changes push toward
 * @param before the network's answer for the input as it was
 * @param changed the inputs changed, in the order they were changed; each at most once
 * @param nudged (inputSize) the input after the changes
 * @param scores (outputSize) every output's logit for {@code nudged}
 */
public record Nudge(int target, int before, int[] changed, float[] nudged, float[] scores) {

    /** Changes the lab allows a nudge at most: an eighth of MNIST's 784 pixels. */
    public static final int MOST_CHANGES = 98;

    public Nudge {
        if (changed == null || nudged == null || scores == null) {
            throw new IllegalArgumentException("Nudge: changed, nudged and scores are required");
        }
        if (target < 0 || target >= scores.length || before < 0 || before >= scores.length) {
            throw new IllegalArgumentException("Nudge: target " + target + " and answer " + before + " must be in 0.."
                    + (scores.length - 1));
        }
        changed = changed.clone();
        nudged = nudged.clone();
        scores = scores.clone();
    }

    @Override
    public int[] changed() {
        return changed.clone();
    }

    @Override
    public float[] nudged() {
        return nudged.clone();
    }

    @Override
    public float[] scores() {
        return scores.clone();
    }

    /** The network's answer for {@link #nudged()}: the largest score, the first on ties. */
    public int after() {
        return Inference.argmax(scores, 0, scores.length);
    }

    /** Whether the network now answers {@link #target()}. */
    public boolean flipped() {
        return after() == target;
    }

    /**
     * The class to nudge toward when the user picked {@code picked}: that class, unless the
     * network already answers it — then the class it ranks second, so the nudge shows how few
     * changes take the answer away.
     *
     * @param scores (outputSize ≥ 2) the logits of the input as it is
     */
    public static int toward(float[] scores, int picked) {
        if (scores.length < 2) {
            throw new IllegalArgumentException("Nudge.toward: a nudge needs two outputs or more, got " + scores.length);
        }
        int top = Inference.argmax(scores, 0, scores.length);
        if (picked != top) {
            return picked;
        }
        int second = top == 0 ? 1 : 0;
        for (int c = 0; c < scores.length; c++) {
            if (c != top && scores[c] > scores[second]) {
                second = c;
            }
        }
        return second;
    }

    /**
     * The values each input may take while nudged: a change sets input i to {@code low[i]} or
     * {@code high[i]}.
     */
    public record Range(float[] low, float[] high) {
        public Range {
            if (low == null || high == null || low.length != high.length) {
                throw new IllegalArgumentException("Nudge.Range: low and high of the same length are required");
            }
            for (int i = 0; i < low.length; i++) {
                if (!Float.isFinite(low[i]) || !Float.isFinite(high[i]) || low[i] > high[i]) {
                    throw new IllegalArgumentException("Nudge.Range: input " + i + " has range [" + low[i] + ", "
                            + high[i] + "], expected finite low ≤ high");
                }
            }
            low = low.clone();
            high = high.clone();
        }

        /** Pixels as the network reads them: each in [0, 1], black to full ink. */
        public static Range pixels(int n) {
            float[] low = new float[n];
            float[] high = new float[n];
            for (int i = 0; i < n; i++) {
                high[i] = 1f;
            }
            return new Range(low, high);
        }

        /** The smallest and largest value of each input over the samples of {@code data}, as the network reads them. */
        public static Range observed(Dataset data) {
            if (data.size() == 0) {
                throw new IllegalArgumentException("Nudge.Range.observed: " + data.name() + " has no samples");
            }
            float[] low = data.input(0);
            float[] high = low.clone();
            for (int s = 1; s < data.size(); s++) {
                float[] values = data.input(s);
                for (int i = 0; i < values.length; i++) {
                    low[i] = Math.min(low[i], values[i]);
                    high[i] = Math.max(high[i], values[i]);
                }
            }
            return new Range(low, high);
        }

        @Override
        public float[] low() {
            return low.clone();
        }

        @Override
        public float[] high() {
            return high.clone();
        }

        public int size() {
            return low.length;
        }

        float lowAt(int i) {
            return low[i];
        }

        float highAt(int i) {
            return high[i];
        }
    }
}
