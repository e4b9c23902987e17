package dev.glassbox.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import dev.glassbox.data.Dataset;
import dev.glassbox.data.ImagePreparation;
import dev.glassbox.data.MnistData;
import dev.glassbox.io.ModelInputs;
import dev.glassbox.jvm.data.DigitImages;
import dev.glassbox.jvm.data.ImageFolder;
import dev.glassbox.lab.core.LabData;
import dev.glassbox.train.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The page on an image folder's model, in a real headless Chromium: MNIST digits read as a folder
 * of named classes would be (plain 28×28 gray, no digit preparation), so "Try an example" picks a
 * picture, which the engine prepares and reads as the engine reads the same file.
 */
class ImageFolderPageTest {
    private static final List<String> NAMES = List.of("zero", "one", "two", "three", "four", "five", "six", "seven",
            "eight", "nine");

    private static LabServer server;
    private static Browser browser;

    @BeforeAll
    static void startLabAndBrowser() {
        MnistData mnist = TestLab.data();
        MnistData few = new MnistData(mnist.train().slice("train", 0, 3000), mnist.test().slice("test", 0, 500),
                mnist.sha256());
        LabData data = new LabData(few, new ModelInputs.Images(ImagePreparation.grey(28, 28), NAMES));
        server = LabServer.start(DefaultModel.train(data, new TrainingListener() {}), data,
                LabSettings.local(Path.of("target", "lab-pages", "folder.safetensors")));
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        browser.close();
        server.close();
    }

    @Test
    void aPickedPictureIsReadAsTheEngineReadsIt() throws Exception {
        Page page = browser.lab(server);
        assertThat(page.locator("#draw-tab").textContent()).isEqualTo("Try an example");
        page.click("button[data-tab=draw]");

        Dataset test = TestLab.data().test();
        Path picture = Files.createDirectories(Path.of("target", "lab-pages")).resolve("picked.png");
        DigitImages.writePng(test.image(7), 28, 28, picture);
        float[] x = Dataset.pixelInputs(ImageFolder.loadImage(picture,
                ImageFolder.Options.of(ImagePreparation.grey(28, 28))));
        String expected = NAMES.get(server.lab().snapshot().explainer().forward(x).predicted());

        page.setInputFiles("#example-image", picture);
        page.waitForFunction("name => document.getElementById('top-digit').textContent === name", expected);
        assertThat(page.locator("#network-example").textContent()).isEqualTo("Showing picked.png.");
        Browser.screenshot(page, "folder-example");
        browser.closeWithoutErrors(page);
    }
}
