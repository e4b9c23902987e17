package dev.glassbox.optim;

import dev.glassbox.tensor.PortableMath;
import java.util.Locale;

/**
 * How the learning rate changes over training, as a factor of the base rate.
 *
 * <p>Text forms (CLI and model files): {@code constant}, {@code step:EPOCHS:FACTOR} (multiply by
 * FACTOR every EPOCHS epochs), {@code cosine} or {@code cosine:MIN} (half a cosine from 1 down
 * to MIN over the run), each optionally preceded by {@code warmup:STEPS,} (a linear ramp over
 * the first STEPS batches).
 */
public sealed interface LearningRateSchedule {

    /**
     * The factor at batch {@code step} (0-based) of a run of {@code totalSteps} batches with
     * {@code stepsPerEpoch} batches per epoch.
     */
    double factor(long step, long totalSteps, long stepsPerEpoch);

    /** The rate to use: base × factor. */
    default float rate(float base, long step, long totalSteps, long stepsPerEpoch) {
        return (float) (base * factor(step, totalSteps, stepsPerEpoch));
    }

    /** Always the base rate. */
    record Constant() implements LearningRateSchedule {
        @Override
        public double factor(long step, long totalSteps, long stepsPerEpoch) {
            return 1;
        }

        @Override
        public String toString() {
            return "constant";
        }
    }

    /** Multiply by {@code factor} every {@code everyEpochs} epochs. */
    record StepDecay(int everyEpochs, double factor) implements LearningRateSchedule {
        public StepDecay {
            if (everyEpochs < 1 || !(factor > 0 && factor <= 1)) {
                throw new IllegalArgumentException("step schedule: expected EPOCHS ≥ 1 and 0 < FACTOR ≤ 1, got "
                        + everyEpochs + " and " + factor);
            }
        }

        @Override
        public double factor(long step, long totalSteps, long stepsPerEpoch) {
            long epoch = step / Math.max(1, stepsPerEpoch);
            return PortableMath.pow(factor, epoch / everyEpochs);
        }

        @Override
        public String toString() {
            return "step:" + everyEpochs + ":" + factor;
        }
    }

    /** Half a cosine from 1 to {@code minimum} over the whole run. */
    record Cosine(double minimum) implements LearningRateSchedule {
        public Cosine {
            if (!(minimum >= 0 && minimum <= 1)) {
                throw new IllegalArgumentException("cosine schedule: MIN must be in [0, 1], got " + minimum);
            }
        }

        @Override
        public double factor(long step, long totalSteps, long stepsPerEpoch) {
            double progress = totalSteps <= 1 ? 0 : Math.min(1.0, (double) step / (totalSteps - 1));
            return minimum + (1 - minimum) * 0.5 * (1 + PortableMath.cos(Math.PI * progress));
        }

        @Override
        public String toString() {
            return minimum == 0 ? "cosine" : "cosine:" + minimum;
        }
    }

    /** A linear ramp from 1/steps to 1 over the first {@code steps} batches, then {@code then}. */
    record Warmup(long steps, LearningRateSchedule then) implements LearningRateSchedule {
        public Warmup {
            if (steps < 1 || then == null || then instanceof Warmup) {
                throw new IllegalArgumentException("warmup: expected STEPS ≥ 1 followed by one schedule");
            }
        }

        @Override
        public double factor(long step, long totalSteps, long stepsPerEpoch) {
            double ramp = step < steps ? (double) (step + 1) / steps : 1;
            return ramp * then.factor(step, totalSteps, stepsPerEpoch);
        }

        @Override
        public String toString() {
            return "warmup:" + steps + "," + then;
        }
    }

    /** Parses the text forms above. */
    static LearningRateSchedule parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (s.startsWith("warmup:")) {
                int comma = s.indexOf(',');
                if (comma < 0) {
                    return new Warmup(Long.parseLong(s.substring(7)), new Constant());
                }
                return new Warmup(Long.parseLong(s.substring(7, comma)), parse(s.substring(comma + 1)));
            }
            String[] parts = s.split(":", -1);
            return switch (parts[0]) {
                case "constant" -> {
                    requireParts(parts, 1, text);
                    yield new Constant();
                }
                case "step" -> {
                    requireParts(parts, 3, text);
                    yield new StepDecay(Integer.parseInt(parts[1]), Double.parseDouble(parts[2]));
                }
                case "cosine" -> {
                    if (parts.length > 2) {
                        throw new IllegalArgumentException("wrong number of ':' fields");
                    }
                    yield parts.length == 1 ? new Cosine(0) : new Cosine(Double.parseDouble(parts[1]));
                }
                default -> throw new IllegalArgumentException("unknown schedule");
            };
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("learning-rate schedule '" + text + "': " + e.getMessage()
                    + ". Expected constant, step:EPOCHS:FACTOR, cosine[:MIN], optionally after warmup:STEPS,");
        }
    }

    private static void requireParts(String[] parts, int count, String text) {
        if (parts.length != count) {
            throw new IllegalArgumentException("wrong number of ':' fields");
        }
    }
}
