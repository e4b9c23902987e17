package dev.glassbox.lab.core;

import dev.glassbox.data.Dataset;
import dev.glassbox.data.ImagePreparation;
import dev.glassbox.data.TablePreparation;
import dev.glassbox.explain.Column;
import dev.glassbox.explain.ForwardTrace;
import dev.glassbox.io.ModelInputs;
import dev.glassbox.nn.Network;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** What the network view draws: the columns, their strongest connections, and one example's activity. */
final class NetworkJson {
    /** About how many connections the view draws into one column; each neuron gets its strongest share. */
    static final int CONNECTIONS_PER_COLUMN = 1200;

    private NetworkJson() {}

    /**
     * The columns ({@code name}: {@code hidden 1}, …, {@code output}; {@code size}; {@code activation})
     * and, per column, the strongest incoming connections of every neuron: {@code weight[k]} joins
     * input {@code from[k]} (a pixel or a neuron of the previous column) to neuron {@code to[k]};
     * {@code maxAbs} is the largest |w| in the whole column, for scaling line opacity.
     *
     * <p>{@code inputs} says what the first column reads ({@link #inputs}), {@code classes} what
     * each output means, {@code testImages} how many test examples there are to pick from, and
     * {@code defaultEpochs} the epochs the Train panel suggests for this data ({@link DefaultTraining#epochs}).
     *
     * @param kernels the name of the kernels the host computes with
     */
    static Map<String, Object> view(Snapshot snapshot, LabData data, String kernels) {
        Network network = snapshot.network();
        List<Column> columns = snapshot.explainer().columns();
        List<Object> infos = new ArrayList<>();
        List<Object> connections = new ArrayList<>();
        for (Column c : columns) {
            boolean output = c.number() == columns.size() - 1;
            infos.add(JsonObject.of("name", output ? "output" : "hidden " + (c.number() + 1), "size", c.size(),
                    "activation", c.activation() == null ? null : c.activation().specName()));
            connections.add(strongest(c));
        }
        return JsonObject.of("version", snapshot.version(), "spec", network.spec().toString(), "source",
                snapshot.source(), "loss", snapshot.explainer().loss().name(), "kernels", kernels, "parameters",
                network.parameterCount(), "imageSide", Images.SIDE, "testImages", data.test().size(), "samples",
                data.samples(), "inputs", inputs(data.inputs()), "classes", data.inputs().classNames(), "regression",
                data.inputs().isRegression(), "defaultEpochs", DefaultTraining.epochs(data), "columns", infos,
                "connections", connections);
    }

    /**
     * What the first column reads: {@code kind} {@code image} with {@code width}, {@code height}
     * and {@code channels}; or {@code table} with its {@code features} — each a {@code name}, a
     * {@code kind} ({@code number} with the training rows' {@code mean} and {@code sd}, or
     * {@code text} with its {@code values}) and the {@code first} input it feeds — and, for a
     * regression, the {@code label}'s {@code mean} and {@code sd}.
     */
    static Map<String, Object> inputs(ModelInputs inputs) {
        if (inputs instanceof ModelInputs.Images images) {
            return JsonObject.of("kind", "image", "width", images.shape().cols(), "height", images.shape().rows(),
                    "channels", images.shape().channels(), "digit",
                    images.preparation().prepare() == ImagePreparation.Prepare.DIGIT);
        }
        TablePreparation p = ((ModelInputs.Table) inputs).preparation();
        List<Object> features = new ArrayList<>();
        int first = 0;
        for (TablePreparation.Feature feature : p.features()) {
            if (feature instanceof TablePreparation.NumberFeature n) {
                features.add(JsonObject.of("name", n.name(), "kind", "number", "mean", n.mean(), "sd", n.sd(), "first",
                        first));
            } else {
                features.add(JsonObject.of("name", feature.name(), "kind", "text", "values",
                        ((TablePreparation.TextFeature) feature).values(), "first", first));
            }
            first += feature.width();
        }
        return JsonObject.of("kind", "table", "features", features, "label", p.label(), "mean", p.targetMean(), "sd",
                p.targetSd());
    }

    /** Each neuron's largest-|w| incoming weights, about {@value #CONNECTIONS_PER_COLUMN} in all. */
    private static Map<String, Object> strongest(Column column) {
        float[] w = column.dense().weight().value().data();
        int in = column.dense().inputSize();
        int out = column.size();
        int perNeuron = Math.max(1, Math.min(in, CONNECTIONS_PER_COLUMN / out));
        int[] from = new int[out * perNeuron];
        int[] to = new int[out * perNeuron];
        float[] weight = new float[out * perNeuron];
        float maxAbs = 0;
        Integer[] order = new Integer[in];
        for (int o = 0; o < out; o++) {
            int row = o * in;
            for (int i = 0; i < in; i++) {
                order[i] = i;
                maxAbs = Math.max(maxAbs, Math.abs(w[row + i]));
            }
            Arrays.sort(order, (a, b) -> Float.compare(Math.abs(w[row + b]), Math.abs(w[row + a])));
            for (int k = 0; k < perNeuron; k++) {
                int at = o * perNeuron + k;
                from[at] = order[k];
                to[at] = o;
                weight[at] = w[row + order[k]];
            }
        }
        return JsonObject.of("column", column.number(), "from", from, "to", to, "weight", weight, "maxAbs", maxAbs);
    }

    /**
     * One example through the network: the 784 inputs (0..1) it read, each column's sums z and
     * activations a, the output probabilities and the digit predicted.
     */
    static Map<String, Object> activity(Snapshot snapshot, ForwardTrace trace) {
        List<Object> columns = new ArrayList<>();
        for (ForwardTrace.ColumnValues values : trace.columns()) {
            columns.add(JsonObject.of("sums", values.sums(), "activations", values.activations()));
        }
        return JsonObject.of("version", snapshot.version(), "pixels", trace.input(), "columns", columns,
                "probabilities", trace.probabilities(), "predicted", trace.predicted());
    }

    /** As {@link #activity(Snapshot, ForwardTrace)}; for a regression also the number predicted, in the label's units ({@code value}). */
    static Map<String, Object> activity(Snapshot snapshot, ForwardTrace trace, ModelInputs inputs) {
        Map<String, Object> activity = activity(snapshot, trace);
        if (inputs instanceof ModelInputs.Table table && inputs.isRegression()) {
            List<ForwardTrace.ColumnValues> columns = trace.columns();
            float output = columns.get(columns.size() - 1).activations()[0];
            activity.put("value", table.preparation().target(output));
        }
        return activity;
    }

    /**
     * Test example {@code index}: its inputs ({@code pixels}), its class ({@code label}) or, for a
     * regression, its number in the label's units ({@code target}); a table row also as the values
     * a person reads ({@code values}).
     */
    static Map<String, Object> testExample(int index, Dataset test, float[] pixels, ModelInputs inputs) {
        if (!(inputs instanceof ModelInputs.Table table)) {
            return JsonObject.of("index", index, "label", test.label(index), "pixels", pixels);
        }
        TablePreparation p = table.preparation();
        Map<String, Object> values = Examples.values(p, pixels);
        return test.isRegression()
                ? JsonObject.of("index", index, "target", p.target(test.target(index)), "pixels", pixels, "values", values)
                : JsonObject.of("index", index, "label", test.label(index), "pixels", pixels, "values", values);
    }
}
