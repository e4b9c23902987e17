package dev.glassbox.nn;

import dev.glassbox.tensor.Rng;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The architecture of a sequential network, written as a string such as
 * {@code 784-256-relu-128-relu-10}: the input width, then a number for each fully connected layer,
 * an activation name after a layer to apply it, and {@code dropoutP} (e.g. {@code dropout0.5}) to
 * drop values with probability P. The one parser shared by the API, the CLI and model files.
 *
 * @param inputSize values per sample, e.g. 784 pixels
 * @param steps the layers in order
 */
public record NetworkSpec(int inputSize, List<Step> steps) {

    /** One element of a spec. */
    public sealed interface Step permits DenseStep, ActivationStep, DropoutStep {}

    /** A fully connected layer with {@code size} neurons. */
    public record DenseStep(int size) implements Step {
        public DenseStep {
            if (size < 1 || size > MAX_WIDTH) {
                throw new IllegalArgumentException("layer size must be 1.." + MAX_WIDTH + ", got " + size);
            }
        }
    }

    /** An activation applied to every value of the previous layer. */
    public record ActivationStep(Activation activation) implements Step {}

    /** Dropout with the given rate. */
    public record DropoutStep(float rate) implements Step {
        public DropoutStep {
            if (!(rate >= 0f && rate < 1f)) {
                throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
            }
        }
    }

    /**
     * The shape of one trainable tensor of the network a spec builds.
     *
     * @param name e.g. {@code layers.0.weight}: the parameter's and the model file tensor's name
     */
    public record ParameterShape(String name, int rows, int cols) {}

    /** Widest layer a spec may ask for: far beyond any useful MNIST network, well inside memory. */
    public static final int MAX_WIDTH = 1 << 16;

    public NetworkSpec {
        if (inputSize < 1 || inputSize > MAX_WIDTH) {
            throw new IllegalArgumentException("input size must be 1.." + MAX_WIDTH + ", got " + inputSize);
        }
        steps = List.copyOf(steps);
        if (steps.stream().noneMatch(s -> s instanceof DenseStep)) {
            throw new IllegalArgumentException("a network needs at least one layer after the input size");
        }
    }

    /** Parses a spec exactly as written: hidden layers without an activation stay linear. */
    public static NetworkSpec parse(String text) {
        return parse(text, null);
    }

