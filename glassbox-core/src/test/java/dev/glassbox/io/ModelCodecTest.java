package dev.glassbox.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.glassbox.jvm.kernels.KernelChoice;
import dev.glassbox.nn.Network;
import dev.glassbox.nn.Parameter;
import dev.glassbox.tensor.Matrix;
import dev.glassbox.tensor.Rng;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Round trips, the exact layout and hostile bytes, all in memory: the codec never sees a file.
 * Files, atomic replacement and messages naming the file are {@code ModelFilesTest}'s.
 *
 * <p>The small spec {@code 4-3-relu-2} has layers.0.weight (3, 4) = 48 bytes, layers.0.bias (1, 3)
 * = 12 bytes, layers.2.weight (2, 3) = 24 bytes and layers.2.bias (1, 2) = 8 bytes: 92 bytes of data.
 */
class ModelCodecTest {
    private static final String SPEC = "4-3-relu-2";
    private static final int DATA_BYTES = 92;

    // ---- round trips ----

    @Test
    void roundTripKeepsValuesMetadataAndPredictions() {
        Network original = randomNetwork(SPEC, 42);
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("seed", "42");
        provenance.put("learning_rate", "0.1");
        provenance.put("dataset.sha256", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
        provenance.put("loss", "cross-entropy");
        provenance.put("input", "pixels / 255");
        provenance.put("note", "ünïcödé, \"quotes\", newline\nand tab\t");
        SavedModel loaded = ModelCodec.read(ModelCodec.write(original, provenance));

        Map<String, String> expected = new LinkedHashMap<>(provenance);
        expected.put("glassbox.spec", SPEC);
        expected.put("glassbox.format", "1");
        assertThat(loaded.metadata()).isEqualTo(expected);
        assertThat(loaded.network().spec()).isEqualTo(original.spec());
        assertSameParameters(loaded.network(), original);
        Matrix input = Matrix.random(5, 4, 1f, new Rng(3));
        assertThat(bits(loaded.network().predict(input, KernelChoice.create(1)))).isEqualTo(bits(original.predict(input, KernelChoice.create(1))));
    }

    @Test
    void roundTripWithDropoutAndSeveralActivations() {
        // Dense layers sit at spec steps 0, 3 and 5, so the names skip numbers.
        Network original = randomNetwork("6-5-tanh-dropout0.25-4-sigmoid-3", 7);
        Network loaded = ModelCodec.read(ModelCodec.write(original, Map.of())).network();

        assertThat(loaded.parameters().stream().map(Parameter::name)).containsExactly(
                "layers.0.weight", "layers.0.bias", "layers.3.weight", "layers.3.bias", "layers.5.weight", "layers.5.bias");
        assertSameParameters(loaded, original);
    }

    @Test
    void loadedMetadataCanBeSavedAgain() {
        byte[] first = ModelCodec.write(randomNetwork(SPEC, 1), Map.of("seed", "1"));

        SavedModel loaded = ModelCodec.read(first);
        byte[] second = ModelCodec.write(loaded.network(), loaded.metadata());

        assertThat(second).isEqualTo(first);
    }

    @Test
    void writesTheSafetensorsLayout() {
        byte[] bytes = ModelCodec.write(randomNetwork(SPEC, 5), Map.of("seed", "5"));

        long headerLength = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        String header = new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8);
        assertThat(headerLength % 8).as("header padded to 8 bytes").isZero();
        assertThat(bytes).hasSize(8 + (int) headerLength + DATA_BYTES);
        assertThat(header.stripTrailing()).isEqualTo("{\"__metadata__\":{\"glassbox.format\":\"1\",\"glassbox.spec\":\"4-3-relu-2\","
                + "\"seed\":\"5\"},"
                + "\"layers.0.weight\":{\"dtype\":\"F32\",\"shape\":[3,4],\"data_offsets\":[0,48]},"
                + "\"layers.0.bias\":{\"dtype\":\"F32\",\"shape\":[1,3],\"data_offsets\":[48,60]},"
                + "\"layers.2.weight\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[60,84]},"
                + "\"layers.2.bias\":{\"dtype\":\"F32\",\"shape\":[1,2],\"data_offsets\":[84,92]}}");
        assertThat(header.substring(header.stripTrailing().length())).matches(" {0,7}");
    }

