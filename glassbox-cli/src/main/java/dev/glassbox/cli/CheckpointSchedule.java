package dev.glassbox.cli;

import java.util.Locale;

/**
 * When {@code train} writes a checkpoint: {@code --checkpoint-every} as epochs ({@code 1},
 * {@code 0.25}), as batches ({@code 500b}), {@code off}, or {@code auto} — at the end of an epoch,
 * once {@value #AUTO_SECONDS} s have passed since the run started or last wrote one. A crash then
 * costs at most that and an epoch; a run of a few seconds writes none (Ctrl-C still saves one),
 * where a write per epoch cost the default run 7 % of its time; a long run of short epochs writes
 * two a minute, not one per epoch.
 *
 * @param epochs the interval in epochs, or 0 with {@code batches}
 * @param batches the interval in batches, or 0 with {@code epochs}
 * @param minSeconds the least time between the run's start or a checkpoint and the next one; 0
 *     for a schedule the user gave
 */
record CheckpointSchedule(double epochs, long batches, int minSeconds) {
    static final int AUTO_SECONDS = 30;
    static final CheckpointSchedule OFF = new CheckpointSchedule(0, 0, 0);
    static final CheckpointSchedule AUTO = new CheckpointSchedule(1, 0, AUTO_SECONDS);

    static CheckpointSchedule parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        switch (s) {
            case "auto":
                return AUTO;
            case "off", "0":
                return OFF;
            default:
                break;
        }
        try {
            if (s.endsWith("b")) {
                long batches = Long.parseLong(s.substring(0, s.length() - 1));
                if (batches >= 1) {
                    return new CheckpointSchedule(0, batches, 0);
                }
            } else {
                double epochs = Double.parseDouble(s);
                if (epochs > 0 && Double.isFinite(epochs)) {
                    return new CheckpointSchedule(epochs, 0, 0);
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

    /** Whether a checkpoint is due at the end of an interval, {@code sinceLast} ns after the run's start or the last one. */
    boolean due(long sinceLast) {
        return sinceLast >= minSeconds * 1_000_000_000L;
    }

    @Override
    public String toString() {
        if (!enabled()) {
            return "off";
        }
        String every = batches > 0 ? batches + " batches" : epochs == 1 ? "every epoch" : epochs + " epochs";
        return minSeconds > 0 ? every + ", " + minSeconds + " s apart at least" : every;
    }
}
