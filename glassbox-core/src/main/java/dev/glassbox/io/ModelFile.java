package dev.glassbox.io;

import dev.glassbox.nn.Network;
import dev.glassbox.nn.Parameter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Saves and loads a {@link Network} as a safetensors file that Python's {@code safetensors} reads.
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
 * loader rebuild the network: the file holds weights only, not optimizer state or gradients (so
 * it is not a training checkpoint). Saving is atomic: a reader sees the old file or the new one,
 * never a mixture. Loading checks everything before trusting it; see {@link #load(Path)}.
 */
public final class ModelFile {
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
    /** Bytes moved per read or write call: large enough to be fast, small enough to never matter. */
    static final int CHUNK_BYTES = 1 << 16;

    private ModelFile() {}

    /**
     * Writes {@code network} and {@code metadata} to {@code file} atomically, creating missing
     * parent directories. On failure an existing file is left untouched and no temporary file
     * remains.
     *
     * @param metadata provenance such as seed, hyper-parameters and dataset checksum, stored as
     *     given; {@code glassbox.spec} and {@code glassbox.format} are added (a caller-supplied value
     *     must equal the one written)
     * @throws ModelFileException if the file cannot be written or a parameter is NaN or infinite
     */
    public static void save(Path file, Network network, Map<String, String> metadata) {
        save(file, network, metadata, Map.of(), "model");
    }

    /**
     * As {@link #save(Path, Network, Map)}, with more tensors after the parameters, each stored as
     * {@code checkpoint.<name>} with shape (1, length): the model stays readable as a model, and
     * {@link CheckpointFile} keeps a run's state there.
     */
    static void save(Path file, Network network, Map<String, String> metadata, Map<String, float[]> extras,
            String kind) {
        if (file == null || network == null || metadata == null) {
            throw new IllegalArgumentException("ModelFile.save: file, network and metadata must not be null");
        }
        byte[] header = header(network, metadataFor(network, metadata), extras);
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        if (Files.isDirectory(target)) {
            throw ModelFileException.writing(kind,
                    file, "it is a directory, expected a file path such as model.safetensors", null);
        }
        try {
            AtomicFiles.requireReplaceable(target);
        } catch (FileSystemException e) {
            throw ModelFileException.writing(kind, file, e.getReason(), e);
        }
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw ModelFileException.writing(kind,
                    file, e.getFile() + " is a file, expected a directory (or nothing) there", e);
        } catch (IOException e) {
            throw ModelFileException.writing(kind, file, describe(e), e);
        }
        // The random part only keeps concurrent savers apart; it has no effect on results.
        String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong());
        Path temp = dir.resolve(target.getFileName() + ".tmp-" + suffix);
        boolean moved = false;
        try {
            try (FileChannel channel =
                    FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                writeFully(channel, ByteBuffer.wrap(header));
                writeTensors(channel, network, extras, file, kind);
                channel.force(true); // the data must be on disk before the rename makes it visible
            }
            AtomicFiles.moveAtomically(temp, target);
            moved = true;
            syncDirectory(dir);
        } catch (IOException e) {
            throw ModelFileException.writing(kind, file, describe(e), e);
        } finally {
            if (!moved) {
                AtomicFiles.deleteQuietly(temp);
            }
        }
    }

    /**
     * Reads a model written by {@link #save} (or by any safetensors writer with the same tensors and
     * metadata), rebuilding the network from {@code glassbox.spec}. Every header number is checked
     * before it is used, so a hostile file fails with a message rather than exhausting memory.
     *
     * @throws ModelFileException naming the file and the first problem found
     */
    public static SavedModel load(Path file) {
        if (file == null) {
            throw new IllegalArgumentException("ModelFile.load: file must not be null");
        }
        return new ModelFileReader(file).read();
    }

    private static Map<String, String> metadataFor(Network network, Map<String, String> given) {
        // Sorted, so the same model and metadata always give the same bytes.
        Map<String, String> all = new TreeMap<>();
        for (Map.Entry<String, String> e : given.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                throw new IllegalArgumentException("ModelFile.save: metadata has a null key or value: " + e);
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
            throw new IllegalArgumentException("ModelFile.save: metadata " + key + " is '" + given + "', expected '"
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
            throw new IllegalStateException("ModelFile.save: two tensors are named " + name);
        }
        return offset + bytes;
    }

    private static void writeTensors(FileChannel channel, Network network, Map<String, float[]> extras, Path file,
            String kind) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (Parameter p : network.parameters()) {
            writeValues(channel, buffer, p.name(), p.value().data(), p.value().cols(), file, kind);
        }
        for (Map.Entry<String, float[]> e : extras.entrySet()) {
            writeValues(channel, buffer, EXTRA_PREFIX + e.getKey(), e.getValue(), e.getValue().length, file, kind);
        }
        buffer.flip();
        writeFully(channel, buffer);
    }

    private static void writeValues(FileChannel channel, ByteBuffer buffer, String name, float[] values, int cols,
            Path file, String kind) throws IOException {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                // The loader rejects such files, so refuse to write one.
                throw ModelFileException.writing(kind, file, "tensor " + name + " holds " + values[i] + " at ("
                        + i / cols + ", " + i % cols + "), expected finite values. Training diverged;"
                        + " try a lower learning rate", null);
            }
            if (!buffer.hasRemaining()) {
                buffer.flip();
                writeFully(channel, buffer);
                buffer.clear();
            }
            buffer.putFloat(values[i]);
        }
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** Makes the rename itself durable; best effort, since not every platform can sync a directory. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            // The model is already in place; only durability across a power cut is weaker.
        }
    }

    /** A one-line reason: Java's own messages for these are often just the path. */
    static String describe(IOException e) {
        return switch (e) {
            case NoSuchFileException x -> "no such file or directory: " + x.getFile();
            case AccessDeniedException x -> "permission denied: " + x.getFile();
            case FileAlreadyExistsException x -> "already exists: " + x.getFile();
            case FileSystemException x when x.getReason() != null -> x.getReason() + ": " + x.getFile();
            default -> e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        };
    }
}
