package dev.glassbox.web;

import dev.glassbox.data.Dataset;
import dev.glassbox.data.Mnist;
import dev.glassbox.data.MnistData;
import dev.glassbox.explain.Explainer;
import dev.glassbox.io.Json;
import dev.glassbox.io.ModelCodec;
import dev.glassbox.io.TrainingStateJson;
import dev.glassbox.kernels.KernelProvider;
import dev.glassbox.kernels.Kernels;
import dev.glassbox.kernels.TiledKernels;
import dev.glassbox.loss.Loss;
import dev.glassbox.nn.Init;
import dev.glassbox.nn.Network;
import dev.glassbox.nn.NetworkSpec;
import dev.glassbox.nn.Parameter;
import dev.glassbox.optim.OptimizerConfig;
import dev.glassbox.tensor.Matrix;
import dev.glassbox.train.Trainer;
import dev.glassbox.train.TrainingConfig;
import dev.glassbox.train.TrainingData;
import dev.glassbox.train.TrainingRun;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's objects a page works with — networks, MNIST-layout data, datasets and training
 * runs — kept under int {@link Handles}, with the operations {@link Engine} exports, on plain Java
 * arrays and strings. Glue only: every number comes from the engine ({@link NetworkSpec},
 * {@link ModelCodec}, {@link Mnist}, {@link Trainer}, {@link Explainer}) running the
 * {@link TiledKernels} on the page's one thread: the scalar kernels' fast loops, which give the
 * {@code ReferenceKernels}' bits.
 *
 * <p>Ownership: a training run trains its network's handle in place, so the network's weights read
 * between steps are the run's. Releasing a run leaves its network; releasing a network under a
 * running run leaves the run training its (now unreachable) network.
 */
final class Workspace {
    /** The kernels of every computation here; a page has one thread. */
    static final KernelProvider KERNELS = TiledKernels.PROVIDER;
    /** The data checksum recorded when the page gives none: the page hashes nothing. */
    static final String UNKNOWN_SHA256 = "0".repeat(64);

    private final Handles handles = new Handles();
    private final Kernels kernels = KERNELS.open(1);

    /** A training run with what it trains on. */
    private record Run(TrainingRun run, Network network) implements AutoCloseable {
        @Override
        public void close() {
            run.close();
        }
    }

    // ---- networks ----

    /** A new network of {@code spec} (e.g. {@code 784-32-relu-16-relu-10}), weights drawn from {@code seed}. */
    int network(String spec, long seed) {
        return handles.add(NetworkSpec.parse(spec).build(seed));
    }

    /** As {@link #network(String, long)}, every dense layer initialised with {@code init} ({@code he}, {@code xavier}). */
    int network(String spec, String init, long seed) {
        return handles.add(NetworkSpec.parse(spec).build(Init.byName(init), seed));
    }

    /** A network read from safetensors bytes as {@link ModelCodec} writes them. */
    int model(byte[] safetensors) {
        return handles.add(ModelCodec.read(safetensors).network());
    }

    /** The network's safetensors bytes, with no metadata beyond the spec. */
    byte[] save(int network) {
        return ModelCodec.write(network(network), Map.of());
    }

