package dev.glassbox.lab;

import dev.glassbox.data.Dataset;
import dev.glassbox.explain.Column;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** Diagnostics: what each first-layer neuron looks for, and which test digits the model confuses. */
final class DiagnosticsRoutes {
    /** Images sent for one cell of the confusion matrix. */
    static final int EXAMPLES_PER_CELL = 60;

    private final Lab lab;
    private volatile Evaluated evaluated;

    DiagnosticsRoutes(Lab lab) {
        this.lab = lab;
    }

    /**
     * The first column's weights and the confusion matrix of one snapshot.
     *
     * @param weights (neurons × 784) float32, little-endian, row by row (sent as base64): row o is
     *     neuron o's incoming weights, drawn as a 28×28 image
     * @param counts counts[t][p]: test images of digit t the model reads as p
     */
    record Diagnostics(long version, int neurons, int inputs, byte[] weights, long[][] counts, double accuracy) {}

    /** One test image the model read as {@code predicted}. */
    record Example(int index, int label, int predicted, int[] pixels) {}

    record Cell(long version, int label, int predicted, long total, List<Example> examples) {}

    /** A snapshot's predictions on the test set, kept until the next snapshot is asked about. */
    private record Evaluated(long version, Diagnostics diagnostics, int[] predicted) {}

    void addTo(RoutesConfig routes) {
        routes.get("/api/diagnostics", ctx -> ctx.json(evaluate().diagnostics()));
        routes.get("/api/confusion-cell", this::cell);
    }

    private Evaluated evaluate() {
        Snapshot snapshot = lab.snapshot();
        Evaluated current = evaluated;
        if (current != null && current.version() == snapshot.version()) {
            return current;
        }
        Dataset test = lab.test();
        int[] predicted = snapshot.explainer().predictions(test);
        int classes = snapshot.network().outputSize();
        long[][] counts = new long[classes][classes];
        long correct = 0;
        for (int i = 0; i < predicted.length; i++) {
            counts[test.label(i)][predicted[i]]++;
            correct += test.label(i) == predicted[i] ? 1 : 0;
        }
        Column first = snapshot.explainer().columns().get(0);
        float[] w = first.dense().weight().value().data();
        ByteBuffer bytes = ByteBuffer.allocate(4 * w.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(w);
        Diagnostics diagnostics = new Diagnostics(snapshot.version(), first.size(), first.dense().inputSize(),
                bytes.array(), counts, predicted.length == 0 ? 0 : (double) correct / predicted.length);
        current = new Evaluated(snapshot.version(), diagnostics, predicted);
        evaluated = current;
        return current;
    }

    /** {@code ?label=T&predicted=P}: test images of digit T that the model reads as P. */
    private void cell(Context ctx) {
        Evaluated current = evaluate();
        int classes = current.diagnostics().counts().length;
        int label = ModelRoutes.parseInt("label", require(ctx, "label"));
        int predicted = ModelRoutes.parseInt("predicted", require(ctx, "predicted"));
        if (label < 0 || label >= classes || predicted < 0 || predicted >= classes) {
            throw new IllegalArgumentException("label and predicted: expected 0.." + (classes - 1) + ", got " + label
                    + " and " + predicted);
        }
        Dataset test = lab.test();
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < current.predicted().length && examples.size() < EXAMPLES_PER_CELL; i++) {
            if (test.label(i) == label && current.predicted()[i] == predicted) {
                examples.add(new Example(i, label, predicted, test.image(i)));
            }
        }
        ctx.json(new Cell(current.version(), label, predicted, current.diagnostics().counts()[label][predicted],
                examples));
    }

    private static String require(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null) {
            throw new IllegalArgumentException("confusion-cell: expected ?label=T&predicted=P");
        }
        return value;
    }
}
