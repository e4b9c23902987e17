package dev.glassbox.optim;

import java.util.Locale;

/**
 * Momentum that starts low and rises linearly to the optimizer's μ over the first epochs, as in
 * Srivastava et al. (2014): a low momentum while the gradients are large and noisy, a high one
 * once training settles. Text form {@code START:EPOCHS}, e.g. {@code 0.5:10}, or {@code none}.
 *
 * @param start momentum at the first batch, in [0, 1)
 * @param epochs epochs over which it rises to the optimizer's μ (0: no ramp)
 */
public record MomentumRamp(float start, int epochs) {
    public static final MomentumRamp NONE = new MomentumRamp(0, 0);

    public MomentumRamp {
        if (!(start >= 0 && start < 1) || epochs < 0) {
            throw new IllegalArgumentException("momentum ramp: start must be in [0, 1) and epochs ≥ 0, got " + start
                    + ":" + epochs);
        }
    }

    public static MomentumRamp parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.equals("none")) {
            return NONE;
        }
        String[] parts = s.split(":");
        try {
            if (parts.length == 2) {
                return new MomentumRamp(Float.parseFloat(parts[0]), Integer.parseInt(parts[1]));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("momentum ramp '" + text + "': expected START:EPOCHS, e.g. 0.5:10, or none");
    }

    public boolean enabled() {
        return epochs > 0;
    }

    /** μ at batch {@code step} (0-based): from {@code start} to {@code target}, linearly, then {@code target}. */
    public float momentum(float target, long step, long stepsPerEpoch) {
        double progress = Math.min(1, (double) step / ((double) epochs * stepsPerEpoch));
        return (float) (start + (target - start) * progress);
    }

    @Override
    public String toString() {
        return enabled() ? start + ":" + epochs : "none";
    }
}
