package dev.glassbox.lab.core;

/**
 * The JSON bodies the page sends, each checked as it is read: a request that is not exactly right
 * is refused with the reason ({@link IllegalArgumentException}), before any of it reaches the
 * engine.
 */
public final class Requests {
    private Requests() {}

    /** A 28×28 input: 784 values in [0, 1] (pixel / 255), row by row. */
    static float[] checkPixels(float[] pixels) {
        if (pixels == null || pixels.length != Images.PIXELS) {
            throw new IllegalArgumentException("pixels: expected " + Images.PIXELS + " values (28×28), got "
                    + (pixels == null ? "none" : pixels.length));
        }
        for (int i = 0; i < pixels.length; i++) {
            if (!(pixels[i] >= 0f && pixels[i] <= 1f)) {
                throw new IllegalArgumentException("pixels[" + i + "]: expected a value in [0, 1] (pixel / 255), got "
                        + pixels[i]);
            }
        }
        return pixels;
    }

    /** Runs one example through the model. */
    public record Pixels(float[] pixels) {
        public Pixels {
            checkPixels(pixels);
        }

        public static Pixels from(Body body) {
            return new Pixels(body.floats("pixels"));
        }
    }

    /** One neuron's incoming weights and arithmetic for an example. */
    public record Neuron(float[] pixels, int column, int neuron) {
        public Neuron {
            checkPixels(pixels);
        }

        public static Neuron from(Body body) {
            return new Neuron(body.floats("pixels"), body.integer("column"), body.integer("neuron"));
        }
    }

    /**
     * One backprop step on a test image ({@code index}) or on given pixels with a label.
     *
     * @param learningRate for the plain gradient-descent step shown at the end
     */
    public record Backprop(Integer index, float[] pixels, Integer label, float learningRate) {
        public Backprop {
            if ((index == null) == (pixels == null)) {
                throw new IllegalArgumentException("backprop: give either a test image index or pixels with a label");
            }
            if (index != null && index < 0) {
                // The upper bound depends on the test set, checked where it is known.
                throw new IllegalArgumentException("index: expected a test image number 0 or more, got " + index);
            }
            if (index != null && label != null) {
                throw new IllegalArgumentException("backprop: a test image brings its own label; give index or"
                        + " pixels with a label, not both");
            }
            if (pixels != null) {
                checkPixels(pixels);
                if (label == null) {
                    throw new IllegalArgumentException("backprop: pixels need the desired digit (label)");
                }
                if (label < 0 || label > 9) {
                    throw new IllegalArgumentException("label: expected a digit 0..9, got " + label);
                }
            }
            if (!(learningRate > 0 && learningRate <= 10)) {
                throw new IllegalArgumentException("learningRate: expected a value in (0, 10], got " + learningRate);
            }
        }

        public static Backprop from(Body body) {
            return new Backprop(body.optionalInt("index"), body.floats("pixels"), body.optionalInt("label"),
                    (float) body.number("learningRate"));
        }
    }
}
