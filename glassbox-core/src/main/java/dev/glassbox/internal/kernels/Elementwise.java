package dev.glassbox.internal.kernels;

/**
 * A function applied to every value independently, with its derivative: the non-linearities
 * that have no kernel of their own. {@link Kernels#map} splits the index range across threads.
 */
public interface Elementwise {

    /** {@code y[i] = f(x[i])} for {@code i} in {@code [from, to)}. */
    void forward(float[] x, float[] y, int from, int to);

    /** {@code dx[i] = dy[i] · f'(x[i])} for {@code i} in {@code [from, to)}, where {@code y = f(x)}. */
    void backward(float[] x, float[] y, float[] dy, float[] dx, int from, int to);
}
