package dev.glassbox.jvm.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.kernels.Kernels;
import dev.glassbox.testkit.SeededRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kernel shape the tuning can choose gives the same bits: each element of a product is one
 * chain of fused multiply-adds over the whole depth, in depth order, then C (when added into),
 * the bias and the epilogue. Checked against that chain written with {@link Math#fma}, on depths
 * that span several depth blocks of every candidate, on 1 and 2 threads.
 */
class KernelShapesTest {
    /** The candidates, and a block so small that every product here crosses many. */
    static List<KernelShape> shapes() {
        List<KernelShape> shapes = new ArrayList<>(KernelShape.CANDIDATES);
        shapes.add(new KernelShape(16));
        return shapes;
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void everyShapeComputesTheSameChainOfMultiplyAdds(KernelShape shape) {
        for (int threads = 1; threads <= 2; threads++) {
            try (Kernels kernels = new SimdKernels(threads, shape)) {
                assertThat(kernels.shape()).contains("depth blocks of " + shape.depthBlock());
                for (int depth : new int[] {37, 300, 1100}) {
                    check(kernels, 29, 45, depth, 7L * depth + threads);
                    check(kernels, 70, 19, depth, 11L * depth + threads);
                }
            }
        }
    }

    /**
     * Blank columns, as MNIST's borders are blank in every sample of a batch: the products leave
     * those depths and columns out, and still give the chain's bits — whether few, most or all are
     * blank, in runs or scattered, and whether a kept panel's columns are side by side or not.
     */
    @ParameterizedTest
    @MethodSource("shapes")
    void leavingOutBlankColumnsKeepsTheChain(KernelShape shape) {
        for (int threads = 1; threads <= 2; threads++) {
            try (Kernels kernels = new SimdKernels(threads, shape)) {
                for (double blank : new double[] {0.2, 0.35, 0.9, 1}) {
                    long before = kernels.skippedMultiplyAdds();
                    check(kernels, 29, 45, 300, blank, 13L + threads);
                    check(kernels, 70, 19, 1100, blank, 17L + threads);
                    check(kernels, 128, 200, 784, blank, 19L + threads);
                    assertThat(kernels.skippedMultiplyAdds()).as("multiply-adds left out").isGreaterThan(before);
                }
            }
        }
    }

    private static void check(Kernels kernels, int m, int n, int depth, long seed) {
        check(kernels, m, n, depth, 0, seed);
    }

    /**
     * With {@code blank} a share of the depths (of linear's x, the operand with the batch) and of
     * the columns of matmulTNAdd's b zeroed in every row: half of them in runs, half scattered.
     */
    private static void check(Kernels kernels, int m, int n, int depth, double blank, long seed) {
        SplittableRandom random = SeededRandom.random(seed);
        float[] a = SeededRandom.withZeros(m * depth, 0.1, random);
        float[] b = SeededRandom.withZeros(n * depth, 0.1, random);
        if (blank > 0) {
            boolean[] blankDepth = blankColumns(depth, blank, random);
            boolean[] blankColumn = blankColumns(n, blank, random);
            for (int i = 0; i < m; i++) {
                for (int p = 0; p < depth; p++) {
                    if (blankDepth[p]) {
                        a[i * depth + p] = random.nextBoolean() ? 0f : -0f; // linear's x(m, depth)
                    }
                }
            }
            for (int p = 0; p < depth; p++) {
                for (int j = 0; j < n; j++) {
                    if (blankColumn[j]) {
                        b[p * n + j] = 0f; // matmulTNAdd's b(depth, n)
                    }
                }
            }
        }
        float[] bias = SeededRandom.withZeros(n, 0, random);
        float[] start = SeededRandom.withZeros(m * n, 0, random);
        float[] activated = SeededRandom.withZeros(m * n, 0.4, random);
        String where = kernels.shape() + ", " + kernels.threads() + " threads, " + m + "×" + n + "×" + depth;

        // linear: y(m, n) = relu(a(m, depth) · b(n, depth)ᵀ + bias); with m < n, C is stored transposed.
        float[] y = new float[m * n];
        kernels.linear(a, b, bias, y, m, n, depth, Kernels.Epilogue.RELU);
        float[] expected = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float sum = 0f;
                for (int p = 0; p < depth; p++) {
                    sum = Math.fma(a[i * depth + p], b[j * depth + p], sum);
                }
                expected[i * n + j] = Math.max(0f, sum + bias[j]);
            }
        }
        assertBits("linear, " + where, y, expected);

        // matmulTNAdd: c(m, n) += at(depth, m)ᵀ · bt(depth, n), a and b read as (depth, m) and (depth, n).
        float[] sums = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float sum = 0f;
                for (int p = 0; p < depth; p++) {
                    sum = Math.fma(a[p * m + i], b[p * n + j], sum);
                }
                sums[i * n + j] = sum;
                expected[i * n + j] = start[i * n + j] + sum;
            }
        }
        float[] c = start.clone();
        kernels.matmulTNAdd(a, b, c, m, n, depth);
        assertBits("matmulTNAdd, " + where, c, expected);

        // matmulTNThen: c = 0 + the same chains, then each element doubled exactly once by the update.
        kernels.matmulTNThen(a, b, c, m, n, depth, c, (into, from, to) -> {
            for (int e = from; e < to; e++) {
                into[e] *= 2;
            }
        });
        for (int e = 0; e < m * n; e++) {
            expected[e] = 2 * (0f + sums[e]);
        }
        assertBits("matmulTNThen, " + where, c, expected);

        // matmulNNRelu: c(m, n) = a(m, depth) · b(depth, n), kept where activated > 0.
        kernels.matmulNNRelu(a, b, activated, c, m, n, depth);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float sum = 0f;
                for (int p = 0; p < depth; p++) {
                    sum = Math.fma(a[i * depth + p], b[p * n + j], sum);
                }
                expected[i * n + j] = activated[i * n + j] > 0f ? sum : 0f;
            }
        }
        assertBits("matmulNNRelu, " + where, c, expected);
    }

    /** About {@code share} of {@code count} columns, half of them in runs of up to 12, the rest scattered. */
    private static boolean[] blankColumns(int count, double share, SplittableRandom random) {
        boolean[] blank = new boolean[count];
        if (share >= 1) {
            Arrays.fill(blank, true);
            return blank;
        }
        for (int j = 0; j < count; j++) {
            if (random.nextDouble() < share / 2) {
                int run = 1 + random.nextInt(12);
                for (int r = j; r < Math.min(count, j + run); r++) {
                    blank[r] = true;
                }
                j += run;
            } else if (random.nextDouble() < share / 2) {
                blank[j] = true;
            }
        }
        return blank;
    }

    private static void assertBits(String what, float[] actual, float[] expected) {
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToRawIntBits(actual[i]) != Float.floatToRawIntBits(expected[i])) {
                throw new AssertionError(what + ": element " + i + " is " + actual[i] + ", the chain gives "
                        + expected[i]);
            }
        }
    }
}