    /**
     * The network's spec and parameters as JSON:
     * {@code {"spec": "784-32-relu-10", "inputs": 784, "outputs": 10, "parameters": [{"name":
     * "layers.0.weight", "rows": 32, "cols": 784, "offset": 0}, ...]}}, offsets into {@link #weights}.
     */
    String describe(int handle) {
        Network network = network(handle);
        List<Object> parameters = new ArrayList<>();
        int offset = 0;
        for (Parameter p : network.parameters()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", p.name());
            entry.put("rows", p.value().rows());
            entry.put("cols", p.value().cols());
            entry.put("offset", offset);
            parameters.add(entry);
            offset += p.value().size();
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("spec", network.spec().toString());
        json.put("inputs", network.inputSize());
        json.put("outputs", network.outputSize());
        json.put("parameters", parameters);
        return Json.write(json);
    }

    /** Every parameter's values, in {@link Network#parameters()} order, row-major, one after the other. */
    float[] weights(int handle) {
        List<Parameter> parameters = network(handle).parameters();
        int length = 0;
        for (Parameter p : parameters) {
            length += p.value().size();
        }
        float[] packed = new float[length];
        int at = 0;
        for (Parameter p : parameters) {
            float[] values = p.value().data();
            System.arraycopy(values, 0, packed, at, values.length);
            at += values.length;
        }
        return packed;
    }

    /** Parameter {@code index} of {@link Network#parameters()}, row-major. */
    float[] parameter(int handle, int index) {
        List<Parameter> parameters = network(handle).parameters();
        if (index < 0 || index >= parameters.size()) {
            throw new IllegalArgumentException("parameter: expected an index in 0.." + (parameters.size() - 1)
                    + ", got " + index);
        }
        return parameters.get(index).value().data().clone();
    }

    /**
     * The raw outputs (logits) of the network for a batch.
     *
     * @param x (rows, inputs) row-major, values scaled as in training (pixel / 255)
     * @return (rows, outputs) row-major
     */
    float[] predict(int handle, float[] x) {
        Network network = network(handle);
        int inputs = network.inputSize();
        if (x.length % inputs != 0) {
            throw new IllegalArgumentException("predict: expected whole rows of " + inputs + " values, got "
                    + x.length + " values");
        }
        return network.predict(Matrix.wrap(x.length / inputs, inputs, x.clone()), kernels).data();
    }

    // ---- data ----

    /**
     * MNIST-layout data from the four IDX files' bytes (each raw or gzip).
     *
     * @param sha256 the checksum to record ({@link MnistData#sha256()}), or empty: the page's business
     */
    int mnist(byte[] trainImages, byte[] trainLabels, byte[] testImages, byte[] testLabels, String sha256) {
        Map<String, byte[]> files = new HashMap<>();
        files.put(Mnist.TRAIN_IMAGES, trainImages);
        files.put(Mnist.TRAIN_LABELS, trainLabels);
        files.put(Mnist.TEST_IMAGES, testImages);
        files.put(Mnist.TEST_LABELS, testLabels);
        return handles.add(Mnist.fromBytes("mnist", files, sha256 == null || sha256.isEmpty() ? UNKNOWN_SHA256 : sha256));
    }

    /** Samples {@code [from, to)} of the training ({@code part} "train") or test ("test") set of MNIST data. */
    int dataset(int mnist, String part, int from, int to) {
        MnistData data = handles.get(mnist, MnistData.class, "MNIST data");
        Dataset set = switch (part) {
            case "train" -> data.train();
            case "test" -> data.test();
            default -> throw new IllegalArgumentException("dataset: expected part \"train\" or \"test\", got \"" + part + "\"");
        };
        return handles.add(set.slice(set.name() + "[" + from + ":" + to + "]", from, to));
    }

    /** How many samples a dataset holds. */
    int size(int dataset) {
        return dataset(dataset).size();
    }

    /** Sample {@code index} of a dataset as the network reads it: (features) values pixel / 255. */
    float[] sample(int handle, int index) {
        Dataset dataset = dataset(handle);
        if (index < 0 || index >= dataset.size()) {
            throw new IllegalArgumentException("sample: expected an index in 0.." + (dataset.size() - 1) + ", got " + index);
        }
        Matrix x = Matrix.zeros(1, dataset.features());
        dataset.fillBatch(new int[] {index}, 0, 1, x, new int[1]);
        return x.data();
    }

    /** The label of sample {@code index}. */
    int label(int handle, int index) {
        return dataset(handle).label(index);
    }

    // ---- training ----

    /**
     * The training settings a run uses when {@link #startTraining} is given none: the engine's
     * defaults ({@link TrainingConfig#builder()}) on one thread, as the JSON
     * {@link TrainingStateJson#writeConfig} writes.
     */
    static String defaultTrainingConfig() {
        return TrainingStateJson.writeConfig(TrainingConfig.builder().threads(1).build());
    }

    /**
     * Starts training {@code network} on {@code dataset} (no validation or test set: the page
     * evaluates what it likes). {@code settings} is a JSON object of the fields of
     * {@link #defaultTrainingConfig()} to change, e.g.
     * {@code {"batch_size": 32, "learning_rate": 0.001, "schedule": "constant", "seed": 7,
     * "optimizer": {"kind": "adam"}}}; fields not given keep their default, and the thread count is
     * always 1. Advance the run with {@link #trainSteps}.
     */
    int startTraining(int network, int dataset, String settings) {
        TrainingConfig config = trainingConfig(settings);
        Network trained = network(network);
        TrainingRun run = new Trainer(config, KERNELS).start(trained, TrainingData.of(dataset(dataset)));
        return handles.add(new Run(run, trained));
    }

    /** {@link #defaultTrainingConfig()} with the fields of {@code settings} replaced, on one thread. */
    static TrainingConfig trainingConfig(String settings) {
        @SuppressWarnings("unchecked")
        Map<String, Object> merged = (Map<String, Object>) Json.parse(defaultTrainingConfig());
        Object given = Json.parse(settings == null || settings.isBlank() ? "{}" : settings);
        if (!(given instanceof Map<?, ?> changes)) {
            throw new IllegalArgumentException("startTraining: expected the settings as a JSON object, got " + settings);
        }
        overlay(merged, changes, "settings");
        merged.put("threads", 1L);
        return TrainingStateJson.readConfig(Json.write(merged));
    }

    /** Replaces the fields of {@code base} with those of {@code changes}, object fields field by field. */
    @SuppressWarnings("unchecked")
    private static void overlay(Map<String, Object> base, Map<?, ?> changes, String path) {
        for (Map.Entry<?, ?> change : changes.entrySet()) {
            String key = (String) change.getKey();
            Object old = base.get(key);
            if (old == null) {
                throw new IllegalArgumentException("startTraining: unknown setting " + path + "." + key + "; known: "
                        + base.keySet());
            }
            if (old instanceof Map<?, ?> oldObject && change.getValue() instanceof Map<?, ?> newObject) {
                overlay((Map<String, Object>) oldObject, newObject, path + "." + key);
            } else {
                base.put(key, change.getValue());
            }
        }
    }

    /**
     * Trains up to {@code steps} more batches of a run.
     *
     * @return the batches trained so far in the whole run; fewer than asked once the run is over
     */
    long trainSteps(int handle, int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("trainSteps: expected steps ≥ 0, got " + steps);
        }
        TrainingRun run = run(handle).run();
        for (int i = 0; i < steps && run.step(); i++) {
            // each step trains one batch
        }
        return run.steps();
    }

