package dev.glassbox.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The list of the page's files is the folder's, so an exported site misses none. */
class LabAssetsTest {
    @Test
    void listsEveryFileOfThePage() throws IOException {
        Path folder = Path.of("src/main/resources" + LabAssets.ROOT);
        try (Stream<Path> files = Files.walk(folder)) {
            assertThat(files.filter(Files::isRegularFile).map(f -> folder.relativize(f).toString().replace('\\', '/')))
                    .containsExactlyInAnyOrderElementsOf(LabAssets.FILES);
        }
        for (String file : LabAssets.siteFiles()) {
            assertThat(LabAssets.read(file)).as(file).isNotEmpty();
        }
        assertThatThrownBy(() -> LabAssets.read("../LabServer.class")).isInstanceOf(IllegalArgumentException.class);
    }
}
