package dev.glassbox.jvm.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.glassbox.kernels.Kernels;
import dev.glassbox.kernels.PackedKernels;
import dev.glassbox.kernels.ReferenceKernels;
import dev.glassbox.kernels.TiledKernels;
import dev.glassbox.testkit.SeededRandom;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fast kernels against the reference, on layer-shaped products with inputs that are half
 * zeros (as pixels and ReLU outputs are). The scalar kernels (packed, on one thread or a pool, and
 * tiled) sum in the reference's order and skip only products with an exact zero, so they agree
 * bit for bit on finite inputs; the SIMD kernels sum in tiles with
 * fused multiply-adds, so they agree within float rounding of the sums.
 */
class MatchesReferenceTest {
    /** {batch, out, in}: MNIST's first layer, a hidden layer, the output layer, and odd sizes around the tiles. */
    private static final int[][] SHAPES = {{64, 256, 784}, {64, 128, 256}, {64, 10, 128}, {17, 33, 65}, {1, 7, 3}};

    @Test
    void scalarKernelsEqualTheReferenceBitForBit() {
        try (Kernels scalar = KernelChoice.named("scalar").open(2)) {
            compare(scalar, 0);
        }
    }

    @Test
    void packedKernelsOnOneThreadEqualTheReferenceBitForBit() {
        try (Kernels packed = PackedKernels.PROVIDER.open(1)) {
            compare(packed, 0);
        }
    }

    @Test
    void simdKernelsAgreeWithTheReferenceWithinRounding() {
        try (Kernels simd = KernelChoice.named("simd").open(2)) {
            compare(simd, 2e-5);
        }
    }

    /** The tiled kernels skip the zeros of the sparser side: pixels sparser than gradients, then the reverse. */
    @Test
    void tiledKernelsEqualTheReferenceBitForBitWhicheverSideIsSparser() {
        try (Kernels tiled = TiledKernels.PROVIDER.open(1)) {
            compare(tiled, 0, 0.8, 0.3);
            compare(tiled, 0, 0.3, 0.8);
            compare(tiled, 0, 0.5, 0.5);
        }
    }

    /** Every product kernel of a dense layer's forward and backward pass, {@code fast} against the reference. */
    private static void compare(Kernels fast, double tolerance) {
        compare(fast, tolerance, 0.5, 0.5);
    }

    /** As above, with that share of zeros in the inputs x and in the output gradients dy. */
    private static void compare(Kernels fast, double tolerance, double xZeros, double dyZeros) {
        Kernels reference = ReferenceKernels.PROVIDER.open(1);
        SplittableRandom random = SeededRandom.random(42);
        for (int[] shape : SHAPES) {
            int batch = shape[0];
            int out = shape[1];
            int in = shape[2];
            float[] x = SeededRandom.withZeros(batch * in, xZeros, random);
            float[] w = SeededRandom.withZeros(out * in, 0, random);
            float[] bias = SeededRandom.withZeros(out, 0, random);
            float[] dy = SeededRandom.withZeros(batch * out, dyZeros, random);
            String where = batch + "×" + out + "×" + in;

            same(where + " linear", tolerance, (k, y) -> k.linear(x, w, bias, y, batch, out, in), batch * out, fast,
                    reference);
            same(where + " linear+relu", tolerance,
                    (k, y) -> k.linear(x, w, bias, y, batch, out, in, Kernels.Epilogue.RELU), batch * out, fast, reference);
            same(where + " matmulTNAdd", tolerance, (k, dw) -> k.matmulTNAdd(dy, x, dw, out, in, batch), out * in, fast,
                    reference);
            same(where + " matmulNN", tolerance, (k, dx) -> k.matmulNN(dy, w, dx, batch, in, out), batch * in, fast,
                    reference);
            same(where + " matmulNNRelu", tolerance, (k, dx) -> k.matmulNNRelu(dy, w, x, dx, batch, in, out),
                    batch * in, fast, reference);
            same(where + " columnSumsAdd", tolerance, (k, db) -> k.columnSumsAdd(dy, db, batch, out), out, fast,
                    reference);
        }
    }

    @FunctionalInterface
    private interface Call {
        void run(Kernels kernels, float[] output);
    }

    private static void same(String what, double tolerance, Call call, int size, Kernels fast, Kernels reference) {
        float[] expected = new float[size];
        float[] actual = new float[size];
        call.run(reference, expected);
        call.run(fast, actual);
        for (int i = 0; i < size; i++) {
            if (tolerance == 0) {
                assertThat(Float.floatToIntBits(actual[i])).as("%s [%d]: %s vs %s", what, i, actual[i], expected[i])
                        .isEqualTo(Float.floatToIntBits(expected[i]));
            } else {
                assertThat((double) actual[i]).as("%s [%d]", what, i)
                        .isCloseTo(expected[i], offset(tolerance * (1 + Math.abs(expected[i]))));
            }
        }
    }
}
