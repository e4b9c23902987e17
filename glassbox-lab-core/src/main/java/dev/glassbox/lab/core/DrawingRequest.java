package dev.glassbox.lab.core;

import dev.glassbox.data.DigitImage;

/**
 * A drawing from the pad: {@code width × height} ink values, 0 = paper, 255 = full ink, row by
 * row. It is prepared exactly as {@code glassbox predict} prepares a photo ({@link DigitImage}),
 * so the page shows the 28×28 input the network really reads.
 */
public record DrawingRequest(int width, int height, int[] ink) {
    /** Longest side accepted, in pad cells. */
    public static final int MAX_SIDE = 200;

    public DrawingRequest {
        if (width < Images.SIDE || width > MAX_SIDE || height < Images.SIDE || height > MAX_SIDE) {
            throw new IllegalArgumentException("drawing: width and height must be " + Images.SIDE + ".." + MAX_SIDE
                    + ", got " + width + "×" + height);
        }
        if (ink == null || ink.length != width * height) {
            throw new IllegalArgumentException("drawing: expected " + width * height + " ink values, got "
                    + (ink == null ? "none" : ink.length));
        }
        for (int i = 0; i < ink.length; i++) {
            if (ink[i] < 0 || ink[i] > 255) {
                throw new IllegalArgumentException("drawing: ink[" + i + "] is " + ink[i] + ", expected 0..255");
            }
        }
    }

    public static DrawingRequest from(Body body) {
        return new DrawingRequest(body.integer("width"), body.integer("height"), body.ints("ink"));
    }

    /**
     * The drawing as MNIST would have it: 28×28 pixels 0..255, cropped, scaled into 20×20 and
     * centred. Ink is light on a dark ground, as MNIST stores digits.
     *
     * @throws dev.glassbox.data.DatasetException if there is no ink
     */
    public int[] toMnistPixels() {
        float[] grey = new float[ink.length];
        for (int i = 0; i < grey.length; i++) {
            grey[i] = ink[i];
        }
        return DigitImage.fromGrey(grey, width, height, "drawing").pixels();
    }
}
