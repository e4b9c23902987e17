package dev.glassbox.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The model readers on arbitrary bytes — ONNX (protobuf) and PyTorch state_dicts in safetensors,
 * as {@link ModelFormats} tells them apart: a network whose outputs are as many as its spec says,
 * or a {@link ModelFileException} — never anything else, and never more memory than the bytes
 * justify. The seed corpus in {@code OnnxFuzzTestInputs/} replays in every test run;
 * {@code JAZZER_FUZZ=1} fuzzes.
 */
class OnnxFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void model(byte[] input) {
        SavedModel model;
        try {
            model = ModelFormats.read(input, new ModelFormats.Options(
                    input.length > 0 && input[0] == 0x08 ? null : dev.glassbox.nn.NetworkSpec.parse("4-3-relu-2"),
                    null));
        } catch (ModelFileException expected) {
            return;
        }
        assertThat(model.network().outputSize()).isPositive();
        assertThat(model.network().parameterCount()).isLessThanOrEqualTo(input.length);
    }
}
