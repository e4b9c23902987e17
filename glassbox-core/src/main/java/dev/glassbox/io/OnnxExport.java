package dev.glassbox.io;

import dev.glassbox.nn.Activation;
import dev.glassbox.nn.Network;
import dev.glassbox.nn.NetworkSpec;
import dev.glassbox.nn.Parameter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link Network} as an ONNX model that any runtime runs: one {@code Gemm} per dense layer
 * ({@code transB = 1} on the (out, in) weights, as PyTorch stores them), one node per activation,
 * then the outputs {@code logits} and {@code probabilities} ({@code Softmax} over the classes) —
 * or, for a model that predicts a number, {@code value}: the output turned back into the label's
 * units with the standardisation the model records. Dropout is left out (inference).
 *
 * <p>Opset 13, or 20 when a GELU needs ONNX's {@code Gelu} ({@code approximate = "tanh"} for
 * Glassbox's {@code gelu}, the default for {@code geluexact}). The input is {@code input}, float32 {@code [N, inputs]}: what the network
 * itself reads — for images, the pixels scaled to [0, 1] ({@code byte / 255}), row-major,
 * channel-last; for a table, the prepared features — recorded in {@code metadata_props} as
 * {@code glassbox.input} beside the model's own metadata (its provenance, its spec).
 */
public final class OnnxExport {
    /** The opset written unless a GELU needs {@link #GELU_OPSET}. */
    public static final int OPSET = 13;
    /** The first opset with {@code Gelu}. */
    public static final int GELU_OPSET = 20;

    private OnnxExport() {}

    /**
     * The ONNX model of {@code network}.
     *
     * @param metadata the model's metadata, written as {@code metadata_props}; its
     *                 {@link ModelInputs} decide the input contract and, for a regression, the
     *                 {@code value} output
     */
    public static byte[] write(Network network, Map<String, String> metadata) {
        NetworkSpec spec = network.spec();
        boolean gelu = needsGelu(spec);
        int opset = gelu ? GELU_OPSET : OPSET;
        ModelInputs inputs = ModelInputs.of(metadata);
        Map<String, Parameter> parameters = network.parametersByName();

        ProtoWriter graph = new ProtoWriter().string(2, "glassbox");
        String current = "input";
        int nodes = 0;
        for (int i = 0; i < spec.steps().size(); i++) {
            NetworkSpec.Step step = spec.steps().get(i);
            String out = "t" + i;
            if (step instanceof NetworkSpec.DenseStep) {
                String weight = "layers." + i + ".weight";
                String bias = "layers." + i + ".bias";
                Parameter w = parameters.get(weight);
                Parameter b = parameters.get(bias);
                graph.message(5, tensor(weight, new long[] {w.value().rows(), w.value().cols()}, w.value().data()));
                graph.message(5, tensor(bias, new long[] {b.value().cols()}, b.value().data()));
                ProtoWriter node = node("Gemm", "dense_" + i, out, current, weight, bias);
                node.message(5, new ProtoWriter().string(1, "transB").varint(3, 1).varint(20, 2));
                graph.message(1, node);
            } else if (step instanceof NetworkSpec.ActivationStep a) {
                graph.message(1, activation(a.activation(), i, current, out));
            } else {
                continue; // dropout: nothing at inference
            }
            current = out;
            nodes++;
        }
        int outputs = network.outputSize();
        if (nodes == 0 || !current.startsWith("t")) {
            throw new IllegalArgumentException("OnnxExport: the network has no layers");
        }
        graph.message(1, node("Identity", "logits", "logits", current));
        graph.message(12, value("logits", outputs));
        if (inputs.isRegression()) {
            ModelInputs.Table table = (ModelInputs.Table) inputs;
            double mean = table.preparation().target(0f);
            double sd = table.preparation().target(1f) - mean;
            graph.message(5, tensor("target_sd", new long[] {1}, new float[] {(float) sd}));
            graph.message(5, tensor("target_mean", new long[] {1}, new float[] {(float) mean}));
            graph.message(1, node("Mul", "unstandardise", "scaled", "logits", "target_sd"));
            graph.message(1, node("Add", "add_mean", "value", "scaled", "target_mean"));
            graph.message(12, value("value", 1));
        } else {
            ProtoWriter softmax = node("Softmax", "softmax", "probabilities", "logits");
            softmax.message(5, new ProtoWriter().string(1, "axis").varint(3, 1).varint(20, 2));
            graph.message(1, softmax);
            graph.message(12, value("probabilities", outputs));
        }
        graph.message(11, value("input", network.inputSize()));

        ProtoWriter model = new ProtoWriter()
                .varint(1, opset >= GELU_OPSET ? 9 : 7) // the IR version of the ONNX release that brought the opset
                .string(2, "glassbox")
                .string(3, metadata.getOrDefault("glassbox.version", ""))
                .message(7, graph)
                .message(8, new ProtoWriter().string(1, "").varint(2, opset));
        Map<String, String> props = new TreeMap<>(metadata);
        props.put("glassbox.input", inputContract(inputs));
        for (Map.Entry<String, String> e : props.entrySet()) {
            model.message(14, new ProtoWriter().string(1, e.getKey()).string(2, e.getValue()));
        }
        return model.toByteArray();
    }

