package dev.glassbox.cli;

import dev.glassbox.data.Augmentation;
import dev.glassbox.data.Dataset;
import dev.glassbox.data.MnistData;
import dev.glassbox.io.Provenance;
import dev.glassbox.jvm.Glassbox;
import dev.glassbox.nn.Activation;
import dev.glassbox.nn.Init;
import dev.glassbox.nn.Network;
import dev.glassbox.nn.NetworkSpec;
import dev.glassbox.optim.LearningRateSchedule;
import dev.glassbox.optim.MomentumRamp;
import dev.glassbox.optim.OptimizerConfig;
import dev.glassbox.train.TrainingConfig;
import dev.glassbox.train.TrainingData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The settings of one training run, from the network to the seed: the options {@code train},
 * {@code sweep} and the Spark jobs share, and what they make of them.
 *
 * <p>A checkpoint carries these options' values (all but {@code --threads}) so that a run resumes
 * without repeating them; none of them may therefore name a file — a checkpoint someone sends
 * must never decide what is read or written.
 */
public final class RunOptions {
    @Option(names = {"-l", "--layers"}, paramLabel = "SPEC", defaultValue = "784-256-128-10",
            description = "Layer sizes from input to output, optionally with activations and dropout, e.g."
                    + " 784-512-gelu-256-gelu-10 or 784-dropout0.2-1024-1024-10. Default: ${DEFAULT-VALUE}.")
    String layers;

    @Option(names = {"-a", "--activation"}, paramLabel = "NAME", defaultValue = "relu",
            description = "Activation of hidden layers that name none: sigmoid, tanh, relu, leakyrelu, gelu,"
                    + " identity. Default: ${DEFAULT-VALUE}.")
    String activation;

    @Option(names = "--init", paramLabel = "NAME", defaultValue = "auto",
            description = "Weight initialisation: he, xavier, or auto (He before ReLU-like activations, Xavier"
                    + " otherwise). Default: ${DEFAULT-VALUE}.")
    String init;

    @Option(names = "--dropout", paramLabel = "P", defaultValue = "0",
            description = "Dropout rate after every hidden activation (0 = none). Default: ${DEFAULT-VALUE}.")
    float dropout;

    @Option(names = "--loss", paramLabel = "NAME", defaultValue = "cross-entropy",
            description = "cross-entropy (softmax, fused) or mse. Default: ${DEFAULT-VALUE}.")
    String loss;

    @Option(names = {"-o", "--optimizer"}, paramLabel = "NAME", defaultValue = "adam",
            description = "sgd, momentum, nesterov, adam or adamw. Default: ${DEFAULT-VALUE}.")
    String optimizer;

    @Option(names = {"-r", "--learning-rate"}, paramLabel = "RATE", defaultValue = "0.0015",
            description = "Base learning rate. Default: ${DEFAULT-VALUE}.")
    float learningRate;

    @Option(names = "--schedule", paramLabel = "SCHEDULE", defaultValue = "cosine",
            description = "constant, step:EPOCHS:FACTOR, cosine or cosine:MIN, optionally after warmup:STEPS,"
                    + " (e.g. warmup:500,cosine). Default: ${DEFAULT-VALUE}.")
    String schedule;

    @Option(names = "--momentum", paramLabel = "MU", defaultValue = "0.9",
            description = "Momentum for the momentum and nesterov optimizers. Default: ${DEFAULT-VALUE}.")
    float momentum;

    @Option(names = "--weight-decay", paramLabel = "LAMBDA", defaultValue = "0",
            description = "L2 weight decay (decoupled for adamw). Default: ${DEFAULT-VALUE}.")
    float weightDecay;

    @Option(names = "--clip-norm", paramLabel = "NORM", defaultValue = "0",
            description = "Clip the global gradient norm (0 = off). Default: ${DEFAULT-VALUE}.")
    float clipNorm;

    @Option(names = "--max-norm", paramLabel = "NORM", defaultValue = "0",
            description = "Cap each neuron's incoming weight norm (0 = off). Default: ${DEFAULT-VALUE}.")
    float maxNorm;

    @Option(names = "--augment", paramLabel = "SPEC", defaultValue = "none",
            description = "Distort every training image afresh each epoch: affine (rotate, scale, shear, shift),"
                    + " elastic (Simard et al.'s alpha, sigma) or affine+elastic, each optionally with settings, e.g."
                    + " affine:rotate=15,shift=3+elastic:alpha=36,sigma=6. Default: ${DEFAULT-VALUE}.")
    String augment;

    @Option(names = "--momentum-ramp", paramLabel = "START:EPOCHS", defaultValue = "none",
            description = "Raise the momentum linearly from START to --momentum over the first EPOCHS epochs"
                    + " (momentum and nesterov), e.g. 0.5:10. Default: ${DEFAULT-VALUE}.")
    String momentumRamp;

