package dev.glassbox.optim;

import java.util.Arrays;
import java.util.Locale;

/**
 * An optimizer's kind and settings; {@link #create()} makes a fresh optimizer from them.
 *
 * @param kind which update rule
 * @param momentum μ for {@link Kind#MOMENTUM} and {@link Kind#NESTEROV}
 * @param beta1 Adam's decay of the running mean of gradients
 * @param beta2 Adam's decay of the running mean of squared gradients
 * @param epsilon Adam's guard against division by zero
 * @param weightDecay λ: L2 penalty ½λ‖w‖² on weights (not biases); decoupled for AdamW
 */
public record OptimizerConfig(Kind kind, float momentum, float beta1, float beta2, float epsilon, float weightDecay) {

    /** The update rules. */
    public enum Kind {
        SGD("sgd"),
        MOMENTUM("momentum"),
        NESTEROV("nesterov"),
        ADAM("adam"),
        ADAMW("adamw");

        private final String specName;

        Kind(String specName) {
            this.specName = specName;
        }

        public String specName() {
            return specName;
        }

        public static Kind byName(String name) {
            String key = name.toLowerCase(Locale.ROOT);
            return Arrays.stream(values())
                    .filter(k -> k.specName.equals(key))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown optimizer '" + name + "'. Known: "
                            + String.join(", ", Arrays.stream(values()).map(Kind::specName).toList())));
        }
    }

    public OptimizerConfig {
        if (kind == null) {
            throw new IllegalArgumentException("OptimizerConfig: kind is required");
        }
        requireIn("momentum", momentum, 0, 1);
        requireIn("beta1", beta1, 0, 1);
        requireIn("beta2", beta2, 0, 1);
        if (!(epsilon > 0) || !Float.isFinite(epsilon)) {
            throw new IllegalArgumentException("OptimizerConfig: epsilon must be positive, got " + epsilon);
        }
        if (!(weightDecay >= 0) || !Float.isFinite(weightDecay)) {
            throw new IllegalArgumentException("OptimizerConfig: weight decay must be ≥ 0, got " + weightDecay);
        }
    }

    private static void requireIn(String what, float value, float low, float high) {
        if (!(value >= low && value < high)) {
            throw new IllegalArgumentException("OptimizerConfig: " + what + " must be in [" + low + ", " + high
                    + "), got " + value);
        }
    }

    /** The defaults for a kind: μ = 0.9, β₁ = 0.9, β₂ = 0.999, ε = 1e-8, no weight decay. */
    public static OptimizerConfig of(Kind kind) {
        return new OptimizerConfig(kind, kind == Kind.SGD ? 0f : 0.9f, 0.9f, 0.999f, 1e-8f, 0f);
    }

    public static OptimizerConfig of(String name) {
        return of(Kind.byName(name));
    }

    public OptimizerConfig withMomentum(float value) {
        return new OptimizerConfig(kind, value, beta1, beta2, epsilon, weightDecay);
    }

    public OptimizerConfig withWeightDecay(float value) {
        return new OptimizerConfig(kind, momentum, beta1, beta2, epsilon, value);
    }

    public OptimizerConfig withBetas(float newBeta1, float newBeta2) {
        return new OptimizerConfig(kind, momentum, newBeta1, newBeta2, epsilon, weightDecay);
    }

    /** A new optimizer with empty state. */
    public Optimizer create() {
        return switch (kind) {
            case SGD, MOMENTUM, NESTEROV -> new Sgd(this);
            case ADAM, ADAMW -> new Adam(this);
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case SGD -> "sgd[weightDecay=" + weightDecay + "]";
            case MOMENTUM, NESTEROV -> kind.specName + "[momentum=" + momentum + ", weightDecay=" + weightDecay + "]";
            case ADAM, ADAMW -> kind.specName + "[beta1=" + beta1 + ", beta2=" + beta2 + ", epsilon=" + epsilon
                    + ", weightDecay=" + weightDecay + "]";
        };
    }
}
