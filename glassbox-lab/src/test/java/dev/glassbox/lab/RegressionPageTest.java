package dev.glassbox.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import dev.glassbox.data.MnistData;
import dev.glassbox.data.Table;
import dev.glassbox.data.TableData;
import dev.glassbox.data.TablePreparation;
import dev.glassbox.io.ModelInputs;
import dev.glassbox.lab.core.LabData;
import dev.glassbox.tensor.Rng;
import dev.glassbox.train.TrainingListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The page on a regression's model, in a real headless Chromium: y = 2a − b + 10 plus a little
 * noise; the outputs show a number in the label's units, "Try an example" changes it, and the
 * diagnostics plot predicted against true values.
 */
class RegressionPageTest {
    private static LabServer server;
    private static Browser browser;

    @BeforeAll
    static void startLabAndBrowser() {
        LabData data = line();
        server = LabServer.start(DefaultModel.train(data, new TrainingListener() {}), data,
                LabSettings.local(Path.of("target", "lab-pages", "line.safetensors")));
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        browser.close();
        server.close();
    }

    private static LabData line() {
        Rng random = new Rng(9);
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            double a = random.nextDouble() * 4 - 2;
            double b = random.nextDouble() * 4 - 2;
            double y = 2 * a - b + 10 + 0.05 * random.nextGaussian();
            rows.add(List.of(fixed(a), fixed(b), fixed(y)));
        }
        List<String> header = List.of("a", "b", "y");
        Table train = Table.of("line", header, rows.subList(0, 300));
        Table test = Table.of("line (test)", header, rows.subList(300, 400));
        TablePreparation preparation = TablePreparation.fit(train, TablePreparation.Options.defaults());
        assertThat(preparation.task()).isEqualTo(TablePreparation.Task.REGRESSION);
        return new LabData(new MnistData(TableData.dataset(preparation, train, "train"),
                TableData.dataset(preparation, test, "test"), "0".repeat(64)),
                new ModelInputs.Table(preparation));
    }

    private static String fixed(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }


    @Test
    void showsNumbersAndPlotsThemAgainstTheTrueOnes() {
        Page page = browser.lab(server);
        assertThat(page.locator("#network-example").textContent()).startsWith("Showing test row 0, whose y is ");

        page.click("button[data-tab=draw]");
        page.waitForSelector("#field-a");
        page.fill("#field-a", "1");
        page.fill("#field-b", "0");
        // 2·1 − 0 + 10 = 12: the network learnt the line closely enough to say 11.something or 12.something.
        page.waitForFunction("() => /^1[12](\\.|$)/.test(document.getElementById('top-digit').textContent)");
        page.fill("#field-a", "-1");
        page.waitForFunction("() => /^[78](\\.|$)/.test(document.getElementById('top-digit').textContent)");

        page.click("button[data-tab=diagnostics]");
        page.waitForFunction("() => /R² 0\\.9/.test(document.getElementById('test-accuracy').textContent)");
        assertThat(page.locator("#scatter-box").isVisible()).isTrue();
        assertThat(page.locator("#confusion").isVisible()).isFalse();
        Browser.screenshot(page, "regression-diagnostics");
        page.click("button[data-tab=backprop]");
        page.waitForFunction("() => document.getElementById('backprop-step').textContent.includes('predicts a number')");
        browser.closeWithoutErrors(page);
    }
}
