package dev.glassbox.kernels;

/**
 * A function applied to every value independently, with its derivative: the non-linearities
 * that have no kernel of their own. {@link Kernels#map} splits the index range across threads.
 */
public interface Elementwise {

    /** {@code y[i] = f(x[i])} for {@code i} in {@code [from, to)}. */
    void forward(float[] x, float[] y, int from, int to);

    /** {@code dx[i] = dy[i] · f'(x[i])} for {@code i} in {@code [from, to)}, where {@code y = f(x)}. */
    void backward(float[] x, float[] y, float[] dy, float[] dx, int from, int to);

    /** {@code y = max(0, x)}; its derivative passes {@code dy} where {@code x > 0}, else 0. */
    Elementwise RELU = new Elementwise() {
        @Override
        public void forward(float[] x, float[] y, int from, int to) {
            for (int i = from; i < to; i++) {
                y[i] = Math.max(0f, x[i]);
            }
        }

        @Override
        public void backward(float[] x, float[] y, float[] dy, float[] dx, int from, int to) {
            for (int i = from; i < to; i++) {
                dx[i] = x[i] > 0f ? dy[i] : 0f;
            }
        }
    };
}
