package dev.glassbox.lab.core;

import dev.glassbox.nn.Activation;
import dev.glassbox.nn.NetworkSpec;
import dev.glassbox.optim.OptimizerConfig;
import dev.glassbox.train.MemoryEstimate;
import dev.glassbox.train.TrainingConfig;
import java.util.Locale;

/**
 * The Train panel's settings, checked before anything is built: the network must read the lab's
 * inputs and give its outputs (784 pixels into 10 digits for MNIST), and stay small enough that a
 * click cannot exhaust memory (the bounds here, and {@link #memory()} against the heap's room).
 *
 * @param layers e.g. {@code 784-16-16-10}; hidden layers without an activation get {@code activation}
 * @param pace batches per second at most, 0 for as fast as the machine goes (slower to watch it learn)
 */
public record TrainSettings(String layers, String activation, String optimizer, float learningRate, int batchSize,
        int epochs, int pace) {
    public static final int MAX_WIDTH = 4096;
    public static final int MAX_DENSE_LAYERS = 8;
    /** Most epochs a run may ask for: a small table needs hundreds of passes. */
    public static final int MAX_EPOCHS = 1000;

    public TrainSettings {
        spec(layers, activation);
        OptimizerConfig.of(optimizer == null ? "" : optimizer);
        require(learningRate > 0 && learningRate <= 10, "learning rate must be in (0, 10], got " + learningRate);
        require(batchSize >= 1 && batchSize <= 4096, "batch size must be 1..4096, got " + batchSize);
        require(epochs >= 1 && epochs <= MAX_EPOCHS, "epochs must be 1.." + MAX_EPOCHS + ", got " + epochs);
        require(pace >= 0 && pace <= 1000, "pace must be 0 (full speed)..1000 batches/s, got " + pace);
    }

    /** The settings in a request's body, every field required, for a network that reads {@code data}. */
    public static TrainSettings from(Body body, LabData data) {
        TrainSettings settings = new TrainSettings(body.text("layers"), body.text("activation"), body.text("optimizer"),
                (float) body.number("learningRate"), body.integer("batchSize"), body.integer("epochs"),
                body.integer("pace"));
        NetworkSpec spec = settings.spec();
        require(spec.inputSize() == data.inputSize(), "layers: the first number must be " + data.inputSize()
                + " (the inputs of the lab's data), got " + spec.inputSize());
        require(spec.outputSize() == data.outputSize(), "layers: the last number must be " + data.outputSize()
                + (data.inputs().isRegression() ? " (one number to predict)" : " (one output per class)") + ", got "
                + spec.outputSize());
        return settings;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The architecture these settings describe. */
    public NetworkSpec spec() {
        return spec(layers, activation);
    }

    private static NetworkSpec spec(String layers, String activation) {
        if (layers == null || layers.length() > 200) {
            throw new IllegalArgumentException("layers: expected a spec such as 784-16-16-10");
        }
        NetworkSpec spec = NetworkSpec.parse(layers,
                Activation.byName(activation == null ? "relu" : activation.toLowerCase(Locale.ROOT)));
        long dense = spec.steps().stream().filter(s -> s instanceof NetworkSpec.DenseStep).count();
        require(dense <= MAX_DENSE_LAYERS, "layers: at most " + MAX_DENSE_LAYERS + " layers in the lab, got " + dense);
        for (NetworkSpec.Step step : spec.steps()) {
            if (step instanceof NetworkSpec.DenseStep d) {
                require(d.size() <= MAX_WIDTH, "layers: at most " + MAX_WIDTH + " neurons per layer in the lab, got "
                        + d.size());
            }
        }
        return spec;
    }

    /**
     * What training with these settings takes, with two copies of the weights besides: the
     * snapshot the page shows, and the next one while it is made.
     */
    public MemoryEstimate memory() {
        return MemoryEstimate.training(spec(), batchSize, OptimizerConfig.of(optimizer)).withWeightCopies(2);
    }

    /** The trainer's configuration: the default model's, with these settings. */
    public TrainingConfig config() {
        return DefaultTraining.config(epochs).toBuilder()
                .optimizer(OptimizerConfig.of(optimizer))
                .learningRate(learningRate)
                .batchSize(batchSize)
                .build();
    }
}
