package dev.glassbox.data;

/**
 * The shape of every image of a dataset: {@code rows × cols} pixels of {@code channels} bytes
 * each (1: gray; 3: red, green, blue), stored row-major and channel-last.
 */
public record ImageShape(int rows, int cols, int channels) {
    /** Largest side accepted: far beyond useful network inputs, small enough that sizes never overflow. */
    public static final int MAX_SIDE = 4096;

    public ImageShape {
        if (rows < 1 || cols < 1 || rows > MAX_SIDE || cols > MAX_SIDE) {
            throw new IllegalArgumentException("image size " + cols + "×" + rows + ": each side must be 1.." + MAX_SIDE);
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("image channels " + channels + ": expected 1 (gray) or 3 (RGB)");
        }
    }

    /** Bytes per image: the network's input size. */
    public int features() {
        return rows * cols * channels;
    }

    /** As the CLI writes it: {@code 28x28}, or {@code 32x32x3} with colour. */
    @Override
    public String toString() {
        return cols + "x" + rows + (channels == 1 ? "" : "x" + channels);
    }
}
