package dev.glassbox.lab;

import dev.glassbox.data.DigitImage;
import dev.glassbox.jvm.data.DigitImages;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;

/**
 * A drawing from the pad: {@code width × height} ink values, 0 = paper, 255 = full ink, row by
 * row. The server prepares it exactly as {@code glassbox predict} prepares a photo
 * ({@link DigitImage}), so the page shows the 28×28 input the network really reads.
 */
record DrawingRequest(int width, int height, int[] ink) {
    /** Longest side accepted, in pad cells. */
    static final int MAX_SIDE = 200;

    DrawingRequest {
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

    /** The drawing as MNIST would have it: 28×28 pixels 0..255, cropped, scaled into 20×20 and centred. */
    int[] toMnistPixels() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = image.getRaster();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setSample(x, y, 0, ink[y * width + x]);
            }
        }
        return DigitImages.of(image, "drawing").pixels();
    }
}
