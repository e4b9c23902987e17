package dev.glassbox.web;

import dev.glassbox.data.Dataset;
import dev.glassbox.data.DatasetException;
import dev.glassbox.data.ImageArchive;
import dev.glassbox.data.ImageHeader;
import dev.glassbox.data.ImagePreparation;
import dev.glassbox.io.ModelInputs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A zip of a folder of images being opened in the page: the archive lists and unpacks the images
 * ({@link ImageArchive}), the browser decodes each one (the engine has no PNG or JPEG decoder),
 * and the engine prepares its pixels ({@link ImagePreparation}) into its slot, as
 * {@code glassbox lab --data DIR} prepares a folder. An image the browser cannot decode is refused
 * by name, or skipped and listed when the site says so.
 */
final class PageImages {
    private static final String BAD_IMAGE_HINT = "Replace or delete it, and open the zip again";

    private final ImageArchive archive;
    private final String name;
    private final ModelInputs.Images inputs;
    private final boolean skipBad;
    private final byte[] pixels;
    private final boolean[] done;
    private final String[] bad;

    /**
     * @param preparation how every image is prepared: the model's, or a new model's default
     * @param skipBad whether an image that cannot be decoded is left out rather than refused
     */
    PageImages(ImageArchive archive, String name, ImagePreparation preparation, boolean skipBad) {
        this.archive = archive;
        this.name = name;
        this.inputs = new ModelInputs.Images(preparation, archive.classes().classes());
        this.skipBad = skipBad;
        long bytes = (long) archive.size() * preparation.bytesPerImage();
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new DatasetException(name + ": " + archive.size() + " images of " + preparation + " need " + bytes
                    + " bytes, more than the page can hold. Use fewer images");
        }
        this.pixels = new byte[(int) bytes];
        this.done = new boolean[archive.size()];
        this.bad = new String[archive.size()];
    }

    /** The archive's name, as messages give it. */
    String name() {
        return name;
    }

    ModelInputs.Images inputs() {
        return inputs;
    }

    int size() {
        return archive.size();
    }

    /**
     * Image {@code i}'s file bytes, for the browser to decode; empty when it is left out.
     *
     * @throws DatasetException for damaged or hostile zip data (never skipped), or naming a file
     *         that is no PNG or JPEG or too large, unless bad images are skipped
     */
    byte[] bytes(int i) {
        byte[] bytes = archive.bytes(i);
        try {
            ImageHeader.of(bytes, archive.where(i));
            return bytes;
        } catch (DatasetException e) {
            bad(i, e.getMessage());
            return new byte[0];
        }
    }

    /**
     * Prepares image {@code i} from the pixels the browser decoded.
     *
     * @param rgba {@code width × height × 4} bytes, r, g, b, a per pixel, row-major (a canvas's image data)
     */
    void add(int i, byte[] rgba, int width, int height) {
        if (rgba.length != 4L * width * height) {
            throw new IllegalArgumentException("PageImages.add: expected " + 4L * width * height + " bytes for "
                    + width + "x" + height + ", got " + rgba.length);
        }
        int[] argb = new int[width * height];
        for (int p = 0; p < argb.length; p++) {
            argb[p] = (rgba[4 * p + 3] & 0xFF) << 24 | (rgba[4 * p] & 0xFF) << 16 | (rgba[4 * p + 1] & 0xFF) << 8
                    | (rgba[4 * p + 2] & 0xFF);
        }
        ImagePreparation preparation = inputs.preparation();
        try {
            byte[] prepared = preparation.apply(argb, width, height, archive.where(i));
            System.arraycopy(prepared, 0, pixels, i * preparation.bytesPerImage(), prepared.length);
            done[i] = true;
        } catch (DatasetException e) {
            bad(i, e.getMessage());
        }
    }

    /**
     * Image {@code i} could not be read.
     *
     * @throws DatasetException naming it, unless bad images are skipped
     */
    void bad(int i, String reason) {
        String prefix = archive.where(i) + ": ";
        String why = reason.startsWith(prefix) ? reason.substring(prefix.length()) : reason;
        if (!skipBad) {
            throw new DatasetException(prefix + why + ". " + BAD_IMAGE_HINT);
        }
        bad[i] = why;
        done[i] = true;
    }

    /** The images left out, {@code file: reason}. */
    List<String> skipped() {
        List<String> skipped = new ArrayList<>();
        for (int i = 0; i < bad.length; i++) {
            if (bad[i] != null) {
                skipped.add(archive.file(i) + ": " + bad[i]);
            }
        }
        return skipped;
    }

    /**
     * The images prepared, the skipped ones left out.
     *
     * @throws DatasetException if a class has no image left
     * @throws IllegalStateException if an image was neither added nor reported bad
     */
    Dataset dataset() {
        int size = inputs.preparation().bytesPerImage();
        int[] labels = archive.classes().labels();
        int[] kept = new int[labels.length];
        int[] perClass = new int[inputs.classNames().size()];
        int n = 0;
        for (int i = 0; i < labels.length; i++) {
            if (!done[i]) {
                throw new IllegalStateException("PageImages.dataset: image " + i + " (" + archive.file(i)
                        + ") was never prepared");
            }
            if (bad[i] == null) {
                if (n != i) {
                    System.arraycopy(pixels, i * size, pixels, n * size, size);
                }
                kept[n++] = labels[i];
                perClass[labels[i]]++;
            }
        }
        for (int label = 0; label < perClass.length; label++) {
            if (perClass[label] == 0) {
                throw new DatasetException(name + ": every image of class " + inputs.classNames().get(label)
                        + " was left out as unreadable; a class needs at least one image");
            }
        }
        return Dataset.images(name, n == labels.length ? pixels : Arrays.copyOf(pixels, n * size),
                Arrays.copyOf(kept, n), inputs.shape(), perClass.length);
    }
}
