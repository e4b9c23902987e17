package dev.glassbox.io;

import dev.glassbox.nn.Activation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An activation an exporter spelled out in elementwise operators — PyTorch 1.13 writes
 * {@code nn.GELU(approximate='tanh')} as ten {@code Mul}, {@code Add}, {@code Tanh} nodes for
 * opsets before 20 — recognised by what it computes rather than by its spelling: the nodes
 * reachable from a tensor through elementwise operators with scalar constants, ending in one
 * tensor, are evaluated on probe values and compared with Glassbox's activations. So any correct
 * spelling imports (the exact GELU as PyTorch spells it with {@code Erf}, the tanh one with
 * {@code Tanh}), and a function Glassbox lacks (SiLU) is named as such.
 */
final class OnnxActivation {
    /** Elementwise operators a spelled-out activation may use. */
    private static final Set<String> ELEMENTWISE = Set.of("Add", "Sub", "Mul", "Div", "Pow", "Sqrt", "Tanh", "Erf",
            "Exp", "Neg", "Sigmoid", "Relu", "Abs", "Identity");
    /** The most nodes a spelled-out activation may take. */
    private static final int MAX_NODES = 64;
    /** Probe points: the activations differ somewhere in [−6, 6]. */
    private static final double[] PROBE = new double[241];
    private static final double TOLERANCE = 1e-5;

    static {
        for (int k = 0; k < PROBE.length; k++) {
            PROBE[k] = -6 + 0.05 * k;
        }
    }

    /** The nodes of a spelled-out activation and the tensor it ends in. */
    record Region(Set<Integer> nodes, String output) {}

    private OnnxActivation() {}

    /** Whether {@code op} may belong to a spelled-out activation. */
    static boolean isElementwise(String op) {
        return ELEMENTWISE.contains(op);
    }

