package dev.glassbox.lab.core;

import dev.glassbox.data.Dataset;
import dev.glassbox.explain.Column;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Diagnostics of one snapshot: what each first-layer neuron looks for, and which test digits the
 * model confuses. The test set is read once per snapshot, when first asked about.
 */
final class Diagnostics {
    /** Images sent for one cell of the confusion matrix. */
    static final int EXAMPLES_PER_CELL = 60;

    private final long version;
    private final int[] predicted;
    private final long[][] counts;
    private final Map<String, Object> summary;

    private Diagnostics(long version, int[] predicted, long[][] counts, Map<String, Object> summary) {
        this.version = version;
        this.predicted = predicted;
        this.counts = counts;
        this.summary = summary;
    }

    /**
     * The first column's weights ({@code weights}: neurons × inputs float32, little-endian, row by
     * row, as base64: row o is neuron o's incoming weights, drawn as a 28×28 image) and the
     * confusion matrix ({@code counts[t][p]}: test images of digit t the model reads as p).
     */
    static Diagnostics of(Snapshot snapshot, Dataset test) {
        int[] predicted = snapshot.explainer().predictions(test);
        int classes = snapshot.network().outputSize();
        long[][] counts = new long[classes][classes];
        long correct = 0;
        for (int i = 0; i < predicted.length; i++) {
            counts[test.label(i)][predicted[i]]++;
            correct += test.label(i) == predicted[i] ? 1 : 0;
        }
        Column first = snapshot.explainer().columns().get(0);
        List<Object> rows = new ArrayList<>();
        for (long[] row : counts) {
            List<Object> cells = new ArrayList<>();
            for (long count : row) {
                cells.add(count);
            }
            rows.add(cells);
        }
        Map<String, Object> summary = JsonObject.of("version", snapshot.version(), "neurons", first.size(), "inputs",
                first.dense().inputSize(), "weights", littleEndianBase64(first.dense().weight().value().data()),
                "counts", rows, "accuracy", predicted.length == 0 ? 0.0 : (double) correct / predicted.length);
        return new Diagnostics(snapshot.version(), predicted, counts, summary);
    }

    long version() {
        return version;
    }

    Map<String, Object> summary() {
        return summary;
    }

    /** Up to {@value #EXAMPLES_PER_CELL} test images of digit {@code label} that the model reads as {@code predicted}. */
    Map<String, Object> cell(Dataset test, int label, int predictedDigit) {
        int classes = counts.length;
        if (label < 0 || label >= classes || predictedDigit < 0 || predictedDigit >= classes) {
            throw new IllegalArgumentException("label and predicted: expected 0.." + (classes - 1) + ", got " + label
                    + " and " + predictedDigit);
        }
        List<Object> examples = new ArrayList<>();
        for (int i = 0; i < predicted.length && examples.size() < EXAMPLES_PER_CELL; i++) {
            if (test.label(i) == label && predicted[i] == predictedDigit) {
                examples.add(JsonObject.of("index", i, "label", label, "predicted", predictedDigit, "pixels",
                        test.image(i)));
            }
        }
        return JsonObject.of("version", version, "label", label, "predicted", predictedDigit, "total",
                counts[label][predictedDigit], "examples", examples);
    }

    private static String littleEndianBase64(float[] values) {
        byte[] bytes = new byte[4 * values.length];
        for (int i = 0; i < values.length; i++) {
            int bits = Float.floatToRawIntBits(values[i]);
            bytes[4 * i] = (byte) bits;
            bytes[4 * i + 1] = (byte) (bits >>> 8);
            bytes[4 * i + 2] = (byte) (bits >>> 16);
            bytes[4 * i + 3] = (byte) (bits >>> 24);
        }
        return Base64.getEncoder().encodeToString(bytes);
    }
}