    @Test
    void savingTheSameModelTwiceGivesTheSameBytes() {
        Network network = randomNetwork(SPEC, 9);
        byte[] a = ModelCodec.write(network, Map.of("z", "1", "a", "2"));
        byte[] b = ModelCodec.write(network, new LinkedHashMap<>(Map.of("a", "2", "z", "1")));

        assertThat(b).isEqualTo(a);
    }

    @Test
    void writingToAStreamGivesTheSameBytesInChunks() throws IOException {
        // 20-1000-relu-10 holds 31,010 floats, 124 KB: two 64 KiB chunks.
        Network network = randomNetwork("20-1000-relu-10", 4);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        ModelCodec.write(network, Map.of("seed", "4"), out);

        assertThat(out.toByteArray()).isEqualTo(ModelCodec.write(network, Map.of("seed", "4")));
        assertSameParameters(ModelCodec.read(ByteBuffer.wrap(out.toByteArray())).network(), network);
    }

    @Test
    void readsFromTheBuffersPositionAndLeavesItThere() {
        byte[] model = ModelCodec.write(randomNetwork(SPEC, 3), Map.of());
        ByteBuffer buffer = ByteBuffer.wrap(concat(new byte[] {1, 2, 3}, model, new byte[] {9})).position(3)
                .limit(3 + model.length);

        SavedModel loaded = ModelCodec.read(buffer);

        assertSameParameters(loaded.network(), randomNetwork(SPEC, 3));
        assertThat(buffer.position()).isEqualTo(3);
    }

    @Test
    void refusesNonFiniteWeightsBeforeWritingAnything() {
        Network diverged = randomNetwork(SPEC, 2);
        diverged.parameters().getLast().value().set(0, 1, Float.NaN);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThatThrownBy(() -> ModelCodec.write(diverged, Map.of(), out))
                .isInstanceOf(ModelFileException.class)
                .hasMessage("cannot write model: tensor layers.2.bias holds NaN at (0, 1),"
                        + " expected finite values. Training diverged; try a lower learning rate");
        assertThat(out.size()).isZero();
    }

    @Test
    void anExceptionCanBeThrownAgainNamingTheFile() {
        ModelFileException fromBytes = catchThrowableOfType(ModelFileException.class,
                () -> ModelCodec.read(new byte[3]));

        ModelFileException named = fromBytes.naming("m.safetensors");

        assertThat(fromBytes.file()).isNull();
        assertThat(fromBytes).hasMessage("cannot read model: the file is 3 bytes long, expected at least 8"
                + " (the header length). It is truncated or not a safetensors file");
        assertThat(named.file()).isEqualTo("m.safetensors");
        assertThat(named.problem()).isEqualTo(fromBytes.problem());
        assertThat(named).hasMessage("cannot read model from m.safetensors: " + fromBytes.problem());
    }

