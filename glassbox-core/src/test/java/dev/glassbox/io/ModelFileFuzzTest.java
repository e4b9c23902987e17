package dev.glassbox.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.glassbox.nn.Parameter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The model and checkpoint readers on arbitrary bytes: a model whose every value is finite, or
 * a {@link ModelFileException} — never another exception, never an OutOfMemoryError. The seed
 * corpus in {@code ModelFileFuzzTestInputs/} (a model, a checkpoint, broken variants) replays in
 * every test run; {@code JAZZER_FUZZ=1} fuzzes.
 */
class ModelFileFuzzTest {
    private static final Path FILE = temporaryFile();

    private static Path temporaryFile() {
        try {
            Path file = Files.createTempFile("glassbox-fuzz", ".safetensors");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "10m")
    void modelFile(byte[] input) throws IOException {
        Files.write(FILE, input);
        try {
            SavedModel model = ModelFile.load(FILE);
            for (Parameter p : model.network().parameters()) {
                for (float v : p.value().data()) {
                    assertThat(Float.isFinite(v)).isTrue();
                }
            }
        } catch (ModelFileException expected) {
            // refused with a message
        }
        try {
            Checkpoint checkpoint = CheckpointFile.load(FILE);
            assertThat(checkpoint.state().config()).isNotNull();
        } catch (ModelFileException expected) {
            // refused with a message
        }
    }
}
