package dev.glassbox.jvm.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.glassbox.data.DatasetException;
import dev.glassbox.data.ImagePreparation;
import dev.glassbox.jvm.data.ImageFolder.BadImages;
import dev.glassbox.jvm.data.ImageFolder.Images;
import dev.glassbox.jvm.data.ImageFolder.Options;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder whose class {@code b} holds one image file of arbitrary bytes, beside a good image in
 * class {@code a}, loaded grey, RGB and as a digit, refusing and skipping bad images: a result of
 * the promised shape, or a {@link DatasetException} — never anything else. The seed corpus in
 * {@code ImageFolderFuzzTestInputs/} (PNGs of every colour type, JPEG, GIF, truncated files, a
 * header claiming 50,000² pixels, text) replays in every test run; {@code JAZZER_FUZZ=1} fuzzes.
 */
class ImageFolderFuzzTest {
    private static final ImagePreparation[] PREPARATIONS = {
        ImagePreparation.grey(8, 8), ImagePreparation.rgb(5, 3), ImagePreparation.digit()};

    @TempDir
    static Path dir;

    @FuzzTest(maxDuration = "10m")
    void oneImage(byte[] input) throws IOException {
        Path good = dir.resolve("a/good.png");
        if (!Files.exists(good)) {
            Files.createDirectories(good.getParent());
            Files.createDirectories(dir.resolve("b"));
            DigitImages.writePng(new int[] {0, 255, 0, 255, 255, 255, 0, 255, 0}, 3, 3, good);
        }
        Files.write(dir.resolve("b/fuzz.png"), input);
        for (ImagePreparation preparation : PREPARATIONS) {
            for (BadImages bad : BadImages.values()) {
                Images images;
                try {
                    images = ImageFolder.load(dir, Options.of(preparation).withBadImages(bad).withThreads(1));
                } catch (DatasetException expected) {
                    assertThat(expected.getMessage()).startsWith(dir.resolve("b").toString()).doesNotContain("\n");
                    continue;
                }
                assertThat(images.classes()).containsExactly("a", "b");
                assertThat(images.labels()).containsExactly(0, 1);
                assertThat(images.pixels()).hasSize(2 * preparation.bytesPerImage());
                assertThat(images.leftOut().badImages()).isEmpty();
            }
        }
    }
}