    @Test
    void readsAFileLaidOutLikePythonsWriter() {
        // Python's safetensors sorts tensors by name, so each bias precedes its weight in the data,
        // and writes only the metadata it is given (here no glassbox.format).
        float[] w0 = floats(12, 0.5f);
        float[] b0 = floats(3, -1f);
        float[] w2 = floats(6, 2f);
        float[] b2 = floats(2, 0.25f);
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("__metadata__", Map.of("glassbox.spec", SPEC));
        header.put("layers.0.bias", tensor("F32", List.of(1, 3), 0, 12));
        header.put("layers.0.weight", tensor("F32", List.of(3, 4), 12, 60));
        header.put("layers.2.bias", tensor("F32", List.of(1, 2), 60, 68));
        header.put("layers.2.weight", tensor("F32", List.of(2, 3), 68, 92));
        byte[] text = Json.write(header).getBytes(StandardCharsets.UTF_8);
        byte[] padded = Arrays.copyOf(text, (text.length + 7) / 8 * 8);
        Arrays.fill(padded, text.length, padded.length, (byte) ' ');

        SavedModel loaded = ModelCodec.read(file(padded.length, padded, concat(b0, w0, b2, w2)));

        Map<String, Parameter> params = loaded.network().parametersByName();
        assertThat(params.get("layers.0.weight").value().data()).isEqualTo(w0);
        assertThat(params.get("layers.0.bias").value().data()).isEqualTo(b0);
        assertThat(params.get("layers.2.weight").value().data()).isEqualTo(w2);
        assertThat(params.get("layers.2.bias").value().data()).isEqualTo(b2);
        assertThat(loaded.metadata()).isEqualTo(Map.of("glassbox.spec", SPEC));
    }

    // ---- hostile files: each fails with its own message, never with an Error ----

    @Test
    void rejectsTruncatedFiles() {
        byte[] bytes = ModelCodec.write(randomNetwork(SPEC, 1), Map.of());
        int headerLength = bytes.length - 8 - DATA_BYTES;

        assertRejected(Arrays.copyOf(bytes, 0), "the file is 0 bytes long, expected at least 8 (the header length)");
        assertRejected(Arrays.copyOf(bytes, 7), "the file is 7 bytes long, expected at least 8");
        assertRejected(Arrays.copyOf(bytes, 8), "header length is " + headerLength + " bytes, but only 0 bytes follow."
                + " The file is truncated");
        assertRejected(Arrays.copyOf(bytes, 8 + headerLength / 2), "but only " + headerLength / 2 + " bytes follow");
        assertRejected(Arrays.copyOf(bytes, 8 + headerLength),
                "the tensors need 92 bytes of data, but the data section holds 0. The file is truncated");
        assertRejected(Arrays.copyOf(bytes, bytes.length - 1), "the tensors need 92 bytes of data, but the data section holds 91");
    }

    @Test
    void rejectsWrongOrAbsurdHeaderLengths() {
        byte[] bytes = ModelCodec.write(randomNetwork(SPEC, 1), Map.of());
        int headerLength = bytes.length - 8 - DATA_BYTES;

        assertRejected(withHeaderLength(bytes, headerLength - 8), "header is not valid JSON");
        assertRejected(withHeaderLength(bytes, headerLength + 8), "header is not valid");
        assertRejected(withHeaderLength(bytes, 0), "header length is 0, expected a JSON header of at least 2 bytes");
        assertRejected(withHeaderLength(bytes, Long.MAX_VALUE),
                "header length is 9223372036854775807 bytes, more than the limit of 104857600 (100 MiB)");
        assertRejected(withHeaderLength(bytes, -1), "header length is 18446744073709551615 bytes, more than the limit");
        assertRejected(withHeaderLength(bytes, 200L << 20), "header length is 209715200 bytes, more than the limit");
        // Within the limit but beyond the file: still refused before anything that large is allocated.
        assertRejected(withHeaderLength(bytes, 100L << 20), "header length is 104857600 bytes, but only "
                + (bytes.length - 8) + " bytes follow");
    }