    /** Whether the network has a GELU, which needs ONNX's {@code Gelu}: opset {@value #GELU_OPSET}. */
    public static boolean needsGelu(NetworkSpec spec) {
        return spec.steps().stream().anyMatch(s -> s instanceof NetworkSpec.ActivationStep a
                && (a.activation() == Activation.GELU || a.activation() == Activation.GELU_EXACT));
    }

    /** What the {@code input} tensor holds, in words. */
    static String inputContract(ModelInputs inputs) {
        if (inputs instanceof ModelInputs.Table) {
            return "the table's features prepared as glassbox.table says (numbers standardised, text one-hot)";
        }
        ModelInputs.Images images = (ModelInputs.Images) inputs;
        return "pixels / 255 in [0, 1], row-major, " + images.preparation() + " (" + images.preparation()
                .bytesPerImage() + " values)";
    }

    private static ProtoWriter activation(Activation activation, int step, String in, String out) {
        String name = "act_" + step;
        return switch (activation) {
            case RELU -> node("Relu", name, out, in);
            case SIGMOID -> node("Sigmoid", name, out, in);
            case TANH -> node("Tanh", name, out, in);
            case IDENTITY -> node("Identity", name, out, in);
            case LEAKY_RELU -> node("LeakyRelu", name, out, in)
                    .message(5, new ProtoWriter().string(1, "alpha").float32(2, 0.01f).varint(20, 1));
            case GELU -> node("Gelu", name, out, in)
                    .message(5, new ProtoWriter().string(1, "approximate").string(4, "tanh").varint(20, 3));
            case GELU_EXACT -> node("Gelu", name, out, in);
        };
    }

    private static ProtoWriter node(String op, String name, String output, String... inputs) {
        ProtoWriter node = new ProtoWriter();
        for (String input : inputs) {
            node.string(1, input);
        }
        return node.string(2, output).string(3, name).string(4, op);
    }

    private static ProtoWriter tensor(String name, long[] dims, float[] values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        return new ProtoWriter().packed(1, dims).varint(2, OnnxGraph.FLOAT).string(8, name).bytes(9, raw.array());
    }

    /** A float tensor value {@code [N, width]}, N symbolic. */
    private static ProtoWriter value(String name, int width) {
        ProtoWriter shape = new ProtoWriter()
                .message(1, new ProtoWriter().string(2, "N"))
                .message(1, new ProtoWriter().varint(1, width));
        ProtoWriter tensorType = new ProtoWriter().varint(1, OnnxGraph.FLOAT).message(2, shape);
        return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType));
    }
}
