package dev.glassbox.data;

import java.util.Locale;

/**
 * How a decoded image of any size becomes a network input of {@code width × height} bytes per
 * channel: the choice recorded with a model, so that training (a folder of images) and prediction
 * (one file, a browser canvas) prepare pixels alike. {@link ImageResize} does the arithmetic.
 *
 * <ul>
 * <li>{@link Prepare#NONE}, the default for folders: the plain conversion. Grey is luma (0 = black,
 *     255 = white), never inverted, so a folder of MNIST images written as PNGs (white ink on
 *     black) loads back as MNIST, and photos keep their look. A network trained on such a folder
 *     expects the same kind of pictures, whatever their colours.
 * <li>{@link Prepare#DIGIT}: {@link DigitImage}'s MNIST preparation (dark ink on light paper is
 *     inverted, the digit cropped, scaled into 20×20 and centred by mass in 28×28), for drawings
 *     and photos of digits meant to look like MNIST. Always 28×28 grey.
 * </ul>
 *
 * @param width    output columns, 1..{@value #MAX_SIDE}
 * @param height   output rows, 1..{@value #MAX_SIDE}
 * @param channels grey (1 byte per pixel) or RGB (3, interleaved: r, g, b of a pixel together)
 * @param prepare  plain conversion or the MNIST digit preparation
 */
public record ImagePreparation(int width, int height, Channels channels, Prepare prepare) {
    /** The largest width or height: 4096 × 4096 × 3 bytes is 50 MB an image already. */
    public static final int MAX_SIDE = 4096;

    /** Bytes per output pixel. */
    public enum Channels {
        /** One byte: luma {@code 0.299 R + 0.587 G + 0.114 B}. */
        GREY(1),
        /** Three bytes, r, g, b, interleaved (channel-last). */
        RGB(3);

        private final int count;

        Channels(int count) {
            this.count = count;
        }

        public int count() {
            return count;
        }

        /** 1 → GREY, 3 → RGB. */
        public static Channels of(int count) {
            for (Channels c : values()) {
                if (c.count == count) {
                    return c;
                }
            }
            throw new IllegalArgumentException("ImagePreparation.Channels: expected 1 (grey) or 3 (RGB) channels, got "
                    + count);
        }

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What happens besides resizing. */
    public enum Prepare {
        /** Resize and convert only. */
        NONE,
        /** {@link DigitImage}'s MNIST preparation; 28×28 grey. */
        DIGIT;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ImagePreparation {
        if (channels == null || prepare == null) {
            throw new IllegalArgumentException("ImagePreparation: channels and prepare are required, got "
                    + channels + " and " + prepare);
        }
        if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) {
            throw new IllegalArgumentException("ImagePreparation: expected a width and height of 1 to " + MAX_SIDE
                    + ", got " + width + "x" + height);
        }
        if (prepare == Prepare.DIGIT && (width != DigitImage.SIZE || height != DigitImage.SIZE
                || channels != Channels.GREY)) {
            throw new IllegalArgumentException("ImagePreparation: prepare digit makes " + DigitImage.SIZE + "x"
                    + DigitImage.SIZE + " grey images, got " + width + "x" + height + " " + channels.key()
                    + ". Leave the size and channels at their defaults, or prepare none");
        }
    }

    /** {@code width × height} grey, plain conversion. */
    public static ImagePreparation grey(int width, int height) {
        return new ImagePreparation(width, height, Channels.GREY, Prepare.NONE);
    }

    /** {@code width × height} RGB, plain conversion. */
    public static ImagePreparation rgb(int width, int height) {
        return new ImagePreparation(width, height, Channels.RGB, Prepare.NONE);
    }

    /** 28 × 28 grey, prepared as MNIST's digits were ({@link DigitImage}). */
    public static ImagePreparation digit() {
        return new ImagePreparation(DigitImage.SIZE, DigitImage.SIZE, Channels.GREY, Prepare.DIGIT);
    }

    /** {@code width × height × channels}: the bytes of one prepared image, and the network's input size. */
    public int bytesPerImage() {
        return width * height * channels.count();
    }

    /**
     * Starts preparing one image that arrives row by row ({@link ImageResize#addRows}); a host
     * decoding a large image hands it over in bands instead of one big array.
     *
     * @param name what messages call the image, e.g. its file
     */
    public ImageResize start(int srcWidth, int srcHeight, String name) {
        return new ImageResize(this, srcWidth, srcHeight, name);
    }

    /**
     * Prepares one image held whole.
     *
     * @param argb {@code srcWidth × srcHeight} packed {@code 0xAARRGGBB} pixels, row-major (what a
     *             canvas or {@code BufferedImage.getRGB} gives); not modified
     * @param name what messages call the image, e.g. its file
     * @return {@link #bytesPerImage()} bytes, row-major, channel-last
     * @throws DatasetException if {@link Prepare#DIGIT} finds no ink
     */
    public byte[] apply(int[] argb, int srcWidth, int srcHeight, String name) {
        if (argb == null || argb.length != (long) srcWidth * srcHeight) {
            throw new IllegalArgumentException("ImagePreparation.apply: expected " + srcWidth + "x" + srcHeight
                    + " pixels, got " + (argb == null ? "null" : argb.length));
        }
        ImageResize resize = start(srcWidth, srcHeight, name);
        resize.addRows(argb, 0, srcHeight);
        byte[] out = new byte[bytesPerImage()];
        resize.finish(out, 0);
        return out;
    }

    /** E.g. {@code 28x28 grey} or {@code 28x28 grey, prepare digit}. */
    @Override
    public String toString() {
        return width + "x" + height + " " + channels.key() + (prepare == Prepare.NONE ? "" : ", prepare " + prepare.key());
    }
}
