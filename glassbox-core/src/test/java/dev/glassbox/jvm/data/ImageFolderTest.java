package dev.glassbox.jvm.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.data.DatasetException;
import dev.glassbox.data.IdxArray;
import dev.glassbox.data.ImagePreparation;
import dev.glassbox.data.Mnist;
import dev.glassbox.jvm.data.ImageFolder.BadImages;
import dev.glassbox.jvm.data.ImageFolder.Images;
import dev.glassbox.jvm.data.ImageFolder.Options;
import dev.glassbox.jvm.data.ImageFolder.Skipped;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderTest {
    private static final Options GREY_28 = Options.of(ImagePreparation.grey(28, 28));
    /** MNIST test images written to the folder by {@link #writeMnistFolder}. */
    private static final int COUNT = 40;

    private static IdxArray mnistImages;
    private static IdxArray mnistLabels;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadMnist() {
        mnistImages = IdxFiles.read(MnistFolderTest.MNIST_DIR.resolve(Mnist.TEST_IMAGES + ".gz"));
        mnistLabels = IdxFiles.read(MnistFolderTest.MNIST_DIR.resolve(Mnist.TEST_LABELS + ".gz"));
    }

    static int[] mnist(int index) {
        int[] pixels = new int[784];
        for (int i = 0; i < 784; i++) {
            pixels[i] = mnistImages.unsigned(index * 784 + i);
        }
        return pixels;
    }

    static int mnistLabel(int index) {
        return mnistLabels.unsigned(index);
    }

    /** Each pixel repeated factor × factor times: no new values, so area averaging undoes it exactly. */
    static int[] nearest(int[] pixels, int side, int factor) {
        int big = side * factor;
        int[] out = new int[big * big];
        for (int y = 0; y < big; y++) {
            for (int x = 0; x < big; x++) {
                out[y * big + x] = pixels[(y / factor) * side + x / factor];
            }
        }
        return out;
    }

    static void writeGreyJpeg(int[] pixels, int side, Path file) throws IOException {
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setSamples(0, 0, side, side, 0, pixels);
        assertThat(ImageIO.write(image, "jpeg", file.toFile())).isTrue();
    }

    private static int[] unsigned(byte[] bytes, int from, int count) {
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = bytes[from + i] & 0xFF;
        }
        return out;
    }

    private static double meanAbsoluteDifference(int[] a, int[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs(a[i] - b[i]);
        }
        return sum / a.length;
    }

    /**
     * The first {@link #COUNT} MNIST test images in folders named by digit, by index: i % 4 = 0 as
     * a 28×28 PNG, 1 as 56×56 (nearest), 2 as 20×20 (area averaged), 3 as a 28×28 JPEG. Also a
     * hidden file and folder, a text file and an upper-case extension.
     *
     * @return the file names relative to dir, by MNIST index
     */
    private List<String> writeMnistFolder(Path root) throws IOException {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            Path folder = Files.createDirectories(root.resolve(String.valueOf(mnistLabel(i))));
            int[] pixels = mnist(i);
            String name = String.format("img%02d", i);
            switch (i % 4) {
                case 0 -> DigitImages.writePng(pixels, 28, 28, folder.resolve(name += ".png"));
                case 1 -> DigitImages.writePng(nearest(pixels, 28, 2), 56, 56, folder.resolve(name += ".PNG"));
                case 2 -> {
                    int[] argb = Arrays.stream(pixels).map(g -> 0xFF000000 | g * 0x010101).toArray();
                    byte[] small = ImagePreparation.grey(20, 20).apply(argb, 28, 28, name);
                    DigitImages.writePng(unsigned(small, 0, 400), 20, 20, folder.resolve(name += ".png"));
                }
                default -> {
                    Files.createDirectories(folder.resolve("jpeg"));
                    writeGreyJpeg(pixels, 28, folder.resolve(name = "jpeg/" + name + ".jpg"));
                }
            }
            names.add(mnistLabel(i) + "/" + name);
        }
        Files.writeString(root.resolve("3/notes.txt"), "not an image");
        Files.writeString(root.resolve("README"), "beside the classes");
        Files.writeString(root.resolve("3/.DS_Store"), "hidden");
        Files.createDirectories(root.resolve("7/.cache"));
        Files.writeString(root.resolve("7/.cache/broken.png"), "hidden, never read");
        Files.createDirectories(root.resolve(".git"));
        return names;
    }

    @Test
    void anMnistFolderOfManySizesLoadsBackAt28() throws IOException {
        List<String> names = writeMnistFolder(dir);
        Images images = ImageFolder.load(dir, GREY_28);

        TreeSet<String> digits = new TreeSet<>();
        for (int i = 0; i < COUNT; i++) {
            digits.add(String.valueOf(mnistLabel(i)));
        }
        assertThat(images.classes()).containsExactlyElementsOf(digits); // 8 is missing: 9 classes, "9" is label 8
        assertThat(images.size()).isEqualTo(COUNT);
        assertThat(images.width()).isEqualTo(28);
        assertThat(images.channels()).isEqualTo(1);
        assertThat(images.pixels()).hasSize(COUNT * 784);
        assertThat(images.leftOut().otherFiles()).containsExactly("3/notes.txt", "README");
        assertThat(images.leftOut().badImages()).isEmpty();
        assertThat(images.files()).containsExactlyInAnyOrderElementsOf(names);
        List<String> sorted = new ArrayList<>(images.files());
        sorted.sort(null); // class folders are single digits, so sorted paths are sample order
        assertThat(images.files()).isEqualTo(sorted);
        assertThat(images).hasToString("9 classes, 40 images of 28x28 grey; 2 other files ignored");

        double worstSmall = 0;
        double worstJpeg = 0;
        for (int sample = 0; sample < COUNT; sample++) {
            int i = names.indexOf(images.files().get(sample));
            assertThat(images.classes().get(images.labels()[sample])).isEqualTo(String.valueOf(mnistLabel(i)));
            int[] got = unsigned(images.pixels(), sample * 784, 784);
            int[] original = mnist(i);
            switch (i % 4) {
                case 0, 1 -> assertThat(got).as(images.files().get(sample)).containsExactly(original);
                case 2 -> worstSmall = Math.max(worstSmall, meanAbsoluteDifference(got, original));
                default -> worstJpeg = Math.max(worstJpeg, meanAbsoluteDifference(got, original));
            }
        }
        System.out.printf("ImageFolderTest: worst mean |difference| 20x20 -> 28x28 %.1f, JPEG %.1f%n",
                worstSmall, worstJpeg);
        assertThat(worstSmall).isLessThan(25);
        assertThat(worstJpeg).isLessThan(8);
    }

    @Test
    void digitPreparationMatchesASingleDigitImage() throws IOException {
        writeMnistFolder(dir);
        Options digit = Options.of(ImagePreparation.digit());
        Images images = ImageFolder.load(dir, digit);
        for (int sample = 0; sample < images.size(); sample += 3) {
            Path file = dir.resolve(images.files().get(sample));
            int[] expected = DigitImages.load(file).pixels();
            assertThat(unsigned(images.pixels(), sample * 784, 784)).as("%s", file).containsExactly(expected);
            assertThat(ImageFolder.loadImage(file, digit)).containsExactly(
                    Arrays.copyOfRange(images.pixels(), sample * 784, (sample + 1) * 784));
        }
    }

    @Test
    void greyFilesGiveTheirStoredLevels() throws IOException {
        // Java's grey colour space is linear; getRGB would turn 64 into 137 and 128 into 188.
        Path a = Files.createDirectories(dir.resolve("a"));
        Path b = Files.createDirectories(dir.resolve("b"));
        DigitImages.writePng(new int[] {0, 64, 128, 255}, 1, 4, a.resolve("eight-bit.png"));
        BufferedImage deep = new BufferedImage(4, 1, BufferedImage.TYPE_USHORT_GRAY);
        deep.getRaster().setSamples(0, 0, 4, 1, 0, new int[] {0, 64 * 257, 128 * 257, 65535});
        ImageIO.write(deep, "png", a.resolve("sixteen-bit.png").toFile());
        // Grey with alpha: level 128 fully transparent is white paper, 0 half transparent is 127.
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
                java.awt.Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 4, 1, 2, null);
        raster.setPixels(0, 0, 4, 1, new int[] {0, 255, 64, 255, 128, 0, 0, 128});
        ImageIO.write(new BufferedImage(model, raster, false, null), "png", b.resolve("alpha.png").toFile());
        writeGreyJpeg(new int[] {100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100},
                4, b.resolve("flat.jpg"));

        Images images = ImageFolder.load(dir, Options.of(ImagePreparation.grey(4, 1)));

        assertThat(images.files()).containsExactly("a/eight-bit.png", "a/sixteen-bit.png", "b/alpha.png", "b/flat.jpg");
        assertThat(unsigned(images.pixels(), 0, 16)).containsExactly(
                0, 64, 128, 255, 0, 64, 128, 255, 0, 64, 255, 127, 100, 100, 100, 100);
    }

    @Test
    void colourFilesLoadAsInterleavedRgb() throws IOException {
        Path a = Files.createDirectories(dir.resolve("a"));
        Path b = Files.createDirectories(dir.resolve("b"));
        BufferedImage rgb = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        rgb.setRGB(0, 0, 0xFF102030);
        rgb.setRGB(1, 0, 0x00405060); // transparent: white
        ImageIO.write(rgb, "png", a.resolve("rgb.png").toFile());
        IndexColorModel palette = new IndexColorModel(8, 2, new byte[] {(byte) 200, 0}, new byte[] {0, 50},
                new byte[] {0, (byte) 250});
        BufferedImage indexed = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_INDEXED, palette);
        indexed.getRaster().setSamples(0, 0, 2, 1, 0, new int[] {1, 0});
        ImageIO.write(indexed, "png", b.resolve("palette.png").toFile());

        Images images = ImageFolder.load(dir, Options.of(ImagePreparation.rgb(2, 1)));

        assertThat(images.channels()).isEqualTo(3);
        assertThat(unsigned(images.pixels(), 0, 12)).containsExactly(
                0x10, 0x20, 0x30, 255, 255, 255, 0, 50, 250, 200, 0, 0);
        assertThat(ImageFolder.loadImage(a.resolve("rgb.png"), Options.of(ImagePreparation.rgb(1, 1))))
                .containsExactly((byte) 136, (byte) 144, (byte) 152); // (16 + 255) / 2 = 135.5, ...
    }

    @Test
    void aFolderThatIsNotOneFolderPerClassIsRefused() throws IOException {
        Path missing = dir.resolve("missing");
        assertThatThrownBy(() -> ImageFolder.load(missing, GREY_28)).isInstanceOf(DatasetException.class)
                .hasMessage(missing + ": not found. --data DIR must hold one folder of images per class"
                        + " (DIR/cat/*.png, DIR/dog/*.jpg, ...)");
        Path file = Files.writeString(dir.resolve("file.png"), "x");
        assertThatThrownBy(() -> ImageFolder.load(file, GREY_28)).isInstanceOf(DatasetException.class)
                .hasMessageStartingWith(file + ": not a directory. --data DIR must hold one folder");
        assertThatThrownBy(() -> ImageFolder.load(dir, GREY_28)).isInstanceOf(DatasetException.class)
                .hasMessageStartingWith(dir + ": no class folders, found 1 file (e.g. file.png). --data DIR");
        Files.createDirectories(dir.resolve("cat"));
        DigitImages.writePng(mnist(0), 28, 28, dir.resolve("cat/a.png"));
        assertThatThrownBy(() -> ImageFolder.load(dir, GREY_28)).isInstanceOf(DatasetException.class)
                .hasMessageStartingWith(dir + ": found 1 class folder (cat), expected at least 2: a classifier"
                        + " needs two classes or more.");
        Files.createDirectories(dir.resolve("dog/empty"));
        Files.writeString(dir.resolve("dog/labels.csv"), "x");
        assertThatThrownBy(() -> ImageFolder.load(dir, GREY_28)).isInstanceOf(DatasetException.class)
                .hasMessage(dir.resolve("dog") + ": no images in this class folder: expected .png, .jpg or .jpeg"
                        + " files, found 1 other file (e.g. labels.csv). Add images or remove the folder");
        Files.delete(dir.resolve("dog/labels.csv"));
        assertThatThrownBy(() -> ImageFolder.load(dir, GREY_28))
                .hasMessageContaining("/dog: no images in this class folder: expected .png, .jpg or .jpeg files,"
                        + " found nothing. Add");
    }

    @Test
    void tooManyClassesOrPixelsAreRefusedBeforeDecoding() throws IOException {
        Path many = Files.createDirectories(dir.resolve("many"));
        for (int i = 0; i <= ImageFolder.MAX_CLASSES; i++) {
            Files.createDirectories(many.resolve(String.format("c%04d", i)));
        }
        assertThatThrownBy(() -> ImageFolder.load(many, GREY_28)).isInstanceOf(DatasetException.class)
                .hasMessage(many + ": found 1001 class folders, expected at most 1000. Is it the folder whose"
                        + " subfolders are the classes?");

        // 43 images of 4096x4096 RGB would take 2,164,260,864 bytes: refused from the listing alone
        // (these "images" are empty files, so any attempt to decode one would fail differently).
        Path huge = Files.createDirectories(dir.resolve("huge"));
        for (int i = 0; i < 43; i++) {
            Path folder = Files.createDirectories(huge.resolve(i % 2 == 0 ? "a" : "b"));
            Files.createFile(folder.resolve(i + ".png"));
        }
        assertThatThrownBy(() -> ImageFolder.load(huge, Options.of(ImagePreparation.rgb(4096, 4096))))
                .isInstanceOf(DatasetException.class)
                .hasMessage(huge + ": 43 images of 4096x4096 rgb need 2164260864 bytes, more than one array holds"
                        + " (2147483639). Use a smaller size or fewer images");
    }

    /** Class a: two good digits; class b: one good digit and the bad files given. */
    private void writeBadFolder(String... badFiles) throws IOException {
        Files.createDirectories(dir.resolve("a"));
        Files.createDirectories(dir.resolve("b"));
        DigitImages.writePng(mnist(0), 28, 28, dir.resolve("a/0.png"));
        DigitImages.writePng(mnist(1), 28, 28, dir.resolve("a/1.png"));
        DigitImages.writePng(mnist(2), 28, 28, dir.resolve("b/2.png"));
        for (String bad : badFiles) {
            Path file = dir.resolve(bad);
            switch (bad.substring(bad.indexOf('/') + 1)) {
                case "truncated.png" -> {
                    DigitImages.writePng(nearest(mnist(3), 28, 4), 112, 112, file);
                    byte[] bytes = Files.readAllBytes(file);
                    Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
                }
                case "text.png" -> Files.writeString(file, "this is not a picture\n");
                case "bomb.png" -> Files.write(file, DigitImagesTest.pngHeaderOnly(50_000, 50_000));
                case "truncated.jpg" -> {
                    writeGreyJpeg(nearest(mnist(4), 28, 4), 112, file);
                    byte[] bytes = Files.readAllBytes(file);
                    Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
                }
                default -> throw new IllegalArgumentException(bad);
            }
        }
    }

    @Test
    void eachBadImageIsOneLineNamingTheFile() throws IOException {
        String hint = ". Replace or delete it, or skip bad images";
        writeBadFolder("b/truncated.png");
        assertThatThrownBy(() -> ImageFolder.load(dir, GREY_28)).isInstanceOf(DatasetException.class)
                .hasMessageStartingWith(dir.resolve("b/truncated.png") + ": cannot decode image (")
                .hasMessageEndingWith(hint)
                .message().doesNotContain("\n");
        Files.delete(dir.resolve("b/truncated.png"));

        writeBadFolder("b/text.png");
        assertThatThrownBy(() -> ImageFolder.load(dir, GREY_28))
                .hasMessage(dir.resolve("b/text.png") + ": not an image: no PNG, JPEG, GIF or BMP signature" + hint);
        Files.delete(dir.resolve("b/text.png"));

        writeBadFolder("b/bomb.png"); // 2.5 gigapixels declared: refused from the header, nothing allocated
        assertThatThrownBy(() -> ImageFolder.load(dir, GREY_28)).hasMessage(dir.resolve("b/bomb.png")
                + ": image is 50000x50000, expected 1 to 25 megapixels. Crop or shrink it first" + hint);
        Files.delete(dir.resolve("b/bomb.png"));

        writeBadFolder("b/truncated.jpg"); // ImageIO only warns, and fills the rest with grey
        assertThatThrownBy(() -> ImageFolder.load(dir, GREY_28))
                .hasMessageStartingWith(dir.resolve("b/truncated.jpg") + ": cannot decode image (")
                .hasMessageContaining("remature end")
                .hasMessageEndingWith("The file is damaged or cut short" + hint);
        assertThatThrownBy(() -> ImageFolder.loadImage(dir.resolve("b/none.png"), GREY_28))
                .hasMessage(dir.resolve("b/none.png") + ": file not found. Pass a PNG or JPEG image");
    }

    @Test
    void badImagesCanBeSkippedAndAreListed() throws IOException {
        writeBadFolder("b/truncated.png", "b/text.png", "b/bomb.png", "a/truncated.jpg");
        Images images = ImageFolder.load(dir, GREY_28.withBadImages(BadImages.SKIP));
        assertThat(images.files()).containsExactly("a/0.png", "a/1.png", "b/2.png");
        assertThat(images.labels()).containsExactly(0, 0, 1);
        assertThat(images.pixels()).hasSize(3 * 784);
        assertThat(unsigned(images.pixels(), 2 * 784, 784)).containsExactly(mnist(2));
        assertThat(images.leftOut().badImages()).extracting(Skipped::file)
                .containsExactly("a/truncated.jpg", "b/bomb.png", "b/text.png", "b/truncated.png");
        assertThat(images.leftOut().badImages().get(1).reason())
                .isEqualTo("image is 50000x50000, expected 1 to 25 megapixels. Crop or shrink it first");
        assertThat(images).hasToString("2 classes, 3 images of 28x28 grey; 4 bad images skipped");

        Files.delete(dir.resolve("b/2.png"));
        assertThatThrownBy(() -> ImageFolder.load(dir, GREY_28.withBadImages(BadImages.SKIP)))
                .isInstanceOf(DatasetException.class)
                .hasMessage(dir.resolve("b") + ": every image of this class was skipped as bad, e.g. b/bomb.png:"
                        + " image is 50000x50000, expected 1 to 25 megapixels. Crop or shrink it first."
                        + " A class needs at least one image");
    }

    @Test
    void aSymbolicLinkLoopIsReported() throws IOException {
        writeBadFolder();
        Path loop = dir.resolve("a/loop");
        Files.createSymbolicLink(loop, dir.resolve("a"));
        assertThatThrownBy(() -> ImageFolder.load(dir, GREY_28)).isInstanceOf(DatasetException.class)
                .hasMessage(loop + ": a symbolic link loop: it leads back to a folder that holds it."
                        + " Remove or replace the link");
        Files.delete(loop);
        Files.createSymbolicLink(dir.resolve("linked"), dir.resolve("a")); // a linked class folder is read
        assertThat(ImageFolder.load(dir, GREY_28).classes()).containsExactly("a", "b", "linked");
    }

    @Test
    void theResultDoesNotDependOnTheThreads() throws IOException {
        writeMnistFolder(dir);
        writeBadFolder("b/truncated.png", "b/text.png", "a/truncated.jpg");
        Options skip = GREY_28.withBadImages(BadImages.SKIP);
        Images one = ImageFolder.load(dir, skip.withThreads(1));
        Images two = ImageFolder.load(dir, skip.withThreads(2));
        assertThat(two.pixels()).isEqualTo(one.pixels());
        assertThat(two.labels()).isEqualTo(one.labels());
        assertThat(two.files()).isEqualTo(one.files());
        assertThat(two.classes()).isEqualTo(one.classes());
        assertThat(two.leftOut()).isEqualTo(one.leftOut());
        assertThat(one.size()).isEqualTo(COUNT + 3);

        // Refusing: always the first bad file in sample order, however the threads race.
        for (int threads = 1; threads <= 3; threads++) {
            int t = threads;
            assertThatThrownBy(() -> ImageFolder.load(dir, GREY_28.withThreads(t)))
                    .hasMessageStartingWith(dir.resolve("a/truncated.jpg") + ": cannot decode image");
        }
    }

    @Test
    void progressCountsUpToTheTotal() throws IOException {
        writeMnistFolder(dir);
        List<int[]> calls = new ArrayList<>();
        ImageFolder.load(dir, GREY_28.withThreads(2), (done, total) -> calls.add(new int[] {done, total}));
        assertThat(calls.get(0)).containsExactly(0, COUNT);
        assertThat(calls.get(calls.size() - 1)).containsExactly(COUNT, COUNT);
        for (int i = 1; i < calls.size(); i++) {
            assertThat(calls.get(i)[0]).isGreaterThan(calls.get(i - 1)[0]);
        }
    }

    @Test
    void optionsAreChecked() {
        assertThat(GREY_28.badImages()).isEqualTo(BadImages.REFUSE);
        assertThat(GREY_28.threads()).isBetween(1, 4);
        assertThatThrownBy(() -> GREY_28.withThreads(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ImageFolder.Options: expected 1 to 64 threads, got 0");
        assertThatThrownBy(() -> new Options(null, BadImages.SKIP, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
