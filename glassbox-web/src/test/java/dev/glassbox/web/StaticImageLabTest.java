package dev.glassbox.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import dev.glassbox.data.Dataset;
import dev.glassbox.data.ImagePreparation;
import dev.glassbox.data.ImageShape;
import dev.glassbox.data.MnistData;
import dev.glassbox.io.ModelCodec;
import dev.glassbox.io.ModelInputs;
import dev.glassbox.jvm.data.ImageFolder;
import dev.glassbox.jvm.data.MnistFolder;
import dev.glassbox.lab.DefaultModel;
import dev.glassbox.lab.LabModel;
import dev.glassbox.lab.StaticSite;
import dev.glassbox.lab.core.LabData;
import dev.glassbox.train.TrainingListener;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lab as a static site for a folder of images, as {@code glassbox lab --export DIR --data
 * FOLDER} writes it, and data the user opens in the page: the page's engine unpacks the zip, the
 * browser decodes the PNGs, the engine prepares them — to the very values the JVM prepares from the
 * same files — and "Try an example" changes the prediction. A CSV opened in the page becomes the
 * data on show; a zip bomb is refused with one line and changes nothing.
 */
class StaticImageLabTest {
    private static final Path IRIS = Path.of("../data/iris.csv").toAbsolutePath();
    private static final Path WEB = Path.of(System.getProperty("glassbox.web.directory", "target/web"));
    /** MNIST test images written into the folder: 30 of each digit. */
    private static final int PER_CLASS = 30;

    private static Path work;
    private static Path folder;
    private static LabData jvm;
    private static PageServer server;
    private static Chromium chromium;

    @BeforeAll
    static void export() throws IOException {
        work = Files.createTempDirectory("glassbox-image-site");
        folder = work.resolve("digits");
        writeFolder(folder);
        ImageFolder.Images images = ImageFolder.load(folder, ImageFolder.Options.of(ImagePreparation.grey(28, 28)));
        Dataset all = Dataset.images("digits", images.pixels(), images.labels(),
                new ImageShape(images.height(), images.width(), images.channels()), images.classes().size());
        jvm = LabData.images(all, new ModelInputs.Images(images.preparation(), images.classes()));
        LabModel start = DefaultModel.train(jvm, new TrainingListener() {});
        Path site = work.resolve("site");
        StaticSite.write(site, WEB, new StaticSite.ImageData(folder, false),
                new StaticSite.Model(ModelCodec.write(start.network(), start.metadata()), start.source()), "test");
        server = PageServer.site(site);
        chromium = new Chromium();
    }

    /**
     * Digits as PNGs in a folder per class: even ones 28×28 grey as MNIST stores them, odd ones
     * 56×56 colour, so that the engine's resize and grey conversion run on both hosts.
     */
    private static void writeFolder(Path dir) throws IOException {
        MnistData mnist = MnistFolder.load(Path.of("../data/mnist").toAbsolutePath());
        Dataset test = mnist.test();
        int[] written = new int[10];
        int total = 0;
        for (int i = 0; i < test.size() && total < 10 * PER_CLASS; i++) {
            int label = test.label(i);
            if (written[label] >= PER_CLASS) {
                continue;
            }
            int[] pixels = test.image(i);
            BufferedImage image;
            if (written[label] % 2 == 0) {
                image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
                for (int p = 0; p < 784; p++) {
                    image.getRaster().setSample(p % 28, p / 28, 0, pixels[p]);
                }
            } else {
                image = new BufferedImage(56, 56, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < 56; y++) {
                    for (int x = 0; x < 56; x++) {
                        int v = pixels[(y / 2) * 28 + x / 2];
                        image.setRGB(x, y, v << 16 | (v * 3 / 4) << 8 | (255 - v) / 2);
                    }
                }
            }
            Path file = dir.resolve(Integer.toString(label)).resolve(String.format("%05d.png", i));
            Files.createDirectories(file.getParent());
            ImageIO.write(image, "png", file.toFile());
            written[label]++;
            total++;
        }
    }

