package dev.glassbox.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.glassbox.kernels.Kernels;
import dev.glassbox.kernels.ReferenceKernels;
import dev.glassbox.nn.Network;
import dev.glassbox.tensor.Matrix;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * Networks PyTorch exported to ONNX ({@code onnx/make_fixtures.py}, checked in beside its
 * outputs): imported, they give PyTorch's outputs on the first 8 MNIST test images within 1e-5.
 */
class OnnxImportTest {
    private static final Kernels KERNELS = ReferenceKernels.PROVIDER.open(1);

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = OnnxImportTest.class.getResourceAsStream("onnx/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    /** The first 8 MNIST test images, pixels × (1/255), as Glassbox feeds them. */
    static Matrix batch() throws IOException {
        byte[] bytes;
        try (InputStream in = new GZIPInputStream(java.nio.file.Files.newInputStream(
                java.nio.file.Path.of("../data/mnist/t10k-images-idx3-ubyte.gz")))) {
            bytes = in.readNBytes(16 + 8 * 784);
        }
        float[] x = new float[8 * 784];
        for (int i = 0; i < x.length; i++) {
            x[i] = (bytes[16 + i] & 0xFF) * (1 / 255f);
        }
        return Matrix.wrap(8, 784, x);
    }

    @SuppressWarnings("unchecked")
    static List<List<Number>> expected(String model) throws IOException {
        Map<String, Object> json = (Map<String, Object>) Json.parse(new String(fixture("expected.json"),
                StandardCharsets.UTF_8));
        return (List<List<Number>>) ((Map<String, Object>) json.get("outputs")).get(model);
    }

    static void assertOutputs(Matrix actual, List<List<Number>> expected) {
        assertThat(actual.rows()).isEqualTo(expected.size());
        for (int r = 0; r < expected.size(); r++) {
            for (int c = 0; c < expected.get(r).size(); c++) {
                assertThat((double) actual.get(r, c)).as("row %d, output %d", r, c)
                        .isCloseTo(expected.get(r).get(c).doubleValue(), within(1e-5));
            }
        }
    }

    @Test
    void importsPyTorchsExportOfEachActivation() throws IOException {
        for (String activation : List.of("relu", "tanh", "sigmoid", "leakyrelu", "gelu", "geluexact")) {
            SavedModel model = OnnxImport.read(OnnxGraph.read(fixture("mlp-" + activation + ".onnx")), null);
            String glassboxName = activation;
            assertThat(model.network().spec().toString()).as(activation).isEqualTo("784-16-" + glassboxName + "-10");
            assertOutputs(model.network().predict(batch(), KERNELS), expected("mlp-" + activation));
            assertThat(model.metadata().get("glassbox.imported_from")).startsWith("onnx (pytorch 1.13");
        }
    }

    @Test
    void importsPyTorchsStateDictOfEachActivationGivenItsLayers() throws IOException {
        for (String activation : List.of("relu", "tanh", "sigmoid", "leakyrelu", "gelu", "geluexact")) {
            SavedModel model = ModelFormats.read(fixture("mlp-" + activation + ".safetensors"),
                    new ModelFormats.Options(dev.glassbox.nn.NetworkSpec.parse("784-16-" + activation + "-10"), null));
            assertOutputs(model.network().predict(batch(), KERNELS), expected("mlp-" + activation));
            assertThat(model.metadata().get("glassbox.imported_from")).startsWith("pytorch state_dict");
        }
        // Named modules (fc1, fc2, out), the normalisation given as PyTorch's Normalize would apply it.
        SavedModel named = ModelFormats.read(fixture("named.safetensors"), new ModelFormats.Options(
                dev.glassbox.nn.NetworkSpec.parse("784-16-relu-12-relu-10"),
                new OnnxImport.Normalize(new float[] {0.1307f}, new float[] {0.3081f})));
        assertOutputs(named.network().predict(batch(), KERNELS), expected("named-normalized"));
    }

    @Test
    void naturalOrderPutsTwoBeforeTen() {
        List<String> names = new java.util.ArrayList<>(List.of("10", "fc10", "2", "fc2", "out", "fc1"));
        names.sort(PytorchWeights::natural);
        assertThat(names).containsExactly("2", "10", "fc1", "fc2", "fc10", "out");
    }

    @Test
    void foldsTheInputNormalisationIntoTheFirstLayer() throws IOException {
        SavedModel model = OnnxImport.read(OnnxGraph.read(fixture("named-normalized.onnx")), null);
        assertThat(model.network().spec().toString()).isEqualTo("784-16-relu-12-relu-10");
        assertOutputs(model.network().predict(batch(), KERNELS), expected("named-normalized"));
    }

    @Test
    void importsMatMulAndAddWithAComputedReshapeAndAFinalSoftmax() throws IOException {
        SavedModel model = OnnxImport.read(OnnxGraph.read(fixture("matmul-softmax.onnx")), null);
        assertThat(model.network().spec().toString()).isEqualTo("784-16-sigmoid-10");
        Matrix logits = model.network().predict(batch(), KERNELS);
        float[] p = new float[logits.size()];
        for (int r = 0; r < 8; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < 10; c++) {
                max = Math.max(max, logits.get(r, c));
            }
            double sum = 0;
            for (int c = 0; c < 10; c++) {
                sum += Math.exp(logits.get(r, c) - max);
            }
            for (int c = 0; c < 10; c++) {
                p[r * 10 + c] = (float) (Math.exp(logits.get(r, c) - max) / sum);
            }
        }
        assertOutputs(Matrix.wrap(8, 10, p), expected("matmul-softmax"));
    }

