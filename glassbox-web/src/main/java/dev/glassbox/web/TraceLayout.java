package dev.glassbox.web;

import dev.glassbox.explain.BackpropTrace;
import dev.glassbox.explain.ForwardTrace;
import dev.glassbox.nn.Layer;
import dev.glassbox.nn.Network;
import dev.glassbox.nn.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@link BackpropTrace} as a single flat array of doubles, so that it crosses to a page in one
 * typed array. Every float of the trace is widened to double, which is exact: narrowing a value
 * back to float gives its bits. The array is a run of named sections, in this order, for a network
 * of layers {@code 0..L−1} and parameters {@code p} in {@link Network#parameters()} order:
 *
 * <pre>
 *   loss                      1   the loss before the step (a double, as the engine computes it)
 *   lossAfter                 1   the loss after the step
 *   label                     1   the desired class
 *   predicted                 1   the class picked before the step
 *   predictedAfter            1   the class picked after the step
 *   input                     inputSize                 the example as the network read it
 *   before.layers.i.output    layer i's outputSize       forward pass, each layer's output
 *   before.probabilities      outputSize                 the loss's probabilities (softmax)
 *   layers.i.dOutput          layer i's outputSize       ∂loss/∂(layer i's output), i = 0..L−1
 *   layers.i.dInput           layer i's inputSize        ∂loss/∂(layer i's input); i = 0: ∂loss/∂pixel
 *   p.value                   rows·cols, row-major       the parameter before the step
 *   p.gradient                rows·cols                  ∂loss/∂p for this one example
 *   p.update                  rows·cols                  what the optimizer added: new − old
 *   after.layers.i.output     layer i's outputSize       forward pass with the stepped weights
 *   after.probabilities       outputSize
 * </pre>
 *
 * The trace's columns of neurons are not repeated: a column's sums are its dense layer's output
 * and its activations the output of its last layer. {@link #sections} gives every section's
 * offset and length for a network, so a page need not count.
 */
final class TraceLayout {
    private TraceLayout() {}

    /** Where a section starts in the flat array and how many values it holds. */
    record Section(int offset, int length) {}

    /** Every section of a trace of {@code network}, by name, in array order. */
    static Map<String, Section> sections(Network network) {
        Map<String, Section> sections = new LinkedHashMap<>();
        int[] at = {0};
        List<Layer> layers = network.layers();
        for (String scalar : List.of("loss", "lossAfter", "label", "predicted", "predictedAfter")) {
            put(sections, at, scalar, 1);
        }
        put(sections, at, "input", network.inputSize());
        forward(sections, at, "before", network);
        for (int i = 0; i < layers.size(); i++) {
            put(sections, at, "layers." + i + ".dOutput", layers.get(i).outputSize());
            put(sections, at, "layers." + i + ".dInput", layers.get(i).inputSize());
        }
        for (Parameter p : network.parameters()) {
            int size = p.value().size();
            put(sections, at, p.name() + ".value", size);
            put(sections, at, p.name() + ".gradient", size);
            put(sections, at, p.name() + ".update", size);
        }
        forward(sections, at, "after", network);
        return sections;
    }

    private static void forward(Map<String, Section> sections, int[] at, String pass, Network network) {
        List<Layer> layers = network.layers();
        for (int i = 0; i < layers.size(); i++) {
            put(sections, at, pass + ".layers." + i + ".output", layers.get(i).outputSize());
        }
        put(sections, at, pass + ".probabilities", network.outputSize());
    }

    private static void put(Map<String, Section> sections, int[] at, String name, int length) {
        sections.put(name, new Section(at[0], length));
        at[0] += length;
    }

    /** The total length of a trace of {@code network}. */
    static int length(Network network) {
        int length = 0;
        for (Section s : sections(network).values()) {
            length = Math.max(length, s.offset() + s.length());
        }
        return length;
    }

    /** {@code trace} of a step of {@code network} as the flat array described above. */
    static double[] pack(Network network, BackpropTrace trace) {
        List<double[]> parts = new ArrayList<>();
        parts.add(new double[] {trace.loss(), trace.lossAfter(), trace.label(), trace.before().predicted(),
            trace.after().predicted()});
        parts.add(widen(trace.before().input()));
        addForward(parts, trace.before());
        for (BackpropTrace.LayerStep step : trace.layers()) {
            parts.add(widen(step.dOutput()));
            parts.add(widen(step.dInput()));
        }
        for (BackpropTrace.ParameterStep p : trace.parameters()) {
            parts.add(widen(p.value()));
            parts.add(widen(p.gradient()));
            parts.add(widen(p.update()));
        }
        addForward(parts, trace.after());
        int length = 0;
        for (double[] part : parts) {
            length += part.length;
        }
        int expected = length(network);
        if (length != expected) {
            throw new IllegalStateException("TraceLayout.pack: the trace has " + length + " values, the layout of "
                    + network.spec() + " " + expected);
        }
        double[] packed = new double[length];
        int at = 0;
        for (double[] part : parts) {
            System.arraycopy(part, 0, packed, at, part.length);
            at += part.length;
        }
        return packed;
    }

    private static void addForward(List<double[]> parts, ForwardTrace trace) {
        for (float[] output : trace.layerOutputs()) {
            parts.add(widen(output));
        }
        parts.add(widen(trace.probabilities()));
    }

    private static double[] widen(float[] values) {
        double[] wide = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            wide[i] = values[i];
        }
        return wide;
    }
}