    @Test
    void rejectsHeadersThatAreNotUtf8() {
        byte[] prefix = "{\"__metadata__\":{\"a\":\"".getBytes(StandardCharsets.US_ASCII);
        for (byte[] bad : List.of(new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xC0, (byte) 0xAF},
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})) {
            byte[] header = concat(prefix, bad, "\"}}".getBytes(StandardCharsets.US_ASCII));
            assertRejected(file(header.length, header, new byte[0]), String.format(
                    "header is not valid UTF-8: byte 0x%02X at header byte 22 (file offset 30)", bad[0] & 0xff));
        }
    }

    @Test
    void rejectsHeadersThatAreNotTheExpectedJson() {
        assertRejected(file("[".repeat(100_000), new byte[0]),
                "header is not valid JSON: at character 64: nesting deeper than 64 levels");
        assertRejected(file("{\"a\":{\"b\":".repeat(50_000), new byte[0]), "nesting deeper than 64 levels");
        assertRejected(file("{} x", new byte[0]), "header is not valid JSON: at character 3: expected end of input");
        assertRejected(file("{\"__metadata__\":{},\"__metadata__\":{}}", new byte[0]), "duplicate object key");
        assertRejected(file("[]", new byte[0]), "header is a list, expected a JSON object");
    }

    @Test
    void rejectsBadMetadata() {
        Map<String, Object> header = validHeader();
        header.remove("__metadata__");
        assertRejected(file(header, data(DATA_BYTES)), "header has no __metadata__, expected one holding glassbox.spec");

        assertRejected(withMetadata(List.of()), "__metadata__ is a list, expected an object of strings");
        assertRejected(withMetadata(Map.of("glassbox.spec", SPEC, "seed", 42)),
                "__metadata__ entry seed is a number, expected a string (safetensors metadata holds strings only)");
        assertRejected(withMetadata(Map.of("seed", "42")),
                "__metadata__ has no glassbox.spec, expected the network spec, e.g. 784-256-relu-10");
        assertRejected(withMetadata(Map.of("glassbox.spec", "4-x-2")), "glassbox.spec is invalid: network spec '4-x-2'");
        assertRejected(withMetadata(Map.of("glassbox.spec", SPEC, "glassbox.format", "2")),
                "glassbox.format is '2', expected '1'. The file comes from a newer Glassbox");
    }

    @Test
    void rejectsBadTensorEntries() {
        assertRejected(withTensor("layers.0.weight", tensor("F16", List.of(3, 4), 0, 48)),
                "tensor layers.0.weight has dtype F16; Glassbox reads F32 only");
        assertRejected(withTensor("layers.0.weight", tensor(32, List.of(3, 4), 0, 48)),
                "tensor layers.0.weight has dtype 32, expected a string such as \"F32\"");
        assertRejected(withTensor("layers.0.weight", "F32"),
                "tensor layers.0.weight is a string, expected an object with dtype, shape and data_offsets");
        assertRejected(withTensor("layers.0.weight", tensor("F32", List.of(-3, 4), 0, 48)),
                "tensor layers.0.weight has shape [-3,4], expected a list of non-negative integers");
        assertRejected(withTensor("layers.0.weight", tensor("F32", List.of(3.0, 4), 0, 48)),
                "has shape [3.0,4], expected a list of non-negative integers");
        assertRejected(withTensor("layers.0.weight", tensor("F32", "3x4", 0, 48)), "has shape \"3x4\"");
        assertRejected(withTensor("layers.0.weight", tensor("F32", List.of(1L << 40, 1L << 40), 0, 48)),
                "tensor layers.0.weight has shape [1099511627776, 1099511627776], whose size in bytes overflows 64 bits");
        // 2^62 elements fit a long; 2^64 bytes do not.
        assertRejected(withTensor("layers.0.weight", tensor("F32", List.of(1L << 31, 1L << 31), 0, 48)),
                "whose size in bytes overflows 64 bits");
        assertRejected(withTensor("layers.0.weight", tensor("F32", List.of(3, 4), 48, 0)),
                "tensor layers.0.weight has data_offsets [48,0], expected [begin, end] with 0 <= begin <= end");
        assertRejected(withTensor("layers.0.weight", Map.of("dtype", "F32", "shape", List.of(3, 4),
                "data_offsets", List.of(0, 24, 48))), "has data_offsets [0,24,48], expected [begin, end]");
        assertRejected(withTensor("layers.0.weight", tensor("F32", List.of(3, 4), -48, 0)), "has data_offsets [-48,0]");
        assertRejected(withTensor("layers.0.weight", tensor("F32", List.of(3, 4), 0, 40)),
                "tensor layers.0.weight has data_offsets [0, 40] (40 bytes), expected 48 bytes for shape [3, 4] in F32");
        assertRejected(withTensor("layers.0.weight", Map.of("dtype", "F32", "shape", List.of(3, 4))),
                "tensor layers.0.weight has no data_offsets");
        Map<String, Object> extraField = tensor("F32", List.of(3, 4), 0, 48);
        extraField.put("quantization", "none");
        assertRejected(withTensor("layers.0.weight", extraField),
                "tensor layers.0.weight has unknown field quantization, expected only dtype, shape and data_offsets");
    }

    @Test
    void rejectsOffsetsThatDoNotTileTheDataSection() {
        Map<String, Object> gap = validHeader();
        gap.put("layers.0.bias", tensor("F32", List.of(1, 3), 52, 64));
        gap.put("layers.2.weight", tensor("F32", List.of(2, 3), 64, 88));
        gap.put("layers.2.bias", tensor("F32", List.of(1, 2), 88, 96));
        assertRejected(file(gap, data(96)), "the data section has a gap: tensor layers.0.bias begins at byte 52,"
                + " expected 48 where tensor layers.0.weight ends");

        Map<String, Object> leadingGap = validHeader();
        leadingGap.put("layers.0.weight", tensor("F32", List.of(3, 4), 4, 52));
        leadingGap.put("layers.0.bias", tensor("F32", List.of(1, 3), 52, 64));
        leadingGap.put("layers.2.weight", tensor("F32", List.of(2, 3), 64, 88));
        leadingGap.put("layers.2.bias", tensor("F32", List.of(1, 2), 88, 96));
        assertRejected(file(leadingGap, data(96)),
                "the data section has a gap: the first tensor, layers.0.weight, begins at byte 4, expected 0");

        Map<String, Object> overlap = validHeader();
        overlap.put("layers.0.bias", tensor("F32", List.of(1, 3), 44, 56));
        overlap.put("layers.2.weight", tensor("F32", List.of(2, 3), 56, 80));
        overlap.put("layers.2.bias", tensor("F32", List.of(1, 2), 80, 88));
        assertRejected(file(overlap, data(88)),
                "tensors overlap: tensor layers.0.bias begins at byte 44, before tensor layers.0.weight ends at 48");

        assertRejected(file(validHeader(), data(96)), "the tensors cover 92 bytes, but the data section holds 96;"
                + " expected them to cover it exactly");
    }

    @Test
    void rejectsTensorsThatDoNotMatchTheSpec() {
        Map<String, Object> wrongShape = validHeader();
        wrongShape.put("layers.0.weight", tensor("F32", List.of(3, 5), 0, 60));
        wrongShape.put("layers.0.bias", tensor("F32", List.of(1, 3), 60, 72));
        wrongShape.put("layers.2.weight", tensor("F32", List.of(2, 3), 72, 96));
        wrongShape.put("layers.2.bias", tensor("F32", List.of(1, 2), 96, 104));
        assertRejected(file(wrongShape, data(104)),
                "tensor layers.0.weight has shape [3, 5], the spec 4-3-relu-2 needs [3, 4]");

        Map<String, Object> missing = validHeader();
        missing.remove("layers.2.bias");
        assertRejected(file(missing, data(84)), "tensor layers.2.bias is missing; the spec 4-3-relu-2 needs"
                + " layers.0.weight, layers.0.bias, layers.2.weight, layers.2.bias");

        Map<String, Object> extra = validHeader();
        extra.put("layers.1.weight", tensor("F32", List.of(1, 1), 92, 96));
        assertRejected(file(extra, data(96)), "tensor layers.1.weight is not part of the spec 4-3-relu-2, which has"
                + " layers.0.weight, layers.0.bias, layers.2.weight, layers.2.bias");
    }

    @Test
    void explainsAShapeMismatchWithTheSpec() {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("__metadata__", Map.of("glassbox.spec", "784-256-relu-10"));
        long w0 = 4L * 256 * 785;
        header.put("layers.0.weight", tensor("F32", List.of(256, 785), 0, w0));
        header.put("layers.0.bias", tensor("F32", List.of(1, 256), w0, w0 + 1024));
        header.put("layers.2.weight", tensor("F32", List.of(10, 256), w0 + 1024, w0 + 1024 + 10240));
        header.put("layers.2.bias", tensor("F32", List.of(1, 10), w0 + 11264, w0 + 11304));
        byte[] file = file(header, data((int) w0 + 11304));

        assertThatThrownBy(() -> ModelCodec.read(file)).isInstanceOf(ModelFileException.class).hasMessage(
                "cannot read model: tensor layers.0.weight has shape [256, 785],"
                        + " the spec 784-256-relu-10 needs [256, 784]");
    }

    @Test
    void rejectsAHugeSpecBeforeAllocatingIt() {
        // Building this network would take 2 x 14.4 GB; the file holds 92 bytes.
        Map<String, Object> claimsLittle = validHeader();
        claimsLittle.put("__metadata__", Map.of("glassbox.spec", "60000-60000-60000"));
        assertRejected(file(claimsLittle, data(DATA_BYTES)),
                "tensor layers.0.weight has shape [3, 4], the spec 60000-60000-60000 needs [60000, 60000]");

        Map<String, Object> claimsMuch = new LinkedHashMap<>();
        claimsMuch.put("__metadata__", Map.of("glassbox.spec", "60000-60000-60000"));
        long bytes = 4L * 60000 * 60000;
        claimsMuch.put("layers.0.weight", tensor("F32", List.of(60000, 60000), 0, bytes));
        assertRejected(file(claimsMuch, data(DATA_BYTES)),
                "the tensors need 14400000000 bytes of data, but the data section holds 92. The file is truncated");
    }

    @Test
    void rejectsNonFiniteWeights() {
        byte[] nan = data(DATA_BYTES);
        ByteBuffer.wrap(nan).order(ByteOrder.LITTLE_ENDIAN).putFloat(5 * 4, Float.NaN);
        assertRejected(file(validHeader(), nan), "tensor layers.0.weight holds NaN at (1, 1), expected finite values");

        byte[] infinite = data(DATA_BYTES);
        ByteBuffer.wrap(infinite).order(ByteOrder.LITTLE_ENDIAN).putFloat(84 + 4, Float.NEGATIVE_INFINITY);
        assertRejected(file(validHeader(), infinite), "tensor layers.2.bias holds -Infinity at (0, 1)");
    }

    @Test
    void rejectsMetadataThatContradictsTheWriter() {
        Network network = randomNetwork(SPEC, 1);

        assertThatThrownBy(() -> ModelCodec.write(network, Map.of("glassbox.spec", "4-2")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("metadata glassbox.spec is '4-2', expected '4-3-relu-2' or absent");
        assertThatThrownBy(() -> ModelCodec.write(network, Map.of("glassbox.format", "0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("metadata glassbox.format is '0', expected '1'");
        Map<String, String> withNull = new LinkedHashMap<>();
        withNull.put("seed", null);
        assertThatThrownBy(() -> ModelCodec.write(network, withNull))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("metadata has a null key or value");
    }

    // ---- helpers ----

    /** A network whose every value, biases included, is random, so a round trip cannot pass by accident. */
    private static Network randomNetwork(String spec, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Network network = Network.of(spec, seed);
        for (Parameter p : network.parameters()) {
            float[] values = p.value().data();
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) random.nextDouble(-1, 1);
            }
        }
        return network;
    }

    private static void assertSameParameters(Network actual, Network expected) {
        assertThat(actual.parameters()).hasSameSizeAs(expected.parameters());
        for (int i = 0; i < expected.parameters().size(); i++) {
            Parameter a = actual.parameters().get(i);
            Parameter e = expected.parameters().get(i);
            assertThat(a.name()).isEqualTo(e.name());
            assertThat(a.value().shape()).isEqualTo(e.value().shape());
            assertThat(bits(a.value())).as(a.name()).isEqualTo(bits(e.value()));
        }
    }

    private static int[] bits(Matrix m) {
        int[] bits = new int[m.size()];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = Float.floatToRawIntBits(m.data()[i]);
        }
        return bits;
    }

    /** Reads the bytes and expects a {@link ModelFileException} containing {@code fragment}, not an Error. */
    private static void assertRejected(byte[] bytes, String fragment) {
        Throwable thrown = catchThrowable(() -> ModelCodec.read(bytes));
        assertThat(thrown).as("reading hostile bytes expecting '%s'", fragment)
                .isInstanceOf(ModelFileException.class)
                .hasMessageStartingWith("cannot read model: ")
                .hasMessageContaining(fragment)
                .hasMessageNotContaining("\n");
        assertThat(((ModelFileException) thrown).file()).isNull();
    }

    /** The header of a valid 4-3-relu-2 file in parameter order, for tests to break one thing in. */
    private static Map<String, Object> validHeader() {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("__metadata__", Map.of("glassbox.spec", SPEC, "glassbox.format", "1"));
        header.put("layers.0.weight", tensor("F32", List.of(3, 4), 0, 48));
        header.put("layers.0.bias", tensor("F32", List.of(1, 3), 48, 60));
        header.put("layers.2.weight", tensor("F32", List.of(2, 3), 60, 84));
        header.put("layers.2.bias", tensor("F32", List.of(1, 2), 84, 92));
        return header;
    }

    private static Map<String, Object> tensor(Object dtype, Object shape, long begin, long end) {
        Map<String, Object> tensor = new LinkedHashMap<>();
        tensor.put("dtype", dtype);
        tensor.put("shape", shape);
        tensor.put("data_offsets", List.of(begin, end));
        return tensor;
    }

    private static byte[] withMetadata(Object metadata) {
        Map<String, Object> header = validHeader();
        header.put("__metadata__", metadata);
        return file(header, data(DATA_BYTES));
    }

    private static byte[] withTensor(String name, Object entry) {
        Map<String, Object> header = validHeader();
        header.put(name, entry);
        return file(header, data(DATA_BYTES));
    }

    private static byte[] withHeaderLength(byte[] file, long headerLength) {
        byte[] copy = file.clone();
        ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putLong(0, headerLength);
        return copy;
    }

    private static byte[] file(Map<String, Object> header, byte[] data) {
        return file(Json.write(header), data);
    }

    private static byte[] file(String header, byte[] data) {
        byte[] text = header.getBytes(StandardCharsets.UTF_8);
        return file(text.length, text, data);
    }

    /** 8-byte little-endian {@code claimedLength}, then the header bytes and data as given. */
    private static byte[] file(long claimedLength, byte[] header, byte[] data) {
        ByteBuffer out = ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(claimedLength).put(header).put(data);
        return out.array();
    }

    /** {@code bytes} of data holding the finite floats 0, 0.01, 0.02, ... */
    private static byte[] data(int bytes) {
        ByteBuffer out = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; out.remaining() >= 4; i++) {
            out.putFloat(i * 0.01f);
        }
        return out.array();
    }

    private static float[] floats(int n, float start) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = start + i * 0.125f;
        }
        return values;
    }

    private static byte[] concat(float[]... tensors) {
        int n = Arrays.stream(tensors).mapToInt(t -> t.length).sum();
        ByteBuffer out = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] t : tensors) {
            for (float v : t) {
                out.putFloat(v);
            }
        }
        return out.array();
    }

    private static byte[] concat(byte[]... parts) {
        int n = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        ByteBuffer out = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            out.put(p);
        }
        return out.array();
    }
}
