package dev.glassbox.io;

import dev.glassbox.nn.Activation;
import dev.glassbox.nn.Network;
import dev.glassbox.nn.NetworkSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A multilayer perceptron in an ONNX graph as a Glassbox {@link Network}, as PyTorch's
 * {@code torch.onnx.export} and tf2onnx write one. The graph is walked from its input as a chain:
 * <ul>
 * <li>{@code Flatten} or {@code Reshape} before the first layer (an image flattened);
 * <li>input normalisation by constants before the first layer — {@code Sub}, {@code Div},
 *     {@code Mul}, {@code Add} (a scalar, one value per channel, or one per input) — folded into
 *     the first layer's weights and biases, which then read what Glassbox networks read;
 * <li>dense layers: {@code Gemm}, or {@code MatMul} then {@code Add} of a bias;
 * <li>activations: {@code Relu}, {@code LeakyRelu} (slope 0.01, Glassbox's), {@code Sigmoid},
 *     {@code Tanh}, {@code Gelu} (exact, or the tanh approximation), {@code Identity}, and
 *     {@code Dropout} (nothing at inference) — also when spelled out in elementwise operators
 *     ({@link OnnxActivation});
 * <li>an optional final {@code Softmax} or {@code LogSoftmax}: Glassbox's networks output the
 *     logits and apply the softmax in their loss.
 * </ul>
 * Weights come from initializers or {@code Constant} nodes in the file. Anything else is refused
 * with one line naming the operator, the node and what is supported.
 */
public final class OnnxImport {
    /** What the messages list as supported. */
    public static final String SUPPORTED = "Gemm, MatMul+Add, Relu, LeakyRelu, Sigmoid, Tanh, Gelu, Identity, Dropout,"
            + " Flatten/Reshape and Sub/Div/Mul/Add by constants at the input, a final Softmax/LogSoftmax";

    private OnnxImport() {}

    /**
     * An input normalisation the graph does not hold, e.g. PyTorch's {@code Normalize(mean, std)}
     * applied by a data loader: the network reads {@code (x − mean) / std}.
     *
     * @param mean one value, or one per channel
     * @param std  as many values as {@code mean}, none of them 0
     */
    public record Normalize(float[] mean, float[] std) {
        public Normalize {
            if (mean.length == 0 || mean.length != std.length) {
                throw new IllegalArgumentException("normalize: expected as many means as deviations (one, or one per"
                        + " channel), got " + mean.length + " and " + std.length);
            }
            for (float s : std) {
                if (!(s != 0 && Float.isFinite(s))) {
                    throw new IllegalArgumentException("normalize: a deviation of " + s + "; expected a finite,"
                            + " non-zero number");
                }
            }
        }

        /**
         * Folds x → (x − mean) / std into a first layer of {@code in} inputs ({@link #fold}); one
         * value applies to every input, else there must be one per input.
         *
         * @throws ModelFileException if there are as many values as neither
         */
        public void foldInto(float[] w, float[] bias, int in) {
            if (mean.length != 1 && mean.length != in) {
                throw ModelFileException.reading("model", null, "--normalize gives " + mean.length + " means for a"
                        + " first layer of " + in + " inputs; give one mean and one deviation");
            }
            double[] scale = new double[in];
            double[] shift = new double[in];
            for (int i = 0; i < in; i++) {
                int k = mean.length == 1 ? 0 : i;
                scale[i] = 1.0 / std[k];
                shift[i] = -mean[k] / (double) std[k];
            }
            fold(w, bias, scale, shift);
        }

        /** {@code 0.1307,0.3081} or {@code 0.485,0.456,0.406,0.229,0.224,0.225} (means, then deviations). */
        @Override
        public String toString() {
            StringBuilder text = new StringBuilder();
            for (float m : mean) {
                text.append(text.isEmpty() ? "" : ",").append(m);
            }
            for (float s : std) {
                text.append(',').append(s);
            }
            return text.toString();
        }
    }

    /**
     * W·(a∘x + c) + b = (W∘a)·x + (W·c + b): an input normalisation x → a∘x + c folded into the
     * first layer's (out, in) weights {@code w} and {@code bias} (both modified), in double, so
     * that the layer reads what every Glassbox network reads.
     */
    static void fold(float[] w, float[] bias, double[] scale, double[] shift) {
        int in = scale.length;
        for (int j = 0; j < bias.length; j++) {
            double b = bias[j];
            for (int i = 0; i < in; i++) {
                b += (double) w[j * in + i] * shift[i];
                w[j * in + i] = (float) (w[j * in + i] * scale[i]);
            }
            bias[j] = (float) b;
        }
    }

    /**
     * The network in {@code graph}.
     *
     * @param normalize applied to the input before the graph's own operations, or null
     * @return the network, and metadata saying where it came from
     * @throws ModelFileException naming the node and the problem
     */
    public static SavedModel read(OnnxGraph graph, Normalize normalize) {
        return new Walk(graph).run(normalize);
    }

    /** The walk from the input along the chain of nodes. */
    private static final class Walk {
        private final OnnxGraph graph;
        private final Map<String, OnnxGraph.Tensor> constants = new HashMap<>();
        private final Map<String, List<Integer>> consumers = new HashMap<>();
        private final Set<String> outputs = new HashSet<>();
        private final List<NetworkSpec.Step> steps = new ArrayList<>();
        private final Map<String, float[]> values = new LinkedHashMap<>();
        /** The input normalisation so far: x' = scale[i]·x + shift[i], per input (or per channel before flattening). */
        private final List<Affine> affines = new ArrayList<>();
        private long[] inputDims;
        private int width = -1;
        private boolean softmax;

        Walk(OnnxGraph graph) {
            this.graph = graph;
            constants.putAll(graph.initializers());
            for (int n = 0; n < graph.nodes().size(); n++) {
                OnnxGraph.Node node = graph.nodes().get(n);
                if (node.opType().equals("Constant") && node.attributes().containsKey("value")
                        && node.attributes().get("value").tensor() != null && node.outputs().size() == 1) {
                    constants.put(node.outputs().get(0), node.attributes().get("value").tensor());
                }
                if (node.opType().equals("Shape")) {
                    continue; // reads a tensor's shape, not its values: the feed of a computed Reshape
                }
                for (String input : node.inputs()) {
                    consumers.computeIfAbsent(input, k -> new ArrayList<>()).add(n);
                }
            }
            for (OnnxGraph.Value v : graph.outputs()) {
                outputs.add(v.name());
            }
        }

        SavedModel run(Normalize normalize) {
            OnnxGraph.Value input = dataInput();
            inputDims = input.dims();
            if (normalize != null) {
                affines.add(Affine.of(normalize));
            }
            String current = input.name();
            Set<Integer> visited = new HashSet<>();
            while (!outputs.contains(current)) {
                List<Integer> readers = consumers.getOrDefault(current, List.of());
                boolean biasNext = readers.size() == 1 && graph.nodes().get(readers.get(0)).opType().equals("Add");
                if (pendingWeights != null && !biasNext) {
                    finishDense(new float[pendingOut]); // a MatMul with no bias after it
                }
                if (width >= 0 && pendingWeights == null && spelledOut(readers)) {
                    current = spelledActivation(current, visited);
                    continue;
                }
                int n = consumer(current);
                if (!visited.add(n)) {
                    throw fail("the graph has a cycle through " + graph.nodes().get(n).describe(n));
                }
                current = apply(n, current);
                if (softmax && !outputs.contains(current)) {
                    throw fail(graph.nodes().get(n).describe(n) + " is not the last: a Softmax may only end the network");
                }
            }
            if (width < 0) {
                throw fail("no dense layer (Gemm or MatMul) between the input and the output");
            }
            if (pendingWeights != null) {
                finishDense(new float[pendingOut]); // the graph ends with a MatMul
            }
            NetworkSpec spec = new NetworkSpec(inputs, steps);
            Network network = spec.build(0);
            Map<String, float[]> parameters = new LinkedHashMap<>();
            for (Map.Entry<String, float[]> e : values.entrySet()) {
                parameters.put(e.getKey(), e.getValue());
            }
            network.setParameterValues(parameters);
            Map<String, String> metadata = new LinkedHashMap<>();
            metadata.put("glassbox.loss", "cross-entropy");
            metadata.put("glassbox.imported_from", "onnx" + (graph.producer().isEmpty() ? "" : " (" + graph.producer()
                    + ")") + ", opset " + graph.opset());
            if (normalize != null) {
                metadata.put("glassbox.normalize", normalize.toString());
            }
            return new SavedModel(network, metadata);
        }

        /** The graph input that is no initializer. */
        private OnnxGraph.Value dataInput() {
            List<OnnxGraph.Value> data = new ArrayList<>();
            for (OnnxGraph.Value v : graph.inputs()) {
                if (!constants.containsKey(v.name())) {
                    data.add(v);
                }
            }
            if (data.size() != 1) {
                throw fail("the graph has " + data.size() + " data inputs, expected 1 (the image or row)");
            }
            return data.get(0);
        }

        /**
         * Whether the nodes reading a layer's output spell an activation out: more than one of
         * them (the input is used twice, as in x·sigmoid(x)), or one elementwise operator that is
         * not itself an activation.
         */
        private boolean spelledOut(List<Integer> readers) {
            if (readers.size() > 1) {
                return true;
            }
            return readers.size() == 1 && OnnxActivation.isElementwise(graph.nodes().get(readers.get(0)).opType())
                    && !DIRECT.contains(graph.nodes().get(readers.get(0)).opType());
        }

        /** The activation spelled out from {@code current} ({@link OnnxActivation}); returns the tensor it ends in. */
        private String spelledActivation(String current, Set<Integer> visited) {
            OnnxActivation.Region region = OnnxActivation.region(graph.nodes(), current, consumers, constants, outputs);
            if (region == null) {
                consumer(current); // names the nodes it feeds
                int n = consumers.get(current).get(0);
                throw fail(graph.nodes().get(n).describe(n) + " after a layer, with constants that are not one number"
                        + " or leading to more than one tensor; Glassbox imports " + SUPPORTED);
            }
            String[] name = new String[1];
            Activation activation = OnnxActivation.identify(graph.nodes(), region, current, constants, name);
            int first = region.nodes().stream().mapToInt(Integer::intValue).min().orElseThrow();
            String where = region.nodes().size() + " elementwise nodes from " + graph.nodes().get(first).describe(first);
            if (activation == null) {
                throw fail(where + " compute " + (name[0] != null ? name[0] : "a function that is none of Glassbox's"
                        + " activations") + "; Glassbox imports " + SUPPORTED);
            }
            for (int n : region.nodes()) {
                if (!visited.add(n)) {
                    throw fail("the graph has a cycle through " + graph.nodes().get(n).describe(n));
                }
            }
            activation(activation);
            return region.output();
        }

        /** Activations ONNX has as operators of their own. */
        private static final Set<String> DIRECT = Set.of("Relu", "Sigmoid", "Tanh", "Identity");

        /** The one node that reads {@code tensor}. */
        private int consumer(String tensor) {
            List<Integer> readers = consumers.getOrDefault(tensor, List.of());
            if (readers.isEmpty()) {
                throw fail("tensor '" + tensor + "' leads nowhere: no node reads it and it is not the graph's output");
            }
            if (readers.size() > 1) {
                throw fail("tensor '" + tensor + "' feeds " + readers.size() + " nodes ("
                        + graph.nodes().get(readers.get(0)).describe(readers.get(0)) + ", "
                        + graph.nodes().get(readers.get(1)).describe(readers.get(1))
                        + "); Glassbox imports a chain of layers");
            }
            return readers.get(0);
        }

        /** Applies node {@code n}, which reads {@code current}; returns the tensor it writes. */
        private String apply(int n, String current) {
            OnnxGraph.Node node = graph.nodes().get(n);
            String where = node.describe(n);
            if (!node.domain().isEmpty() && !node.domain().equals("ai.onnx")) {
                throw fail(where + " is from the operator domain '" + node.domain() + "'; Glassbox imports "
                        + SUPPORTED);
            }
            if (node.outputs().isEmpty()) {
                throw fail(where + " has no output");
            }
            String out = node.outputs().get(0);
            switch (node.opType()) {
                case "Flatten", "Reshape" -> {
                    if (width >= 0 && !node.opType().equals("Flatten")) {
                        requireFlat(node, where);
                    }
                }
                case "Sub", "Div", "Mul", "Add" -> {
                    if (width < 0) {
                        affines.add(affine(node, current, where));
                    } else if (node.opType().equals("Add") && pendingWeights != null) {
                        addBias(node, current, where);
                    } else {
                        throw fail(where + " between layers; Glassbox imports " + SUPPORTED);
                    }
                }
                case "Gemm" -> gemm(node, current, where);
                case "MatMul" -> matMul(node, current, where);
                case "Relu" -> activation(Activation.RELU);
                case "Sigmoid" -> activation(Activation.SIGMOID);
                case "Tanh" -> activation(Activation.TANH);
                case "LeakyRelu" -> {
                    OnnxGraph.Attribute alpha = node.attributes().get("alpha");
                    float slope = alpha == null ? 0.01f : alpha.f();
                    if (slope != 0.01f) {
                        throw fail(where + " has slope " + slope + "; Glassbox's leaky ReLU has slope 0.01");
                    }
                    activation(Activation.LEAKY_RELU);
                }
                case "Gelu" -> {
                    OnnxGraph.Attribute approximate = node.attributes().get("approximate");
                    String kind = approximate == null || approximate.s() == null ? "none" : approximate.s();
                    if (!kind.equals("tanh") && !kind.equals("none")) {
                        throw fail(where + " has approximate = '" + kind + "'; expected none or tanh");
                    }
                    activation(kind.equals("tanh") ? Activation.GELU : Activation.GELU_EXACT);
                }
                case "Identity", "Dropout" -> {
                    // nothing at inference
                }
                case "Softmax", "LogSoftmax" -> {
                    if (width < 0) {
                        throw fail(where + " before any dense layer");
                    }
                    softmax = true;
                }
                default -> throw fail(where + ": operator " + node.opType() + " is not supported; Glassbox imports "
                        + SUPPORTED);
            }
            return out;
        }

        private void requireFlat(OnnxGraph.Node node, String where) {
            if (node.inputs().size() > 1) {
                OnnxGraph.Tensor shape = constants.get(node.inputs().get(1));
                if (shape != null && shape.longs() != null && shape.longs().length == 2
                        && (shape.longs()[1] == -1 || shape.longs()[1] == width)) {
                    return;
                }
            }
            throw fail(where + " reshapes between layers; Glassbox imports " + SUPPORTED);
        }

        // ---- dense layers ----

        /** A MatMul's weights, waiting for the Add that may hold its bias. */
        private float[] pendingWeights;
        private int pendingOut;
        /** The first layer's inputs: the network's. */
        private int inputs = -1;

        private void gemm(OnnxGraph.Node node, String current, String where) {
            if (node.inputs().size() < 2 || !node.inputs().get(0).equals(current)) {
                throw fail(where + " must read the previous layer's output as its first input");
            }
            if (intAttribute(node, "transA", 0) != 0) {
                throw fail(where + " has transA = 1; expected the input untransposed");
            }
            OnnxGraph.Tensor b = constant(node.inputs().get(1), where);
            if (b.dims().length != 2) {
                throw fail(where + ": its weights " + b.name() + " have shape " + OnnxGraph.shapeText(b.dims())
                        + ", expected 2 dimensions");
            }
            boolean transB = intAttribute(node, "transB", 0) != 0;
            int out = (int) (transB ? b.dims()[0] : b.dims()[1]);
            int in = (int) (transB ? b.dims()[1] : b.dims()[0]);
            float alpha = floatAttribute(node, "alpha", 1f);
            float beta = floatAttribute(node, "beta", 1f);
            float[] w = weights(b.floats(), in, out, transB, alpha, where);
            float[] bias = new float[out];
            if (node.inputs().size() > 2 && !node.inputs().get(2).isEmpty()) {
                OnnxGraph.Tensor c = constant(node.inputs().get(2), where);
                if (c.size() != out && c.size() != 1) {
                    throw fail(where + ": its bias " + c.name() + " holds " + c.size() + " values, expected " + out);
                }
                for (int j = 0; j < out; j++) {
                    bias[j] = beta * c.floats()[c.size() == 1 ? 0 : j];
                }
            }
            startDense(in, out, w, where);
            finishDense(bias);
        }

        private void matMul(OnnxGraph.Node node, String current, String where) {
            if (node.inputs().size() != 2 || !node.inputs().get(0).equals(current)) {
                throw fail(where + " must read the previous layer's output as its first input");
            }
            OnnxGraph.Tensor b = constant(node.inputs().get(1), where);
            if (b.dims().length != 2) {
                throw fail(where + ": its weights " + b.name() + " have shape " + OnnxGraph.shapeText(b.dims())
                        + ", expected 2 dimensions");
            }
            int in = (int) b.dims()[0];
            int out = (int) b.dims()[1];
            startDense(in, out, weights(b.floats(), in, out, false, 1f, where), where);
        }

        private void addBias(OnnxGraph.Node node, String current, String where) {
            String other = node.inputs().get(0).equals(current) ? node.inputs().get(1) : node.inputs().get(0);
            OnnxGraph.Tensor c = constant(other, where);
            if (c.size() != pendingOut) {
                throw fail(where + ": its bias " + c.name() + " holds " + c.size() + " values, expected " + pendingOut);
            }
            finishDense(c.floats().clone());
        }

        /** The (out, in) weights of a (in, out) or (out, in) matrix, times {@code alpha}. */
        private float[] weights(float[] b, int in, int out, boolean transposed, float alpha, String where) {
            if (b == null) {
                throw fail(where + ": its weights are not float32");
            }
            float[] w = new float[out * in];
            for (int j = 0; j < out; j++) {
                for (int i = 0; i < in; i++) {
                    w[j * in + i] = alpha * (transposed ? b[j * in + i] : b[i * out + j]);
                }
            }
            return w;
        }

        private void startDense(int in, int out, float[] w, String where) {
            if (width < 0) {
                width = in;
                inputs = in;
                requireInputShape(in, where);
            } else if (in != width) {
                throw fail(where + " reads " + in + " values, but the layer before gives " + width);
            }
            if (in < 1 || out < 1 || out > NetworkSpec.MAX_WIDTH || in > NetworkSpec.MAX_WIDTH * 64) {
                throw fail(where + " maps " + in + " inputs to " + out + " outputs; expected 1 to " + NetworkSpec.MAX_WIDTH
                        + " outputs");
            }
            pendingWeights = w;
            pendingOut = out;
        }

        /** The graph input's shape, where it says one, must hold as many values as the first layer reads. */
        private void requireInputShape(int in, String where) {
            if (inputDims == null || inputDims.length < 2) {
                return;
            }
            long count = 1;
            for (int k = 1; k < inputDims.length; k++) {
                if (inputDims[k] < 1) {
                    return; // symbolic: nothing to check
                }
                count *= inputDims[k];
            }
            if (count != in) {
                throw fail(where + " reads " + in + " values, but the graph's input " + OnnxGraph.shapeText(inputDims)
                        + " holds " + count + " per sample");
            }
        }

        private void finishDense(float[] bias) {
            int step = steps.size();
            float[] w = pendingWeights;
            if (step == 0 && !affines.isEmpty()) {
                fold(w, bias, width);
            }
            steps.add(new NetworkSpec.DenseStep(pendingOut));
            values.put("layers." + step + ".weight", w);
            values.put("layers." + step + ".bias", bias);
            width = pendingOut;
            pendingWeights = null;
        }

        private void activation(Activation activation) {
            if (width < 0) {
                throw fail("an activation (" + activation.specName() + ") before any dense layer");
            }
            steps.add(new NetworkSpec.ActivationStep(activation));
        }

        // ---- the input's normalisation ----

        /** x' = scale·x + shift, with one value, one per channel, or one per input. */
        private record Affine(float[] scale, float[] shift) {
            static Affine of(Normalize n) {
                float[] scale = new float[n.std().length];
                float[] shift = new float[n.std().length];
                for (int c = 0; c < scale.length; c++) {
                    scale[c] = 1f / n.std()[c];
                    shift[c] = -n.mean()[c] / n.std()[c];
                }
                return new Affine(scale, shift);
            }
        }

        private Affine affine(OnnxGraph.Node node, String current, String where) {
            if (node.inputs().size() != 2 || !node.inputs().get(0).equals(current)) {
                throw fail(where + " must apply a constant to the input (input " + node.opType().toLowerCase(Locale.ROOT)
                        + " constant)");
            }
            OnnxGraph.Tensor k = constant(node.inputs().get(1), where);
            if (k.floats() == null) {
                throw fail(where + ": its constant " + k.name() + " is not float32");
            }
            float[] v = k.floats();
            float[] scale = new float[v.length];
            float[] shift = new float[v.length];
            for (int c = 0; c < v.length; c++) {
                switch (node.opType()) {
                    case "Sub" -> {
                        scale[c] = 1;
                        shift[c] = -v[c];
                    }
                    case "Add" -> {
                        scale[c] = 1;
                        shift[c] = v[c];
                    }
                    case "Mul" -> scale[c] = v[c];
                    default -> {
                        if (v[c] == 0) {
                            throw fail(where + " divides by 0");
                        }
                        scale[c] = 1 / v[c];
                    }
                }
            }
            return new Affine(scale, shift);
        }

        /** The normalisations so far, composed per input, folded into the first layer. */
        private void fold(float[] w, float[] bias, int in) {
            double[] scale = new double[in];
            double[] shift = new double[in];
            java.util.Arrays.fill(scale, 1);
            for (Affine a : affines) {
                for (int i = 0; i < in; i++) {
                    int k = index(a.scale().length, i, in);
                    scale[i] *= a.scale()[k];
                    shift[i] = shift[i] * a.scale()[k] + a.shift()[k];
                }
            }
            OnnxImport.fold(w, bias, scale, shift);
        }

        /** Which of {@code count} normalisation values applies to input {@code i} of {@code in}. */
        private int index(int count, int i, int in) {
            if (count == 1) {
                return 0;
            }
            if (count == in) {
                return i;
            }
            // One per channel of an image given as [N, C, H, W]: channel-first, as PyTorch lays it out.
            if (inputDims != null && inputDims.length == 4 && inputDims[1] == count && in % count == 0) {
                return i / (in / count);
            }
            throw fail("a normalisation of " + count + " values for " + in + " inputs; expected 1, one per channel of"
                    + " an [N, C, H, W] input, or " + in);
        }

        // ---- constants and attributes ----

        private OnnxGraph.Tensor constant(String name, String where) {
            OnnxGraph.Tensor t = constants.get(name);
            if (t == null) {
                throw fail(where + ": its input '" + name + "' is neither an initializer nor a Constant in the file");
            }
            return t;
        }

        private static long intAttribute(OnnxGraph.Node node, String name, long otherwise) {
            OnnxGraph.Attribute a = node.attributes().get(name);
            return a == null ? otherwise : a.i();
        }

        private static float floatAttribute(OnnxGraph.Node node, String name, float otherwise) {
            OnnxGraph.Attribute a = node.attributes().get(name);
            return a == null ? otherwise : a.f();
        }

        private static ModelFileException fail(String problem) {
            return ModelFileException.reading("model", null, problem);
        }
    }
}
