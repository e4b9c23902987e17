package dev.glassbox.nn;

import dev.glassbox.kernels.Elementwise;
import dev.glassbox.kernels.Kernels;
import dev.glassbox.tensor.PortableMath;
import java.util.Arrays;
import java.util.Locale;

/**
 * The non-linearities a neuron applies to its weighted sum, each with its derivative right below.
 *
 * <p>Each works elementwise on the first {@code n} values of flat arrays: {@code x} is the input
 * (the weighted sums), {@code y = f(x)} the output, {@code dy = ∂loss/∂y} and
 * {@code dx = ∂loss/∂x = dy · f'(x)}.
 */
public enum Activation {
    /** σ(x) = 1 / (1 + e^−x); σ' = σ(1 − σ). */
    SIGMOID("sigmoid") {
        @Override
        void forward(float[] x, float[] y, int from, int to) {
            for (int i = from; i < to; i++) {
                y[i] = (float) (1.0 / (1.0 + PortableMath.exp(-x[i])));
            }
        }

        @Override
        void backward(float[] x, float[] y, float[] dy, float[] dx, int from, int to) {
            for (int i = from; i < to; i++) {
                dx[i] = dy[i] * y[i] * (1f - y[i]);
            }
        }
    },
    /** tanh(x); tanh' = 1 − tanh². */
    TANH("tanh") {
        @Override
        void forward(float[] x, float[] y, int from, int to) {
            for (int i = from; i < to; i++) {
                y[i] = (float) PortableMath.tanh(x[i]);
            }
        }

        @Override
        void backward(float[] x, float[] y, float[] dy, float[] dx, int from, int to) {
            for (int i = from; i < to; i++) {
                dx[i] = dy[i] * (1f - y[i] * y[i]);
            }
        }
    },
    /** max(0, x); derivative 1 for x &gt; 0, else 0. */
    RELU("relu") {
        @Override
        void forward(float[] x, float[] y, int from, int to) {
            for (int i = from; i < to; i++) {
                y[i] = Math.max(0f, x[i]);
            }
        }

        @Override
        void backward(float[] x, float[] y, float[] dy, float[] dx, int from, int to) {
            for (int i = from; i < to; i++) {
                dx[i] = x[i] > 0f ? dy[i] : 0f;
            }
        }

        /** The kernels' own ReLU: vectorised where the kernels are. */
        @Override
        void forward(Kernels kernels, float[] x, float[] y, int n) {
            kernels.reluForward(x, y, n);
        }

        @Override
        void backward(Kernels kernels, float[] x, float[] y, float[] dy, float[] dx, int n) {
            kernels.reluBackward(x, dy, dx, n);
        }
    },
    /** x for x &gt; 0, else 0.01·x: a small slope keeps "dead" neurons learning. */
    LEAKY_RELU("leakyrelu") {
        @Override
        void forward(float[] x, float[] y, int from, int to) {
            for (int i = from; i < to; i++) {
                y[i] = x[i] > 0f ? x[i] : LEAK * x[i];
            }
        }

        @Override
        void backward(float[] x, float[] y, float[] dy, float[] dx, int from, int to) {
            for (int i = from; i < to; i++) {
                dx[i] = x[i] > 0f ? dy[i] : LEAK * dy[i];
            }
        }
    },
    /**
     * GELU, tanh approximation: ½x(1 + tanh(u)), u = √(2/π)(x + 0.044715x³);
     * derivative ½(1 + t) + ½x(1 − t²)·√(2/π)(1 + 3·0.044715x²), t = tanh(u).
     */
    GELU("gelu") {
        @Override
        void forward(float[] x, float[] y, int from, int to) {
            for (int i = from; i < to; i++) {
                double v = x[i];
                y[i] = (float) (0.5 * v * (1 + PortableMath.tanh(GELU_C * (v + GELU_K * v * v * v))));
            }
        }

        @Override
        void backward(float[] x, float[] y, float[] dy, float[] dx, int from, int to) {
            for (int i = from; i < to; i++) {
                double v = x[i];
                double t = PortableMath.tanh(GELU_C * (v + GELU_K * v * v * v));
                double d = 0.5 * (1 + t) + 0.5 * v * (1 - t * t) * GELU_C * (1 + 3 * GELU_K * v * v);
                dx[i] = (float) (dy[i] * d);
            }
        }
    },
    /**
     * GELU, exact: x·Φ(x) = ½x(1 + erf(x/√2)), Φ the standard normal's distribution (PyTorch's
     * {@code nn.GELU()}); derivative Φ(x) + x·φ(x), φ(x) = e^(−x²/2)/√(2π).
     */
    GELU_EXACT("geluexact") {
        @Override
        void forward(float[] x, float[] y, int from, int to) {
            for (int i = from; i < to; i++) {
                double v = x[i];
                y[i] = (float) (0.5 * v * (1 + PortableMath.erf(v * INV_SQRT2)));
            }
        }

        @Override
        void backward(float[] x, float[] y, float[] dy, float[] dx, int from, int to) {
            for (int i = from; i < to; i++) {
                double v = x[i];
                double d = 0.5 * (1 + PortableMath.erf(v * INV_SQRT2)) + v * PortableMath.exp(-0.5 * v * v) * INV_SQRT_2PI;
                dx[i] = (float) (dy[i] * d);
            }
        }
    },
    /** f(x) = x: a purely linear layer. */
    IDENTITY("identity") {
        @Override
        void forward(float[] x, float[] y, int from, int to) {
            System.arraycopy(x, from, y, from, to - from);
        }

        @Override
        void backward(float[] x, float[] y, float[] dy, float[] dx, int from, int to) {
            System.arraycopy(dy, from, dx, from, to - from);
        }

        @Override
        void forward(Kernels kernels, float[] x, float[] y, int n) {
            System.arraycopy(x, 0, y, 0, n);
        }

        @Override
        void backward(Kernels kernels, float[] x, float[] y, float[] dy, float[] dx, int n) {
            System.arraycopy(dy, 0, dx, 0, n);
        }
    };

