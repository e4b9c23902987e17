package dev.glassbox.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.playwright.Page;
import dev.glassbox.kernels.Kernels.Epilogue;
import dev.glassbox.kernels.Kernels;
import dev.glassbox.kernels.ReferenceKernels;
import dev.glassbox.tensor.Rng;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine compiled by TeaVM gives the JVM's results in a browser: both builds of {@link Engine}
 * (WebAssembly GC and JavaScript) run in headless Chromium from a page served out of
 * {@code target/web}, and their results come back as raw bits and are compared with the same
 * {@link Computations} run on the JVM.
 *
 * <p>The WebAssembly GC build must match bit for bit. The JavaScript build does float arithmetic in
 * double precision (see {@link JavaScriptFloats}): it must match that model bit for bit, and stay
 * within a measured distance of the JVM. Double-precision code (the engine's {@code PortableMath})
 * matches bit for bit in both.
 */
class SameBitsTest {
    private static final String WASM = "wasm";
    private static final String JAVASCRIPT = "javascript";

    private static PageServer server;
    private static Chromium chromium;
    private static Page page;

    /*
     * How far the JavaScript build may be from the JVM, mostly in units in the last place: what these
     * tests measured with their fixed inputs (TeaVM 0.16.0, Chromium 156). Float results move because
     * the JavaScript build does float arithmetic in double precision (the model in JavaScriptFloats
     * predicts its bits exactly); double results move where TeaVM's JavaScript drops the parentheses of
     * a + (b − c), evaluating (a + b) − c instead: PortableMath.log's last line, and the loss's running
     * total.
     */
    private static final long LINEAR_JAVASCRIPT_ULPS = 30;
    /**
     * Softmax gradients are compared absolutely: a tiny probability may be far off in ulps (the JVM
     * rounds z − max to float before exp, JavaScript does not) while no value moves by more than one
     * float rounding of a probability near 1, times the scale 1/rows.
     */
    private static final double SOFTMAX_GRADIENT_JAVASCRIPT_DISTANCE = 0x1p-24 / 8;
    private static final long DESCENT_JAVASCRIPT_ULPS = 96;
    private static final long LOSS_JAVASCRIPT_ULPS = 1;
    private static final long LOG_JAVASCRIPT_ULPS = 1;

    private final Kernels jvm = ReferenceKernels.PROVIDER.open(1);
    private final JavaScriptFloats javaScriptModel = new JavaScriptFloats();

    @BeforeAll
    static void openPage() throws IOException {
        Path web = Path.of(System.getProperty("glassbox.web.directory", "target/web")).toAbsolutePath();
        assertThat(web.resolve("wasm/classes.wasm"))
                .as("the WebAssembly GC build (mvn process-classes writes it)")
                .isRegularFile();
        assertThat(web.resolve("js/classes.js")).isRegularFile();
        server = new PageServer(web, Map.of());
        chromium = new Chromium();
        page = chromium.page();
        page.navigate(server.url("same-bits.html"));
        page.waitForFunction("() => window.engineReady === true");
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

    @Test
    void linearGivesTheSameBits() {
        Rng random = new Rng(1);
        int[][] shapes = {{1, 1, 1}, {5, 7, 33}, {4, 10, 784}, {0, 3, 4}, {3, 0, 4}, {2, 3, 0}};
        for (int[] s : shapes) {
            int batch = s[0];
            int out = s[1];
            int in = s[2];
            float[] x = uniform(random, batch * in, 1f);
            float[] w = uniform(random, out * in, 0.1f);
            float[] bias = uniform(random, out, 0.5f);
            var shape = new Computations.LinearShape(batch, out, in);
            float[] expected = Computations.linear(jvm, x, w, bias, shape);
            String what = "linear " + Arrays.toString(s);

            Bits.assertSame(what + " in WebAssembly GC", expected, floats(call(WASM, "linear", x, w, bias, batch, out, in)));

            float[] js = floats(call(JAVASCRIPT, "linear", x, w, bias, batch, out, in));
            Bits.assertSame(what + " in JavaScript, against the model of its float arithmetic",
                    Computations.linear(javaScriptModel, x, w, bias, shape), js);
            assertThat(report(what, expected, js).ulps()).as(what + " in JavaScript, ulps from the JVM")
                    .isLessThanOrEqualTo(LINEAR_JAVASCRIPT_ULPS);
        }
    }

    @Test
    void softmaxCrossEntropyGivesTheSameBits() {
        Rng random = new Rng(2);
        int rows = 8; // a power of two, so that 1/rows is the same float and double
        int classes = 10;
        for (float spread : new float[] {1f, 8f, 80f}) {
            float[] z = uniform(random, rows * classes, spread);
            int[] labels = labels(random, rows, classes);
            String what = "softmax cross-entropy of logits within ±" + spread;

            float[] gradient = Computations.softmaxCrossEntropyGradient(jvm, z, labels, classes);
            Bits.assertSame(what + ", gradient in WebAssembly GC", gradient,
                    floats(call(WASM, "softmaxCrossEntropyGradient", z, labels, classes)));
            double loss = Computations.softmaxCrossEntropyLoss(jvm, z, labels, classes);
            Bits.assertSame(what + ", loss in WebAssembly GC", new double[] {loss},
                    doubles(call(WASM, "softmaxCrossEntropyLoss", z, labels, classes)));

            float[] jsGradient = floats(call(JAVASCRIPT, "softmaxCrossEntropyGradient", z, labels, classes));
            Bits.assertSame(what + ", gradient in JavaScript, against the model",
                    Computations.softmaxCrossEntropyGradient(javaScriptModel, z, labels, classes), jsGradient);
            assertThat(report(what + ", gradient", gradient, jsGradient).absolute())
                    .as(what + ", gradient in JavaScript, distance from the JVM")
                    .isLessThanOrEqualTo(SOFTMAX_GRADIENT_JAVASCRIPT_DISTANCE);
            // The loss is a double: the JavaScript build differs from the JVM only where it reassociates sums
            // (PortableMath.log's last line, and the running total), not through float rounding.
            double jsLoss = doubles(call(JAVASCRIPT, "softmaxCrossEntropyLoss", z, labels, classes))[0];
            System.out.printf("%s, loss: JVM %s, JavaScript %s, %d ulps apart%n", what, loss, jsLoss, Bits.ulps(loss, jsLoss));
            assertThat(Bits.ulps(loss, jsLoss)).as(what + ", loss in JavaScript, ulps from the JVM")
                    .isLessThanOrEqualTo(LOSS_JAVASCRIPT_ULPS);
        }
    }

    @Test
    void portableMathGivesTheSameBitsInBothBuilds() {
        Rng random = new Rng(3);
        double[] special = {0.0, -0.0, Double.MIN_VALUE, 1e-300, 1e-8, 0.5, 1, -1, Math.PI, 2.5, 10, -10, 22.5, -22.5,
            100, 700, -700, 709.7, 709.8, -745, -746, 1e5, -1e5, Double.MAX_VALUE, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.NaN};
        double[] x = Arrays.copyOf(special, special.length + 500);
        for (int i = special.length; i < x.length; i++) {
            x[i] = (random.nextDouble() * 2 - 1) * (i % 2 == 0 ? 30 : 3);
        }
        double[] expected = Computations.portableMath(x);
        Bits.assertSame("PortableMath in WebAssembly GC", expected, doubles(call(WASM, "portableMath", x)));
        double[] js = doubles(call(JAVASCRIPT, "portableMath", x));
        List<String> functions = Computations.PORTABLE_MATH;
        for (int f = 0; f < functions.size(); f++) {
            String function = functions.get(f);
            long max = 0;
            for (int i = 0; i < x.length; i++) {
                if ((function.equals("sin") || function.equals("cos")) && Math.abs(x[i]) >= 0x1p63) {
                    // Far beyond the domain of PortableMath's sin and cos (|x| ≤ 1e5): the quadrant comes from
                    // (long) q, which saturates on the JVM and in WebAssembly and wraps around in TeaVM's JavaScript.
                    continue;
                }
                int at = i * functions.size() + f;
                long distance = Bits.ulps(expected[at], js[at]);
                max = Math.max(max, distance);
                assertThat(distance)
                        .as("PortableMath.%s(%s) in JavaScript: JVM %s, JavaScript %s", function, x[i], expected[at],
                                js[at])
                        .isLessThanOrEqualTo(function.equals("log") ? LOG_JAVASCRIPT_ULPS : 0);
            }
            System.out.printf("PortableMath.%s in JavaScript: at most %d ulps from the JVM%n", function, max);
        }
    }

    @Test
    void fiftyStepsOfGradientDescentGiveTheSameBits() {
        Rng random = new Rng(4);
        var net = new Computations.TwoLayers(16, 12, 10, 4); // batch 16: 1/16 is exact in float
        var descent = new Computations.Descent(50, 0.1f);
        float[] x = uniform(random, net.batch() * net.in(), 1f);
        int[] labels = labels(random, net.batch(), net.classes());
        float[] parameters = uniform(random, net.parameterCount(), 0.3f);
        float[] expected = Computations.gradientDescent(jvm, net, x, labels, parameters, descent);
        assertThat(expected).as("the descent moved the parameters").isNotEqualTo(parameters);

        Object[] args = {x, labels, parameters, net.hidden(), net.classes(), descent.steps(), descent.learningRate()};
        Bits.assertSame("50 steps of gradient descent in WebAssembly GC", expected,
                floats(call(WASM, "gradientDescent", args)));

        float[] js = floats(call(JAVASCRIPT, "gradientDescent", args));
        Bits.assertSame("50 steps of gradient descent in JavaScript, against the model",
                javaScriptModelDescent(net, x, labels, parameters, descent), js);
        assertThat(report("50 steps of gradient descent", expected, js).ulps())
                .as("50 steps of gradient descent in JavaScript, ulps from the JVM")
                .isLessThanOrEqualTo(DESCENT_JAVASCRIPT_ULPS);
    }

    @Test
    void theComparisonRejectsOneUlpAndADifferentZero() {
        float[] a = {1f, 0f};
        assertThatThrownBy(() -> Bits.assertSame("one ulp", a, new float[] {Math.nextUp(1f), 0f}))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> Bits.assertSame("-0", a, new float[] {1f, -0f})).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> Bits.assertSame("one ulp", new double[] {1}, new double[] {Math.nextUp(1.0)}))
                .isInstanceOf(AssertionError.class);
    }

    /** {@link Computations#gradientDescent} with the JavaScript build's float arithmetic, loop for loop. */
    private float[] javaScriptModelDescent(
            Computations.TwoLayers net, float[] x, int[] labels, float[] parameters, Computations.Descent descent) {
        JavaScriptFloats k = javaScriptModel;
        int batch = net.batch();
        int in = net.in();
        int hidden = net.hidden();
        int classes = net.classes();
        float[] w1 = Arrays.copyOfRange(parameters, 0, hidden * in);
        float[] b1 = Arrays.copyOfRange(parameters, hidden * in, hidden * in + hidden);
        int second = hidden * in + hidden;
        float[] w2 = Arrays.copyOfRange(parameters, second, second + classes * hidden);
        float[] b2 = Arrays.copyOfRange(parameters, second + classes * hidden, parameters.length);
        float[] h = new float[batch * hidden];
        float[] z = new float[batch * classes];
        float[] dz = new float[batch * classes];
        float[] dh = new float[batch * hidden];
        for (int step = 0; step < descent.steps(); step++) {
            float[] dw1 = new float[w1.length];
            float[] db1 = new float[b1.length];
            float[] dw2 = new float[w2.length];
            float[] db2 = new float[b2.length];
            k.linear(x, w1, b1, h, batch, hidden, in, Epilogue.RELU);
            k.linear(h, w2, b2, z, batch, classes, hidden);
            k.softmaxCrossEntropy(z, labels, dz, 1f / batch, batch, classes);
            k.matmulTNAdd(dz, h, dw2, classes, hidden, batch);
            k.columnSumsAdd(dz, db2, batch, classes);
            k.matmulNNRelu(dz, w2, h, dh, batch, hidden, classes);
            k.matmulTNAdd(dh, x, dw1, hidden, in, batch);
            k.columnSumsAdd(dh, db1, batch, hidden);
            JavaScriptFloats.descend(w1, dw1, descent.learningRate());
            JavaScriptFloats.descend(b1, db1, descent.learningRate());
            JavaScriptFloats.descend(w2, dw2, descent.learningRate());
            JavaScriptFloats.descend(b2, db2, descent.learningRate());
        }
        float[] packed = new float[parameters.length];
        int at = 0;
        for (float[] part : List.of(w1, b1, w2, b2)) {
            System.arraycopy(part, 0, packed, at, part.length);
            at += part.length;
        }
        return packed;
    }

    // ---- calling the page: every value crosses as bits ----

    /** Calls {@code Engine.<function>} in one build; float arrays, int arrays, double arrays, ints and floats as arguments. */
    private static Map<?, ?> call(String build, String function, Object... args) {
        List<Object> encoded = new ArrayList<>();
        for (Object arg : args) {
            encoded.add(switch (arg) {
                case float[] a -> Map.of("f32", floatBits(a));
                case int[] a -> Map.of("i32", Arrays.stream(a).boxed().toList());
                case double[] a -> Map.of("f64", Arrays.stream(a)
                        .mapToObj(v -> Long.toHexString(Double.doubleToRawLongBits(v)))
                        .toList());
                case Float f -> Map.of("float", Float.floatToRawIntBits(f));
                case Integer i -> i;
                default -> throw new IllegalArgumentException("call: cannot pass " + arg.getClass());
            });
        }
        Object result = page.evaluate("([build, name, args]) => callEngine(build, name, args)",
                List.of(build, function, encoded));
        return (Map<?, ?>) result;
    }

    private static List<Integer> floatBits(float[] a) {
        List<Integer> bits = new ArrayList<>(a.length);
        for (float v : a) {
            bits.add(Float.floatToRawIntBits(v));
        }
        return bits;
    }

    private static float[] floats(Map<?, ?> result) {
        List<?> bits = (List<?>) result.get("f32");
        float[] values = new float[bits.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = Float.intBitsToFloat(((Number) bits.get(i)).intValue());
        }
        return values;
    }

    private static double[] doubles(Map<?, ?> result) {
        List<?> hex = (List<?>) result.get("f64");
        double[] values = new double[hex.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = Double.longBitsToDouble(Long.parseUnsignedLong((String) hex.get(i), 16));
        }
        return values;
    }

    // ---- comparing ----

    /** Prints how far the JavaScript build's floats are from the JVM's. */
    private static Bits.Distance report(String what, float[] jvm, float[] js) {
        Bits.Distance d = Bits.Distance.of(jvm, js);
        System.out.printf("%s: JavaScript differs from the JVM: %s%n", what, d);
        return d;
    }

    // ---- inputs ----

    private static float[] uniform(Rng random, int n, float spread) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (random.nextFloat() * 2 - 1) * spread;
        }
        return a;
    }

    private static int[] labels(Rng random, int n, int classes) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(classes);
        }
        return labels;
    }
}
