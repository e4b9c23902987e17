package dev.glassbox.jvm.kernels;

import java.util.List;

/**
 * How the SIMD products block their work, one of a few {@link #CANDIDATES} that
 * {@link KernelTuning} measures on the processor at hand. Only speed depends on it: each element
 * of a product is one chain of multiply-adds over the whole depth whatever the block (see
 * {@link SimdKernels}), so every shape gives the same bits.
 *
 * @param depthBlock depths walked between two visits to a tile's sums: the packed panel slice of
 *     {@code depthBlock × 2 vectors} floats has to stay in a fast cache while 8 rows of A stream past it
 */
public record KernelShape(int depthBlock) {
    /** Before anything is measured: a 64 KB panel slice with 512-bit vectors, from L2. */
    public static final KernelShape DEFAULT = new KernelShape(512);

    /** What the tuning tries: a slice that fits L1 with 512-bit vectors, the default, and one block for the W1 depths. */
    public static final List<KernelShape> CANDIDATES =
            List.of(new KernelShape(256), DEFAULT, new KernelShape(1024));

    public KernelShape {
        if (depthBlock < 16 || depthBlock > 1 << 16) {
            throw new IllegalArgumentException("depthBlock: expected 16 to 65536, got " + depthBlock);
        }
    }
}