    static final float LEAK = 0.01f;
    private static final double GELU_C = Math.sqrt(2 / Math.PI);
    private static final double GELU_K = 0.044715;
    private static final double INV_SQRT2 = 0.70710678118654752440;
    private static final double INV_SQRT_2PI = 0.39894228040143267794;

    private final String specName;

    Activation(String specName) {
        this.specName = specName;
    }

    /** y = f(x) for indices [from, to): the plain loop. */
    abstract void forward(float[] x, float[] y, int from, int to);

    /** dx = dy · f'(x) for indices [from, to); x and y are those of the matching forward. */
    abstract void backward(float[] x, float[] y, float[] dy, float[] dx, int from, int to);

    /** The loops above as the kernels take them; one per constant, so applying it allocates nothing. */
    private final Elementwise elementwise = new Elementwise() {
        @Override
        public void forward(float[] x, float[] y, int from, int to) {
            Activation.this.forward(x, y, from, to);
        }

        @Override
        public void backward(float[] x, float[] y, float[] dy, float[] dx, int from, int to) {
            Activation.this.backward(x, y, dy, dx, from, to);
        }
    };

    /** y = f(x) for the first n values, split across the kernels' threads. */
    void forward(Kernels kernels, float[] x, float[] y, int n) {
        kernels.map(elementwise, x, y, n);
    }

    /** dx = dy · f'(x) for the first n values; x and y are those of the matching forward. */
    void backward(Kernels kernels, float[] x, float[] y, float[] dy, float[] dx, int n) {
        kernels.mapBackward(elementwise, x, y, dy, dx, n);
    }

    /** The name used in network specs and model files, e.g. {@code relu}. */
    public String specName() {
        return specName;
    }

    /** Looks up an activation by its spec name (case-insensitive; {@code leaky_relu} also accepted). */
    public static Activation byName(String name) {
        String key = name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
        for (Activation a : values()) {
            if (a.specName.equals(key)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + name + "'. Known: " + names());
    }

    /** Whether {@code name} is an activation's spec name. */
    public static boolean isName(String name) {
        try {
            byName(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(Activation::specName).toList());
    }

    /** The weight initialisation suited to this activation: He for the ReLU family, Xavier otherwise. */
    public Init suitedInit() {
        return switch (this) {
            case RELU, LEAKY_RELU, GELU, GELU_EXACT -> Init.HE;
            case SIGMOID, TANH, IDENTITY -> Init.XAVIER;
        };
    }
}
