package dev.glassbox.jvm.kernels;

import dev.glassbox.kernels.Kernels;
import dev.glassbox.testkit.SeededRandom;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Every SIMD kernel on fixed seeded inputs, the outputs concatenated: run in a JVM of its own
 * (interpreted, or after the JIT compiled the kernels) by {@link SimdDeterminismTest}.
 */
final class KernelFingerprint {
    private KernelFingerprint() {}

    /** Shapes that reach the full 8-row tile and the shorter last rows, both layouts of linear, and masked edges. */
    static float[] compute(Kernels k) {
        SplittableRandom random = SeededRandom.random(17);
        int m = 29, n = 37, depth = 23, classes = 10;
        float[] a = SeededRandom.withZeros(m * depth, 0.2, random);
        float[] b = SeededRandom.withZeros(n * depth, 0.2, random);
        float[] bias = SeededRandom.withZeros(n, 0, random);
        float[] activated = SeededRandom.withZeros(m * n, 0.3, random);
        float[] wide = SeededRandom.withZeros(5 * depth, 0, random);
        int[] labels = new int[m];
        for (int i = 0; i < m; i++) {
            labels[i] = random.nextInt(classes);
        }
        float[] out = new float[0];
        float[] c = new float[m * n];
        k.linear(a, b, bias, c, m, n, depth, Kernels.Epilogue.RELU); // batch < out: C stored transposed
        out = append(out, c);
        float[] transposed = new float[5 * n];
        k.linear(wide, b, bias, transposed, 5, n, depth, Kernels.Epilogue.NONE);
        out = append(out, transposed);
        float[] direct = new float[m * 5];
        k.linear(a, wide, bias, direct, m, 5, depth, Kernels.Epilogue.RELU); // batch ≥ out: C stored by rows
        out = append(out, direct);
        float[] gradient = new float[depth * n];
        k.matmulTNAdd(a, c, gradient, depth, n, m);
        out = append(out, gradient);
        float[] dx = new float[m * depth];
        k.matmulNNRelu(c, b, a, dx, m, depth, n);
        out = append(out, dx);
        float[] sums = new float[n];
        k.columnSumsAdd(c, sums, m, n);
        out = append(out, sums);
        float[] written = new float[depth * n];
        k.matmulTNThen(a, c, written, depth, n, m, written, (v, from, to) -> {
            for (int i = from; i < to; i++) {
                v[i] = v[i] * 0.5f - 0.25f; // an update, in the product's pass
            }
        });
        out = append(out, written);
        // Columns blank in every row, as MNIST's borders are in a batch: the products leave them out.
        float[] blank = a.clone();
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < depth; p++) {
                if (p < 6 || p % 3 == 0) {
                    blank[i * depth + p] = 0f;
                }
            }
        }
        k.linear(blank, b, bias, c, m, n, depth, Kernels.Epilogue.RELU);
        out = append(out, c);
        float[] blankGradient = new float[n * depth];
        k.matmulTN(c, blank, blankGradient, n, depth, m);
        out = append(out, blankGradient);
        k.columnSums(c, sums, m, n);
        out = append(out, sums);
        float[] deep = new float[m * n];
        float[] deepA = SeededRandom.withZeros(m * 3 * depth, 0.2, random);
        float[] deepB = SeededRandom.withZeros(n * 3 * depth, 0.2, random);
        k.linear(deepA, deepB, bias, deep, m, n, 3 * depth, Kernels.Epilogue.NONE); // several depth blocks of 16
        out = append(out, deep);
        float[] probabilities = new float[m * classes];
        float loss = (float) k.softmaxCrossEntropy(activated, labels, probabilities, 1f / m, m, classes);
        out = append(out, probabilities);
        out = append(out, new float[] {loss});
        float[] relu = new float[m * n];
        k.reluBackward(activated, c, relu, m * n);
        return append(out, relu);
    }

    private static float[] append(float[] a, float[] b) {
        float[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    /**
     * Args: output file, number of warm-up rounds before the fingerprint that is written. The
     * fingerprint runs every kernel shape the tuning can choose, and one of depth blocks of 16.
     */
    public static void main(String[] args) throws IOException {
        try (Kernels k = KernelChoice.named("simd").open(1)) {
            if (!k.name().equals("simd")) {
                throw new IllegalStateException("expected the SIMD kernels, got " + k.name());
            }
        }
        List<Kernels> shapes = new ArrayList<>();
        for (KernelShape shape : KernelShapesTest.shapes()) {
            shapes.add(new SimdKernels(1, shape));
        }
        try {
            int rounds = Integer.parseInt(args[1]);
            for (int i = 0; i < rounds; i++) {
                for (Kernels k : shapes) {
                    compute(k);
                }
            }
            float[] result = new float[0];
            for (Kernels k : shapes) {
                result = append(result, compute(k));
            }
            try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(Path.of(args[0])))) {
                for (float v : result) {
                    out.writeInt(Float.floatToRawIntBits(v));
                }
            }
        } finally {
            shapes.forEach(Kernels::close);
        }
    }
}
