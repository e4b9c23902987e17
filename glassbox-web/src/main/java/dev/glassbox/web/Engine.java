package dev.glassbox.web;

import dev.glassbox.kernels.Kernels;
import dev.glassbox.kernels.ReferenceKernels;
import org.teavm.jso.JSExport;
import org.teavm.jso.typedarrays.Float32Array;
import org.teavm.jso.typedarrays.Float64Array;
import org.teavm.jso.typedarrays.Int32Array;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * The engine as JavaScript functions, for the WebAssembly GC and the JavaScript builds alike:
 * each {@link JSExport} method becomes a function of the compiled module ({@code exports.linear}
 * once {@code TeaVM.wasmGC.load} has loaded the WebAssembly build; a named export of the
 * JavaScript build's ES module). Arguments and results are typed arrays, copied into Java arrays
 * on the way in and out ({@code copyToJavaArray}, {@code copyFromJavaArray}); the arithmetic is
 * all the engine's, reached through {@link Computations} (single kernels) and {@link Workspace}
 * (networks, data, training runs and traces), which the JVM tests call directly.
 *
 * <p>Matrices are row-major, shapes as in {@link Kernels}. The kernels are the sequential
 * {@link ReferenceKernels}: a page has no threads to give them.
 *
 * <p>A page keeps networks, data and training runs between calls as int handles (never 0): for
 * example
 * <pre>{@code
 *   const data = loadMnist(trainImages, trainLabels, testImages, testLabels, '');   // Int8Arrays of the IDX files
 *   const train = dataset(data, 'train', 0, 6400);
 *   const net = createNetwork('784-32-relu-16-relu-10', 42);
 *   const run = startTraining(net, train, '{"batch_size": 32, "optimizer": {"kind": "adam"}}');
 *   trainSteps(run, 10);                 // call again to go on; returns the steps done so far
 *   const w = weights(net);              // Float32Array, layout in describeNetwork(net)
 *   const trace = backprop(net, sample(train, 0), label(train, 0), 'sgd', 0.1);  // layout in traceLayout(net)
 *   release(run);
 * }</pre>
 * Errors are Java exceptions thrown into the page, with the engine's messages.
 *
 * <p>Seeds are JavaScript numbers holding an integer of at most 2<sup>53</sup> in magnitude, the
 * engine's {@code long} seed.
 */
public final class Engine {
    private static final Kernels KERNELS = ReferenceKernels.PROVIDER.open(1);
    private static final Workspace WORKSPACE = new Workspace();
    private static final LabWorker LAB = new LabWorker();

    private Engine() {}

    /**
     * {@code y(batch, out) = x(batch, in) · w(out, in)ᵀ + bias(out)}.
     *
     * @return y, a new array
     */
    @JSExport
    public static Float32Array linear(Float32Array x, Float32Array w, Float32Array bias, int batch, int out, int in) {
        return Float32Array.copyFromJavaArray(Computations.linear(
                KERNELS, x.copyToJavaArray(), w.copyToJavaArray(), bias.copyToJavaArray(),
                new Computations.LinearShape(batch, out, in)));
    }

    /**
     * The gradient of the mean softmax cross-entropy with respect to z (rows, classes), where rows
     * is {@code labels.length}.
     *
     * @return (rows, classes), a new array
     */
    @JSExport
    public static Float32Array softmaxCrossEntropyGradient(Float32Array z, Int32Array labels, int classes) {
        return Float32Array.copyFromJavaArray(Computations.softmaxCrossEntropyGradient(
                KERNELS, z.copyToJavaArray(), labels.copyToJavaArray(), classes));
    }

    /** The summed softmax cross-entropy of the rows of z (rows, classes) against the labels. */
    @JSExport
    public static double softmaxCrossEntropyLoss(Float32Array z, Int32Array labels, int classes) {
        return Computations.softmaxCrossEntropyLoss(KERNELS, z.copyToJavaArray(), labels.copyToJavaArray(), classes);
    }

    /**
     * The engine's own exp, expm1, log, tanh, sigmoid, sin, cos and x⁷ of every x.
     *
     * @return (x.length, 8), one row per argument, a new array
     */
    @JSExport
    public static Float64Array portableMath(Float64Array x) {
        return Float64Array.copyFromJavaArray(Computations.portableMath(x.copyToJavaArray()));
    }

    /**
     * Full-batch gradient descent of {@code in → hidden (ReLU) → classes} with softmax
     * cross-entropy, {@code steps} times.
     *
     * @param x (batch, in), where batch is {@code labels.length}
     * @param parameters W1 (hidden, in), b1 (hidden), W2 (classes, hidden), b2 (classes), packed
     * @return the parameters after the last step, packed the same way, a new array
     */
    @JSExport
    public static Float32Array gradientDescent(
            Float32Array x,
            Int32Array labels,
            Float32Array parameters,
            int hidden,
            int classes,
            int steps,
            float learningRate) {
        int batch = labels.getLength();
        int in = batch == 0 ? 0 : x.getLength() / batch;
        return Float32Array.copyFromJavaArray(Computations.gradientDescent(
                KERNELS,
                new Computations.TwoLayers(batch, in, hidden, classes),
                x.copyToJavaArray(),
                labels.copyToJavaArray(),
                parameters.copyToJavaArray(),
                new Computations.Descent(steps, learningRate)));
    }

    // ---- the lab ----

    /**
     * Shows the model in {@code safetensors} on the test set of the MNIST data {@code mnist} (from
     * {@link #loadMnist}) and trains on its training set, for {@link #labAnswer} and {@link #labTrain}.
     *
     * @param source where the model came from, in words
     * @param version the Glassbox version recorded in the models the page trains
     */
    @JSExport
    public static void labOpen(int mnist, Int8Array safetensors, String source, String version) {
        LAB.open(WORKSPACE.mnistData(mnist), safetensors.copyToJavaArray(), source, version);
    }

    /**
     * Shows the model in {@code safetensors}, trained on a table, with the table in {@code csv} (a
     * CSV file's bytes, UTF-8), for {@link #labAnswer} and {@link #labTrain}.
     *
     * @param name the table's file name, for messages
     * @param source where the model came from, in words
     * @param version the Glassbox version recorded in the models the page trains
     */
    @JSExport
    public static void labOpenTable(Int8Array csv, String name, Int8Array safetensors, String source, String version) {
        LAB.openTable(csv.copyToJavaArray(), name, safetensors.copyToJavaArray(), source, version);
    }

    /**
     * Shows the table in {@code csv} (a CSV file's bytes) that the user opened, keeping the model
     * on show if it reads those columns, else with a new network.
     *
     * @return JSON text as {@link #labAnswer} gives it
     */
    @JSExport
    public static String labOpenTableFile(Int8Array csv, String name) {
        return LAB.openTableFile(csv.copyToJavaArray(), name);
    }

    /**
     * Starts opening the zip of an image folder: with {@code safetensors}' model (the site's), or,
     * when it is empty, keeping or replacing the model on show. The page then hands over each
     * image's decoded pixels ({@link #labImageBytes}, {@link #labImageAdd}, {@link #labImageBad})
     * and calls {@link #labImagesFinish}.
     *
     * @param version the Glassbox version recorded in the models the page trains, or empty to keep it
     * @param skipBad whether images the browser cannot decode are left out rather than refused
     * @return JSON text: {@code {"result": {"images", "classes", "preparation"}}} or {@code {"error"}}
     */
    @JSExport
    public static String labImagesBegin(Int8Array zip, String name, Int8Array safetensors, String source,
            String version, boolean skipBad) {
        if (!version.isEmpty()) {
            LAB.version(version);
        }
        return LAB.imagesBegin(zip.copyToJavaArray(), name, safetensors.copyToJavaArray(), source, skipBad);
    }

    /**
     * Image {@code i}'s file bytes (PNG or JPEG), size checked, for the browser to decode; empty if
     * left out or refused ({@link #labImagesFailure}). The steps of opening images throw nothing.
     */
    @JSExport
    public static Int8Array labImageBytes(int i) {
        return Int8Array.copyFromJavaArray(LAB.imageBytes(i));
    }

    /** Prepares image {@code i} from its decoded pixels: {@code width × height} RGBA bytes (a canvas's image data). */
    @JSExport
    public static void labImageAdd(int i, Int8Array rgba, int width, int height) {
        LAB.imageAdd(i, rgba.copyToJavaArray(), width, height);
    }

    /** The browser could not decode image {@code i}: it is refused ({@link #labImagesFailure}), or left out when so asked. */
    @JSExport
    public static void labImageBad(int i, String reason) {
        LAB.imageBad(i, reason);
    }

    /** Why opening the images failed, naming the file, or the empty string while all goes well. */
    @JSExport
    public static String labImagesFailure() {
        return LAB.imagesFailure();
    }

    /**
     * Shows the images opened since {@link #labImagesBegin}.
     *
     * @return JSON text as {@link #labAnswer} gives it
     */
    @JSExport
    public static String labImagesFinish() {
        return LAB.imagesFinish();
    }

    /**
     * The lab server's answer to {@code method} ({@code "get"} or {@code "post"}) {@code route}
     * (e.g. {@code "network"}, {@code "backprop"}, {@code "train/start"}), the payload being the
     * query (an object of strings) or the body as JSON text.
     *
     * @return JSON text: {@code {"result": …}} or {@code {"error": "…"}}, and {@code "events"}
     */
    @JSExport
    public static String labAnswer(String method, String route, String payload) {
        return LAB.answer(method, route, payload);
    }

    /**
     * Trains the lab's run for about {@code millis}, if it is running.
     *
     * @return JSON text: {@code {"running", "delay", "events"}}
     */
    @JSExport
    public static String labTrain(double millis) {
        return LAB.train(millis);
    }

    /** The lab's model on show as a .safetensors file, with its provenance. */
    @JSExport
    public static Int8Array labModelFile() {
        return Int8Array.copyFromJavaArray(LAB.modelFile());
    }

    /**
     * Opens the model file {@code name} as the lab's model on show: a Glassbox model, an ONNX
     * model, or a PyTorch state_dict of the layers {@code layers} (empty otherwise), its inputs
     * normalised with {@code normalize} ({@code MEAN,STD}, or empty).
     *
     * @return JSON text as {@link #labAnswer} gives it
     */
    @JSExport
    public static String labOpenModel(Int8Array bytes, String name, String layers, String normalize) {
        return LAB.openModel(bytes.copyToJavaArray(), name, layers, normalize);
    }

    // ---- networks ----

    /**
     * A new network of the layer spec (e.g. {@code "784-32-relu-16-relu-10"}), each dense layer
     * initialised as suits the activation after it, from {@code seed}.
     *
     * @return its handle
     */
    @JSExport
    public static int createNetwork(String spec, double seed) {
        return WORKSPACE.network(spec, seed(seed));
    }

    /** As {@link #createNetwork}, every dense layer initialised with {@code init} ({@code "he"} or {@code "xavier"}). */
    @JSExport
    public static int createNetworkWithInit(String spec, String init, double seed) {
        return WORKSPACE.network(spec, init, seed(seed));
    }

    /**
     * A network from the bytes of a safetensors model file as the engine writes them
     * ({@code glassbox train --output}); the spec comes from the file's metadata.
     *
     * @return its handle
     */
    @JSExport
    public static int loadModel(Int8Array safetensors) {
        return WORKSPACE.model(safetensors.copyToJavaArray());
    }

    /** The network as safetensors bytes, which {@link #loadModel} and the JVM read back. */
    @JSExport
    public static Int8Array saveModel(int network) {
        return Int8Array.copyFromJavaArray(WORKSPACE.save(network));
    }

    /**
     * The network's spec and parameter layout, as JSON text: {@code {"spec", "inputs", "outputs",
     * "parameters": [{"name", "rows", "cols", "offset"}, ...]}}; offsets into {@link #weights}.
     */
    @JSExport
    public static String describeNetwork(int network) {
        return WORKSPACE.describe(network);
    }

    /**
     * Every parameter of the network, in order (layers.0.weight (out, in), layers.0.bias (1, out),
     * layers.2.weight, ...), each row-major, one after the other.
     *
     * @return a new array; offsets in {@link #describeNetwork}
     */
    @JSExport
    public static Float32Array weights(int network) {
        return Float32Array.copyFromJavaArray(WORKSPACE.weights(network));
    }

    /** Parameter {@code index} of the network (the order of {@link #weights}), row-major, a new array. */
    @JSExport
    public static Float32Array parameter(int network, int index) {
        return Float32Array.copyFromJavaArray(WORKSPACE.parameter(network, index));
    }

    /**
     * The network's raw outputs (logits) for a batch.
     *
     * @param x (rows, inputs) row-major, pixels scaled as in training (pixel / 255)
     * @return (rows, outputs), a new array
     */
    @JSExport
    public static Float32Array predict(int network, Float32Array x) {
        return Float32Array.copyFromJavaArray(WORKSPACE.predict(network, x.copyToJavaArray()));
    }

    // ---- data ----

    /**
     * MNIST-layout data (MNIST, Fashion-MNIST, KMNIST) from the bytes of its four IDX files, each
     * raw or gzip: {@code new Int8Array(arrayBuffer)} of train-images-idx3-ubyte[.gz],
     * train-labels-idx1-ubyte[.gz], t10k-images-idx3-ubyte[.gz] and t10k-labels-idx1-ubyte[.gz].
     *
     * @param sha256 the data's checksum to record (64 lower-case hex digits, as {@code MnistData}
     *     defines it), or {@code ""}: the engine hashes nothing, checking sums is the host's business
     * @return the handle of the data; {@link #dataset} takes sets from it
     */
    @JSExport
    public static int loadMnist(
            Int8Array trainImages, Int8Array trainLabels, Int8Array testImages, Int8Array testLabels, String sha256) {
        return WORKSPACE.mnist(trainImages.copyToJavaArray(), trainLabels.copyToJavaArray(),
                testImages.copyToJavaArray(), testLabels.copyToJavaArray(), sha256);
    }

    /**
     * Samples {@code [from, to)} of the {@code "train"} or {@code "test"} set of MNIST data from
     * {@link #loadMnist}.
     *
     * @return the dataset's handle
     */
    @JSExport
    public static int dataset(int mnist, String part, int from, int to) {
        return WORKSPACE.dataset(mnist, part, from, to);
    }

    /** How many samples the dataset holds. */
    @JSExport
    public static int datasetSize(int dataset) {
        return WORKSPACE.size(dataset);
    }

    /** Sample {@code index} of the dataset as the network reads it: (features) values pixel / 255, a new array. */
    @JSExport
    public static Float32Array sample(int dataset, int index) {
        return Float32Array.copyFromJavaArray(WORKSPACE.sample(dataset, index));
    }

    /** The label of sample {@code index} of the dataset. */
    @JSExport
    public static int label(int dataset, int index) {
        return WORKSPACE.label(dataset, index);
    }

    // ---- training ----

    /**
     * The engine's default training settings on one thread, as JSON text: {@code epochs},
     * {@code batch_size}, {@code learning_rate}, {@code schedule} ({@code "cosine"},
     * {@code "constant"}, {@code "step:N:F"}, {@code "warmup:N,..."}), {@code optimizer}
     * ({@code kind}, {@code momentum}, {@code beta1}, {@code beta2}, {@code epsilon},
     * {@code weight_decay}), {@code loss}, {@code clip_norm}, {@code max_norm}, {@code patience},
     * {@code seed}, {@code threads}, {@code augmentation}, {@code momentum_ramp}.
     */
    @JSExport
    public static String defaultTrainingConfig() {
        return Workspace.defaultTrainingConfig();
    }

    /**
     * Starts training the network on the dataset, one batch per {@link #trainSteps} step: the
     * engine's {@code Trainer} with no validation or test set. The run trains the network's handle
     * in place.
     *
     * @param settings JSON text of the fields of {@link #defaultTrainingConfig} to change, e.g.
     *     {@code '{"batch_size": 32, "learning_rate": 0.001, "schedule": "constant", "seed": 7,
     *     "optimizer": {"kind": "adam"}}'}; the others keep their defaults, and threads are always 1
     * @return the run's handle
     */
    @JSExport
    public static int startTraining(int network, int dataset, String settings) {
        return WORKSPACE.startTraining(network, dataset, settings);
    }

    /**
     * Trains up to {@code steps} more batches.
     *
     * @return the batches trained so far in the run (fewer than asked once it has finished)
     */
    @JSExport
    public static double trainSteps(int run, int steps) {
        return WORKSPACE.trainSteps(run, steps);
    }

    /** Whether the run has trained all its epochs. */
    @JSExport
    public static boolean trainingFinished(int run) {
        return WORKSPACE.finished(run);
    }

    // ---- explaining ----

    /**
     * One training step on one example with every intermediate number ({@code Explainer.backprop}):
     * forward pass, cross-entropy loss, the gradient through every layer, every parameter's gradient
     * and the update of one step of a fresh optimizer, and the forward pass after it. The network
     * is not changed.
     *
     * @param input (inputs) pixels scaled as in training, e.g. from {@link #sample}
     * @param optimizer {@code "sgd"}, {@code "momentum"}, {@code "nesterov"}, {@code "adam"}, ... with default settings
     * @return the trace as one array of doubles (floats widened exactly), sections as {@link #traceLayout} lists
     */
    @JSExport
    public static Float64Array backprop(
            int network, Float32Array input, int label, String optimizer, float learningRate) {
        return Float64Array.copyFromJavaArray(
                WORKSPACE.backprop(network, input.copyToJavaArray(), label, optimizer, learningRate));
    }

    /**
     * Where each part of a {@link #backprop} trace of the network lies, as JSON text:
     * {@code {"loss": [0, 1], ..., "input": [5, 784], "before.layers.0.output": [789, 32], ...}},
     * each {@code [offset, length]}, in array order.
     */
    @JSExport
    public static String traceLayout(int network) {
        return WORKSPACE.traceLayout(network);
    }

    // ---- handles ----

    /** Releases a handle of any kind, so its memory can be reclaimed; returns whether it held something. */
    @JSExport
    public static boolean release(int handle) {
        return WORKSPACE.release(handle);
    }

    private static long seed(double seed) {
        if (seed != Math.rint(seed) || Math.abs(seed) > 0x1p53) {
            throw new IllegalArgumentException("seed: expected an integer of at most 2^53 in magnitude, got " + seed);
        }
        return (long) seed;
    }
}
