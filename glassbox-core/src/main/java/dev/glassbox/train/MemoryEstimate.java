package dev.glassbox.train;

import dev.glassbox.nn.Activation;
import dev.glassbox.nn.NetworkSpec;
import dev.glassbox.optim.OptimizerConfig;
import java.util.List;
import java.util.Locale;

/**
 * The memory training a network takes, worked out from its spec before anything is built, so that
 * a host can refuse settings its heap cannot hold instead of failing half-way with an
 * {@link OutOfMemoryError}. Pure arithmetic on the shapes; every value is a float (4 bytes):
 *
 * <pre>
 *   parameters     P = Σ over dense layers (out·in + out)
 *   gradients      P                  (one per parameter, allocated with the network)
 *   optimizer      0 (sgd), P (momentum, nesterov: the velocity), 2P (adam, adamw: both moments)
 *   activations    for each of 2·batch training rows (an epoch's full batch and its shorter last
 *                  batch, whose buffers every layer keeps side by side): the input row, every
 *                  layer's output and its gradient with respect to its input (none for the first
 *                  layer; a dropout layer adds its mask; a ReLU after a dense layer is computed in
 *                  that layer's own buffers), and the loss's gradient; and for the
 *                  {@value #EVALUATION_ROWS} rows of an evaluation batch, the input and every
 *                  layer's output
 *   weight copies  P each: the best epoch's weights, or copies a host keeps (see {@link #withWeightCopies})
 * </pre>
 *
 * <p>What it is not: the data set (already loaded when a run starts), the JVM's own overhead, or a
 * measurement. The collector needs room to work, so a host should compare the total with the
 * heap's free room less a margin. On the JVM, for example (how {@code glassbox train} can check its
 * settings before it builds the network):
 *
 * <pre>{@code
 * MemoryEstimate need = MemoryEstimate.training(spec, config.batchSize(), config.optimizer())
 *         .withWeightCopies(data.validation() != null ? 1 : 0); // the best epoch's weights
 * Runtime rt = Runtime.getRuntime();
 * long room = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
 * if (need.totalBytes() > room / 3 * 2) {
 *     throw new IllegalArgumentException("train: " + spec + " at batch " + config.batchSize() + " needs " + need
 *             + ", more than the heap's " + MemoryEstimate.size(room) + " free. Use a smaller --batch-size or"
 *             + " narrower --layers, or give Java more memory (JAVA_OPTS=-Xmx8g)");
 * }
 * }</pre>
 *
 * @see Trainer
 */
public final class MemoryEstimate {
    /** Bytes per value: every tensor is float32. */
    public static final int FLOAT_BYTES = Float.BYTES;
    /** Rows of an evaluation batch ({@link Inference#BATCH}). */
    public static final int EVALUATION_ROWS = Inference.BATCH;

    private final NetworkSpec spec;
    private final int batchSize;
    private final OptimizerConfig optimizer;
    private final long parameterCount;
    private final long activationCount;
    private final int weightCopies;

    private MemoryEstimate(NetworkSpec spec, int batchSize, OptimizerConfig optimizer, int weightCopies) {
        this.spec = spec;
        this.batchSize = batchSize;
        this.optimizer = optimizer;
        this.weightCopies = weightCopies;
        this.parameterCount = parameterCount(spec);
        this.activationCount = 2L * batchSize * trainingValuesPerRow(spec)
                + (long) EVALUATION_ROWS * evaluationValuesPerRow(spec);
    }

    /**
     * What training {@code spec} with batches of {@code batchSize} and {@code optimizer} takes,
     * without weight copies.
     *
     * @throws IllegalArgumentException if an argument is null or the batch size is not positive
     */
    public static MemoryEstimate training(NetworkSpec spec, int batchSize, OptimizerConfig optimizer) {
        if (spec == null || optimizer == null) {
            throw new IllegalArgumentException("MemoryEstimate.training: expected a spec and an optimizer, got "
                    + spec + " and " + optimizer);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("MemoryEstimate.training: expected a batch size of at least 1, got "
                    + batchSize);
        }
        return new MemoryEstimate(spec, batchSize, optimizer, 0);
    }

    /**
     * The same estimate with {@code copies} whole copies of the weights besides the network's own:
     * 1 when the run keeps its best epoch's weights (it has a validation set); a host adds those it
     * keeps itself (the lab publishes copies for its page).
     */
    public MemoryEstimate withWeightCopies(int copies) {
        if (copies < 0) {
            throw new IllegalArgumentException("MemoryEstimate.withWeightCopies: expected 0 or more copies, got "
                    + copies);
        }
        return new MemoryEstimate(spec, batchSize, optimizer, copies);
    }

    public NetworkSpec spec() {
        return spec;
    }

