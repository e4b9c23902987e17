package dev.glassbox.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.glassbox.nn.Parameter;

/**
 * The model and checkpoint codecs on arbitrary bytes, given straight to them (no file): a model
 * whose every value is finite, or a {@link ModelFileException} — never another exception, never an OutOfMemoryError. The seed
 * corpus in {@code ModelFileFuzzTestInputs/} (a model, a checkpoint, broken variants) replays in
 * every test run; {@code JAZZER_FUZZ=1} fuzzes.
 */
class ModelFileFuzzTest {
    @FuzzTest(maxDuration = "10m")
    void modelFile(byte[] input) {
        try {
            SavedModel model = ModelCodec.read(input);
            for (Parameter p : model.network().parameters()) {
                for (float v : p.value().data()) {
                    assertThat(Float.isFinite(v)).isTrue();
                }
            }
        } catch (ModelFileException expected) {
            // refused with a message
        }
        try {
            Checkpoint checkpoint = CheckpointCodec.read(input);
            assertThat(checkpoint.state().config()).isNotNull();
        } catch (ModelFileException expected) {
            // refused with a message
        }
    }
}
