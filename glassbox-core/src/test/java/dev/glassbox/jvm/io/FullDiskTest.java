package dev.glassbox.jvm.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.glassbox.io.ModelFileException;
import dev.glassbox.nn.Network;
import dev.glassbox.nn.NetworkSpec;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A save that runs out of disk space fails with a message and leaves the model already there
 * byte for byte, with no temporary file behind: on an in-memory file system of 1 MiB.
 */
class FullDiskTest {

    @Test
    void aFullDiskLeavesTheExistingModelIntact() throws IOException {
        try (FileSystem disk = Jimfs.newFileSystem(Configuration.unix().toBuilder()
                .setMaxSize(1 << 20).setBlockSize(4096).build())) {
            Path dir = disk.getPath("/models");
            Files.createDirectories(dir);
            Path model = dir.resolve("model.safetensors");
            ModelFiles.save(model, NetworkSpec.parse("784-64-10").build(1), Map.of());
            byte[] before = Files.readAllBytes(model);

            Network big = NetworkSpec.parse("784-512-10").build(2); // 1.6 MB: does not fit
            assertThatThrownBy(() -> ModelFiles.save(model, big, Map.of()))
                    .isInstanceOf(ModelFileException.class)
                    .hasMessageStartingWith("cannot write model to " + model + ": ");
            assertThat(Files.readAllBytes(model)).isEqualTo(before);
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files).containsExactly(model);
            }
            assertThat(ModelFiles.load(model).network().spec()).isEqualTo(NetworkSpec.parse("784-64-10"));
        }
    }
}
