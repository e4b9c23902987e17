package dev.glassbox.lab.core;

import java.util.List;
import java.util.Map;

/** What the Train panel receives as training events. */
public final class TrainingJson {
    private TrainingJson() {}

    /**
     * Where training stands ({@code status}).
     *
     * @param state {@code ready} (no run yet), {@code running}, {@code paused}, {@code finished}, or
     *     {@code error} (training failed; {@code message} says why, and Start and Reset work again)
     * @param steps batches trained on this network so far
     */
    public record Status(String state, String spec, long steps, int epoch, int epochs, int batchesPerEpoch,
            String message) {
        public Map<String, Object> toJson() {
            return JsonObject.of("state", state, "spec", spec, "steps", steps, "epoch", epoch, "epochs", epochs,
                    "batchesPerEpoch", batchesPerEpoch, "message", message);
        }
    }

    /**
     * The mean of the batches since the last point ({@code point}).
     *
     * @param step batches trained so far on this network, counting across runs
     */
    public record Point(long step, int epoch, double loss, double accuracy) {
        public Map<String, Object> toJson() {
            return JsonObject.of("step", step, "epoch", epoch, "loss", loss, "accuracy", accuracy);
        }
    }

    /** One epoch, evaluated on the test set, never used to choose anything ({@code epoch}). */
    public record Epoch(long step, int epoch, double trainLoss, double trainAccuracy, double testLoss,
            double testAccuracy) {
        public Map<String, Object> toJson() {
            return JsonObject.of("step", step, "epoch", epoch, "trainLoss", trainLoss, "trainAccuracy", trainAccuracy,
                    "testLoss", testLoss, "testAccuracy", testAccuracy);
        }
    }

    /** Everything so far, for a page that connects mid-run ({@code history}). */
    public static Map<String, Object> history(List<Point> points, List<Epoch> epochs) {
        return JsonObject.of("points", points.stream().map(Point::toJson).toList(), "epochs",
                epochs.stream().map(Epoch::toJson).toList());
    }

    /** A new snapshot of the weights is being shown ({@code model}). */
    public static Map<String, Object> model(long version) {
        return JsonObject.of("version", version);
    }
}