    public int batchSize() {
        return batchSize;
    }

    public OptimizerConfig optimizer() {
        return optimizer;
    }

    /** The network's weights and biases. */
    public long parameterBytes() {
        return parameterCount * FLOAT_BYTES;
    }

    /** One gradient per parameter. */
    public long gradientBytes() {
        return parameterBytes();
    }

    /** The optimizer's state: none for sgd, a velocity for momentum and nesterov, two moments for adam and adamw. */
    public long optimizerBytes() {
        return arraysPerParameter(optimizer.kind()) * parameterBytes();
    }

    /** The layers' buffers for training and evaluation batches (see the class comment). */
    public long activationBytes() {
        return activationCount * FLOAT_BYTES;
    }

    /** The weight copies asked for with {@link #withWeightCopies}. */
    public long weightCopyBytes() {
        return weightCopies * parameterBytes();
    }

    /** Everything above. */
    public long totalBytes() {
        return parameterBytes() + gradientBytes() + optimizerBytes() + activationBytes() + weightCopyBytes();
    }

    private static int arraysPerParameter(OptimizerConfig.Kind kind) {
        return switch (kind) {
            case SGD -> 0;
            case MOMENTUM, NESTEROV -> 1;
            case ADAM, ADAMW -> 2;
        };
    }

    private static long parameterCount(NetworkSpec spec) {
        long count = 0;
        for (NetworkSpec.ParameterShape shape : spec.parameterShapes()) {
            count += (long) shape.rows() * shape.cols();
        }
        return count;
    }

    /**
     * Values per training row: the input, each layer's output and input gradient (mirroring
     * {@code Network}'s fusion of a dense layer with the ReLU after it), and the loss's gradient.
     */
    private static long trainingValuesPerRow(NetworkSpec spec) {
        long values = spec.inputSize() + spec.outputSize();
        int width = spec.inputSize();
        List<NetworkSpec.Step> steps = spec.steps();
        for (int i = 0; i < steps.size(); i++) {
            long gradient = i == 0 ? 0 : width; // the first layer's input gradient is never computed
            switch (steps.get(i)) {
                case NetworkSpec.DenseStep d -> {
                    values += d.size() + gradient;
                    width = d.size();
                }
                case NetworkSpec.ActivationStep a -> {
                    // A fused ReLU's gradient is the next dense layer's input gradient, when one follows.
                    boolean denseNext = i + 1 < steps.size() && steps.get(i + 1) instanceof NetworkSpec.DenseStep;
                    values += fusedRelu(steps, i, a) ? (denseNext ? 0 : gradient) : width + gradient;
                }
                case NetworkSpec.DropoutStep r -> values += 2L * width + gradient; // output and mask
            }
        }
        return values;
    }

    /** Values per evaluation row: the input and each layer's output. */
    private static long evaluationValuesPerRow(NetworkSpec spec) {
        long values = spec.inputSize();
        int width = spec.inputSize();
        List<NetworkSpec.Step> steps = spec.steps();
        for (int i = 0; i < steps.size(); i++) {
            switch (steps.get(i)) {
                case NetworkSpec.DenseStep d -> {
                    values += d.size();
                    width = d.size();
                }
                case NetworkSpec.ActivationStep a -> values += fusedRelu(steps, i, a) ? 0 : width;
                case NetworkSpec.DropoutStep r -> values += width;
            }
        }
        return values;
    }

    private static boolean fusedRelu(List<NetworkSpec.Step> steps, int i, NetworkSpec.ActivationStep a) {
        return a.activation() == Activation.RELU && i > 0 && steps.get(i - 1) instanceof NetworkSpec.DenseStep;
    }

    /** {@code bytes} for people: {@code 512 B}, {@code 3.4 KB}, {@code 416 MB}, {@code 3.6 GB} (powers of 1000). */
    public static String size(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB", "PB", "EB"};
        double value = bytes;
        int unit = -1;
        while (value >= 999.95 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, value < 100 ? "%.1f %s" : "%.0f %s", value, units[unit]);
    }

    /** e.g. {@code about 3.6 GB (parameters 416 MB, gradients 416 MB, adam state 832 MB, activations 2.0 GB)}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("about ").append(size(totalBytes()))
                .append(" (parameters ").append(size(parameterBytes()))
                .append(", gradients ").append(size(gradientBytes()));
        if (optimizerBytes() > 0) {
            s.append(", ").append(optimizer.kind().specName()).append(" state ").append(size(optimizerBytes()));
        }
        s.append(", activations ").append(size(activationBytes()));
        if (weightCopies > 0) {
            s.append(", ").append(weightCopies).append(weightCopies == 1 ? " weight copy " : " weight copies ")
                    .append(size(weightCopyBytes()));
        }
        return s.append(')').toString();
    }
}
