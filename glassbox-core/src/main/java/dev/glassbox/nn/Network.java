package dev.glassbox.nn;

import dev.glassbox.kernels.Kernels;
import dev.glassbox.kernels.Parallel;
import dev.glassbox.tensor.Matrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A sequential feed-forward network: the output of each layer is the input of the next.
 *
 * <p>Forward runs the layers first to last; backward runs them last to first, each turning
 * ∂loss/∂output into ∂loss/∂input and adding into its parameters' gradients. A network holds
 * per-batch buffers, so one instance must not run two passes at once.
 *
 * <p>A dense layer followed by a ReLU runs as one fused step, forward and backward; the numbers
 * are exactly those of the two layers run one after the other (as {@link Layer#forward} and
 * {@link Layer#backward} on each layer still do), with one pass over memory fewer.
 */
public final class Network {
    private final NetworkSpec spec;
    private final List<Layer> layers;
    private final List<Parameter> parameters;
    /** Whether layer i is a dense layer followed by a ReLU, computed in one pass (see {@link #forward}). */
    private final boolean[] reluAfter;
    /** Whether layer i is a dense layer whose input comes from a ReLU (see {@link #backward}). */
    private final boolean[] reluBefore;
    /** Parameters of layers other than dense ones, which add into their gradients whatever the backward pass. */
    private final Parameter[] addedInto;

    Network(NetworkSpec spec, List<Layer> layers) {
        this.spec = spec;
        this.layers = List.copyOf(layers);
        List<Parameter> all = new ArrayList<>();
        List<Parameter> added = new ArrayList<>();
        for (Layer layer : layers) {
            all.addAll(layer.parameters());
            if (!(layer instanceof Dense)) {
                added.addAll(layer.parameters());
            }
        }
        this.parameters = List.copyOf(all);
        this.addedInto = added.toArray(new Parameter[0]);
        int n = layers.size();
        this.reluAfter = new boolean[n];
        this.reluBefore = new boolean[n];
        for (int i = 0; i < n; i++) {
            if (layers.get(i) instanceof Dense) {
                reluAfter[i] = i + 1 < n && isRelu(layers.get(i + 1));
                reluBefore[i] = i > 0 && isRelu(layers.get(i - 1));
            }
        }
    }

    private static boolean isRelu(Layer layer) {
        return layer instanceof ActivationLayer a && a.activation() == Activation.RELU;
    }

    /** Builds the network described by {@code spec}, e.g. {@code "784-256-relu-128-relu-10"}. */
    public static Network of(String spec, long seed) {
        return NetworkSpec.parse(spec).build(seed);
    }

    public NetworkSpec spec() {
        return spec;
    }

    public List<Layer> layers() {
        return layers;
    }

    /** All trainable parameters, first layer first; names are unique. */
    public List<Parameter> parameters() {
        return parameters;
    }

    /** Parameters by name, e.g. {@code "layers.0.weight"}. */
    public Map<String, Parameter> parametersByName() {
        return parameters.stream().collect(Collectors.toMap(Parameter::name, Function.identity()));
    }

    public long parameterCount() {
        long n = 0;
        for (Parameter p : parameters) {
            n += p.value().size();
        }
        return n;
    }

    public int inputSize() {
        return spec.inputSize();
    }

    public int outputSize() {
        return spec.outputSize();
    }

    /**
     * @param input (batch, inputSize), not modified
     * @return (batch, outputSize): the raw outputs (logits), owned by the last layer
     */
    public Matrix forward(Matrix input, Pass pass) {
        Matrix x = input;
        for (int i = 0; i < layers.size(); i++) {
            if (reluAfter[i]) {
                // A dense layer and its ReLU in one pass over the output: the same numbers, one pass fewer.
                x = ((Dense) layers.get(i)).forwardRelu(x, pass);
                x = ((ActivationLayer) layers.get(++i)).acceptFused(x);
            } else {
                x = layers.get(i).forward(x, pass);
            }
        }
        return x;
    }

    /**
     * Backpropagates ∂loss/∂output through every layer, last to first, adding into the
     * parameters' gradients. The input's own gradient is not computed.
     *
     * @param dOutput (batch, outputSize), not modified
     */
    public void backward(Matrix dOutput, Pass pass) {
        backward(dOutput, pass, false);
    }

    /**
     * {@link #zeroGradients(Parallel)} then {@link #backward(Matrix, Pass)}, to the bit, in one
     * pass: each gradient is written as it is computed rather than cleared and then added to —
     * a training step's way, which saves clearing them and reading them back.
     */
    public void backwardIntoClearedGradients(Matrix dOutput, Pass pass) {
        backward(dOutput, pass, true);
    }

    private void backward(Matrix dOutput, Pass pass, boolean fresh) {
        if (fresh) {
            for (Parameter p : addedInto) { // only dense layers write their gradients themselves
                p.zeroGradient();
            }
        }
        Matrix d = dOutput;
        for (int i = layers.size() - 1; i >= 0; i--) {
            if (reluBefore[i]) {
                // ∂loss/∂input of a dense layer, masked by the ReLU below in the same pass.
                d = ((Dense) layers.get(i)).backwardThroughRelu(d, pass, fresh);
                i--;
            } else {
                Layer.InputGradient needed = i == 0 ? Layer.InputGradient.SKIP : Layer.InputGradient.COMPUTE;
                Layer layer = layers.get(i);
                d = layer instanceof Dense dense ? dense.backward(d, pass, needed, fresh) : layer.backward(d, pass, needed);
            }
        }
    }

    /** Clears every parameter's gradient. */
    public void zeroGradients() {
        zeroGradients(Parallel.SEQUENTIAL);
    }

    /** Clears every parameter's gradient, splitting the work with {@code parallel}. */
    public void zeroGradients(Parallel parallel) {
        for (int i = 0; i < parameters.size(); i++) { // indexed: no iterator in the training loop
            float[] gradient = parameters.get(i).gradient().data();
            parallel.forRanges(gradient.length, gradient, CLEAR);
        }
    }

    private static final Parallel.Loop<float[]> CLEAR = (values, from, to) -> Arrays.fill(values, from, to, 0f);

    /**
     * Inference: the raw outputs (logits) for a batch, as a new matrix.
     *
     * @param input (batch, inputSize) with values scaled as in training (pixels / 255)
     * @param kernels the caller's, not closed here
     */
    public Matrix predict(Matrix input, Kernels kernels) {
        return forward(input, Pass.inference(kernels)).copy();
    }

    /**
     * A new network with this one's spec and a copy of every parameter's values (gradients and
     * per-batch buffers are its own): a snapshot that later training of this network leaves alone.
     */
    public Network copy() {
        Network copy = spec.buildZeros();
        copy.copyParametersFrom(this);
        return copy;
    }

    /** Copies every parameter value from {@code other}, which must have the same spec (modifies this network). */
    public void copyParametersFrom(Network other) {
        if (!other.spec.equals(spec)) {
            throw new IllegalArgumentException("Network.copyParametersFrom: spec " + other.spec + " differs from " + spec);
        }
        for (int i = 0; i < parameters.size(); i++) {
            parameters.get(i).value().copyFrom(other.parameters.get(i).value());
        }
    }

    /** A copy of every parameter's values by name, in order: how weights travel outside a model file. */
    public Map<String, float[]> parameterValues() {
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            values.put(p.name(), p.value().data().clone());
        }
        return values;
    }

    /**
     * Sets every parameter from {@code values}, as {@link #parameterValues()} gives them (modifies
     * this network).
     *
     * @throws IllegalArgumentException if a parameter is missing, extra or of another length
     */
    public void setParameterValues(Map<String, float[]> values) {
        if (values.size() != parameters.size()) {
            throw new IllegalArgumentException("Network.setParameterValues: " + values.size() + " arrays for the "
                    + parameters.size() + " parameters of " + spec);
        }
        for (Parameter p : parameters) {
            float[] from = values.get(p.name());
            float[] into = p.value().data();
            if (from == null || from.length != into.length) {
                throw new IllegalArgumentException("Network.setParameterValues: no array of length " + into.length
                        + " for " + p.name());
            }
            System.arraycopy(from, 0, into, 0, into.length);
        }
    }

    @Override
    public String toString() {
        return "Network[" + spec + ", " + parameterCount() + " parameters]";
    }
}