    @AfterAll
    static void close() {
        if (chromium != null) {
            chromium.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private Page open() {
        Page page = chromium.page(1600, 1000);
        page.navigate(server.url(""));
        page.waitForSelector("body[data-ready=true]", new Page.WaitForSelectorOptions().setTimeout(90_000));
        return page;
    }

    @Test
    void thePagePreparesTheFolderToTheJvmsValuesAndTriesExamples() throws IOException {
        Page page = open();
        assertThat(page.locator("#backend").textContent()).contains("WebAssembly GC");
        assertThat(page.locator("#draw-tab").textContent()).isEqualTo("Try an example");
        Dataset test = jvm.test();
        assertThat(page.evaluate("async () => (await window.labEngine.get('network')).testImages"))
                .isEqualTo(test.size());
        for (int i = 0; i < test.size(); i++) {
            @SuppressWarnings("unchecked")
            List<Number> pixels = (List<Number>) page.evaluate(
                    "async i => (await window.labEngine.get('test-digit', { index: i })).pixels", i);
            float[] expected = test.input(i);
            assertThat(pixels).hasSize(expected.length);
            for (int p = 0; p < expected.length; p++) {
                assertThat(Float.floatToIntBits(pixels.get(p).floatValue()))
                        .as("test image %d, pixel %d", i, p).isEqualTo(Float.floatToIntBits(expected[p]));
            }
        }

        page.click("button[data-tab=draw]");
        page.setInputFiles("#example-image", firstImageOf("1"));
        page.waitForFunction("() => document.getElementById('top-digit').textContent !== '–'");
        String first = page.locator("#top-digit").textContent();
        String other = first.equals("0") ? "7" : "0";
        page.setInputFiles("#example-image", firstImageOf(other));
        page.waitForFunction("d => document.getElementById('top-digit').textContent !== d", first);
        assertThat(chromium.errors).as("console errors").isEmpty();
        page.context().close();
    }

    @Test
    void aTableOrAZipOpenedInThePageBecomesTheDataAndABombChangesNothing() throws IOException {
        Page page = open();
        page.click("button[data-tab=model]");
        page.setInputFiles("#data-open", IRIS);
        page.waitForFunction("() => document.getElementById('data-status').textContent.startsWith('Opened iris.csv')");
        assertThat(page.locator("#data-status").textContent())
                .startsWith("Opened iris.csv: 150 rows (120 to train, 30 to test), 3 classes; a new network"
                        + " 4-16-relu-16-relu-3 with random weights");
        page.click("button[data-tab=draw]");
        page.waitForSelector("#field-petal_length");
        page.fill("#field-petal_length", "1.4");
        page.waitForFunction("() => document.getElementById('top-digit').textContent !== '–'");
        assertThat(page.locator("#top-digit").textContent()).isIn("setosa", "versicolor", "virginica");

        page.click("button[data-tab=model]");
        page.setInputFiles("#data-open", bomb());
        page.waitForSelector("#error:not([hidden])");
        assertThat(page.locator("#error").textContent())
                .isEqualTo("bomb.zip: 1/zeros.png unpacks to more than the 1000 bytes the directory declares; refused"
                        + " (a zip bomb?)");
        assertThat(page.evaluate("async () => (await window.labEngine.get('network')).samples")).isEqualTo("rows");

        Path zipped = work.resolve("digits.zip");
        zipFolder(folder, zipped);
        page.setInputFiles("#data-open", zipped);
        page.waitForFunction("() => document.getElementById('data-status').textContent.startsWith('Opened digits.zip')");
        assertThat(page.locator("#data-status").textContent())
                .startsWith("Opened digits.zip: 300 images (240 to train, 60 to test), 10 classes; a new network"
                        + " 784-16-relu-16-relu-10 with random weights");
        assertThat(page.locator("#draw-tab").textContent()).isEqualTo("Try an example");
        assertThat(chromium.errors).as("console errors").isEmpty();
        page.context().close();
    }

    private static Path firstImageOf(String label) throws IOException {
        try (var files = Files.list(folder.resolve(label))) {
            return files.sorted().findFirst().orElseThrow();
        }
    }

    /** A zip whose entry declares 1,000 bytes and unpacks to 50 MB of zeros. */
    private static Path bomb() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String name : List.of("0/a.png", "1/zeros.png")) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write(name.startsWith("0") ? Files.readAllBytes(firstImageOf("0")) : new byte[50_000_000]);
                zip.closeEntry();
            }
        }
        byte[] bytes = out.toByteArray();
        // The second directory record's uncompressed size, 24 bytes into the record.
        int record = -1;
        for (int i = bytes.length - 22, seen = 0; i >= 0 && record < 0; i--) {
            if (bytes[i] == 'P' && bytes[i + 1] == 'K' && bytes[i + 2] == 1 && bytes[i + 3] == 2 && ++seen == 1) {
                record = i; // the last directory record: 1/zeros.png
            }
        }
        bytes[record + 24] = (byte) 0xE8;
        bytes[record + 25] = 3;
        bytes[record + 26] = 0;
        bytes[record + 27] = 0;
        Path file = work.resolve("bomb.zip");
        Files.write(file, bytes);
        return file;
    }

    /** The folder zipped with its own name at the top, deflated, as a file manager zips it. */
    private static void zipFolder(Path dir, Path zip) throws IOException {
        List<Path> files = new ArrayList<>();
        try (var walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream zipped = new ZipOutputStream(out)) {
            for (Path file : files) {
                zipped.putNextEntry(new ZipEntry("digits/" + dir.relativize(file).toString().replace('\\', '/')));
                zipped.write(Files.readAllBytes(file));
                zipped.closeEntry();
            }
        }
    }
}
