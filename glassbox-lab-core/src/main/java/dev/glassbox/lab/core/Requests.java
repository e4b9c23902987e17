package dev.glassbox.lab.core;

import dev.glassbox.io.ModelInputs;

/**
 * The JSON bodies the page sends, each checked as it is read: a request that is not exactly right
 * is refused with the reason ({@link IllegalArgumentException}), before any of it reaches the
 * engine.
 */
public final class Requests {
    private Requests() {}

    /**
     * An example as the network reads it, under the key {@code pixels}: an image's values in
     * [0, 1] (pixel / 255), row by row; a table row's prepared inputs (standardised numbers,
     * one-hot text), which need only be finite.
     */
    static float[] checkPixels(float[] pixels, LabData data) {
        int size = data.inputSize();
        if (pixels == null || pixels.length != size) {
            throw new IllegalArgumentException("pixels: expected " + size + " values, got "
                    + (pixels == null ? "none" : pixels.length));
        }
        boolean image = !(data.inputs() instanceof ModelInputs.Table);
        for (int i = 0; i < pixels.length; i++) {
            if (image ? !(pixels[i] >= 0f && pixels[i] <= 1f) : !Float.isFinite(pixels[i])) {
                throw new IllegalArgumentException("pixels[" + i + "]: expected " + (image
                        ? "a value in [0, 1] (pixel / 255)" : "a finite number") + ", got " + pixels[i]);
            }
        }
        return pixels;
    }

    /** Runs one example through the model. */
    public record Pixels(float[] pixels) {
        public static Pixels from(Body body, LabData data) {
            return new Pixels(checkPixels(body.floats("pixels"), data));
        }
    }

    /** One neuron's incoming weights and arithmetic for an example. */
    public record Neuron(float[] pixels, int column, int neuron) {
        public static Neuron from(Body body, LabData data) {
            float[] pixels = body.floats("pixels");
            int column = body.integer("column");
            int neuron = body.integer("neuron");
            return new Neuron(checkPixels(pixels, data), column, neuron);
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
            if (pixels != null && label == null) {
                throw new IllegalArgumentException("backprop: pixels need the desired class (label)");
            }
            if (!(learningRate > 0 && learningRate <= 10)) {
                throw new IllegalArgumentException("learningRate: expected a value in (0, 10], got " + learningRate);
            }
        }

        public static Backprop from(Body body, LabData data) {
            float[] pixels = body.floats("pixels");
            Integer label = body.optionalInt("label");
            if (pixels != null) {
                checkPixels(pixels, data);
            }
            if (label != null && (label < 0 || label >= data.outputSize())) {
                throw new IllegalArgumentException("label: expected a class 0.." + (data.outputSize() - 1) + ", got "
                        + label);
            }
            return new Backprop(body.optionalInt("index"), pixels, label, (float) body.number("learningRate"));
        }
    }

    /**
     * An example and the output asked about: which inputs made its score ({@code attribution}),
     * or which few changes make the network answer it ({@code nudge}).
     *
     * @param target the output, or {@code null} for the one the network answers
     */
    public record Attribution(float[] pixels, Integer target) {
        public static Attribution from(Body body, LabData data) {
            float[] pixels = checkPixels(body.floats("pixels"), data);
            Integer target = body.optionalInt("target");
            if (target != null && (target < 0 || target >= data.outputSize())) {
                throw new IllegalArgumentException("target: expected an output 0.." + (data.outputSize() - 1)
                        + ", got " + target);
            }
            return new Attribution(pixels, target);
        }
    }
}
