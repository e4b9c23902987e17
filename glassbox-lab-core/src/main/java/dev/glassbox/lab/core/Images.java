package dev.glassbox.lab.core;

import dev.glassbox.data.DigitImage;

/** The image format the lab shows: MNIST's 28×28 grey digits. */
public final class Images {
    public static final int SIDE = DigitImage.SIZE;
    public static final int PIXELS = SIDE * SIDE;

    private Images() {}

    /** Pixels 0..255 as network inputs, pixel / 255, as the data set scales them for training. */
    public static float[] toInput(int[] pixels) {
        float[] x = new float[pixels.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = pixels[i] / 255f;
        }
        return x;
    }
}