    /**
     * The elementwise nodes reading {@code input}, and those reading only them and constants, up
     * to the one tensor they end in; null if they do not end in one.
     *
     * @param consumers tensor name → the nodes that read it
     * @param constants tensor name → constant
     * @param outputs   the graph's outputs
     */
    static Region region(List<OnnxGraph.Node> nodes, String input, Map<String, List<Integer>> consumers,
            Map<String, OnnxGraph.Tensor> constants, Set<String> outputs) {
        Set<String> inside = new HashSet<>(Set.of(input));
        Set<Integer> members = new HashSet<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (String tensor : List.copyOf(inside)) {
                for (int n : consumers.getOrDefault(tensor, List.of())) {
                    OnnxGraph.Node node = nodes.get(n);
                    if (members.contains(n) || !ELEMENTWISE.contains(node.opType()) || node.outputs().size() != 1) {
                        continue;
                    }
                    boolean fed = true;
                    for (String in : node.inputs()) {
                        fed &= inside.contains(in) || scalar(constants.get(in));
                    }
                    if (fed) {
                        members.add(n);
                        inside.add(node.outputs().get(0));
                        grew = true;
                        if (members.size() > MAX_NODES) {
                            return null;
                        }
                    }
                }
            }
        }
        // The region must end in one tensor: every other tensor it makes is read inside it only.
        String exit = null;
        for (int n : members) {
            String out = nodes.get(n).outputs().get(0);
            boolean leaves = outputs.contains(out);
            for (int reader : consumers.getOrDefault(out, List.of())) {
                leaves |= !members.contains(reader);
            }
            if (leaves) {
                if (exit != null) {
                    return null;
                }
                exit = out;
            }
        }
        for (int reader : consumers.getOrDefault(input, List.of())) {
            if (!members.contains(reader)) {
                return null; // the input also goes elsewhere: not an activation
            }
        }
        return exit == null ? null : new Region(members, exit);
    }

    /**
     * What the region computes from its input, elementwise: one of Glassbox's activations, or
     * null; {@code name[0]} receives a name for a function Glassbox lacks, when recognised.
     */
    static Activation identify(List<OnnxGraph.Node> nodes, Region region, String input,
            Map<String, OnnxGraph.Tensor> constants, String[] name) {
        Map<String, double[]> values = new HashMap<>();
        values.put(input, PROBE.clone());
        List<Integer> order = new ArrayList<>(region.nodes());
        order.sort(null); // ONNX keeps nodes in topological order
        for (int n : order) {
            OnnxGraph.Node node = nodes.get(n);
            double[] a = operand(node.inputs().get(0), values, constants);
            double[] b = node.inputs().size() > 1 ? operand(node.inputs().get(1), values, constants) : null;
            if (a == null || (node.inputs().size() > 1 && b == null)) {
                return null; // an input computed in a node not yet evaluated: not in topological order
            }
            values.put(node.outputs().get(0), apply(node.opType(), a, b));
        }
        double[] y = values.get(region.output());
        for (Activation candidate : Activation.values()) {
            if (close(y, x -> reference(candidate, x))) {
                return candidate;
            }
        }
        if (close(y, x -> x / (1 + Math.exp(-x)))) {
            name[0] = "SiLU (x·sigmoid(x))";
        }
        return null;
    }

    private static boolean scalar(OnnxGraph.Tensor t) {
        return t != null && t.size() == 1 && (t.floats() != null || t.longs() != null);
    }

    private static double[] operand(String name, Map<String, double[]> values, Map<String, OnnxGraph.Tensor> constants) {
        double[] v = values.get(name);
        if (v != null) {
            return v;
        }
        OnnxGraph.Tensor t = constants.get(name);
        if (t == null) {
            return null;
        }
        double c = t.floats() != null ? t.floats()[0] : t.longs()[0];
        double[] filled = new double[PROBE.length];
        java.util.Arrays.fill(filled, c);
        return filled;
    }

    private static double[] apply(String op, double[] a, double[] b) {
        double[] y = new double[a.length];
        for (int k = 0; k < y.length; k++) {
            double x = a[k];
            y[k] = switch (op) {
                case "Add" -> x + b[k];
                case "Sub" -> x - b[k];
                case "Mul" -> x * b[k];
                case "Div" -> x / b[k];
                case "Pow" -> Math.pow(x, b[k]);
                case "Sqrt" -> Math.sqrt(x);
                case "Tanh" -> Math.tanh(x);
                case "Erf" -> erf(x);
                case "Exp" -> Math.exp(x);
                case "Neg" -> -x;
                case "Sigmoid" -> 1 / (1 + Math.exp(-x));
                case "Relu" -> Math.max(0, x);
                case "Abs" -> Math.abs(x);
                default -> x; // Identity
            };
        }
        return y;
    }

    /** Glassbox's activation {@code a} at x, in double. */
    private static double reference(Activation a, double x) {
        return switch (a) {
            case RELU -> Math.max(0, x);
            case LEAKY_RELU -> x > 0 ? x : 0.01 * x;
            case SIGMOID -> 1 / (1 + Math.exp(-x));
            case TANH -> Math.tanh(x);
            case IDENTITY -> x;
            case GELU -> 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
            case GELU_EXACT -> exactGelu(x);
        };
    }

    private static double exactGelu(double x) {
        return 0.5 * x * (1 + erf(x / Math.sqrt(2)));
    }

    private static boolean close(double[] y, java.util.function.DoubleUnaryOperator f) {
        for (int k = 0; k < PROBE.length; k++) {
            double want = f.applyAsDouble(PROBE[k]);
            if (!(Math.abs(y[k] - want) <= TOLERANCE * (1 + Math.abs(want)))) {
                return false;
            }
        }
        return true;
    }

    /** erf to about 1e-7 (Abramowitz and Stegun 7.1.26): enough to tell functions apart. */
    private static double erf(double x) {
        double t = 1 / (1 + 0.3275911 * Math.abs(x));
        double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
        double r = 1 - poly * Math.exp(-x * x);
        return x >= 0 ? r : -r;
    }
}