    @Option(names = {"-b", "--batch-size"}, paramLabel = "N", defaultValue = "64",
            description = "Samples per gradient step. Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = {"-e", "--epochs"}, paramLabel = "N", defaultValue = "10",
            description = "Passes over the training set. Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--subset", paramLabel = "N",
            description = "Train on the first N training images only (before the validation hold-out), for quick"
                    + " experiments. Default: all.")
    Integer subset;

    @Option(names = "--validation", paramLabel = "N", defaultValue = "5000",
            description = "Training samples held out to pick the best epoch and stop early (0 = none; the test"
                    + " set is never used for that). Default: ${DEFAULT-VALUE}.")
    int validation;

    @Option(names = "--patience", paramLabel = "EPOCHS", defaultValue = "0",
            description = "Stop after this many epochs without better validation accuracy (0 = never)."
                    + " Default: ${DEFAULT-VALUE}.")
    int patience;

    @Option(names = {"-s", "--seed"}, paramLabel = "N", defaultValue = "1",
            description = "Seeds initialisation, shuffling and dropout: same seed and threads, same model."
                    + " Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = {"-t", "--threads"}, paramLabel = "N",
            description = "Threads for the arithmetic. Default: the number of cores.")
    Integer threads;

    /** The network, initialised from --seed with --init. */
    public Network build(NetworkSpec networkSpec) {
        return networkSpec.build(initChoice(), seed);
    }

    /** --init, or null for auto. */
    public Init initChoice() {
        return init.equalsIgnoreCase("auto") ? null : UsageException.wrap(() -> Init.byName(init));
    }

    /** The training set cut to --subset, the validation set held out from it, and the test set. */
    public TrainingData trainingData(MnistData data) {
        Dataset train = data.train();
        if (subset != null) {
            if (subset < 1 || subset > train.size()) {
                throw new UsageException("--subset must be 1.." + train.size() + ", got " + subset);
            }
            train = train.slice(train.name() + "[0:" + subset + "]", 0, subset);
        }
        if (validation >= train.size()) {
            throw new UsageException("--validation " + validation + " leaves no training data (the set has "
                    + train.size() + " samples)");
        }
        return TrainingData.of(train).holdOut(validation).withTest(data.test());
    }

    public TrainingConfig config() {
        if (validation < 0) {
            throw new UsageException("--validation must be 0 or more (0 = hold out nothing), got " + validation);
        }
        if (subset != null && subset < 1) {
            throw new UsageException("--subset must be 1 or more, got " + subset);
        }
        return UsageException.wrap(() -> TrainingConfig.builder()
                .epochs(epochs)
                .batchSize(batchSize)
                .learningRate(learningRate)
                .schedule(LearningRateSchedule.parse(schedule))
                .optimizer(OptimizerConfig.of(optimizer).withMomentum(momentum).withWeightDecay(weightDecay))
                .loss(loss)
                .clipNorm(clipNorm)
                .maxNorm(maxNorm)
                .patience(patience)
                .seed(seed)
                .threads(ThreadCount.of(threads))
                .augmentation(Augmentation.parse(augment))
                .momentumRamp(MomentumRamp.parse(momentumRamp))
                .build());
    }

    /** The layer spec with --activation filled in and --dropout after every hidden activation. */
    public NetworkSpec networkSpec() {
        return UsageException.wrap(() -> {
            if (!(dropout >= 0 && dropout < 1)) {
                throw new IllegalArgumentException("--dropout must be in [0, 1), got " + dropout);
            }
            NetworkSpec parsed = NetworkSpec.parse(layers, Activation.byName(activation));
            if (dropout == 0) {
                return parsed;
            }
            List<NetworkSpec.Step> steps = new ArrayList<>();
            for (NetworkSpec.Step step : parsed.steps()) {
                steps.add(step);
                if (step instanceof NetworkSpec.ActivationStep) {
                    steps.add(new NetworkSpec.DropoutStep(dropout));
                }
            }
            return new NetworkSpec(parsed.inputSize(), steps);
        });
    }

    /** What a model or checkpoint records of how it was made. */
    public Map<String, String> provenance(TrainingConfig config, NetworkSpec networkSpec, MnistData data, String dataset) {
        Map<String, Object> more = new LinkedHashMap<>();
        more.put("init", init);
        more.put("validation", validation);
        if (subset != null) {
            more.put("subset", subset);
        }
        Map<String, String> metadata = Provenance.of(Glassbox.version(), networkSpec, config, data, more);
        metadata.put("glassbox.dataset", dataset);
        return metadata;
    }
}