    /**
     * Parses a spec, giving every hidden layer that has no activation of its own
     * {@code defaultActivation} (null: none). The output layer never gets the default: the loss
     * applies softmax.
     */
    public static NetworkSpec parse(String text, Activation defaultActivation) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("network spec is empty; expected e.g. 784-256-relu-128-relu-10");
        }
        if (text.length() > 10_000) {
            throw new IllegalArgumentException("network spec is " + text.length() + " characters long; at most 10000");
        }
        String[] tokens = text.trim().toLowerCase(Locale.ROOT).split("-", -1);
        int input = parseSize(tokens[0], text);
        List<Step> steps = new ArrayList<>();
        for (int i = 1; i < tokens.length; i++) {
            String token = tokens[i];
            if (token.isEmpty()) {
                throw error(text, "empty element (two '-' in a row?)");
            } else if (Character.isDigit(token.charAt(0))) {
                if (defaultActivation != null) {
                    addDefaultActivation(steps, defaultActivation);
                }
                steps.add(new DenseStep(parseSize(token, text)));
            } else if (token.startsWith("dropout")) {
                steps.add(new DropoutStep(parseRate(token.substring("dropout".length()), text)));
            } else if (Activation.isName(token)) {
                steps.add(new ActivationStep(Activation.byName(token)));
            } else {
                throw error(text, "'" + token + "' is neither a layer size, an activation (" + Activation.names()
                        + ") nor dropoutP");
            }
        }
        try {
            return new NetworkSpec(input, steps);
        } catch (IllegalArgumentException e) {
            throw error(text, e.getMessage());
        }
    }

    /** After the last dense layer, before any dropout that follows it, unless it has an activation. */
    private static void addDefaultActivation(List<Step> steps, Activation activation) {
        int at = steps.size();
        while (at > 0 && steps.get(at - 1) instanceof DropoutStep) {
            at--;
        }
        if (at > 0 && steps.get(at - 1) instanceof DenseStep) {
            steps.add(at, new ActivationStep(activation));
        }
    }

    private static int parseSize(String token, String text) {
        try {
            int size = Integer.parseInt(token);
            if (size < 1 || size > MAX_WIDTH) {
                throw error(text, "layer size " + token + " is outside 1.." + MAX_WIDTH);
            }
            return size;
        } catch (NumberFormatException e) {
            throw error(text, "'" + token + "' is not a layer size");
        }
    }

    private static float parseRate(String token, String text) {
        try {
            float rate = Float.parseFloat(token);
            if (!(rate >= 0f && rate < 1f)) {
                throw error(text, "dropout rate " + token + " is outside [0, 1)");
            }
            return rate;
        } catch (NumberFormatException e) {
            throw error(text, "'dropout" + token + "' needs a rate, e.g. dropout0.5");
        }
    }

    private static IllegalArgumentException error(String text, String problem) {
        return new IllegalArgumentException("network spec '" + text + "': " + problem
                + ". Expected e.g. 784-256-relu-128-relu-10");
    }

    /** Width of the last layer: the number of classes. */
    public int outputSize() {
        int width = inputSize;
        for (Step step : steps) {
            if (step instanceof DenseStep d) {
                width = d.size();
            }
        }
        return width;
    }

    /**
     * The parameters {@link #build} creates, in order, without allocating them: {@code
     * layers.<i>.weight} (out, in) and {@code layers.<i>.bias} (1, out) for the dense layer at step i.
     */
    public List<ParameterShape> parameterShapes() {
        List<ParameterShape> shapes = new ArrayList<>();
        int width = inputSize;
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i) instanceof DenseStep d) {
                shapes.add(new ParameterShape(Dense.weightName(prefix(i)), d.size(), width));
                shapes.add(new ParameterShape(Dense.biasName(prefix(i)), 1, d.size()));
                width = d.size();
            }
        }
        return shapes;
    }

    private static String prefix(int step) {
        return "layers." + step;
    }

    /**
     * Builds the network with random weights: each dense layer gets the initialisation suited to
     * the activation that follows it (He for ReLU-like, Xavier otherwise and for the output).
     */
    public Network build(long seed) {
        return build(null, seed);
    }

    /**
     * Builds the network, initialising every dense layer with {@code init} (null: as suited),
     * first layer first, from one {@link Rng} seeded with {@code seed}: the same seed gives the
     * same weights on every host.
     */
    public Network build(Init init, long seed) {
        return assemble(init, new Rng(seed));
    }

    /** The layers with zero weights, for a network whose values are copied in next (no draws). */
    Network buildZeros() {
        return assemble(null, null);
    }

    /** Builds the layers; each dense layer's weights are drawn from {@code random}, or left zero if it is null. */
    private Network assemble(Init init, Rng random) {
        List<Layer> layers = new ArrayList<>();
        int width = inputSize;
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            switch (step) {
                case DenseStep d -> {
                    Dense dense = new Dense(prefix(i), width, d.size());
                    if (random != null) {
                        Init chosen = init != null ? init : initFor(i);
                        chosen.fill(dense.weight(), random);
                    }
                    layers.add(dense);
                    width = d.size();
                }
                case ActivationStep a -> layers.add(new ActivationLayer(a.activation(), width));
                case DropoutStep r -> layers.add(new Dropout(r.rate(), width));
            }
        }
        return new Network(this, layers);
    }

    private Init initFor(int denseIndex) {
        for (int j = denseIndex + 1; j < steps.size(); j++) {
            Step next = steps.get(j);
            if (next instanceof ActivationStep a) {
                return a.activation().suitedInit();
            }
            if (next instanceof DenseStep) {
                break;
            }
        }
        return Init.XAVIER;
    }

    /** The canonical text, which {@link #parse(String)} reads back to an equal spec. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder().append(inputSize);
        for (Step step : steps) {
            s.append('-');
            switch (step) {
                case DenseStep d -> s.append(d.size());
                case ActivationStep a -> s.append(a.activation().specName());
                // Plain notation: "1.0E-4" would put a '-' inside the rate.
                case DropoutStep r -> s.append("dropout")
                        .append(new BigDecimal(Float.toString(r.rate())).toPlainString());
            }
        }
        return s.toString();
    }
}
