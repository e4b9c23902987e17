package dev.glassbox.nn;

import dev.glassbox.tensor.Matrix;

/**
 * A layer's per-batch matrix, kept for the few batch sizes in recent use: an epoch's full
 * batches, its shorter last batch, and the evaluation batches in between. Keeping them means
 * training allocates no layer buffers after its first epoch.
 */
final class BatchBuffer {
    /** Full and last training batches, full and last evaluation batches. */
    private static final int SHAPES = 4;

    /** Most recently used first. */
    private final Matrix[] kept = new Matrix[SHAPES];

    /** A (rows, cols) matrix with unspecified contents, reused when a recent call had the same shape. */
    Matrix get(int rows, int cols) {
        int found = SHAPES - 1;
        for (int i = 0; i < SHAPES; i++) {
            Matrix m = kept[i];
            if (m != null && m.rows() == rows && m.cols() == cols) {
                found = i;
                break;
            }
        }
        Matrix m = kept[found];
        if (m == null || m.rows() != rows || m.cols() != cols) {
            m = Matrix.zeros(rows, cols); // replaces the least recently used
        }
        System.arraycopy(kept, 0, kept, 1, found);
        kept[0] = m;
        return m;
    }
}
