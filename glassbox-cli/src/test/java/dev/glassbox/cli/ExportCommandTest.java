package dev.glassbox.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.glassbox.data.Dataset;
import dev.glassbox.data.MnistData;
import dev.glassbox.io.SavedModel;
import dev.glassbox.jvm.data.MnistFolder;
import dev.glassbox.jvm.io.ModelFiles;
import dev.glassbox.kernels.Kernels;
import dev.glassbox.kernels.ReferenceKernels;
import dev.glassbox.nn.Network;
import dev.glassbox.tensor.Matrix;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code glassbox export}: a trained model as ONNX runs in ONNX Runtime with Glassbox's outputs
 * (within 1e-5, the same answers) on MNIST's 10,000 test images; ONNX and PyTorch files open in
 * every command and convert to Glassbox models.
 */
class ExportCommandTest {
    private static final Path FIXTURES = Path.of("../glassbox-core/src/test/resources/dev/glassbox/io/onnx");
    private static final Kernels KERNELS = ReferenceKernels.PROVIDER.open(1);

    @TempDir
    static Path dir;

    private static Path trained;
    private static Dataset test;

    @BeforeAll
    static void train() {
        trained = dir.resolve("trained.safetensors");
        CliRun run = CliRun.of("train", "--layers", "784-64-relu-32-tanh-10", "--epochs", "1", "--subset", "6000",
                "--validation", "0", "--out", trained.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        MnistData mnist = MnistFolder.load(Path.of("../data/mnist"));
        test = mnist.test();
    }

    /** The test images as the network reads them, one row each. */
    private static float[] inputs() {
        float[] x = new float[test.size() * 784];
        for (int i = 0; i < test.size(); i++) {
            System.arraycopy(test.input(i), 0, x, i * 784, 784);
        }
        return x;
    }

    @Test
    void onnxRuntimeGivesGlassboxsOutputsOnTheTenThousandTestImages() throws Exception {
        Path onnx = dir.resolve("trained.onnx");
        CliRun run = CliRun.of("export", "--format", "onnx", "--model", trained.toString(), onnx.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Wrote " + onnx + " (784-64-relu-32-tanh-10, 52,650 parameters, ONNX opset 13)");
        compareWithOnnxRuntime(ModelFiles.load(trained).network(), Files.readAllBytes(onnx), true);
    }

    @Test
    void aGeluNetworkExportsAtOpset20() throws Exception {
        Path model = dir.resolve("gelu.safetensors");
        Network network = Network.of("784-32-gelu-16-leakyrelu-10", 5);
        ModelFiles.save(model, network, Map.of("glassbox.loss", "cross-entropy"));
        Path onnx = dir.resolve("gelu.onnx");
        CliRun run = CliRun.of("export", "--format", "onnx", "--model", model.toString(), onnx.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("ONNX opset 20");
        compareWithOnnxRuntime(network, Files.readAllBytes(onnx), false);
    }

    private static void compareWithOnnxRuntime(Network network, byte[] onnx, boolean trainedModel)
            throws OrtException {
        float[] x = inputs();
        int n = test.size();
        Matrix logits = network.predict(Matrix.wrap(n, 784, x), KERNELS);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(onnx, new OrtSession.SessionOptions());
                OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {n, 784});
                OrtSession.Result result = session.run(Map.of("input", input))) {
            float[][] theirs = (float[][]) result.get("logits").orElseThrow().getValue();
            float[][] probabilities = (float[][]) result.get("probabilities").orElseThrow().getValue();
            int correct = 0;
            for (int i = 0; i < n; i++) {
                int ours = 0;
                int their = 0;
                for (int c = 0; c < 10; c++) {
                    assertThat((double) theirs[i][c]).as("image %d, logit %d", i, c)
                            .isCloseTo(logits.get(i, c), within(1e-5));
                    ours = logits.get(i, c) > logits.get(i, ours) ? c : ours;
                    their = probabilities[i][c] > probabilities[i][their] ? c : their;
                }
                assertThat(their).as("image %d", i).isEqualTo(ours);
                correct += ours == test.label(i) ? 1 : 0;
            }
            if (trainedModel) {
                assertThat(correct).as("a trained model reads digits").isGreaterThan(8000);
            }
        }
    }

    @Test
    void onnxAndPytorchFilesOpenInEveryCommandAndBecomeGlassboxModels() throws IOException {
        Path onnx = FIXTURES.resolve("named-normalized.onnx");
        CliRun info = CliRun.of("info", "--model", onnx.toString());
        assertThat(info.exitCode()).as(info.err()).isZero();
        assertThat(info.out()).contains("Network  784-16-relu-12-relu-10").contains("From     onnx (pytorch 1.13");
        CliRun evaluate = CliRun.of("evaluate", "--model", onnx.toString());
        assertThat(evaluate.exitCode()).as(evaluate.err()).isZero();
        assertThat(evaluate.out()).contains("Accuracy: ");

        Path state = FIXTURES.resolve("named.safetensors");
        CliRun pytorch = CliRun.of("info", "--model", state.toString(), "--layers", "784-16-relu-12-relu-10",
                "--normalize", "0.1307,0.3081");
        assertThat(pytorch.exitCode()).as(pytorch.err()).isZero();
        assertThat(pytorch.out()).contains("From     pytorch state_dict").contains("0.1307,0.3081");

        // The state_dict with --normalize and the ONNX export with the normalisation inside: one network.
        Path converted = dir.resolve("converted.safetensors");
        CliRun export = CliRun.of("export", "--format", "safetensors", "--model", state.toString(), "--layers",
                "784-16-relu-12-relu-10", "--normalize", "0.1307,0.3081", converted.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        SavedModel fromState = ModelFiles.load(converted);
        SavedModel fromOnnx = ModelFiles.load(onnx);
        Matrix x = Matrix.wrap(100, 784, java.util.Arrays.copyOf(inputs(), 100 * 784));
        Matrix a = fromState.network().predict(x, KERNELS);
        Matrix b = fromOnnx.network().predict(x, KERNELS);
        for (int i = 0; i < a.size(); i++) {
            assertThat((double) a.data()[i]).isCloseTo(b.data()[i], within(1e-5));
        }
    }

    @Test
    void aStateDictThatDisagreesWithLayersIsOneLine() {
        Path state = FIXTURES.resolve("mlp-relu.safetensors");
        CliRun wrong = CliRun.of("evaluate", "--model", state.toString(), "--layers", "784-32-relu-10");
        assertThat(wrong.exitCode()).isEqualTo(1);
        assertThat(wrong.errLines()).isEqualTo(1);
        assertThat(wrong.err()).contains("tensor 1.weight has shape [16, 784], but layer 1 of 784-32-relu-10 (784 → 32)"
                + " needs [32, 784]");
        CliRun none = CliRun.of("evaluate", "--model", state.toString());
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.err()).contains("a PyTorch state_dict holds weights only: say how its layers connect with"
                + " --layers");
        CliRun onnxWithLayers = CliRun.of("info", "--model", FIXTURES.resolve("mlp-relu.onnx").toString(), "--layers",
                "784-16-relu-10");
        assertThat(onnxWithLayers.exitCode()).isNotZero();
        assertThat(onnxWithLayers.err()).contains("--layers applies to a PyTorch state_dict; the file is an ONNX model");
    }
}
