package dev.glassbox.cli;

import dev.glassbox.data.Augmentation;
import dev.glassbox.data.Dataset;
import dev.glassbox.data.MnistData;
import dev.glassbox.data.Split;
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
    /** The value of {@code --layers} that takes the input and output sizes from the data. */
    static final String AUTO = "auto";

    /** Hidden layers of {@code --layers auto}: those of the default MNIST network. */
    static final String AUTO_HIDDEN = "256-128";

    static final int DEFAULT_EPOCHS = 10;

    /** Fewest batches a run without --epochs trains: a table of a few hundred rows needs many passes to learn. */
    static final int MIN_STEPS = 2000;

    /** Most samples the default validation hold-out takes: MNIST's 5,000. */
    static final int MAX_AUTO_VALIDATION = 5000;

    /**
     * Fewest samples the default validation hold-out takes: on a smaller one, picking the best
     * epoch follows noise (one odd sample decides), so small data keeps its last epoch instead.
     */
    static final int MIN_AUTO_VALIDATION = 100;

    /**
     * Fewer training samples than this make a table or an image folder small data, whose defaults
     * guard against learning the samples by heart: hidden layers as wide as a quarter of the
     * samples (at least 32 and 16, at most 256 and 128) and L2 weight decay. MNIST-layout data keeps
     * the MNIST defaults whatever its size.
     */
    static final int SMALL_DATA = 5000;

    static final float SMALL_DATA_WEIGHT_DECAY = 0.01f;

    @Option(names = {"-l", "--layers"}, paramLabel = "SPEC", defaultValue = AUTO,
            description = "Layer sizes from input to output, optionally with activations and dropout, e.g."
                    + " 784-512-gelu-256-gelu-10 or 784-dropout0.2-1024-1024-10; auto: INPUTS-256-128-OUTPUTS from"
                    + " the data (784-256-128-10 on MNIST). Default: ${DEFAULT-VALUE}.")
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

    @Option(names = "--loss", paramLabel = "NAME",
            description = "cross-entropy (softmax, fused) or mse. Default: cross-entropy, or mse for a regression.")
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

    @Option(names = "--weight-decay", paramLabel = "LAMBDA",
            description = "L2 weight decay (decoupled for adamw). Default: 0, or " + SMALL_DATA_WEIGHT_DECAY
                    + " on a small table or image folder.")
    Float weightDecay;

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

    @Option(names = {"-e", "--epochs"}, paramLabel = "N",
            description = "Passes over the training set. Default: " + DEFAULT_EPOCHS + ", or on small data as many"
                    + " as make " + MIN_STEPS + " batches (with --patience at a fifth of them).")
    Integer epochs;

    @Option(names = "--subset", paramLabel = "N",
            description = "Train on the first N training images only (before the validation hold-out), for quick"
                    + " experiments. Default: all.")
    Integer subset;

    @Option(names = "--validation", paramLabel = "N",
            description = "Training samples held out to pick the best epoch and stop early (0 = none; the test"
                    + " set is never used for that): MNIST's last N, other data's drawn with the seed, stratified by"
                    + " class. Default: a tenth of the training set, at most " + MAX_AUTO_VALIDATION + ".")
    Integer validation;

    @Option(names = "--patience", paramLabel = "EPOCHS",
            description = "Stop after this many epochs without better validation accuracy, or loss for a regression"
                    + " (0 = never). Default: 0, or a fifth of the epochs when small data raised them.")
    Integer patience;

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
        return trainingData(data, false);
    }

    /**
     * The training set cut to --subset, the validation set held out from it — the last samples,
     * as MNIST's convention has it, or for the user's {@code own} data (a table or an image
     * folder, which may be sorted by class) a stratified draw with the seed — and the test set.
     */
    public TrainingData trainingData(MnistData data, boolean own) {
        Dataset train = subset(data.train());
        int count = validationCount(train.size(), own);
        heldOut = count;
        if (count >= train.size()) {
            throw new UsageException("--validation " + count + " leaves no training data (the set has "
                    + train.size() + " samples)");
        }
        if (!own || count == 0) {
            return TrainingData.of(train).holdOut(count).withTest(data.test());
        }
        int[] groups = new int[train.size()];
        if (!train.isRegression()) {
            for (int i = 0; i < groups.length; i++) {
                groups[i] = train.label(i);
            }
        }
        Split split = Split.stratified(groups, (double) count / train.size(), seed ^ VALIDATION_STREAM);
        return new TrainingData(train.select(train.name() + " (training)", split.first()),
                train.select("validation", split.second()), data.test());
    }

    /** The validation count {@link #trainingData} held out, for the provenance; null before. */
    private Integer heldOut;

    /** Keeps validation draws apart from the test split's, which uses the seed itself. */
    private static final long VALIDATION_STREAM = 0x9E37_79B9_7F4A_7C15L;

    private Dataset subset(Dataset train) {
        if (subset == null) {
            return train;
        }
        if (subset < 1 || subset > train.size()) {
            throw new UsageException("--subset must be 1.." + train.size() + ", got " + subset);
        }
        return train.slice(train.name() + "[0:" + subset + "]", 0, subset);
    }

    /**
     * --validation, or a tenth of {@code trainSize} up to {@value #MAX_AUTO_VALIDATION} — none of
     * the user's {@code own} data when that is under {@value #MIN_AUTO_VALIDATION}.
     */
    int validationCount(int trainSize, boolean own) {
        if (validation != null && validation < 0) {
            throw new UsageException("--validation must be 0 or more (0 = hold out nothing), got " + validation);
        }
        if (validation != null) {
            return validation;
        }
        int tenth = Math.min(MAX_AUTO_VALIDATION, trainSize / 10);
        return own && tenth < MIN_AUTO_VALIDATION ? 0 : tenth;
    }

    /** The held-out count for a memory estimate before the data is loaded: anything but 0 keeps one weight copy. */
    boolean holdsOut() {
        return validation == null || validation > 0;
    }

    /** The run's settings for the default epochs ({@value #DEFAULT_EPOCHS} unless given). */
    public TrainingConfig config() {
        return config(epochs != null ? epochs : DEFAULT_EPOCHS, patience != null ? patience : 0, false,
                weightDecay != null ? weightDecay : 0);
    }

    /**
     * The run's settings for training on {@code train} (mse for a regression unless --loss says
     * otherwise; weight decay on the user's {@code own} small data, see {@link #SMALL_DATA}):
     * without --epochs, enough
     * epochs for {@value #MIN_STEPS} batches (at least {@value #DEFAULT_EPOCHS}), and then,
     * without --patience, early stopping after a fifth of them without a better epoch.
     */
    public TrainingConfig config(Dataset train, boolean own) {
        boolean regression = train.isRegression();
        float decay = weightDecay != null ? weightDecay : own && train.size() < SMALL_DATA ? SMALL_DATA_WEIGHT_DECAY : 0;
        if (epochs != null) {
            return config(epochs, patience != null ? patience : 0, regression, decay);
        }
        int trainSize = train.size();
        int batches = (trainSize + Math.max(1, batchSize) - 1) / Math.max(1, batchSize);
        int needed = Math.max(DEFAULT_EPOCHS, (MIN_STEPS + Math.max(1, batches) - 1) / Math.max(1, batches));
        int wait = patience != null ? patience : needed > DEFAULT_EPOCHS ? Math.max(DEFAULT_EPOCHS, needed / 5) : 0;
        return config(needed, wait, regression, decay);
    }

    private TrainingConfig config(int epochCount, int patienceCount, boolean regression, float decay) {
        if (validation != null && validation < 0) {
            throw new UsageException("--validation must be 0 or more (0 = hold out nothing), got " + validation);
        }
        if (subset != null && subset < 1) {
            throw new UsageException("--subset must be 1 or more, got " + subset);
        }
        return UsageException.wrap(() -> TrainingConfig.builder()
                .epochs(epochCount)
                .batchSize(batchSize)
                .learningRate(learningRate)
                .schedule(LearningRateSchedule.parse(schedule))
                .optimizer(OptimizerConfig.of(optimizer).withMomentum(momentum).withWeightDecay(decay))
                .loss(loss != null ? loss : regression ? "mse" : "cross-entropy")
                .clipNorm(clipNorm)
                .maxNorm(maxNorm)
                .patience(patienceCount)
                .seed(seed)
                .threads(ThreadCount.of(threads))
                .augmentation(Augmentation.parse(augment))
                .momentumRamp(MomentumRamp.parse(momentumRamp))
                .build());
    }

    /** The layer spec for MNIST (784 inputs, 10 classes); see {@link #networkSpec(int, int, int)}. */
    public NetworkSpec networkSpec() {
        return networkSpec(784, 10, 0);
    }

    /**
     * The layer spec — {@code auto}: {@code inputs-256-128-outputs}, narrower on small data of the
     * user's own ({@code smallSize} training samples, 0 for the MNIST defaults; see
     * {@link #SMALL_DATA}) — with --activation filled in and --dropout after every hidden activation.
     */
    public NetworkSpec networkSpec(int inputs, int outputs, int smallSize) {
        String hidden = AUTO_HIDDEN;
        if (smallSize > 0 && smallSize < SMALL_DATA) {
            int width = 32;
            while (width < 256 && width < smallSize / 4) {
                width *= 2;
            }
            hidden = width + "-" + width / 2;
        }
        String layerSpec = AUTO.equalsIgnoreCase(layers) ? inputs + "-" + hidden + "-" + outputs : layers;
        return UsageException.wrap(() -> {
            if (!(dropout >= 0 && dropout < 1)) {
                throw new IllegalArgumentException("--dropout must be in [0, 1), got " + dropout);
            }
            NetworkSpec parsed = NetworkSpec.parse(layerSpec, Activation.byName(activation));
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
        more.put("validation", heldOut != null ? heldOut
                : validationCount(subset != null ? subset : data.train().size(), false));
        if (subset != null) {
            more.put("subset", subset);
        }
        Map<String, String> metadata = Provenance.of(Glassbox.version(), networkSpec, config, data, more);
        metadata.put("glassbox.dataset", dataset);
        return metadata;
    }
}
