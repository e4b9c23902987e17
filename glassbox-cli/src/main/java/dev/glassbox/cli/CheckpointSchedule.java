package dev.glassbox.cli;

import java.util.Locale;

/**
 * When {@code train} writes a checkpoint: {@code --checkpoint-every} as epochs ({@code 1},
 * {@code 0.25}), as batches ({@code 500b}), {@code off}, or {@code auto} — every epoch for runs of
 * more than {@value #AUTO_MIN_EPOCHS} epochs, where losing the run would cost something, and about
 * {@value #AUTO_MOST} times in all for runs of many short epochs (a small table's), whose writes
 * would otherwise take longer than their training.
 *
 * @param epochs the interval in epochs, or 0 with {@code batches}
 * @param batches the interval in batches, or 0 with {@code epochs}
 */
record CheckpointSchedule(double epochs, long batches) {
    static final int AUTO_MIN_EPOCHS = 3;
    static final int AUTO_MOST = 20;
    /** Runs of more epochs than this are checkpointed {@value #AUTO_MOST} times rather than every epoch. */
    static final int AUTO_SPACED_FROM = 50;
    static final CheckpointSchedule OFF = new CheckpointSchedule(0, 0);

    static CheckpointSchedule parse(String text, int runEpochs) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        switch (s) {
            case "auto":
                if (runEpochs <= AUTO_MIN_EPOCHS) {
                    return OFF;
                }
                return new CheckpointSchedule(runEpochs <= AUTO_SPACED_FROM ? 1 : (runEpochs + AUTO_MOST - 1) / AUTO_MOST, 0);
            case "off", "0":
                return OFF;
            default:
                break;
        }
        try {
            if (s.endsWith("b")) {
                long batches = Long.parseLong(s.substring(0, s.length() - 1));
                if (batches >= 1) {
                    return new CheckpointSchedule(0, batches);
                }
            } else {
                double epochs = Double.parseDouble(s);
                if (epochs > 0 && Double.isFinite(epochs)) {
                    return new CheckpointSchedule(epochs, 0);
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--checkpoint-every " + text + ": expected epochs (1, 0.25), batches"
                + " (500b), auto or off");
    }

    boolean enabled() {
        return epochs > 0 || batches > 0;
    }

    /** The interval in batches for an epoch of {@code batchesPerEpoch} batches (at least 1). */
    long intervalBatches(int batchesPerEpoch) {
        return batches > 0 ? batches : Math.max(1, Math.round(epochs * batchesPerEpoch));
    }

    @Override
    public String toString() {
        return !enabled() ? "off" : batches > 0 ? batches + " batches" : epochs == 1 ? "every epoch" : epochs + " epochs";
    }
}
