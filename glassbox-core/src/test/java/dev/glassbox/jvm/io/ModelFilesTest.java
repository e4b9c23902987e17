package dev.glassbox.jvm.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.io.ModelCodec;
import dev.glassbox.io.ModelFileException;
import dev.glassbox.io.SavedModel;
import dev.glassbox.nn.Network;
import dev.glassbox.nn.Parameter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Models as files: the codec's bytes on disk, atomic writes that leave the old file intact on
 * failure, and messages that name the file. What the bytes may hold is {@code ModelCodecTest}'s.
 */
class ModelFilesTest {
    private static final String SPEC = "4-3-relu-2";

    @TempDir
    Path dir;

    @Test
    void aFileHoldsExactlyTheCodecsBytes() {
        Network network = randomNetwork(SPEC, 42);
        Path file = dir.resolve("model.safetensors");

        ModelFiles.save(file, network, Map.of("seed", "42"));

        assertThat(bytes(file)).isEqualTo(ModelCodec.write(network, Map.of("seed", "42")));
        SavedModel loaded = ModelFiles.load(file);
        assertThat(loaded.metadata()).containsEntry("seed", "42");
        assertThat(loaded.network().parameters().getFirst().value().data())
                .isEqualTo(network.parameters().getFirst().value().data());
        assertNoTemporaryFiles();
    }

    @Test
    void aRefusedFileIsNamedInTheMessage() {
        byte[] model = ModelCodec.write(randomNetwork(SPEC, 1), Map.of());
        Path file = write(dir.resolve("cut.safetensors"), Arrays.copyOf(model, model.length - 1));

        assertThatThrownBy(() -> ModelFiles.load(file))
                .isInstanceOf(ModelFileException.class)
                .hasMessage("cannot read model from " + file
                        + ": the tensors need 92 bytes of data, but the data section holds 91. The file is truncated")
                .satisfies(e -> assertThat(((ModelFileException) e).file()).isEqualTo(file.toString()));
    }

    @Test
    void rejectsMissingFilesAndDirectories() {
        Path missing = dir.resolve("nope.safetensors");

        assertThatThrownBy(() -> ModelFiles.load(missing))
                .isInstanceOf(ModelFileException.class)
                .hasMessage("cannot read model from " + missing + ": no such file. Check the path");
        assertThatThrownBy(() -> ModelFiles.load(dir))
                .isInstanceOf(ModelFileException.class)
                .hasMessage("cannot read model from " + dir + ": it is a directory, expected a .safetensors file");
    }

    // ---- atomic writes ----

    @Test
    void failsClearlyWhenTheParentIsARegularFile() {
        Path blocker = write(dir.resolve("blocker"), "not a directory".getBytes(StandardCharsets.UTF_8));
        Path target = blocker.resolve("model.safetensors");

        assertThatThrownBy(() -> ModelFiles.save(target, randomNetwork(SPEC, 1), Map.of()))
                .isInstanceOf(ModelFileException.class)
                .hasMessage("cannot write model to " + target + ": " + blocker
                        + " is a file, expected a directory (or nothing) there");
        Path deeper = blocker.resolve("sub").resolve("model.safetensors");
        assertThatThrownBy(() -> ModelFiles.save(deeper, randomNetwork(SPEC, 1), Map.of()))
                .isInstanceOf(ModelFileException.class)
                .hasMessageStartingWith("cannot write model to " + deeper + ": ")
                .hasMessageNotContaining("\n");
        assertThat(bytes(blocker)).isEqualTo("not a directory".getBytes(StandardCharsets.UTF_8));
        assertNoTemporaryFiles();
    }

    @Test
    void aFailedSaveLeavesTheExistingModelByteIdentical() {
        Path file = dir.resolve("model.safetensors");
        ModelFiles.save(file, randomNetwork(SPEC, 1), Map.of("run", "good"));
        byte[] before = bytes(file);
        Network diverged = randomNetwork(SPEC, 2);
        Parameter last = diverged.parameters().getLast();
        last.value().set(0, 1, Float.NaN);

        assertThatThrownBy(() -> ModelFiles.save(file, diverged, Map.of("run", "bad")))
                .isInstanceOf(ModelFileException.class)
                .hasMessage("cannot write model to " + file + ": tensor layers.2.bias holds NaN at (0, 1),"
                        + " expected finite values. Training diverged; try a lower learning rate");
        assertThat(bytes(file)).isEqualTo(before);
        assertThat(ModelFiles.load(file).metadata()).containsEntry("run", "good");
        assertNoTemporaryFiles();
    }

    @Test
    void replacesAnExistingModel() {
        Path file = dir.resolve("model.safetensors");
        ModelFiles.save(file, randomNetwork(SPEC, 1), Map.of("run", "first"));
        Network second = randomNetwork(SPEC, 2);

        ModelFiles.save(file, second, Map.of("run", "second"));

        SavedModel loaded = ModelFiles.load(file);
        assertThat(loaded.metadata()).containsEntry("run", "second");
        assertSameParameters(loaded.network(), second);
        assertNoTemporaryFiles();
    }

    @Test
    void createsMissingParentDirectories() {
        Path file = dir.resolve("runs").resolve("2024").resolve("model.safetensors");

        ModelFiles.save(file, randomNetwork(SPEC, 1), Map.of());

        assertThat(ModelFiles.load(file).network().spec().toString()).isEqualTo(SPEC);
        assertNoTemporaryFiles();
    }

    @Test
    void refusesToReplaceADirectory() throws IOException {
        Path target = Files.createDirectory(dir.resolve("model.safetensors"));

        assertThatThrownBy(() -> ModelFiles.save(target, randomNetwork(SPEC, 1), Map.of()))
                .isInstanceOf(ModelFileException.class)
                .hasMessage("cannot write model to " + target
                        + ": it is a directory, expected a file path such as model.safetensors");
        assertThat(target).isEmptyDirectory();
        assertNoTemporaryFiles();
    }

    @Test
    void rejectsMetadataThatContradictsTheWriter() {
        Path file = dir.resolve("model.safetensors");
        Network network = randomNetwork(SPEC, 1);
        // The codec refuses these (ModelCodecTest); here: no file and no temporary file is left.

        assertThatThrownBy(() -> ModelFiles.save(file, network, Map.of("glassbox.spec", "4-2")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("metadata glassbox.spec is '4-2', expected '4-3-relu-2' or absent");
        assertThatThrownBy(() -> ModelFiles.save(file, network, Map.of("glassbox.format", "0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("metadata glassbox.format is '0', expected '1'");
        Map<String, String> withNull = new LinkedHashMap<>();
        withNull.put("seed", null);
        assertThatThrownBy(() -> ModelFiles.save(file, network, withNull))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("metadata has a null key or value");
        assertThat(file).doesNotExist();
        assertNoTemporaryFiles();
    }

    // ---- helpers ----

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
        for (int i = 0; i < expected.parameters().size(); i++) {
            assertThat(actual.parameters().get(i).value().data()).isEqualTo(expected.parameters().get(i).value().data());
        }
    }

    private void assertNoTemporaryFiles() {
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.contains(".tmp-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path write(Path file, byte[] bytes) {
        try {
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
