package dev.glassbox.jvm.data;

import static dev.glassbox.testkit.IdxBytes.gzip;
import static dev.glassbox.testkit.IdxBytes.ramp;
import static dev.glassbox.testkit.IdxBytes.ubyte;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.data.DatasetException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IDX files through {@link IdxFiles}: the codec's checks ({@code IdxTest}), with the file's name and size. */
class IdxFilesTest {
    @TempDir
    Path dir;

    @Test
    void readsRawAndGzipFiles() throws IOException {
        byte[] file = ubyte(new int[] {3, 2, 5}, ramp(30));
        assertThat(IdxFiles.read(Files.write(dir.resolve("raw"), file)).data()).isEqualTo(ramp(30));
        assertThat(IdxFiles.read(Files.write(dir.resolve("gz"), gzip(file))).data()).isEqualTo(ramp(30));
    }

    @Test
    void aRawFileWhoseSizeDisagreesWithItsHeaderIsNamed() throws IOException {
        byte[] file = ubyte(new int[] {60000, 28, 28}, new byte[0]);
        Path cut = Files.write(dir.resolve("train-images"), Arrays.copyOf(file, file.length + 1000));
        assertThatThrownBy(() -> IdxFiles.read(cut)).isInstanceOf(DatasetException.class)
                .hasMessageStartingWith(cut + ": truncated: header declares 47040000 bytes of pixels, file has 1000");
        Path longer = Files.write(dir.resolve("trailing"), Arrays.copyOf(ubyte(new int[] {2, 2}, ramp(4)), 19));
        assertThatThrownBy(() -> IdxFiles.read(longer)).isInstanceOf(DatasetException.class)
                .hasMessageStartingWith(longer + ": trailing data: header declares 4 bytes of pixels, file has 7");
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> IdxFiles.read(missing)).isInstanceOf(DatasetException.class)
                .hasMessage(missing + ": file not found");
    }
}
