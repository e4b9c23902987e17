package dev.glassbox.io;

import dev.glassbox.nn.Network;
import dev.glassbox.nn.NetworkSpec;
import dev.glassbox.nn.Parameter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The strict reader behind {@link ModelCodec#read(ByteBuffer)}: one instance per file's bytes.
 *
 * <p>Order of checks: the 8-byte length, the header's size (bounded before anything is allocated),
 * UTF-8, JSON, {@code __metadata__} and the spec, each tensor entry on its own (dtype, shape,
 * offsets agreeing with the shape), the layout of the data section (contiguous, covering it
 * exactly), then the tensors against the spec's parameters. Only then is the network built —
 * its size is now bounded by the bytes really in the file — and the values copied in, each checked
 * to be finite. Offsets need not follow the parameter order: Python's writer sorts tensors by name.
 */
final class ModelFileReader {
    private static final Set<String> TENSOR_FIELDS = Set.of("dtype", "shape", "data_offsets");

    /** The whole file: the 8-byte length, the header and the data section; little-endian. */
    private final ByteBuffer bytes;
    /** What the file should hold, for messages: {@code model} or {@code checkpoint}. */
    private final String kind;

    /** A header entry that passed its own checks: {@code end - begin} is 4 bytes per element. */
    private record Tensor(String name, List<Long> shape, long begin, long end) {}

    /** A parameter the spec's network will have; mirrors {@link NetworkSpec#build}. */
    private record Expected(String name, int rows, int cols) {
        List<Long> shape() {
            return List.of((long) rows, (long) cols);
        }
    }

    ModelFileReader(ByteBuffer bytes) {
        this(bytes, "model");
    }

    /** @param bytes from its position to its limit; neither is changed (absolute reads on a duplicate) */
    ModelFileReader(ByteBuffer bytes, String kind) {
        this.bytes = bytes.slice().order(ByteOrder.LITTLE_ENDIAN);
        this.kind = kind;
    }

    /** The model and, by name without their prefix, the extra tensors {@link ModelCodec#EXTRA_PREFIX}. */
    record Contents(SavedModel model, Map<String, float[]> extras) {}

    SavedModel read() {
        return read(false).model();
    }

    Contents read(boolean withExtras) {
        long size = bytes.remaining();
        long headerLength = checkedHeaderLength(size);
        Map<String, Object> header = parseHeader(decode(bytes.duplicate().position(8).limit(8 + (int) headerLength).slice()));

        Map<String, String> metadata = metadata(header);
        NetworkSpec spec = spec(metadata);
        long dataStart = 8 + headerLength;
        Map<String, Tensor> tensors = tensors(header);
        checkLayout(tensors, size - dataStart);
        List<Expected> expected = expectedParameters(spec);
        checkMatchesSpec(tensors, expected, spec);

        Network network = spec.build(0);
        checkBuiltAsExpected(network, expected);
        // Every offset is now known to lie inside the bytes, so the int casts below cannot wrap.
        for (Parameter p : network.parameters()) {
            readValues((int) (dataStart + tensors.get(p.name()).begin()), p.name(), p.value().data(),
                    p.value().cols());
        }
        Map<String, float[]> extras = new LinkedHashMap<>();
        if (withExtras) {
            for (Tensor t : tensors.values()) {
                if (t.name().startsWith(ModelCodec.EXTRA_PREFIX)) {
                    float[] values = new float[Math.toIntExact(t.shape().get(1))]; // bounded by the bytes' size
                    readValues((int) (dataStart + t.begin()), t.name(), values, values.length);
                    extras.put(t.name().substring(ModelCodec.EXTRA_PREFIX.length()), values);
                }
            }
        }
        return new Contents(new SavedModel(network, metadata), extras);
    }

    /**
     * A safetensors file written by another tool, such as PyTorch's {@code save_file} of a
     * {@code state_dict}: its metadata (empty when it has none) and its F32 tensors by name, in
     * header order, after the same checks as a model's (header, layout, finite values).
     *
     * @param metadata the {@code __metadata__} entries, empty when absent
     * @param shapes   each tensor's shape
     * @param values   each tensor's values, row-major
     */
    record Tensors(Map<String, String> metadata, Map<String, long[]> shapes, Map<String, float[]> values) {}

    /** The {@code __metadata__} alone (empty when absent), the header checked as {@link #read()} checks it. */
    Map<String, String> readMetadata() {
        long headerLength = checkedHeaderLength(bytes.remaining());
        Map<String, Object> header = parseHeader(decode(bytes.duplicate().position(8).limit(8 + (int) headerLength).slice()));
        return header.containsKey(ModelCodec.METADATA) ? metadata(header) : Map.of();
    }

    Tensors readTensors() {
        long size = bytes.remaining();
        long headerLength = checkedHeaderLength(size);
        Map<String, Object> header = parseHeader(decode(bytes.duplicate().position(8).limit(8 + (int) headerLength).slice()));
        Map<String, String> metadata = header.containsKey(ModelCodec.METADATA) ? metadata(header) : Map.of();
        long dataStart = 8 + headerLength;
        Map<String, Tensor> tensors = tensors(header);
        checkLayout(tensors, size - dataStart);
        Map<String, long[]> shapes = new LinkedHashMap<>();
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Tensor t : tensors.values()) {
            long[] shape = t.shape().stream().mapToLong(Long::longValue).toArray();
            // Bounded by the bytes really in the file (checkLayout), so the casts cannot wrap.
            float[] v = new float[(int) ((t.end() - t.begin()) / 4)];
            readValues((int) (dataStart + t.begin()), t.name(), v, shape.length == 2 && shape[1] > 0 ? (int) shape[1]
                    : Math.max(1, v.length));
            shapes.put(t.name(), shape);
            values.put(t.name(), v);
        }
        return new Tensors(metadata, shapes, values);
    }

    /** The header's length, checked against the file's {@code size} before anything is allocated. */
    private long checkedHeaderLength(long size) {
        if (size < 8) {
            throw fail("the file is " + size + " bytes long, expected at least 8 (the header length)."
                    + " It is truncated or not a safetensors file");
        }
        long headerLength = bytes.getLong(0); // unsigned in the format: huge values are negative here
        if (headerLength == 0) {
            throw fail("header length is 0, expected a JSON header of at least 2 bytes. Not a safetensors file?");
        }
        if (Long.compareUnsigned(headerLength, ModelCodec.MAX_HEADER_BYTES) > 0) {
            throw fail("header length is " + Long.toUnsignedString(headerLength) + " bytes, more than the limit of "
                    + ModelCodec.MAX_HEADER_BYTES + " (100 MiB). Not a safetensors file, or a corrupt one");
        }
        if (headerLength > size - 8) {
            throw fail("header length is " + headerLength + " bytes, but only " + (size - 8)
                    + " bytes follow. The file is truncated");
        }
        return headerLength;
    }

    private String decode(ByteBuffer bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer chars = CharBuffer.allocate(bytes.remaining()); // UTF-8 never has more chars than bytes
        CoderResult result = decoder.decode(bytes, chars, true);
        if (result.isUnderflow()) {
            result = decoder.flush(chars);
        }
        if (!result.isUnderflow()) {
            int at = bytes.position();
            throw fail(String.format("header is not valid UTF-8: byte 0x%02X at header byte %d (file offset %d)",
                    bytes.get(at) & 0xff, at, 8 + at));
        }
        return chars.flip().toString();
    }

    private Map<String, Object> parseHeader(String text) {
        Object parsed;
        try {
            parsed = Json.parse(text);
        } catch (JsonException e) {
            throw fail("header is not valid JSON: at character " + e.offset() + ": " + e.problem());
        }
        if (!(parsed instanceof Map<?, ?>)) {
            throw fail("header is " + kind(parsed) + ", expected a JSON object");
        }
        @SuppressWarnings("unchecked") // Json.parse makes objects with String keys
        Map<String, Object> header = (Map<String, Object>) parsed;
        return header;
    }

    private Map<String, String> metadata(Map<String, Object> header) {
        Object value = header.get(ModelCodec.METADATA);
        if (value == null) {
            throw fail("header has no __metadata__, expected one holding " + ModelCodec.SPEC_KEY
                    + ". Was the file written by Glassbox?");
        }
        if (!(value instanceof Map<?, ?> entries)) {
            throw fail("__metadata__ is " + kind(value) + ", expected an object of strings");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : entries.entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw fail("__metadata__ entry " + abbreviate((String) e.getKey()) + " is " + kind(e.getValue())
                        + ", expected a string (safetensors metadata holds strings only)");
            }
            metadata.put((String) e.getKey(), s);
        }
        return metadata;
    }

    private NetworkSpec spec(Map<String, String> metadata) {
        String format = metadata.get(ModelCodec.FORMAT_KEY);
        // Absent is accepted: another tool may write only the spec. A different version may mean something else.
        if (format != null && !format.equals(ModelCodec.FORMAT_VERSION)) {
            throw fail(ModelCodec.FORMAT_KEY + " is '" + abbreviate(format) + "', expected '" + ModelCodec.FORMAT_VERSION
                    + "'. The file comes from a newer Glassbox; use that version to read it");
        }
        String text = metadata.get(ModelCodec.SPEC_KEY);
        if (text == null) {
            throw fail("__metadata__ has no " + ModelCodec.SPEC_KEY
                    + ", expected the network spec, e.g. 784-256-relu-10");
        }
        try {
            return NetworkSpec.parse(text);
        } catch (IllegalArgumentException e) {
            throw fail(ModelCodec.SPEC_KEY + " is invalid: " + e.getMessage());
        }
    }

    /** Every entry except {@code __metadata__}, each checked on its own, in header order. */
    private Map<String, Tensor> tensors(Map<String, Object> header) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : header.entrySet()) {
            if (!e.getKey().equals(ModelCodec.METADATA)) {
                tensors.put(e.getKey(), tensor(e.getKey(), e.getValue()));
            }
        }
        return tensors;
    }

    private Tensor tensor(String name, Object value) {
        String where = "tensor " + abbreviate(name);
        if (!(value instanceof Map<?, ?> fields)) {
            throw fail(where + " is " + kind(value) + ", expected an object with dtype, shape and data_offsets");
        }
        for (Object field : fields.keySet()) {
            if (!TENSOR_FIELDS.contains(field)) {
                throw fail(where + " has unknown field " + abbreviate((String) field)
                        + ", expected only dtype, shape and data_offsets");
            }
        }
        Object dtype = required(fields, "dtype", where);
        if (!(dtype instanceof String s)) {
            throw fail(where + " has dtype " + show(dtype) + ", expected a string such as \"F32\"");
        }
        if (!s.equals(ModelCodec.F32)) {
            throw fail(where + " has dtype " + abbreviate(s) + "; Glassbox reads F32 only");
        }
        List<Long> shape = longs(required(fields, "shape", where), -1);
        if (shape == null) {
            throw fail(where + " has shape " + show(fields.get("shape"))
                    + ", expected a list of non-negative integers");
        }
        long bytes;
        try {
            long elements = 1;
            for (long dim : shape) {
                elements = Math.multiplyExact(elements, dim);
            }
            bytes = Math.multiplyExact(elements, 4L);
        } catch (ArithmeticException e) {
            throw fail(where + " has shape " + abbreviate(shape.toString())
                    + ", whose size in bytes overflows 64 bits");
        }
        List<Long> offsets = longs(required(fields, "data_offsets", where), 2);
        if (offsets == null || offsets.get(0) > offsets.get(1)) {
            throw fail(where + " has data_offsets " + show(fields.get("data_offsets"))
                    + ", expected [begin, end] with 0 <= begin <= end");
        }
        long begin = offsets.get(0);
        long end = offsets.get(1);
        if (end - begin != bytes) {
            throw fail(where + " has data_offsets [" + begin + ", " + end + "] (" + (end - begin) + " bytes), expected "
                    + bytes + " bytes for shape " + shape + " in F32");
        }
        return new Tensor(name, shape, begin, end);
    }

    private Object required(Map<?, ?> fields, String field, String where) {
        Object value = fields.get(field);
        if (value == null) {
            throw fail(where + " has no " + field + ", expected dtype, shape and data_offsets");
        }
        return value;
    }

    /** The value as non-negative longs, or null if it is not such a list (of {@code length} items unless -1). */
    private static List<Long> longs(Object value, int length) {
        if (!(value instanceof List<?> list) || (length >= 0 && list.size() != length)) {
            return null;
        }
        List<Long> result = new ArrayList<>(list.size());
        for (Object item : list) {
            if (!(item instanceof Long n) || n < 0) {
                return null;
            }
            result.add(n);
        }
        return result;
    }

    /** Tensors sorted by offset must tile the data section: no gap, no overlap, nothing left over. */
    private void checkLayout(Map<String, Tensor> tensors, long dataLength) {
        List<Tensor> sorted = new ArrayList<>(tensors.values());
        sorted.sort(Comparator.comparingLong(Tensor::begin).thenComparingLong(Tensor::end));
        long covered = 0;
        String previous = null;
        for (Tensor t : sorted) {
            String name = abbreviate(t.name());
            if (t.begin() > covered) {
                throw fail(previous == null
                        ? "the data section has a gap: the first tensor, " + name + ", begins at byte " + t.begin()
                                + ", expected 0"
                        : "the data section has a gap: tensor " + name + " begins at byte " + t.begin() + ", expected "
                                + covered + " where tensor " + previous + " ends");
            }
            if (t.begin() < covered) {
                throw fail("tensors overlap: tensor " + name + " begins at byte " + t.begin() + ", before tensor "
                        + previous + " ends at " + covered);
            }
            covered = t.end();
            previous = name;
        }
        if (covered > dataLength) {
            throw fail("the tensors need " + covered + " bytes of data, but the data section holds " + dataLength
                    + ". The file is truncated");
        }
        if (covered < dataLength) {
            throw fail("the tensors cover " + covered + " bytes, but the data section holds " + dataLength
                    + "; expected them to cover it exactly. The file has trailing bytes or a wrong header length");
        }
    }

    private static List<Expected> expectedParameters(NetworkSpec spec) {
        return spec.parameterShapes().stream().map(p -> new Expected(p.name(), p.rows(), p.cols())).toList();
    }

    private void checkMatchesSpec(Map<String, Tensor> tensors, List<Expected> expected, NetworkSpec spec) {
        List<String> names = expected.stream().map(Expected::name).toList();
        for (Expected e : expected) {
            Tensor t = tensors.get(e.name());
            if (t == null) {
                throw fail("tensor " + e.name() + " is missing; the spec " + spec + " needs "
                        + String.join(", ", names));
            }
            if (!t.shape().equals(e.shape())) {
                throw fail("tensor " + e.name() + " has shape " + abbreviate(t.shape().toString()) + ", the spec "
                        + spec + " needs " + e.shape());
            }
        }
        for (String name : tensors.keySet()) {
            if (name.startsWith(ModelCodec.EXTRA_PREFIX)) {
                List<Long> shape = tensors.get(name).shape();
                if (shape.size() != 2 || shape.get(0) != 1 || shape.get(1) > Integer.MAX_VALUE - 8) {
                    throw fail("tensor " + abbreviate(name) + " has shape " + abbreviate(shape.toString())
                            + ", expected [1, n] for a checkpoint's state");
                }
            } else if (!names.contains(name)) {
                throw fail("tensor " + abbreviate(name) + " is not part of the spec " + spec + ", which has "
                        + String.join(", ", names));
            }
        }
    }

    /** Guards against {@code NetworkSpec.parameterShapes} drifting from {@code NetworkSpec.build}. */
    private static void checkBuiltAsExpected(Network network, List<Expected> expected) {
        List<Expected> built = network.parameters().stream()
                .map(p -> new Expected(p.name(), p.value().rows(), p.value().cols()))
                .toList();
        if (!built.equals(expected)) {
            throw new IllegalStateException("ModelFileReader: expected parameters " + expected
                    + " but NetworkSpec.build made " + built + "; parameterShapes and build disagree");
        }
    }

    /** Copies little-endian floats from {@code position} into {@code values} (modified), rejecting NaN and infinity. */
    private void readValues(int position, String name, float[] values, int cols) {
        for (int i = 0; i < values.length; i++) {
            float v = bytes.getFloat(position + 4 * i);
            if (!Float.isFinite(v)) {
                throw fail("tensor " + name + " holds " + v + " at (" + i / cols + ", " + i % cols
                        + "), expected finite values. The weights are corrupt or training diverged; retrain");
            }
            values[i] = v;
        }
    }

    private static String kind(Object value) {
        return switch (value) {
            case Map<?, ?> m -> "an object";
            case List<?> l -> "a list";
            case String s -> "a string";
            case Boolean b -> "a boolean";
            case Number n -> "a number";
            default -> "null";
        };
    }

    /** Header text quoted in a message, cut short: a hostile header must not make a megabyte-long message. */
    private static String show(Object value) {
        return abbreviate(Json.write(value));
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    private ModelFileException fail(String problem) {
        return ModelFileException.reading(kind, null, problem);
    }
}
