package dev.glassbox.lab;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;

/**
 * The JSON bodies the page sends, each checked in its constructor: a request that is not exactly
 * right is answered 400 with the reason, before any of it reaches the engine.
 */
final class Requests {
    private Requests() {}

    /** Reads and checks the body as {@code type}; any problem becomes an {@link IllegalArgumentException}. */
    static <T> T parse(Context ctx, Class<T> type) {
        try {
            T value = ctx.bodyAsClass(type);
            if (value == null) {
                throw new IllegalArgumentException("expected a JSON object, got null");
            }
            return value;
        } catch (HttpResponseException | IllegalArgumentException e) {
            throw e; // e.g. 413 for a body over the size limit
        } catch (Exception e) {
            // Jackson reports a failed check in a record's constructor wrapped in its own (checked) exceptions.
            Throwable root = root(e);
            throw new IllegalArgumentException(root instanceof IllegalArgumentException
                    ? root.getMessage() : "bad request body: " + firstLine(root));
        }
    }

    private static Throwable root(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String firstLine(Throwable t) {
        String message = t.getMessage() == null ? t.toString() : t.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

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
    record Pixels(float[] pixels) {
        Pixels {
            checkPixels(pixels);
        }
    }

    /** One neuron's incoming weights and arithmetic for an example. */
    record Neuron(float[] pixels, int column, int neuron) {
        Neuron {
            checkPixels(pixels);
        }
    }

    /**
     * One backprop step on a test image ({@code index}) or on given pixels with a label.
     *
     * @param learningRate for the plain gradient-descent step shown at the end
     */
    record Backprop(Integer index, float[] pixels, Integer label, float learningRate) {
        Backprop {
            if ((index == null) == (pixels == null)) {
                throw new IllegalArgumentException("backprop: give either a test image index or pixels with a label");
            }
            if (index != null && index < 0) {
                // The upper bound depends on the test set: the lab checks it (Lab.checkTestIndex).
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
    }
}
