package dev.glassbox.data;

/**
 * The width and height a PNG or JPEG file declares, read from its header without decoding, so a
 * host can refuse a decompression bomb (a few bytes declaring 100,000 × 100,000 pixels) before its
 * decoder allocates anything. PNG: the IHDR chunk that must come first. JPEG: the first
 * start-of-frame marker, reached by walking the segments before it.
 *
 * @param width  columns, at least 1
 * @param height rows, at least 1
 */
public record ImageHeader(int width, int height) {
    /** The most pixels an image may have: 25 megapixels, 100 MB as packed ARGB. */
    public static final long MAX_PIXELS = 25_000_000L;

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    /**
     * Reads the size of the image in {@code bytes} and checks it.
     *
     * @param name what messages call the image, e.g. its file
     * @throws DatasetException {@code name: problem}, for a file that is neither PNG nor JPEG, a
     *         header cut short, a zero size or more than {@link #MAX_PIXELS}
     */
    public static ImageHeader of(byte[] bytes, String name) {
        ImageHeader header = isPng(bytes) ? png(bytes, name) : isJpeg(bytes) ? jpeg(bytes, name) : null;
        if (header == null) {
            throw new DatasetException(name + ": not a PNG or JPEG image (no PNG or JPEG signature)");
        }
        return header;
    }

    /** Checks a declared size. */
    private static ImageHeader checked(long width, long height, String name) {
        if (width < 1 || height < 1 || width * height > MAX_PIXELS) {
            throw new DatasetException(name + ": image is " + width + "x" + height + ", expected 1 to "
                    + MAX_PIXELS / 1_000_000 + " megapixels. Crop or shrink it first");
        }
        return new ImageHeader((int) width, (int) height);
    }

    private static boolean isPng(byte[] bytes) {
        if (bytes.length < PNG.length) {
            return false;
        }
        for (int i = 0; i < PNG.length; i++) {
            if (bytes[i] != PNG[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isJpeg(byte[] bytes) {
        return bytes.length >= 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8
                && (bytes[2] & 0xFF) == 0xFF;
    }

    private static ImageHeader png(byte[] bytes, String name) {
        if (bytes.length < 24 || bytes[12] != 'I' || bytes[13] != 'H' || bytes[14] != 'D' || bytes[15] != 'R') {
            throw new DatasetException(name + ": a PNG without its IHDR header; the file is damaged or cut short");
        }
        return checked(u32(bytes, 16), u32(bytes, 20), name);
    }

    private static ImageHeader jpeg(byte[] bytes, String name) {
        int at = 2;
        while (true) {
            while (at < bytes.length && (bytes[at] & 0xFF) == 0xFF) {
                at++; // fill bytes before a marker
            }
            if (at >= bytes.length) {
                break;
            }
            int marker = bytes[at++] & 0xFF;
            if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue; // markers without a length
            }
            if (marker == 0xD9 || marker == 0xDA || at + 2 > bytes.length) {
                break; // end of image, or scan data: no frame header came first
            }
            int length = (bytes[at] & 0xFF) << 8 | (bytes[at + 1] & 0xFF);
            boolean frame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (frame) {
                if (length < 7 || at + 7 > bytes.length) {
                    break;
                }
                long height = (bytes[at + 3] & 0xFF) << 8 | (bytes[at + 4] & 0xFF);
                long width = (bytes[at + 5] & 0xFF) << 8 | (bytes[at + 6] & 0xFF);
                return checked(width, height, name);
            }
            if (length < 2) {
                break;
            }
            at += length;
        }
        throw new DatasetException(name + ": a JPEG without a frame header; the file is damaged or cut short");
    }

    private static long u32(byte[] b, int at) {
        return (long) (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }
}