    @Test
    void aNormalizationGivenOutsideTheGraphIsFoldedToo() throws IOException {
        // The same weights, the normalisation taken out of the graph and given as PyTorch's Normalize.
        SavedModel inside = OnnxImport.read(OnnxGraph.read(fixture("named-normalized.onnx")), null);
        SavedModel relu = OnnxImport.read(OnnxGraph.read(fixture("mlp-relu.onnx")),
                new OnnxImport.Normalize(new float[] {0.5f}, new float[] {0.25f}));
        assertThat(relu.metadata()).containsEntry("glassbox.normalize", "0.5,0.25");
        Matrix x = batch();
        Matrix plain = OnnxImport.read(OnnxGraph.read(fixture("mlp-relu.onnx")), null).network().predict(
                Matrix.wrap(8, 784, scaled(x.data(), 0.5f, 0.25f)), KERNELS);
        Matrix folded = relu.network().predict(x, KERNELS);
        for (int i = 0; i < plain.size(); i++) {
            assertThat((double) folded.data()[i]).isCloseTo(plain.data()[i], within(1e-4));
        }
        assertThat(inside.metadata()).doesNotContainKey("glassbox.normalize");
    }

    private static float[] scaled(float[] x, float mean, float std) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (x[i] - mean) / std;
        }
        return y;
    }

    @Test
    void anExportedNetworkImportsBackToTheSameOutputs() throws IOException {
        for (String spec : List.of("784-32-relu-16-tanh-10", "784-8-gelu-10", "784-8-geluexact-10",
                "5-4-leakyrelu-3-sigmoid-2",
                "784-10")) {
            Network network = Network.of(spec, 3);
            byte[] onnx = OnnxExport.write(network, Map.of("glassbox.loss", "cross-entropy"));
            SavedModel back = OnnxImport.read(OnnxGraph.read(onnx), null);
            assertThat(back.network().spec()).isEqualTo(network.spec());
            for (var e : network.parameterValues().entrySet()) {
                assertThat(back.network().parameterValues().get(e.getKey())).as(spec + " " + e.getKey())
                        .isEqualTo(e.getValue());
            }
        }
    }

    @Test
    void refusesWhatItCannotImportNamingTheNode() throws IOException {
        assertThatThrownBy(() -> OnnxImport.read(OnnxGraph.read(withOp(fixture("mlp-relu.onnx"), "Relu", "Celu")), null))
                .isInstanceOf(ModelFileException.class)
                .hasMessageMatching("cannot read model: Celu node '.*': operator Celu is not supported; Glassbox imports"
                        + " Gemm, MatMul\\+Add, .*");
        assertThatThrownBy(() -> OnnxImport.read(OnnxGraph.read(fixture("refused-silu.onnx")), null))
                .hasMessageContaining("compute SiLU (x·sigmoid(x))");
        assertThatThrownBy(() -> OnnxImport.read(OnnxGraph.read(fixture("refused-conv.onnx")), null))
                .hasMessageMatching("cannot read model: Conv node '.*': operator Conv is not supported; .*");
    }

    /** The file with the op type {@code from} of its nodes written as {@code to} (as long). */
    static byte[] withOp(byte[] onnx, String from, String to) {
        byte[] pattern = ("" + (char) 0x22 + (char) from.length() + from).getBytes(StandardCharsets.ISO_8859_1);
        byte[] copy = onnx.clone();
        for (int i = 0; i + pattern.length <= copy.length; i++) {
            if (java.util.Arrays.equals(copy, i, i + pattern.length, pattern, 0, pattern.length)) {
                System.arraycopy(to.getBytes(StandardCharsets.ISO_8859_1), 0, copy, i + 2, to.length());
            }
        }
        return copy;
    }
}
