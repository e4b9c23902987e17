package dev.glassbox.train;

import dev.glassbox.data.Dataset;
import java.util.SplittableRandom;

/**
 * A small, separable stand-in for MNIST: 4×4 "images" of 3 classes. Class 0 has ink in the
 * top-left 2×2 block, class 1 in the top-right block, class 2 across the bottom half; every
 * pixel also gets background noise 0–60, ink is 180–255.
 */
public final class ToyImages {
    static final int SIDE = 4;
    static final int CLASSES = 3;

    private ToyImages() {}

    public static Dataset make(String name, int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] pixels = new byte[n * SIDE * SIDE];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            int label = random.nextInt(CLASSES);
            labels[i] = (byte) label;
            for (int r = 0; r < SIDE; r++) {
                for (int c = 0; c < SIDE; c++) {
                    boolean ink = switch (label) {
                        case 0 -> r < 2 && c < 2;
                        case 1 -> r < 2 && c >= 2;
                        default -> r >= 2;
                    };
                    int value = ink ? 180 + random.nextInt(76) : random.nextInt(61);
                    pixels[i * SIDE * SIDE + r * SIDE + c] = (byte) value;
                }
            }
        }
        return Dataset.of(name, pixels, labels, SIDE, SIDE, CLASSES);
    }

    /** The same images with every label moved to the next class: a validation set training makes worse. */
    static Dataset mislabelled(String name, int n, long seed) {
        Dataset d = make(name, n, seed);
        byte[] pixels = new byte[n * SIDE * SIDE];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            int[] image = d.image(i);
            for (int p = 0; p < image.length; p++) {
                pixels[i * SIDE * SIDE + p] = (byte) image[p];
            }
            labels[i] = (byte) ((d.label(i) + 1) % CLASSES);
        }
        return Dataset.of(name, pixels, labels, SIDE, SIDE, CLASSES);
    }

    /** Copies of every parameter's values, first layer first. */
    static float[][] weights(dev.glassbox.nn.Network network) {
        return network.parameters().stream().map(p -> p.value().data().clone()).toArray(float[][]::new);
    }
}
