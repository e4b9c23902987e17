package dev.glassbox.lab.core;

import dev.glassbox.data.Dataset;
import dev.glassbox.data.DigitImage;

/** The image format the lab shows: MNIST's 28×28 grey digits. */
public final class Images {
    public static final int SIDE = DigitImage.SIZE;
    public static final int PIXELS = SIDE * SIDE;

    private Images() {}

    /** Pixels 0..255 as network inputs, exactly as the data set scales them for training ({@link Dataset#pixelInputs}). */
    public static float[] toInput(int[] pixels) {
        byte[] bytes = new byte[pixels.length];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) pixels[i];
        }
        return Dataset.pixelInputs(bytes);
    }
}
