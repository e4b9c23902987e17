package dev.glassbox.lab.core;

import dev.glassbox.data.Dataset;
import dev.glassbox.data.TablePreparation;
import dev.glassbox.explain.Column;
import dev.glassbox.explain.ForwardTrace;
import dev.glassbox.io.ModelInputs;
import dev.glassbox.train.RegressionError;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Diagnostics of one snapshot: what each first-layer neuron looks for, and which test examples
 * the model confuses — or, for a regression, its numbers against the true ones. The test set is
 * read once per snapshot, when first asked about.
 */
final class Diagnostics {
    /** Examples sent for one cell of the confusion matrix. */
    static final int EXAMPLES_PER_CELL = 60;

    /** Test rows a regression's plot of predicted against true values shows at most. */
    static final int MOST_POINTS = 2000;

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
     * row, as base64: row o is neuron o's incoming weights, drawn as an image, or as bars per
     * feature for a table) and the confusion matrix ({@code counts[t][p]}: test examples of class t
     * the model reads as p). A regression has no confusion: {@code points} holds [true, predicted]
     * pairs in the label's units, with {@code r2}.
     */
    static Diagnostics of(Snapshot snapshot, LabData data) {
        Dataset test = data.test();
        if (test.isRegression()) {
            return regression(snapshot, data);
        }
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

    private static Diagnostics regression(Snapshot snapshot, LabData data) {
        Dataset test = data.test();
        TablePreparation preparation = ((ModelInputs.Table) data.inputs()).preparation();
        List<Object> points = new ArrayList<>();
        RegressionError errors = RegressionError.NONE;
        for (int i = 0; i < test.size(); i++) {
            List<ForwardTrace.ColumnValues> columns = snapshot.explainer().forward(test.input(i)).columns();
            float output = columns.get(columns.size() - 1).activations()[0];
            errors = errors.plus(output, test.target(i));
            if (i < MOST_POINTS) {
                points.add(List.of(preparation.target(test.target(i)), preparation.target(output)));
            }
        }
        Column first = snapshot.explainer().columns().get(0);
        Map<String, Object> summary = JsonObject.of("version", snapshot.version(), "neurons", first.size(), "inputs",
                first.dense().inputSize(), "weights", littleEndianBase64(first.dense().weight().value().data()),
                "points", points, "r2", Double.isFinite(errors.r2()) ? errors.r2() : 0.0, "rmse",
                test.size() == 0 ? 0.0 : errors.rmse() * preparation.targetSd());
        return new Diagnostics(snapshot.version(), new int[0], new long[0][0], summary);
    }

    /** Up to {@value #EXAMPLES_PER_CELL} test examples of class {@code label} that the model reads as {@code predicted}. */
    Map<String, Object> cell(LabData data, int label, int predictedDigit) {
        Dataset test = data.test();
        int classes = counts.length;
        if (label < 0 || label >= classes || predictedDigit < 0 || predictedDigit >= classes) {
            throw new IllegalArgumentException("label and predicted: expected 0.." + (classes - 1) + ", got " + label
                    + " and " + predictedDigit);
        }
        List<Object> examples = new ArrayList<>();
        for (int i = 0; i < predicted.length && examples.size() < EXAMPLES_PER_CELL; i++) {
            if (test.label(i) == label && predicted[i] == predictedDigit) {
                examples.add(test.isImages()
                        ? JsonObject.of("index", i, "label", label, "predicted", predictedDigit, "pixels", test.image(i))
                        : JsonObject.of("index", i, "label", label, "predicted", predictedDigit, "values",
                                Examples.values(((ModelInputs.Table) data.inputs()).preparation(), test.input(i))));
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
