package dev.glassbox.jvm.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The remembered kernel shapes: one line per processor, and a damaged file never believed. */
class KernelTuningTest {
    private static final String EPYC = "AMD EPYC 9R14 96-Core Processor";

    @Test
    void aShapeIsRememberedPerProcessorAndTheOthersKept(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("cache").resolve(KernelTuning.FILE);
        assertThat(KernelTuning.remembered(file, EPYC)).isNull();

        KernelTuning.remember(file, EPYC, KernelShape.CANDIDATES.get(0));
        KernelTuning.remember(file, "Other CPU = with: odd characters", KernelShape.CANDIDATES.get(2));

        assertThat(KernelTuning.remembered(file, EPYC)).isEqualTo(KernelShape.CANDIDATES.get(0));
        assertThat(KernelTuning.remembered(file, "Other CPU = with: odd characters"))
                .isEqualTo(KernelShape.CANDIDATES.get(2));
        assertThat(KernelTuning.remembered(file, "a third")).isNull();
        try (var left = Files.list(file.getParent())) {
            assertThat(left).as("no temporary files left").containsExactly(file);
        }
    }

    @Test
    void aValueThatIsNotACandidateIsIgnored(@TempDir Path dir) throws IOException {
        Path file = dir.resolve(KernelTuning.FILE);
        for (String value : new String[] {"17", "-512", "512x", "", "99999999999", "1024 ; rm -rf /"}) {
            Files.writeString(file, EPYC.replace(" ", "\\ ") + "=" + value + "\n");
            assertThat(KernelTuning.remembered(file, EPYC)).as(value).isNull();
        }
        Files.writeString(file, EPYC.replace(" ", "\\ ") + "= 1024 \n");
        assertThat(KernelTuning.remembered(file, EPYC)).isEqualTo(new KernelShape(1024));
    }

    @Test
    void aDamagedOrHostileFileIsIgnoredAndReplacedWhole(@TempDir Path dir) throws IOException {
        Path file = dir.resolve(KernelTuning.FILE);
        Files.write(file, new byte[] {(byte) 0xff, (byte) 0xfe, 0, '=', '\\', 'u', 'z', 'z'});
        assertThat(KernelTuning.remembered(file, EPYC)).isNull();

        Files.writeString(file, EPYC.replace(" ", "\\ ") + "=512\n" + "x=".repeat(40_000));
        assertThat(KernelTuning.remembered(file, EPYC)).as("over 64 KB").isNull();

        KernelTuning.remember(file, EPYC, KernelShape.DEFAULT);
        assertThat(KernelTuning.remembered(file, EPYC)).isEqualTo(KernelShape.DEFAULT);
        assertThat(Files.size(file)).isLessThan(1000);
    }

    @Test
    void aFolderWhereTheFileShouldBeIsLeftAlone(@TempDir Path dir) throws IOException {
        Path file = Files.createDirectory(dir.resolve(KernelTuning.FILE));
        assertThat(KernelTuning.remembered(file, EPYC)).isNull();
        try {
            KernelTuning.remember(file, EPYC, KernelShape.DEFAULT);
        } catch (IOException expected) {
            // refused, as AtomicFiles refuses to replace a folder
        }
        assertThat(file).isDirectory();
    }

    @Test
    void theCacheFolderComesFromTheProperty() {
        assertThat(KernelTuning.cacheFile().toString())
                .startsWith(System.getProperty("glassbox.cache"))
                .endsWith(KernelTuning.FILE);
    }
}
