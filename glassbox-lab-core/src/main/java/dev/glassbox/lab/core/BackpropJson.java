package dev.glassbox.lab.core;

import dev.glassbox.explain.BackpropTrace.ColumnStep;
import dev.glassbox.explain.BackpropTrace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One example's backprop step as the page walks through it. Every number is copied from the
 * engine's {@link BackpropTrace}; the only arithmetic here is a change of sign, turning a
 * gradient (how the loss grows) into the desired change (the opposite way).
 */
public final class BackpropJson {
    /** Hidden neurons whose incoming weight changes are sent, the ones wanting the largest change. */
    public static final int NEURONS_SHOWN = 8;

    private BackpropJson() {}

    /**
     * Step 1, one output neuron.
     *
     * @param probability what the network says now
     * @param desired 1 for the true digit, 0 for the others
     * @param error ∂loss/∂z for this output's sum: probability − desired for cross-entropy
     * @param change the desired change of the output, −error
     */
    public record Output(int digit, float probability, float desired, float error, float change) {}

    public record Step1(List<Output> outputs, double loss) {}

    /**
     * Step 2: the weights from the previous column into the true digit's output.
     *
     * @param error ∂loss/∂z of the true digit's output
     * @param activations each previous neuron's activation a_i
     * @param weights w_i, before the step
     * @param gradients ∂loss/∂w_i = error × a_i, as the engine computed it
     * @param updates the change the step makes to each w_i
     */
    public record Step2(int digit, float error, boolean fromPixels, float[] activations, float[] weights, float[] gradients,
            float[] updates, float biasGradient, float biasUpdate) {}

    /**
     * One hidden neuron and the weights feeding it.
     *
     * @param change the desired change of its activation, −∂loss/∂a
     * @param gradients ∂loss/∂w of each incoming weight
     * @param updates the change the step makes to each incoming weight
     */
    public record NeuronUpdate(int neuron, float change, float[] gradients, float[] updates) {}

    /**
     * Steps 3 and 4: a hidden column, from the last one down.
     *
     * @param activations each neuron's activation a
     * @param changes the desired change of each activation, −∂loss/∂a
     * @param sumGradients ∂loss/∂z of each neuron's sum (zero where the activation is flat)
     * @param neurons the neurons wanting the largest change, with the weights feeding them
     */
    public record Hidden(int column, String name, boolean fromPixels, float[] activations, float[] changes,
            float[] sumGradients, List<NeuronUpdate> neurons) {}

    /** The update applied: the outputs before and after, same example. */
    public record Applied(float[] before, float[] after, double lossBefore, double lossAfter, String optimizer,
            float learningRate) {}

    /** @param index the test image, or −1 for pixels the page sent */
    public record Step(long version, int index, int label, float[] pixels, Step1 step1, Step2 step2, List<Hidden> hidden,
            Applied applied) {}

    public static Step of(long version, int index, BackpropTrace trace) {
        int label = trace.label();
        ColumnStep output = trace.outputColumn();
        float[] p = trace.before().probabilities();
        List<Output> outputs = new ArrayList<>();
        for (int d = 0; d < p.length; d++) {
            float error = output.dSums()[d];
            outputs.add(new Output(d, p[d], d == label ? 1f : 0f, error, -error));
        }
        int in = output.weight().cols();
        float[] previous = trace.before().columns().get(output.column().number()).input();
        Step2 step2 = new Step2(label, output.dSums()[label], output.column().number() == 0, previous,
                row(output.weight().value(), label, in), row(output.weight().gradient(), label, in),
                row(output.weight().update(), label, in), output.bias().gradient()[label],
                output.bias().update()[label]);
        List<Hidden> hidden = new ArrayList<>();
        for (int c = trace.columns().size() - 2; c >= 0; c--) {
            hidden.add(hidden(trace, trace.columns().get(c)));
        }
        Applied applied = new Applied(p, trace.after().probabilities(), trace.loss(), trace.lossAfter(),
                trace.optimizer(), trace.learningRate());
        return new Step(version, index, label, trace.before().input(), new Step1(outputs, trace.loss()), step2, hidden,
                applied);
    }

    /** The step as the page reads it: the records' fields under their names, in their order. */
    static Map<String, Object> toJson(Step step) {
        List<Object> outputs = new ArrayList<>();
        for (Output o : step.step1().outputs()) {
            outputs.add(JsonObject.of("digit", o.digit(), "probability", o.probability(), "desired", o.desired(),
                    "error", o.error(), "change", o.change()));
        }
        Step2 s = step.step2();
        List<Object> hidden = new ArrayList<>();
        for (Hidden h : step.hidden()) {
            List<Object> neurons = new ArrayList<>();
            for (NeuronUpdate n : h.neurons()) {
                neurons.add(JsonObject.of("neuron", n.neuron(), "change", n.change(), "gradients", n.gradients(),
                        "updates", n.updates()));
            }
            hidden.add(JsonObject.of("column", h.column(), "name", h.name(), "fromPixels", h.fromPixels(),
                    "activations", h.activations(), "changes", h.changes(), "sumGradients", h.sumGradients(),
                    "neurons", neurons));
        }
        Applied a = step.applied();
        return JsonObject.of("version", step.version(), "index", step.index(), "label", step.label(), "pixels",
                step.pixels(),
                "step1", JsonObject.of("outputs", outputs, "loss", step.step1().loss()),
                "step2", JsonObject.of("digit", s.digit(), "error", s.error(), "fromPixels", s.fromPixels(),
                        "activations", s.activations(), "weights", s.weights(), "gradients", s.gradients(),
                        "updates", s.updates(), "biasGradient", s.biasGradient(), "biasUpdate", s.biasUpdate()),
                "hidden", hidden,
                "applied", JsonObject.of("before", a.before(), "after", a.after(), "lossBefore", a.lossBefore(),
                        "lossAfter", a.lossAfter(), "optimizer", a.optimizer(), "learningRate", a.learningRate()));
    }

    private static Hidden hidden(BackpropTrace trace, ColumnStep column) {
        int size = column.column().size();
        float[] changes = new float[size];
        for (int i = 0; i < size; i++) {
            changes[i] = -column.dActivations()[i];
        }
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Float.compare(Math.abs(changes[b]), Math.abs(changes[a])));
        int in = column.weight().cols();
        List<NeuronUpdate> neurons = new ArrayList<>();
        for (int k = 0; k < Math.min(NEURONS_SHOWN, size); k++) {
            int n = order[k];
            neurons.add(new NeuronUpdate(n, changes[n], row(column.weight().gradient(), n, in),
                    row(column.weight().update(), n, in)));
        }
        int number = column.column().number();
        return new Hidden(number, "hidden " + (number + 1), number == 0,
                trace.before().columns().get(number).activations(), changes, column.dSums(), neurons);
    }

    private static float[] row(float[] matrix, int row, int cols) {
        return Arrays.copyOfRange(matrix, row * cols, row * cols + cols);
    }
}
