package dev.glassbox.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ONNX model's graph as read from the bytes of a {@code .onnx} file ({@code ModelProto} in
 * {@code onnx.proto}): its nodes in file order, its initializers, its inputs and outputs, the
 * default domain's opset and the metadata. Only what an importer of multilayer perceptrons needs
 * is kept; everything else is skipped unread. Tensors keep float32 and int64 values only.
 *
 * <p>Hostile files: every length is checked before it is read ({@link ProtoReader}); a tensor's
 * dimensions must be non-negative, their product below 2³¹ and equal to the values it holds; at
 * most {@value #MAX_NODES} nodes; data in external files is refused (a model file never makes
 * Glassbox open another file).
 *
 * @param nodes        the nodes in file order
 * @param initializers the graph's initializers (weights and constants) by name
 * @param inputs       the graph's inputs, initializers among them in older files
 * @param outputs      the graph's outputs
 * @param opset        the version of the default ({@code ai.onnx}) operator set, 0 if none is given
 * @param producer     the producer's name and version, e.g. {@code pytorch 1.13.1}
 * @param metadata     the {@code metadata_props}, in file order
 */
public record OnnxGraph(List<Node> nodes, Map<String, Tensor> initializers, List<Value> inputs, List<Value> outputs,
        long opset, String producer, Map<String, String> metadata) {
    /** The most nodes a graph may hold. */
    public static final int MAX_NODES = 100_000;

    /** The most dimensions a tensor may have. */
    static final int MAX_DIMS = 64;
    /** The most int64 values (shapes, axes) a tensor or attribute may hold: no MLP needs more. */
    static final int MAX_INT64_VALUES = 1 << 16;

    /** Data types, as {@code TensorProto.DataType} numbers them. */
    static final int FLOAT = 1;
    static final int INT64 = 7;

    public OnnxGraph {
        nodes = List.copyOf(nodes);
        initializers = Collections.unmodifiableMap(new LinkedHashMap<>(initializers));
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /**
     * One operator applied.
     *
     * @param name       the node's name, maybe empty
     * @param opType     e.g. {@code Gemm}
     * @param domain     empty for the default domain
     * @param inputs     the tensors it reads, by name (an empty name: an optional input left out)
     * @param outputs    the tensors it writes
     * @param attributes by name
     */
    public record Node(String name, String opType, String domain, List<String> inputs, List<String> outputs,
            Map<String, Attribute> attributes) {
        /** How messages name the node: {@code Gemm node 'fc1'} or {@code Gemm node 3}. */
        public String describe(int index) {
            return opType + " node " + (name.isEmpty() ? Integer.toString(index) : "'" + name + "'");
        }
    }

    /**
     * An attribute: one of a float, an int, a string, floats, ints or a tensor.
     *
     * @param name    its name
     * @param f       the float, if set
     * @param i       the int, if set
     * @param s       the string, or null
     * @param floats  the floats, or an empty array
     * @param ints    the ints, or an empty array
     * @param tensor  the tensor, or null
     */
    public record Attribute(String name, float f, long i, String s, float[] floats, long[] ints, Tensor tensor) {}

    /**
     * A tensor: float32 values, or int64 ones (shapes and axes).
     *
     * @param name   its name
     * @param dims   its shape
     * @param floats the values when float32, else null
     * @param longs  the values when int64, else null
     * @param type   its ONNX data type
     */
    public record Tensor(String name, long[] dims, float[] floats, long[] longs, int type) {
        /** How many values. */
        public int size() {
            return floats != null ? floats.length : longs != null ? longs.length : 0;
        }
    }

    /**
     * A graph input or output: its name and shape, a dimension −1 where it is symbolic or unknown.
     *
     * @param dims null when the file gives no shape
     */
    public record Value(String name, long[] dims) {}

    /**
     * Reads an ONNX model.
     *
     * @throws ModelFileException naming the first problem found
     */
    public static OnnxGraph read(byte[] bytes) {
        ProtoReader model = new ProtoReader(bytes);
        Builder graph = null;
        long opset = 0;
        String producer = "";
        String producerVersion = "";
        Map<String, String> metadata = new LinkedHashMap<>();
        boolean any = false;
        while (model.next()) {
            any = true;
            switch (model.field()) {
                case 7 -> graph = graph(model.message());
                case 2 -> producer = model.string();
                case 3 -> producerVersion = model.string();
                case 8 -> {
                    ProtoReader set = model.message();
                    String domain = "";
                    long version = 0;
                    while (set.next()) {
                        switch (set.field()) {
                            case 1 -> domain = set.string();
                            case 2 -> version = set.int64();
                            default -> set.skip();
                        }
                    }
                    if (domain.isEmpty() || domain.equals("ai.onnx")) {
                        opset = version;
                    }
                }
                case 14 -> {
                    String[] entry = entry(model.message());
                    metadata.put(entry[0], entry[1]);
                }
                default -> model.skip();
            }
        }
        if (!any || graph == null) {
            throw model.fail(any ? "no graph in the model" : "the file is empty");
        }
        return new OnnxGraph(graph.nodes, graph.initializers, graph.inputs, graph.outputs, opset,
                (producer + " " + producerVersion).trim(), metadata);
    }

    private static final class Builder {
        final List<Node> nodes = new ArrayList<>();
        final Map<String, Tensor> initializers = new LinkedHashMap<>();
        final List<Value> inputs = new ArrayList<>();
        final List<Value> outputs = new ArrayList<>();
    }

    private static Builder graph(ProtoReader r) {
        Builder graph = new Builder();
        while (r.next()) {
            switch (r.field()) {
                case 1 -> {
                    if (graph.nodes.size() == MAX_NODES) {
                        throw r.fail("more than " + MAX_NODES + " nodes");
                    }
                    graph.nodes.add(node(r.message()));
                }
                case 5 -> {
                    Tensor t = tensor(r.message(), r);
                    graph.initializers.put(t.name(), t);
                }
                case 15 -> throw r.fail("a sparse initializer; Glassbox reads dense weights only");
                case 11 -> graph.inputs.add(value(r.message()));
                case 12 -> graph.outputs.add(value(r.message()));
                default -> r.skip();
            }
        }
        return graph;
    }

    private static Node node(ProtoReader r) {
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        String name = "";
        String op = "";
        String domain = "";
        Map<String, Attribute> attributes = new LinkedHashMap<>();
        while (r.next()) {
            switch (r.field()) {
                case 1 -> inputs.add(r.string());
                case 2 -> outputs.add(r.string());
                case 3 -> name = r.string();
                case 4 -> op = r.string();
                case 7 -> domain = r.string();
                case 5 -> {
                    Attribute a = attribute(r.message(), r);
                    attributes.put(a.name(), a);
                }
                default -> r.skip();
            }
        }
        return new Node(name, op, domain, inputs, outputs, attributes);
    }

    private static Attribute attribute(ProtoReader r, ProtoReader outer) {
        String name = "";
        float f = 0;
        long i = 0;
        String s = null;
        List<Float> floats = new ArrayList<>();
        List<Long> ints = new ArrayList<>();
        Tensor tensor = null;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> name = r.string();
                case 2 -> f = r.float32();
                case 3 -> i = r.int64();
                case 4 -> s = r.string();
                case 5 -> tensor = tensor(r.message(), outer);
                case 7 -> {
                    if (r.wireType() == ProtoReader.LENGTH) {
                        ProtoReader run = r.message();
                        while (run.remaining() > 0) {
                            floats.add(Float.intBitsToFloat(run.fixed32()));
                            limit(floats.size(), MAX_INT64_VALUES, "floats", name, outer);
                        }
                    } else {
                        floats.add(r.float32());
                    }
                }
                case 8 -> {
                    String attribute = name;
                    r.varints(v -> {
                        ints.add(v);
                        limit(ints.size(), MAX_INT64_VALUES, "ints", attribute, outer);
                    });
                }
                default -> r.skip(); // graphs (If, Loop), strings: no MLP uses them
            }
        }
        float[] fs = new float[floats.size()];
        for (int k = 0; k < fs.length; k++) {
            fs[k] = floats.get(k);
        }
        return new Attribute(name, f, i, s, fs, ints.stream().mapToLong(Long::longValue).toArray(), tensor);
    }

    private static Tensor tensor(ProtoReader r, ProtoReader outer) {
        List<Long> dims = new ArrayList<>();
        int type = 0;
        String name = "";
        int[] raw = null;
        float[] floatData = new float[0];
        int floatCount = 0;
        List<Long> longData = new ArrayList<>();
        while (r.next()) {
            switch (r.field()) {
                case 1 -> {
                    String tensor = name;
                    r.varints(v -> {
                        dims.add(v);
                        limit(dims.size(), MAX_DIMS, "dimensions", tensor, r);
                    });
                }
                case 2 -> type = r.int32();
                case 8 -> name = r.string();
                case 9 -> raw = r.span();
                case 4 -> {
                    // Packed (proto3) or one value per field; the file's size bounds either.
                    int n = r.wireType() == ProtoReader.LENGTH ? -1 : 1;
                    ProtoReader run = n < 0 ? r.message() : null;
                    if (run != null && run.remaining() % 4 != 0) {
                        throw r.fail("tensor " + name + ": float data of " + run.remaining() + " bytes");
                    }
                    int adding = run != null ? run.remaining() / 4 : 1;
                    if (floatCount + adding > floatData.length) {
                        floatData = java.util.Arrays.copyOf(floatData, Math.max(floatCount + adding, 2 * floatData.length));
                    }
                    if (run != null) {
                        while (run.remaining() > 0) {
                            floatData[floatCount++] = Float.intBitsToFloat(run.fixed32());
                        }
                    } else {
                        floatData[floatCount++] = r.float32();
                    }
                }
                case 7 -> {
                    String tensor = name;
                    r.varints(v -> {
                        longData.add(v);
                        limit(longData.size(), MAX_INT64_VALUES, "int64 values", tensor, r);
                    });
                }
                case 14 -> {
                    if (r.int32() == 1) {
                        throw r.fail("tensor " + name + " keeps its data in an external file; Glassbox reads only"
                                + " weights inside the .onnx file (export with the weights embedded)");
                    }
                }
                case 13 -> throw r.fail("tensor " + name + " keeps its data in an external file; Glassbox reads only"
                        + " weights inside the .onnx file (export with the weights embedded)");
                default -> r.skip();
            }
        }
        long count = 1;
        long[] shape = new long[dims.size()];
        for (int k = 0; k < shape.length; k++) {
            shape[k] = dims.get(k);
            if (shape[k] < 0 || shape[k] > Integer.MAX_VALUE) {
                throw r.fail("tensor " + name + " has dimension " + shape[k] + ", expected 0 to 2^31 - 1");
            }
            count *= shape[k];
            if (count > Integer.MAX_VALUE) {
                throw r.fail("tensor " + name + " has " + shapeText(shape) + " dimensions: more than 2^31 values");
            }
        }
        if (type != FLOAT && type != INT64) {
            // Other types cannot be weights of a float32 network; keep the name so a use of it is reported.
            return new Tensor(name, shape, null, null, type);
        }
        int element = type == FLOAT ? 4 : 8;
        if (raw != null) {
            if ((long) raw[1] != count * element) {
                throw r.fail("tensor " + name + " of shape " + shapeText(shape) + " needs " + count * element
                        + " bytes of data, holds " + raw[1]);
            }
            ByteBuffer data = ByteBuffer.wrap(r.source(), raw[0], raw[1]).order(ByteOrder.LITTLE_ENDIAN);
            if (type == FLOAT) {
                float[] values = new float[(int) count];
                data.asFloatBuffer().get(values);
                return new Tensor(name, shape, values, null, type);
            }
            long[] values = new long[(int) count];
            data.asLongBuffer().get(values);
            return new Tensor(name, shape, null, values, type);
        }
        int held = type == FLOAT ? floatCount : longData.size();
        if (held != count) {
            throw r.fail("tensor " + name + " of shape " + shapeText(shape) + " needs " + count + " values, holds "
                    + held);
        }
        if (type == FLOAT) {
            return new Tensor(name, shape, java.util.Arrays.copyOf(floatData, held), null, type);
        }
        return new Tensor(name, shape, null, longData.stream().mapToLong(Long::longValue).toArray(), type);
    }

    private static Value value(ProtoReader r) {
        String name = "";
        long[] dims = null;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> name = r.string();
                case 2 -> dims = tensorShape(r.message());
                default -> r.skip();
            }
        }
        return new Value(name, dims);
    }

    /** TypeProto → tensor_type (1) → shape (2) → dim (1) → dim_value (1) or dim_param (2). */
    private static long[] tensorShape(ProtoReader type) {
        long[] dims = null;
        while (type.next()) {
            if (type.field() != 1) {
                type.skip();
                continue;
            }
            ProtoReader tensor = type.message();
            while (tensor.next()) {
                if (tensor.field() != 2) {
                    tensor.skip();
                    continue;
                }
                List<Long> list = new ArrayList<>();
                ProtoReader shape = tensor.message();
                while (shape.next()) {
                    if (shape.field() != 1) {
                        shape.skip();
                        continue;
                    }
                    ProtoReader dim = shape.message();
                    long value = -1;
                    while (dim.next()) {
                        if (dim.field() == 1) {
                            value = dim.int64();
                        } else {
                            dim.skip();
                        }
                    }
                    list.add(value);
                }
                dims = list.stream().mapToLong(Long::longValue).toArray();
            }
        }
        return dims;
    }

    private static String[] entry(ProtoReader r) {
        String key = "";
        String value = "";
        while (r.next()) {
            switch (r.field()) {
                case 1 -> key = r.string();
                case 2 -> value = r.string();
                default -> r.skip();
            }
        }
        return new String[] {key, value};
    }

    private static void limit(int count, int max, String what, String name, ProtoReader r) {
        if (count > max) {
            throw r.fail("'" + name + "' holds more than " + max + " " + what);
        }
    }

    static String shapeText(long[] dims) {
        StringBuilder text = new StringBuilder("[");
        for (int k = 0; k < dims.length; k++) {
            text.append(k == 0 ? "" : ", ").append(dims[k]);
        }
        return text.append(']').toString();
    }
}
