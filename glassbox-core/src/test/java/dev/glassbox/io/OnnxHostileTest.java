package dev.glassbox.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.nn.Network;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Damaged and hostile ONNX files: each is one {@link ModelFileException} naming the problem,
 * before anything large is allocated — never another exception, never a hang.
 */
class OnnxHostileTest {

    private static SavedModel read(byte[] bytes) {
        return ModelFormats.read(bytes, ModelFormats.Options.NONE);
    }

    private static byte[] valid() {
        return OnnxExport.write(Network.of("6-4-relu-3", 1), Map.of("glassbox.loss", "cross-entropy"));
    }

    /** A model of the given nodes and initializers, input {@code x} [N, 2], output {@code y}. */
    private static byte[] model(ProtoWriter... parts) {
        ProtoWriter graph = new ProtoWriter();
        for (ProtoWriter part : parts) {
            graph.bytes(FIELD.get(part), part.toByteArray());
        }
        graph.message(11, new ProtoWriter().string(1, "x"));
        graph.message(12, new ProtoWriter().string(1, "y"));
        return new ProtoWriter().varint(1, 7).message(7, graph).message(8, new ProtoWriter().varint(2, 13))
                .toByteArray();
    }

    private static final java.util.IdentityHashMap<ProtoWriter, Integer> FIELD = new java.util.IdentityHashMap<>();

    private static ProtoWriter node(String op, String out, String... in) {
        ProtoWriter node = new ProtoWriter();
        for (String i : in) {
            node.string(1, i);
        }
        node.string(2, out).string(4, op);
        FIELD.put(node, 1);
        return node;
    }

    private static ProtoWriter weights(String name, int rows, int cols) {
        ProtoWriter t = new ProtoWriter().packed(1, new long[] {rows, cols}).varint(2, 1).string(8, name)
                .bytes(9, new byte[4 * rows * cols]);
        FIELD.put(t, 5);
        return t;
    }

    @Test
    void aValidExportReadsBack() {
        assertThat(read(valid()).network().spec().toString()).isEqualTo("6-4-relu-3");
    }

    @Test
    void truncatedAnywhereIsOneLine() {
        // Protocol Buffers have no end marker: a cut between two whole fields (after the graph, in the
        // metadata) may leave a readable model. Inside a field, the cut is reported.
        byte[] whole = valid();
        int refused = 0;
        for (int length = 1; length < whole.length; length++) {
            byte[] cut = Arrays.copyOf(whole, length);
            try {
                read(cut);
            } catch (ModelFileException e) {
                assertThat(e).as("cut at %d", length).hasMessageStartingWith("cannot read model: ");
                refused++;
            }
        }
        assertThat(refused).isGreaterThan(whole.length / 2);
    }

    @Test
    void aTruncatedVarintOrALengthPastTheEnd() {
        assertThatThrownBy(() -> read(new byte[] {0x08, (byte) 0x80, (byte) 0x80}))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("a number cut short (a truncated varint)");
        assertThatThrownBy(() -> read(new byte[] {0x08, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
                (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01}))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("a varint longer than 10 bytes");
        // Field 7 (the graph) claiming 2 GB.
        assertThatThrownBy(() -> read(new byte[] {0x08, 0x07, 0x3A, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
                0x07}))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("field 7 claims 2147483647 bytes, but 0 are left");
    }

    @Test
    void dimensionsOfTwoToThe31AreRefusedBeforeAllocating() {
        ProtoWriter huge = new ProtoWriter().packed(1, new long[] {1L << 31, 4}).varint(2, 1).string(8, "w")
                .bytes(9, new byte[16]);
        FIELD.put(huge, 5);
        assertThatThrownBy(() -> read(model(huge, node("Gemm", "y", "x", "w"))))
                .isInstanceOf(ModelFileException.class)
                .hasMessageContaining("tensor w has dimension 2147483648, expected 0 to 2^31 - 1");
        ProtoWriter many = new ProtoWriter().packed(1, new long[] {65536, 65536}).varint(2, 1).string(8, "w")
                .bytes(9, new byte[16]);
        FIELD.put(many, 5);
        assertThatThrownBy(() -> read(model(many, node("Gemm", "y", "x", "w"))))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("more than 2^31 values");
        ProtoWriter short_ = new ProtoWriter().packed(1, new long[] {3, 2}).varint(2, 1).string(8, "w")
                .bytes(9, new byte[16]);
        FIELD.put(short_, 5);
        assertThatThrownBy(() -> read(model(short_, node("Gemm", "y", "x", "w"))))
                .isInstanceOf(ModelFileException.class)
                .hasMessageContaining("tensor w of shape [3, 2] needs 24 bytes of data, holds 16");
    }

    @Test
    void aCycleAMissingInitializerAndAnUnsupportedOperator() {
        // x → Relu → a → Relu → b → Relu → a: the walk comes back to a node it has applied.
        assertThatThrownBy(() -> read(model(weights("w", 3, 2), node("Gemm", "a", "x", "w"), node("Relu", "b", "a"),
                node("Relu", "a", "b"))))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("the graph has a cycle through");
        assertThatThrownBy(() -> read(model(node("Gemm", "y", "x", "missing"))))
                .isInstanceOf(ModelFileException.class)
                .hasMessageContaining("Gemm node 0: its input 'missing' is neither an initializer nor a Constant in the"
                        + " file");
        assertThatThrownBy(() -> read(model(weights("w", 3, 2), node("Gemm", "h", "x", "w"), node("Softplus", "y", "h"))))
                .isInstanceOf(ModelFileException.class)
                .hasMessage("cannot read model: Softplus node 1: operator Softplus is not supported; Glassbox imports "
                        + OnnxImport.SUPPORTED);
        assertThatThrownBy(() -> read(model(weights("w", 3, 2), node("Gemm", "h", "x", "w"))))
                .isInstanceOf(ModelFileException.class)
                .hasMessageContaining("tensor 'h' leads nowhere");
    }

    @Test
    void weightsInAnotherFileAreNeverOpened() {
        ProtoWriter external = new ProtoWriter().packed(1, new long[] {3, 2}).varint(2, 1).string(8, "w")
                .message(13, new ProtoWriter().string(1, "location").string(2, "/etc/passwd")).varint(14, 1);
        FIELD.put(external, 5);
        assertThatThrownBy(() -> read(model(external, node("Gemm", "y", "x", "w"))))
                .isInstanceOf(ModelFileException.class)
                .hasMessageContaining("tensor w keeps its data in an external file; Glassbox reads only weights inside"
                        + " the .onnx file");
    }
}
