package dev.glassbox.io;

import dev.glassbox.nn.Network;
import dev.glassbox.nn.Parameter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link Network} as safetensors bytes that Python's {@code safetensors} reads, and back.
 *
 * <p>Layout: 8 bytes little-endian unsigned N, then N bytes of UTF-8 JSON header (padded with
 * spaces to a multiple of 8, as the reference writer does), then the data section:
 *
 * <pre>{@code
 * {"__metadata__": {"glassbox.format": "1", "glassbox.spec": "784-256-relu-10", ...},
 *  "layers.0.weight": {"dtype": "F32", "shape": [256, 784], "data_offsets": [0, 802816]}, ...}
 * }</pre>
 *
 * <p>Offsets are relative to the data section; tensors are the network's parameters in order,
 * contiguous, row-major little-endian {@code float}. The spec in the metadata is what lets the
 * reader rebuild the network: the bytes hold weights only, not optimizer state or gradients (so
 * they are not a training checkpoint; see {@link CheckpointCodec}). Reading checks everything
 * before trusting it; see {@link #read(ByteBuffer)}.
 *
 * <p>A codec, not a file: it takes and gives bytes, as safetensors' own
 * {@code SafeTensors::deserialize(&[u8])} does. Files, atomic replacement and forcing to disk
 * are the host's business ({@code dev.glassbox.jvm.io.ModelFiles} on the JVM), which is also
 * what names the file in a {@link ModelFileException}.
 */
public final class ModelCodec {
    /** Largest header accepted, as in the reference implementation; checked before allocating. */
    public static final long MAX_HEADER_BYTES = 100L << 20;
    /** Metadata key holding the canonical network spec. */
    public static final String SPEC_KEY = "glassbox.spec";
    /** Metadata key holding {@link #FORMAT_VERSION}. */
    public static final String FORMAT_KEY = "glassbox.format";
    /** The version of this layout; bumped when a reader of the old one would misread a new file. */
    public static final String FORMAT_VERSION = "1";

    static final String METADATA = "__metadata__";
    /** Tensors beyond the network's parameters, e.g. a checkpoint's optimizer state, are named with this prefix. */
    static final String EXTRA_PREFIX = "checkpoint.";
    static final String F32 = "F32";
    /** Bytes moved per write call: large enough to be fast, small enough to never matter. */
    static final int CHUNK_BYTES = 1 << 16;
    /** The most bytes one Java array holds; {@link #write(Network, Map)} refuses more. */
    private static final long MAX_ARRAY_BYTES = Integer.MAX_VALUE - 8;

    private ModelCodec() {}

    /**
     * The bytes of {@code network} and {@code metadata}: what a model file holds.
     *
     * @param metadata provenance such as seed, hyper-parameters and dataset checksum, stored as
     *     given; {@code glassbox.spec} and {@code glassbox.format} are added (a caller-supplied value
     *     must equal the one written)
     * @throws ModelFileException if a parameter is NaN or infinite, or the model needs more than
     *     2 GiB (write it to a stream with {@link #write(Network, Map, OutputStream)} instead)
     */
    public static byte[] write(Network network, Map<String, String> metadata) {
        return toBytes(network, metadata, Map.of(), "model");
    }

    /**
     * As {@link #write(Network, Map)}, into {@code out} (not closed), 64 KiB at a time, so a model
     * of any size costs no second copy. Every value is checked before the first byte is written.
     *
     * @throws IOException from {@code out}; what was written by then is incomplete
     */
    public static void write(Network network, Map<String, String> metadata, OutputStream out) throws IOException {
        write(network, metadata, Map.of(), "model", out);
    }

    /**
     * Reads a model written by {@link #write} (or by any safetensors writer with the same tensors
     * and metadata), rebuilding the network from {@code glassbox.spec}. Every header number is
     * checked before it is used, so hostile bytes fail with a message rather than exhausting
     * memory.
     *
     * @param bytes read from its position to its limit; the buffer's position is not changed
     * @throws ModelFileException naming the first problem found (and no file: the host adds it)
     */
    public static SavedModel read(ByteBuffer bytes) {
        if (bytes == null) {
            throw new IllegalArgumentException("ModelCodec.read: bytes must not be null");
        }
        return new ModelFileReader(bytes).read();
    }

    /** As {@link #read(ByteBuffer)}. */
    public static SavedModel read(byte[] bytes) {
        if (bytes == null) {
            throw new IllegalArgumentException("ModelCodec.read: bytes must not be null");
        }
        return read(ByteBuffer.wrap(bytes));
    }

    /** {@link #write(Network, Map, OutputStream)} into a new array, refusing more than fits one. */
    static byte[] toBytes(Network network, Map<String, String> metadata, Map<String, float[]> extras, String kind) {
        if (network == null || metadata == null) {
            throw new IllegalArgumentException("ModelCodec.write: network and metadata must not be null");
        }
        byte[] header = header(network, metadataFor(network, metadata), extras);
        long size = header.length + dataBytes(network, extras);
        if (size > MAX_ARRAY_BYTES) {
            throw ModelFileException.writing(kind, null, "it needs " + size + " bytes, more than the "
                    + MAX_ARRAY_BYTES + " one array holds. Write it to a stream instead", null);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) size);
        try {
            write(network, metadata, extras, kind, out);
        } catch (IOException e) {
            throw new UncheckedIOException("ByteArrayOutputStream does not throw", e);
        }
        return out.toByteArray();
    }

    /**
     * Writes {@code network}, {@code metadata} and more tensors after the parameters, each stored
     * as {@code checkpoint.<name>} with shape (1, length): the bytes stay readable as a model, and
     * {@link CheckpointCodec} keeps a run's state there.
     *
     * @param kind what the bytes hold, for messages: {@code model} or {@code checkpoint}
     */
    static void write(Network network, Map<String, String> metadata, Map<String, float[]> extras, String kind,
            OutputStream out) throws IOException {
        if (network == null || metadata == null || out == null) {
            throw new IllegalArgumentException("ModelCodec.write: network, metadata and out must not be null");
        }
        byte[] header = header(network, metadataFor(network, metadata), extras);
        // Refuse before writing anything: a half-written stream is for the host to throw away, but
        // no host should have to.
        for (Parameter p : network.parameters()) {
            requireFinite(p.name(), p.value().data(), p.value().cols(), kind);
        }
        for (Map.Entry<String, float[]> e : extras.entrySet()) {
            requireFinite(EXTRA_PREFIX + e.getKey(), e.getValue(), e.getValue().length, kind);
        }
        out.write(header);
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (Parameter p : network.parameters()) {
            writeValues(out, buffer, p.value().data());
        }
        for (float[] values : extras.values()) {
            writeValues(out, buffer, values);
        }
        out.write(buffer.array(), 0, buffer.position());
    }

    private static Map<String, String> metadataFor(Network network, Map<String, String> given) {
        // Sorted, so the same model and metadata always give the same bytes.
        Map<String, String> all = new TreeMap<>();
        for (Map.Entry<String, String> e : given.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                throw new IllegalArgumentException("ModelCodec.write: metadata has a null key or value: " + e);
            }
            all.put(e.getKey(), e.getValue());
        }
        putChecked(all, SPEC_KEY, network.spec().toString());
        putChecked(all, FORMAT_KEY, FORMAT_VERSION);
        return all;
    }

    private static void putChecked(Map<String, String> metadata, String key, String value) {
        String given = metadata.put(key, value);
        if (given != null && !given.equals(value)) {
            throw new IllegalArgumentException("ModelCodec.write: metadata " + key + " is '" + given + "', expected '"
                    + value + "' or absent. The writer sets it; leave it out");
        }
    }

    /** The length prefix and the JSON header, padded with spaces so the data starts 8-byte aligned. */
    private static byte[] header(Network network, Map<String, String> metadata, Map<String, float[]> extras) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put(METADATA, metadata);
        long offset = 0;
        for (Parameter p : network.parameters()) {
            offset = putTensor(json, p.name(), p.value().rows(), p.value().cols(), offset);
        }
        for (Map.Entry<String, float[]> e : extras.entrySet()) {
            offset = putTensor(json, EXTRA_PREFIX + e.getKey(), 1, e.getValue().length, offset);
        }
        byte[] text = Json.write(json).getBytes(StandardCharsets.UTF_8);
        int padded = (text.length + 7) / 8 * 8;
        ByteBuffer out = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded).put(text);
        while (out.hasRemaining()) {
            out.put((byte) ' ');
        }
        return out.array();
    }

    /** Adds an F32 tensor entry at {@code offset}; returns where the next one begins. */
    private static long putTensor(Map<String, Object> json, String name, int rows, int cols, long offset) {
        long bytes = 4L * rows * cols;
        Map<String, Object> tensor = new LinkedHashMap<>();
        tensor.put("dtype", F32);
        tensor.put("shape", List.of(rows, cols));
        tensor.put("data_offsets", List.of(offset, offset + bytes));
        if (json.put(name, tensor) != null) {
            throw new IllegalStateException("ModelCodec.write: two tensors are named " + name);
        }
        return offset + bytes;
    }

    private static long dataBytes(Network network, Map<String, float[]> extras) {
        long bytes = 0;
        for (Parameter p : network.parameters()) {
            bytes += 4L * p.value().data().length;
        }
        for (float[] values : extras.values()) {
            bytes += 4L * values.length;
        }
        return bytes;
    }

    private static void requireFinite(String name, float[] values, int cols, String kind) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                // The reader rejects such bytes, so refuse to write them.
                throw ModelFileException.writing(kind, null, "tensor " + name + " holds " + values[i] + " at ("
                        + i / cols + ", " + i % cols + "), expected finite values. Training diverged;"
                        + " try a lower learning rate", null);
            }
        }
    }

    /** Little-endian floats through {@code buffer}, which is passed on partly filled. */
    private static void writeValues(OutputStream out, ByteBuffer buffer, float[] values) throws IOException {
        for (float v : values) {
            if (!buffer.hasRemaining()) {
                out.write(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
            buffer.putFloat(v);
        }
    }
}
