package dev.glassbox.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/** Builds IDX files byte by byte for tests, including deliberately broken ones. */
public final class IdxBytes {
    private IdxBytes() {}

    /** Header {@code 00 00 dtype rank, dims...} followed by {@code data}; nothing is checked. */
    public static byte[] idx(int dtype, long[] dims, byte[] data) {
        ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        buffer.put((byte) 0).put((byte) 0).put((byte) dtype).put((byte) dims.length);
        for (long dim : dims) {
            buffer.putInt((int) dim); // values ≥ 2^31 wrap to their unsigned 32-bit pattern, as intended
        }
        return buffer.put(data).array();
    }

    /** A valid unsigned-byte IDX file. */
    public static byte[] ubyte(int[] dims, byte[] data) {
        long[] longs = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            longs[i] = dims[i];
        }
        return idx(0x08, longs, data); // unsigned byte
    }

    /** {@code count} bytes 0, 1, 2, ... wrapping at 256. */
    public static byte[] ramp(int count) {
        byte[] data = new byte[count];
        for (int i = 0; i < count; i++) {
            data[i] = (byte) i;
        }
        return data;
    }

    public static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