    /** Whether a run has trained all its epochs. */
    boolean finished(int handle) {
        return run(handle).run().finished();
    }

    /** The handle-free network a run trains: the same object as its network handle's. */
    Network runNetwork(int handle) {
        return run(handle).network();
    }

    // ---- explaining ----

    /**
     * One training step on one example, every number kept ({@link Explainer#backprop}) with the
     * softmax cross-entropy loss, as the flat array of {@link TraceLayout}. The network itself is
     * not changed.
     *
     * @param input (inputs) values scaled as in training
     * @param optimizer an optimizer name ({@code sgd}, {@code adam}, ...) with its default settings
     */
    double[] backprop(int network, float[] input, int label, String optimizer, float learningRate) {
        Network source = network(network);
        var explainer = Explainer.of(source, Loss.byName("cross-entropy"), KERNELS);
        return TraceLayout.pack(source, explainer.backprop(input, label, OptimizerConfig.of(optimizer), learningRate));
    }

    /** The sections of {@link #backprop}'s array for a network: {@code {"name": [offset, length], ...}} in order. */
    String traceLayout(int network) {
        Map<String, Object> json = new LinkedHashMap<>();
        TraceLayout.sections(network(network)).forEach((name, s) -> json.put(name, List.of(s.offset(), s.length())));
        return Json.write(json);
    }

    // ---- handles ----

    /** Releases a handle of any kind; returns whether it held something. */
    boolean release(int handle) {
        return handles.release(handle);
    }

    /** The MNIST data under {@code handle}, from {@link #mnist}. */
    MnistData mnistData(int handle) {
        return handles.get(handle, MnistData.class, "MNIST data");
    }

    private Network network(int handle) {
        return handles.get(handle, Network.class, "network");
    }

    private Dataset dataset(int handle) {
        return handles.get(handle, Dataset.class, "dataset");
    }

    private Run run(int handle) {
        return handles.get(handle, Run.class, "training run");
    }
}
