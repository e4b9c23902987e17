package dev.glassbox.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import dev.glassbox.data.Dataset;
import dev.glassbox.data.Mnist;
import dev.glassbox.explain.BackpropTrace;
import dev.glassbox.explain.Explainer;
import dev.glassbox.io.Json;
import dev.glassbox.kernels.ReferenceKernels;
import dev.glassbox.nn.Network;
import dev.glassbox.nn.NetworkSpec;
import dev.glassbox.optim.LearningRateSchedule;
import dev.glassbox.optim.OptimizerConfig;
import dev.glassbox.tensor.Matrix;
import dev.glassbox.train.Trainer;
import dev.glassbox.train.TrainingConfig;
import dev.glassbox.train.TrainingData;
import dev.glassbox.train.TrainingEvents;
import dev.glassbox.train.TrainingListener;
import dev.glassbox.train.TrainingResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real training run gives the JVM's weights in the browser. One network, {@value #SPEC} drawn
 * from seed {@value #SEED}, trains for {@value #STEPS} steps of Adam on the first {@value #IMAGES}
 * MNIST training images — batch {@value #BATCH}, so one epoch, one pass over the images in an order
 * shuffled from the seed — on the JVM with the reference kernels, and from the same IDX bytes in
 * both TeaVM builds of {@link Engine} in headless Chromium. Then one {@link Explainer} backprop
 * step of test image {@value #TEST_INDEX} is traced on the trained network.
 *
 * <p>Settings besides those: learning rate 0.001 (Adam's usual), the engine's default cosine
 * schedule (from 0.001 down to 0 at the last step), Adam's default betas and epsilon, no weight
 * decay, no augmentation, no validation hold-out, no test set during training. The trace's step is
 * a fresh Adam's at 0.001.
 *
 * <p>WebAssembly GC must give the JVM's bits, weights and trace alike. The JavaScript build does
 * not: TeaVM 0.16.0's JavaScript backend keeps float locals and intermediates as doubles (no
 * {@code Math.fround}; float casts dropped; a value is rounded to float only when stored into a
 * {@code float[]}), so a dot product is rounded once instead of at every step (see
 * {@link JavaScriptFloats}); and it drops parentheses on the right of + and *, reassociating double
 * sums. Both shift the first step's values by an ulp or so; 200 steps of Adam then carry those
 * differences along — Adam divides each update by the gradient's own scale, so a weight with a
 * tiny gradient moves by the learning rate whatever the gradient's last bits — and the test bounds
 * where they end up. TeaVM 0.16.0 has no option for float-exact JavaScript: its {@code strict}
 * flag adds null and bounds checks only, and no code path emits {@code Math.fround}.
 */
class SameTrainingTest {
    static final String SPEC = "784-32-relu-16-relu-10";
    static final long SEED = 7;
    static final int IMAGES = 6400;
    static final int BATCH = 32;
    static final int STEPS = 200;
    static final float LEARNING_RATE = 1e-3f;
    static final int TEST_INDEX = 0;
    /** What the page gives {@code startTraining}; the JVM's {@link #config()} must read the same. */
    static final String SETTINGS = "{\"epochs\": 1, \"batch_size\": 32, \"learning_rate\": 0.001, "
            + "\"schedule\": \"cosine\", \"seed\": 7, \"optimizer\": {\"kind\": \"adam\"}}";
    static final Path MNIST = Path.of("../data/mnist");

    /*
     * How far the JavaScript build may be from the JVM: what this test measured (TeaVM 0.16.0,
     * Chromium 156), times about ten. Relative distances are the largest |JS − JVM| of an array over
     * its largest |JVM| value, so that values near zero, far apart in ulps but not in size, do not
     * dominate. Measured: the initial weights are the same bits (one rounding each, at the store);
     * after 200 steps 14,449 of 25,818 weights differ, by at most 15,732 ulps (a weight near zero)
     * and 2.0e-7 relative; in the trace at most 11,119 ulps (∂loss/∂pixel, near zero) and 7.5e-6
     * relative (an update new − old is one float ulp of the weight, 7.5e-9, where the weights
     * differ; Adam's first step makes every update ±0.001 or so).
     */
    private static final long INITIAL_WEIGHTS_JAVASCRIPT_ULPS = 0;
    private static final long WEIGHTS_JAVASCRIPT_ULPS = 1 << 17;
    private static final double WEIGHTS_JAVASCRIPT_RELATIVE = 2e-6;
    private static final long TRACE_JAVASCRIPT_ULPS = 1 << 17;
    private static final double TRACE_JAVASCRIPT_RELATIVE = 1e-4;

    private static Chromium chromium;
    private static PageServer server;
    private static Jvm jvm;
    private static Map<String, Map<?, ?>> browser = new HashMap<>();

    /** The JVM's run: the weights before and after, the batch losses and the trace. */
    private record Jvm(float[] before, float[] after, List<Double> losses, TrainingResult result, float[] input,
            double[] trace, Network network) {}

    @BeforeAll
    static void train() throws IOException {
        jvm = trainOnTheJvm();
        Path web = Path.of(System.getProperty("glassbox.web.directory", "target/web")).toAbsolutePath();
        assertThat(web.resolve("wasm/classes.wasm")).as("the WebAssembly GC build (mvn process-classes writes it)")
                .isRegularFile();
        server = new PageServer(web, Map.of("data", MNIST.toAbsolutePath().normalize()));
        chromium = new Chromium();
        Page page = chromium.page();
        page.navigate(server.url("same-training.html"));
        page.waitForFunction("() => window.engineReady === true", null,
                new Page.WaitForFunctionOptions().setTimeout(120_000));
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("spec", SPEC);
        args.put("seed", (int) SEED);
        args.put("count", IMAGES);
        args.put("settings", SETTINGS);
        args.put("steps", STEPS);
        args.put("testIndex", TEST_INDEX);
        args.put("optimizer", "adam");
        args.put("learningRate", (double) LEARNING_RATE); // exactly the float
        for (String build : List.of("wasm", "javascript")) {
            Map<?, ?> result = (Map<?, ?>) page.evaluate("([build, args]) => sameTraining(build, args)",
                    List.of(build, args));
            System.out.printf("%s: %s steps in %.2f s%n", build, result.get("steps"),
                    ((Number) result.get("seconds")).doubleValue());
            browser.put(build, result);
        }
    }

    @AfterAll
    static void close() {
        if (chromium != null) {
            assertThat(chromium.errors).as("errors on the page").isEmpty();
            chromium.close();
        }
        if (server != null) {
            server.close();
        }
    }

    static TrainingConfig config() {
        return TrainingConfig.builder()
                .epochs(1)
                .batchSize(BATCH)
                .learningRate(LEARNING_RATE)
                .schedule(new LearningRateSchedule.Cosine(0))
                .optimizer(OptimizerConfig.of(OptimizerConfig.Kind.ADAM))
                .seed(SEED)
                .threads(1)
                .build();
    }

    /** The four IDX files of {@link #MNIST} as they are on disk (gzip), by name without .gz. */
    static Map<String, byte[]> mnistFiles() throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        for (String file : Mnist.FILES) {
            files.put(file, Files.readAllBytes(MNIST.resolve(file + ".gz")));
        }
        return files;
    }

    private static Jvm trainOnTheJvm() throws IOException {
        var data = Mnist.fromBytes("mnist", mnistFiles(), Workspace.UNKNOWN_SHA256);
        Dataset train = data.train().slice("mnist/train[0:" + IMAGES + "]", 0, IMAGES);
        Network network = NetworkSpec.parse(SPEC).build(SEED);
        float[] before = weightsOf(network);
        List<Double> losses = new ArrayList<>();
        Trainer trainer = new Trainer(config(), ReferenceKernels.PROVIDER).addListener(new TrainingListener() {
            @Override
            public void batch(TrainingEvents.Batch event) {
                losses.add(event.loss());
            }
        });
        TrainingResult result = trainer.fit(network, TrainingData.of(train));
        float[] after = weightsOf(network);

        Matrix x = Matrix.zeros(1, data.test().features());
        int[] label = new int[1];
        data.test().fillBatch(new int[] {TEST_INDEX}, 0, 1, x, label);
        BackpropTrace trace = Explainer.of(network, config().loss(), ReferenceKernels.PROVIDER)
                .backprop(x.data(), label[0], OptimizerConfig.of(OptimizerConfig.Kind.ADAM), LEARNING_RATE);
        return new Jvm(before, after, losses, result, x.data(), TraceLayout.pack(network, trace), network);
    }

    private static float[] weightsOf(Network network) {
        Workspace workspace = new Workspace();
        // The same packing the page's weights() uses, on a copy registered here.
        return workspace.weights(workspace.model(dev.glassbox.io.ModelCodec.write(network, Map.of())));
    }

    // ---- the JVM run itself ----

    @Test
    void theJvmRunTrainsOnePassAndLearns() {
        assertThat(Workspace.trainingConfig(SETTINGS)).as("the page's settings, read as the page reads them")
                .isEqualTo(config());
        assertThat(jvm.losses()).as("one loss per step").hasSize(STEPS);
        assertThat(jvm.result().epochs()).as("one epoch").hasSize(1);
        assertThat(jvm.after()).as("the weights moved").isNotEqualTo(jvm.before());
        int moved = 0;
        for (int i = 0; i < jvm.after().length; i++) {
            moved += Float.floatToRawIntBits(jvm.after()[i]) != Float.floatToRawIntBits(jvm.before()[i]) ? 1 : 0;
        }
        System.out.printf("JVM: %d of %d weights moved; loss of the first 20 batches %.4f, of the last 20 %.4f%n",
                moved, jvm.after().length, mean(jvm.losses().subList(0, 20)),
                mean(jvm.losses().subList(STEPS - 20, STEPS)));
        assertThat(moved).as("weights that moved").isGreaterThan(jvm.after().length / 2);
        assertThat(mean(jvm.losses().subList(0, 20))).as("the loss starts near ln 10").isGreaterThan(1.5);
        assertThat(mean(jvm.losses().subList(STEPS - 20, STEPS))).as("the loss of the last 20 batches")
                .isLessThan(mean(jvm.losses().subList(0, 20)) / 2);
        assertThat(jvm.result().last().trainAccuracy()).as("training accuracy over the pass")
                .isGreaterThan(0.6);
    }

    // ---- WebAssembly GC: the same bits ----

    @Test
    void webAssemblyGcGivesTheJvmsWeightsBitForBit() {
        Map<?, ?> wasm = browser.get("wasm");
        assertThat(((Number) wasm.get("steps")).intValue()).isEqualTo(STEPS);
        assertThat(wasm.get("finished")).isEqualTo(true);
        Bits.assertSame("initial weights in WebAssembly GC", jvm.before(), floats(wasm, "before"));
        Bits.assertSame("weights after " + STEPS + " steps in WebAssembly GC", jvm.after(), floats(wasm, "after"));
    }

    @Test
    void webAssemblyGcGivesTheJvmsBackpropTraceBitForBit() {
        Map<?, ?> wasm = browser.get("wasm");
        Bits.assertSame("the test image as the page read it", jvm.input(), floats(wasm, "input"));
        assertThat(Json.parse((String) wasm.get("layout"))).isEqualTo(Json.parse(layoutOf(jvm.network())));
        double[] trace = doubles(wasm, "trace");
        assertThat(trace).hasSameSizeAs(jvm.trace());
        for (int i = 0; i < trace.length; i++) {
            if (Double.doubleToRawLongBits(trace[i]) != Double.doubleToRawLongBits(jvm.trace()[i])) {
                throw new AssertionError("backprop trace in WebAssembly GC: value " + i + " (" + sectionAt(i)
                        + ") differs: JVM " + jvm.trace()[i] + ", WebAssembly GC " + trace[i]);
            }
        }
    }

    // ---- JavaScript: bounded ----

    @Test
    void javaScriptStaysCloseToTheJvmsWeights() {
        Map<?, ?> js = browser.get("javascript");
        assertThat(((Number) js.get("steps")).intValue()).isEqualTo(STEPS);
        Bits.Distance initial = Bits.Distance.of(jvm.before(), floats(js, "before"));
        System.out.println("initial weights in JavaScript: " + initial);
        assertThat(initial.ulps()).as("initial weights in JavaScript, ulps from the JVM")
                .isLessThanOrEqualTo(INITIAL_WEIGHTS_JAVASCRIPT_ULPS);
        Bits.Distance trained = Bits.Distance.of(jvm.after(), floats(js, "after"));
        System.out.println("weights after " + STEPS + " steps in JavaScript: " + trained);
        assertThat(trained.relative()).as("trained weights in JavaScript, |diff| / max |w|")
                .isLessThanOrEqualTo(WEIGHTS_JAVASCRIPT_RELATIVE);
        assertThat(trained.ulps()).as("trained weights in JavaScript, ulps from the JVM")
                .isLessThanOrEqualTo(WEIGHTS_JAVASCRIPT_ULPS);
    }

    @Test
    void javaScriptStaysCloseToTheJvmsBackpropTrace() {
        Map<?, ?> js = browser.get("javascript");
        Bits.assertSame("the test image as the page read it", jvm.input(), floats(js, "input"));
        double[] trace = doubles(js, "trace");
        assertThat(trace).hasSameSizeAs(jvm.trace());
        Map<String, TraceLayout.Section> sections = TraceLayout.sections(jvm.network());
        double worst = 0;
        long worstUlps = 0;
        for (var entry : sections.entrySet()) {
            TraceLayout.Section s = entry.getValue();
            float[] expected = new float[s.length()];
            float[] actual = new float[s.length()];
            for (int i = 0; i < s.length(); i++) {
                expected[i] = (float) jvm.trace()[s.offset() + i];
                actual[i] = (float) trace[s.offset() + i];
            }
            Bits.Distance d = Bits.Distance.of(expected, actual);
            if (d.differing() > 0) {
                System.out.println("backprop trace in JavaScript, " + entry.getKey() + ": " + d);
            }
            worst = Math.max(worst, d.relative());
            worstUlps = Math.max(worstUlps, d.ulps());
        }
        for (String same : List.of("label", "predicted", "predictedAfter")) {
            int at = sections.get(same).offset();
            assertThat(trace[at]).as(same + " in JavaScript").isEqualTo(jvm.trace()[at]);
        }
        System.out.printf("backprop trace in JavaScript: losses %s and %s against the JVM's %s and %s%n",
                trace[0], trace[1], jvm.trace()[0], jvm.trace()[1]);
        assertThat(worst).as("backprop trace in JavaScript, the largest |diff| / max |value| of a section")
                .isLessThanOrEqualTo(TRACE_JAVASCRIPT_RELATIVE);
        assertThat(worstUlps).as("backprop trace in JavaScript, the most ulps from the JVM of a value, as a float")
                .isLessThanOrEqualTo(TRACE_JAVASCRIPT_ULPS);
    }

    // ---- helpers ----

    private static String layoutOf(Network network) {
        Workspace workspace = new Workspace();
        return workspace.traceLayout(workspace.model(dev.glassbox.io.ModelCodec.write(network, Map.of())));
    }

    private static String sectionAt(int index) {
        for (var entry : TraceLayout.sections(jvm.network()).entrySet()) {
            TraceLayout.Section s = entry.getValue();
            if (index >= s.offset() && index < s.offset() + s.length()) {
                return entry.getKey() + "[" + (index - s.offset()) + "]";
            }
        }
        return "outside the layout";
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    private static float[] floats(Map<?, ?> result, String key) {
        List<?> bits = (List<?>) result.get(key);
        float[] values = new float[bits.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = Float.intBitsToFloat(((Number) bits.get(i)).intValue());
        }
        return values;
    }

    private static double[] doubles(Map<?, ?> result, String key) {
        List<?> hex = (List<?>) result.get(key);
        double[] values = new double[hex.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = Double.longBitsToDouble(Long.parseUnsignedLong((String) hex.get(i), 16));
        }
        return values;
    }
}
