package dev.glassbox.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Zips of image folders: the folder rule of {@link ImageClasses}, the zipped folder itself stepped into, junk ignored. */
class ImageArchiveTest {

    private static byte[] zip(String... names) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        byte[] png = ImageHeaderTest.encode("png", 2, 2);
        for (String name : names) {
            files.put(name, name.endsWith("/") ? new byte[0] : png);
        }
        return ZipArchiveTest.zip(files, false);
    }

    @Test
    void classesAreTheFoldersSortedAndImagesTheirFilesSorted() throws IOException {
        ImageArchive archive = ImageArchive.read(zip("dog/b.png", "cat/z.JPG", "cat/deep/a.jpeg", "cat/notes.txt",
                "readme.md", ".DS_Store", "cat/.hidden.png", "__MACOSX/cat/._z.JPG"), "pets.zip");
        ImageClasses classes = archive.classes();
        assertThat(classes.classes()).containsExactly("cat", "dog");
        assertThat(classes.images()).containsExactly("cat/deep/a.jpeg", "cat/z.JPG", "dog/b.png");
        assertThat(classes.labels()).containsExactly(0, 0, 1);
        assertThat(classes.otherFiles()).containsExactly("cat/notes.txt", "readme.md");
        assertThat(archive.size()).isEqualTo(3);
        assertThat(ImageHeader.of(archive.bytes(2), "b")).isEqualTo(new ImageHeader(2, 2));
    }

    @Test
    void aZippedFolderIsSteppedInto() throws IOException {
        ImageArchive archive = ImageArchive.read(zip("digits/", "digits/0/a.png", "digits/1/b.png", "__MACOSX/x"),
                "digits.zip");
        assertThat(archive.classes().classes()).containsExactly("0", "1");
        assertThat(archive.file(1)).isEqualTo("1/b.png");
    }

    @Test
    void namesTheProblemWithTheLayout() throws IOException {
        assertThatThrownBy(() -> ImageArchive.read(zip("a.png", "b.png"), "flat.zip"))
                .isInstanceOf(DatasetException.class)
                .hasMessage("flat.zip: no class folders, found 2 files (e.g. a.png). The zip must hold one folder of"
                        + " images per class (cat/*.png, dog/*.jpg, ...)");
        assertThatThrownBy(() -> ImageArchive.read(zip("cat/a.png"), "one.zip"))
                .hasMessageStartingWith("one.zip: found 1 class folder (cat), expected at least 2");
        assertThatThrownBy(() -> ImageArchive.read(zip("pets/cat/a.png", "pets/dog/"), "pets.zip"))
                .hasMessage("pets.zip/pets/dog: no images in this class folder: expected .png, .jpg or .jpeg files,"
                        + " found nothing. Add images or remove the folder");
        assertThatThrownBy(() -> ImageArchive.read(zip("cat/a.png", "dog/b.gif"), "gif.zip"))
                .hasMessageContaining("gif.zip/dog: no images in this class folder")
                .hasMessageContaining("found 1 other file (e.g. b.gif)");
    }

    @Test
    void anImageThatIsNoImageIsNamedWhenRead() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("a/x.png", "not a picture".getBytes());
        files.put("b/y.png", ImageHeaderTest.encode("png", 1, 1));
        ImageArchive archive = ImageArchive.read(ZipArchiveTest.zip(files, false), "z.zip");
        assertThatThrownBy(() -> ImageHeader.of(archive.bytes(0), archive.where(0)))
                .isInstanceOf(DatasetException.class)
                .hasMessage("z.zip: a/x.png: not a PNG or JPEG image (no PNG or JPEG signature)");
    }

    @Test
    void theSameRuleServesFoldersOnDisk() {
        ImageClasses classes = ImageClasses.of(List.of("b/", "b/1.png", "a/", "a/x/2.png", "a/1.PNG", ".git/", "x.txt"),
                "DIR", "hint");
        assertThat(classes.images()).containsExactly("a/1.PNG", "a/x/2.png", "b/1.png");
        assertThat(classes.otherFiles()).containsExactly("x.txt");
    }
}
