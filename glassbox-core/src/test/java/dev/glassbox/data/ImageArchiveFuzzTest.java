package dev.glassbox.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The zip and image-header readers on arbitrary bytes, as a page hands them a file the user
 * picked: a listing whose images each unpack to a checked image or fail with
 * {@link DatasetException} — never anything else, and never more memory than the limits allow.
 * The seed corpus in {@code ImageArchiveFuzzTestInputs/} replays in every test run;
 * {@code JAZZER_FUZZ=1} fuzzes.
 */
class ImageArchiveFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void archive(byte[] input) {
        ImageArchive archive;
        try {
            archive = ImageArchive.read(input, "fuzz.zip");
        } catch (DatasetException expected) {
            return;
        }
        assertThat(archive.classes().classes()).hasSizeBetween(2, ImageClasses.MAX_CLASSES);
        for (int i = 0; i < archive.size(); i++) {
            try {
                byte[] bytes = archive.bytes(i);
                ImageHeader header = ImageHeader.of(bytes, "image");
                assertThat((long) header.width() * header.height()).isBetween(1L, ImageHeader.MAX_PIXELS);
            } catch (DatasetException expected) {
                // a damaged or hostile image, named
            }
        }
    }
}
