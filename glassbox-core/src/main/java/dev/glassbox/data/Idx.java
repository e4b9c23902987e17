package dev.glassbox.data;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files, the format MNIST ships in, raw or gzip-compressed (detected by the gzip magic
 * {@code 1f 8b}, never by the file name).
 *
 * <p>Format (all integers big-endian):
 * <pre>
 *   offset 0   00 00       magic: always zero
 *   offset 2   dtype       0x08 unsigned byte (the only one read here), 0x09 int8, 0x0B int16,
 *                          0x0C int32, 0x0D float32, 0x0E float64
 *   offset 3   rank        number of dimensions, 1..4 here
 *   offset 4   rank × u32  the dimensions, e.g. 60000, 28, 28
 *   then       data        product(dims) elements, row-major, nothing after
 * </pre>
 *
 * <p>Every header field is checked before anything is allocated, so a hostile or corrupt file
 * fails with a message ({@code <file>: <problem>}, as a {@link DatasetException}) instead of an
 * {@link OutOfMemoryError}: dimensions must be below 2^31, their product may not overflow or
 * exceed {@link #MAX_DATA_BYTES}, a raw file's length must match its header exactly, and a gzip
 * stream must hold exactly the declared bytes (its CRC is checked at the end). In messages the
 * data of a 1-D file is called "labels" and of a higher-rank file "pixels", as in MNIST.
 *
 * <p>Not a general IDX library: other dtypes are rejected, not converted. Not a file reader
 * either: bytes or a stream in, an array out; {@code dev.glassbox.jvm.data.IdxFiles} reads files.
 */
public final class Idx {
    /** The largest data section read: 1 GiB, about 20 times MNIST's training images. */
    public static final long MAX_DATA_BYTES = 1L << 30;

    static final int UNSIGNED_BYTE = 0x08;

    private static final Map<Integer, String> OTHER_TYPES = Map.of(
            0x09, "int8", 0x0B, "int16", 0x0C, "int32", 0x0D, "float32", 0x0E, "float64");
    private static final int BUFFER = 1 << 16;
    /**
     * The first allocation for the data. A gzip header can claim up to 1 GiB in a tiny file, so
     * the array grows as bytes really arrive; 64 MiB still holds MNIST's 47 MB in one go.
     */
    private static final int INITIAL_CHUNK = 64 << 20;

    private Idx() {}

    /** Reads the bytes of an IDX file, raw or gzip; {@code name} (a file, a URL) is used in error messages. */
    public static IdxArray read(byte[] bytes, String name) {
        if (bytes == null) {
            throw new IllegalArgumentException("Idx.read: bytes must not be null");
        }
        return read(new ByteArrayInputStream(bytes), name, bytes.length);
    }

    /**
     * Reads an IDX stream, raw or gzip, to its end; {@code name} is used in error messages.
     * The stream is not closed.
     */
    public static IdxArray read(InputStream in, String name) {
        return read(in, name, -1);
    }

    /**
     * As {@link #read(InputStream, String)} for a stream of known length, e.g. a file's size: a
     * raw stream whose length does not match its header is refused before anything is allocated.
     *
     * @param streamLength the bytes {@code in} holds, or −1 when unknown
     */
    public static IdxArray read(InputStream in, String name, long streamLength) {
        try {
            return readStream(in, name, streamLength);
        } catch (IOException e) {
            throw new DatasetException(name + ": cannot read (" + e + ")", e);
        }
    }

    /**
     * The {@code 4 + 4·rank} header bytes a raw IDX file of {@code array} starts with: with the
     * data, exactly the uncompressed file, so a checksum of the file can be taken after reading.
     */
    public static byte[] header(IdxArray array) {
        ByteBuffer header = ByteBuffer.allocate(4 + 4 * array.rank()); // big-endian, as IDX is
        header.put((byte) 0).put((byte) 0).put((byte) UNSIGNED_BYTE).put((byte) array.rank());
        for (int i = 0; i < array.rank(); i++) {
            header.putInt(array.dim(i));
        }
        return header.array();
    }

    private static IdxArray readStream(InputStream source, String name, long fileLength)
            throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(source, BUFFER);
        boolean gzip = startsWithGzipMagic(buffered);
        try {
            InputStream content = gzip ? new GZIPInputStream(buffered, BUFFER) : buffered;
            return parse(content, name, gzip ? -1 : fileLength, gzip);
        } catch (ZipException e) {
            throw new DatasetException(name + ": corrupt gzip data (" + e.getMessage()
                    + "). The file is damaged; restore it or re-download", e);
        } catch (EOFException e) {
            // Only GZIPInputStream throws this (a cut-off gzip header); data reads catch it below.
            throw new DatasetException(name + ": truncated gzip stream (" + e.getMessage()
                    + "). The file is damaged; restore it or re-download", e);
        }
    }

    private static boolean startsWithGzipMagic(BufferedInputStream in) throws IOException {
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        return b0 == 0x1f && b1 == 0x8b;
    }

    /** @param rawLength the uncompressed file length, or −1 when unknown (gzip, plain stream) */
    private static IdxArray parse(InputStream in, String name, long rawLength, boolean gzip) throws IOException {
        byte[] magic = new byte[4];
        int got = readUpTo(in, magic, 0, 4);
        if (got < 4) {
            throw error(name, "truncated header: expected a 4-byte IDX magic number, got " + got + " bytes");
        }
        if (magic[0] != 0 || magic[1] != 0) {
            throw error(name, "not an IDX file: expected magic 00 00 08 0N, got " + hexBytes(magic)
                    + ". MNIST files start with 00 00 08 03 (images) or 00 00 08 01 (labels)");
        }
        int dtype = magic[2] & 0xFF;
        if (dtype != UNSIGNED_BYTE) {
            String typeName = OTHER_TYPES.get(dtype);
            throw error(name, typeName != null
                    ? "dtype " + hexByte(dtype) + " (" + typeName
                            + ") is not supported; Glassbox reads unsigned-byte IDX files"
                    : "unknown dtype " + hexByte(dtype) + ": expected 0x08 (unsigned byte). Is this an IDX file?");
        }
        int rank = magic[3] & 0xFF;
        if (rank < 1 || rank > 4) {
            throw error(name, "expected 1 to 4 dimensions, got " + rank + ". The header is corrupt");
        }
        byte[] dimBytes = new byte[4 * rank];
        got = readUpTo(in, dimBytes, 0, dimBytes.length);
        if (got < dimBytes.length) {
            throw error(name, "truncated header: " + rank + " dimensions need " + dimBytes.length
                    + " bytes after the magic number, got " + got);
        }
        int[] dims = dimensions(name, dimBytes);
        long count = elementCount(name, dims);
        String what = rank == 1 ? "labels" : "pixels";
        int headerBytes = 4 + dimBytes.length;
        if (rawLength >= 0) {
            // A raw file's length is known: refuse a mismatch before allocating anything.
            long available = rawLength - headerBytes;
            if (available < count) {
                throw truncated(name, count, what, "file has " + available);
            }
            if (available > count) {
                throw error(name, "trailing data: header declares " + count + " bytes of " + what + ", file has "
                        + available + " after the " + headerBytes + "-byte header. The file is damaged or not IDX");
            }
        }
        byte[] data = readData(in, name, count, what, gzip);
        if (in.read() != -1) {
            throw error(name, "trailing data after the declared " + count + " bytes of " + what
                    + ". The file is damaged or not IDX");
        }
        return new IdxArray(dims, data);
    }

    private static int[] dimensions(String name, byte[] dimBytes) {
        ByteBuffer buffer = ByteBuffer.wrap(dimBytes); // big-endian by default, as IDX is
        int[] dims = new int[dimBytes.length / 4];
        for (int i = 0; i < dims.length; i++) {
            long dim = Integer.toUnsignedLong(buffer.getInt());
            if (dim > Integer.MAX_VALUE) {
                throw error(name, "dimension " + i + " is " + dim + ", expected below 2^31. The header is corrupt");
            }
            dims[i] = (int) dim;
        }
        return dims;
    }

    private static long elementCount(String name, int[] dims) {
        long count = 1;
        try {
            for (int dim : dims) {
                count = Math.multiplyExact(count, dim);
            }
        } catch (ArithmeticException e) {
            throw error(name, "dimensions " + join(dims) + " overflow a 64-bit element count. The header is corrupt");
        }
        if (count > MAX_DATA_BYTES) {
            throw error(name, "header declares " + count + " bytes (" + join(dims) + "), more than the "
                    + (MAX_DATA_BYTES >> 30) + " GiB Glassbox reads. The header is corrupt or the dataset too big");
        }
        return count;
    }

    private static byte[] readData(InputStream in, String name, long count, String what, boolean gzip)
            throws IOException {
        byte[] data = new byte[(int) Math.min(count, INITIAL_CHUNK)];
        int filled = 0;
        while (filled < count) {
            if (filled == data.length) {
                data = Arrays.copyOf(data, (int) Math.min(count, 2L * data.length));
            }
            int got = readUpTo(in, data, filled, data.length - filled);
            if (got == 0) {
                throw truncated(name, count, what, (gzip ? "gzip stream has " : "stream has ") + filled);
            }
            filled += got;
        }
        return data;
    }

    /** Reads until {@code length} bytes or the end; a cut-off gzip stream counts as the end. */
    private static int readUpTo(InputStream in, byte[] buffer, int offset, int length) throws IOException {
        int total = 0;
        try {
            while (total < length) {
                int got = in.read(buffer, offset + total, length - total);
                if (got < 0) {
                    break;
                }
                total += got;
            }
        } catch (EOFException e) {
            // GZIPInputStream's "Unexpected end of ZLIB input stream": the file was cut off.
        }
        return total;
    }

    private static DatasetException truncated(String name, long count, String what, String actual) {
        return error(name, "truncated: header declares " + count + " bytes of " + what + ", " + actual
                + ". The file is incomplete; restore it or re-download");
    }

    private static DatasetException error(String name, String problem) {
        return new DatasetException(name + ": " + problem);
    }

    /** "1f 8c 08 03": by hand, as {@code HexFormat} is missing from some Java class libraries (TeaVM's). */
    private static String hexBytes(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (byte b : bytes) {
            s.append(s.isEmpty() ? "" : " ").append(String.format("%02x", b & 0xFF));
        }
        return s.toString();
    }

    private static String hexByte(int value) {
        return String.format("0x%02X", value);
    }

    private static String join(int[] dims) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < dims.length; i++) {
            s.append(i == 0 ? "" : "x").append(dims[i]);
        }
        return s.toString();
    }
}
