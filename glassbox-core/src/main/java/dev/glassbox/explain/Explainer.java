package dev.glassbox.explain;

import dev.glassbox.data.Dataset;
import dev.glassbox.kernels.KernelProvider;
import dev.glassbox.kernels.Kernels;
import dev.glassbox.loss.Loss;
import dev.glassbox.nn.Layer;
import dev.glassbox.nn.Network;
import dev.glassbox.nn.Parameter;
import dev.glassbox.nn.Pass;
import dev.glassbox.optim.Optimizer;
import dev.glassbox.optim.OptimizerConfig;
import dev.glassbox.tensor.Matrix;
import dev.glassbox.train.Inference;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs single examples through a private copy of a network, one layer at a time, keeping every
 * intermediate value: {@link #forward} for activations, {@link #backprop} for a whole training
 * step on that one example, {@link #attribution} for which inputs made an output's score and
 * {@link #nudge} for how few changes flip the answer.
 *
 * <p>Every number comes from the engine itself: each layer's public {@link Layer#forward} and
 * {@link Layer#backward} in inference mode (dropout off, so results are deterministic), the loss's
 * {@link Loss#valueAndGradient}, and a fresh optimizer's {@link Optimizer#step}. The copy is taken
 * when the explainer is made: later changes to the source network do not show, which is what
 * gives a consistent snapshot while that network trains. Calls are serialised, so one explainer
 * may serve several threads; the arithmetic runs on the calling thread.
 */
public final class Explainer {
    private final Network network;
    private final Loss loss;
    private final Pass pass;
    private final List<Column> columns;
    private final InputGradients inputGradients;

    private Explainer(Network network, Loss loss, Kernels kernels) {
        this.network = network;
        this.loss = loss;
        this.pass = Pass.inference(kernels);
        this.columns = Column.of(network);
        this.inputGradients = new InputGradients(network, pass);
    }

    /**
     * An explainer over a copy of {@code source}'s current weights; {@code loss} as the model was
     * trained with; the arithmetic on one thread of {@code kernels}' opening (one thread starts no
     * worker, so nothing needs closing).
     */
    public static Explainer of(Network source, Loss loss, KernelProvider kernels) {
        if (source == null || loss == null || kernels == null) {
            throw new IllegalArgumentException("Explainer.of: network, loss and kernels are required");
        }
        return new Explainer(source.copy(), loss, kernels.open(1));
    }

    /** The explainer's own copy. Read its weights freely; do not change them or run passes on it. */
    public Network network() {
        return network;
    }

    public Loss loss() {
        return loss;
    }

    /** The network's columns of neurons, first hidden layer first. */
    public List<Column> columns() {
        return columns;
    }

    /**
     * Runs one example forward.
     *
     * @param input (inputSize) values scaled as in training (pixel / 255), not modified
     */
    public synchronized ForwardTrace forward(float[] input) {
        return run(input).trace;
    }

    /**
     * One training step on one example: forward, loss, backward through every layer, then one step
     * of a fresh {@code optimizer} at {@code learningRate}, then forward again. The explainer's
     * weights are restored afterwards; the step shows in the trace only.
     *
     * @param input (inputSize) values scaled as in training, not modified
     * @param label the desired class, 0..outputSize−1
     */
    public synchronized BackpropTrace backprop(float[] input, int label, OptimizerConfig optimizer, float learningRate) {
        if (optimizer == null) {
            throw new IllegalArgumentException("Explainer.backprop: an optimizer is required");
        }
        if (!(learningRate > 0) || !Float.isFinite(learningRate)) {
            throw new IllegalArgumentException("Explainer.backprop: learning rate must be positive, got " + learningRate);
        }
        if (label < 0 || label >= network.outputSize()) {
            throw new IllegalArgumentException("Explainer.backprop: label " + label + " is outside 0.."
                    + (network.outputSize() - 1));
        }
        List<Parameter> parameters = network.parameters();
        for (Parameter p : parameters) {
            p.zeroGradient();
        }
        Run before = run(input);
        int[] labels = {label};
        Matrix dOutput = Matrix.zeros(1, network.outputSize());
        double lossBefore = loss.valueAndGradient(before.output, labels, dOutput);

        List<Layer> layers = network.layers();
        BackpropTrace.LayerStep[] steps = new BackpropTrace.LayerStep[layers.size()];
        Matrix d = dOutput;
        for (int i = layers.size() - 1; i >= 0; i--) {
            float[] dOut = d.data().clone();
            d = layers.get(i).backward(d, pass, Layer.InputGradient.COMPUTE);
            steps[i] = new BackpropTrace.LayerStep(layers.get(i), dOut, d.data().clone());
        }

        float[][] values = new float[parameters.size()][];
        for (int p = 0; p < parameters.size(); p++) {
            values[p] = parameters.get(p).value().data().clone();
        }
        Optimizer rule = optimizer.create();
        rule.step(parameters, learningRate);
        List<BackpropTrace.ParameterStep> parameterSteps = new ArrayList<>();
        for (int p = 0; p < parameters.size(); p++) {
            Parameter parameter = parameters.get(p);
            float[] now = parameter.value().data();
            float[] update = new float[now.length];
            for (int i = 0; i < now.length; i++) {
                update[i] = now[i] - values[p][i];
            }
            parameterSteps.add(new BackpropTrace.ParameterStep(parameter.name(), parameter.value().rows(),
                    parameter.value().cols(), values[p], parameter.gradient().data().clone(), update));
        }
        Run after = run(input);
        double lossAfter = loss.value(after.output, labels);
        for (int p = 0; p < parameters.size(); p++) {
            System.arraycopy(values[p], 0, parameters.get(p).value().data(), 0, values[p].length);
            parameters.get(p).zeroGradient();
        }
        return new BackpropTrace(before.trace, label, lossBefore, List.of(steps), parameterSteps,
                columnSteps(steps, parameterSteps), rule.toString(), learningRate, after.trace, lossAfter);
    }

    /**
     * Which inputs made output {@code target}'s score (its logit): the gradient of the score with
     * respect to each input, gradient × input, and integrated gradients from the all-zero
     * baseline, with their completeness check. The integral is a midpoint-rule sum over
     * {@link Attribution#STEPS} equal steps along the straight path from the baseline; a step
     * whose gradient's estimate of the score's change over it misses the change itself (a ReLU
     * switching within it) is halved, up to 6 times. {@code docs/attribution.md} derives it.
     *
     * @param input (inputSize) values scaled as in training, not modified
     * @param target the output explained, 0..outputSize−1
     */
    public synchronized Attribution attribution(float[] input, int target) {
        requireInput(input);
        requireOutput("attribution: target", target);
        return inputGradients.attribution(input, target);
    }

    /**
     * {@code input} changed one value at a time, each to an end of {@code range}, until the
     * network answers {@code target} ({@link InputGradients#nudge} gives the rule), or after
     * {@code mostChanges} changes.
     *
     * @param input (inputSize) values scaled as in training, not modified
     * @param target the class to push toward, 0..outputSize−1
     * @param range the values each input may take: {@link Nudge.Range#pixels} for images
     */
    public synchronized Nudge nudge(float[] input, int target, Nudge.Range range, int mostChanges) {
        requireInput(input);
        requireOutput("nudge: target", target);
        if (network.outputSize() < 2) {
            throw new IllegalArgumentException("Explainer.nudge: the network has one output; a nudge changes which of"
                    + " several classes it answers");
        }
        if (range == null || range.size() != input.length) {
            throw new IllegalArgumentException("Explainer.nudge: expected a range for each of the " + input.length
                    + " inputs, got " + (range == null ? "none" : range.size()));
        }
        if (mostChanges < 0) {
            throw new IllegalArgumentException("Explainer.nudge: most changes must be 0 or more, got " + mostChanges);
        }
        return inputGradients.nudge(input, target, range, mostChanges);
    }

    private void requireOutput(String what, int output) {
        if (output < 0 || output >= network.outputSize()) {
            throw new IllegalArgumentException("Explainer." + what + " " + output + " is outside 0.."
                    + (network.outputSize() - 1));
        }
    }

    /**
     * The class the network picks for every sample of {@code data}, in order: what a confusion
     * matrix is counted from, kept per sample so the misclassified ones can be shown.
     */
    public synchronized int[] predictions(Dataset data) {
        if (data.features() != network.inputSize()) {
            throw new IllegalArgumentException("Explainer.predictions: " + data.name() + " has " + data.features()
                    + " values per sample, the network expects " + network.inputSize());
        }
        int[] predicted = new int[data.size()];
        Inference.forEachBatch(network, data, pass, (from, out, labels) -> {
            for (int r = 0; r < out.rows(); r++) {
                predicted[from + r] = Inference.argmax(out, r);
            }
        });
        return predicted;
    }

    private List<BackpropTrace.ColumnStep> columnSteps(BackpropTrace.LayerStep[] steps,
            List<BackpropTrace.ParameterStep> parameterSteps) {
        List<BackpropTrace.ColumnStep> result = new ArrayList<>();
        for (Column c : columns) {
            String weight = c.dense().weight().name();
            String bias = c.dense().bias().name();
            result.add(new BackpropTrace.ColumnStep(c, steps[c.firstLayer()].dOutput(), steps[c.lastLayer()].dOutput(),
                    parameterSteps.stream().filter(p -> p.name().equals(weight)).findFirst().orElseThrow(),
                    parameterSteps.stream().filter(p -> p.name().equals(bias)).findFirst().orElseThrow()));
        }
        return result;
    }

    /** A forward pass and the last layer's output matrix, which backward and the loss read. */
    private record Run(ForwardTrace trace, Matrix output) {}

    private Run run(float[] input) {
        requireInput(input);
        int n = network.inputSize();
        float[] x = input.clone();
        Matrix m = Matrix.wrap(1, n, x);
        List<float[]> outputs = new ArrayList<>();
        for (Layer layer : network.layers()) {
            m = layer.forward(m, pass);
            outputs.add(m.data().clone());
        }
        Matrix probabilities = Matrix.zeros(1, m.cols());
        loss.probabilities(m, probabilities);
        List<ForwardTrace.ColumnValues> values = new ArrayList<>();
        for (Column c : columns) {
            float[] in = c.firstLayer() == 0 ? x : outputs.get(c.firstLayer() - 1);
            values.add(new ForwardTrace.ColumnValues(c, in, outputs.get(c.firstLayer()), outputs.get(c.lastLayer())));
        }
        return new Run(new ForwardTrace(x, outputs, values, probabilities.data()), m);
    }

    private void requireInput(float[] input) {
        int n = network.inputSize();
        if (input == null || input.length != n) {
            throw new IllegalArgumentException("Explainer: expected " + n + " input values, got "
                    + (input == null ? "none" : input.length));
        }
        for (int i = 0; i < n; i++) {
            if (!Float.isFinite(input[i])) {
                throw new IllegalArgumentException("Explainer: input value " + i + " is " + input[i]
                        + ", expected a finite number");
            }
        }
    }

    @Override
    public String toString() {
        return "Explainer[" + network.spec() + ", " + loss.name() + "]";
    }
}
