package dev.glassbox.jvm.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.io.ModelFileException;
import dev.glassbox.nn.NetworkSpec;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void replacesTheFileAndLeavesNoTemporaryFile() throws IOException {
        Path target = dir.resolve("sub/out.txt");
        AtomicFiles.replace(target, ".tmp", temp -> Files.writeString(temp, "one"));
        AtomicFiles.replace(target, ".tmp", temp -> Files.writeString(temp, "two"));
        assertThat(target).hasContent("two");
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void aFailedWriteKeepsTheOldFile() throws IOException {
        Path target = dir.resolve("out.txt");
        Files.writeString(target, "old");
        assertThatThrownBy(() -> AtomicFiles.replace(target, ".tmp", temp -> {
            Files.writeString(temp, "half");
            throw new IOException("No space left on device");
        })).hasMessageContaining("No space left");
        assertThat(target).hasContent("old");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void theTemporaryFileHasTheRequestedSuffix() throws IOException {
        Path target = dir.resolve("plot.png");
        String[] seen = new String[1];
        AtomicFiles.replace(target, ".png", temp -> {
            seen[0] = temp.getFileName().toString();
            Files.writeString(temp, "x");
        });
        assertThat(seen[0]).startsWith("plot.png.tmp-").endsWith(".png");
    }

    /** Written files get the permissions of any new file (the umask's), not a temporary file's 0600. */
    @Test
    void theFileIsAsReadableAsAnyNewFile() throws IOException {
        Path plain = dir.resolve("plain.txt");
        Files.writeString(plain, "x");
        Path replaced = dir.resolve("replaced.txt");
        AtomicFiles.replace(replaced, ".txt", temp -> Files.writeString(temp, "y"));
        org.junit.jupiter.api.Assumptions.assumeTrue(
                plain.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        assertThat(Files.getPosixFilePermissions(replaced)).isEqualTo(Files.getPosixFilePermissions(plain));
    }

    @Test
    void refusesToReplaceWhatIsNotARegularFile() throws Exception {
        Path fifo = dir.resolve("fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        Path device = Files.createSymbolicLink(dir.resolve("null"), Path.of("/dev/null"));
        for (Path target : new Path[] {fifo, device, dir}) {
            assertThatThrownBy(() -> AtomicFiles.replace(target, ".tmp", temp -> Files.writeString(temp, "x")))
                    .isInstanceOf(FileSystemException.class)
                    .hasMessageContaining(target.toString());
        }
        assertThat(Files.isRegularFile(fifo)).isFalse();
        assertThat(Files.readSymbolicLink(device)).isEqualTo(Path.of("/dev/null"));
        assertThatThrownBy(() -> ModelFiles.save(fifo, NetworkSpec.parse("4-2").build(1),
                        Map.of()))
                .isInstanceOf(ModelFileException.class)
                .hasMessageContaining("it is not a regular file");
        assertThat(Files.isRegularFile(fifo)).isFalse();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).as("no temporary file left").hasSize(2);
        }
    }
}
