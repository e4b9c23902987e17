package dev.glassbox.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import dev.glassbox.data.MnistData;
import dev.glassbox.data.Table;
import dev.glassbox.data.TableData;
import dev.glassbox.data.TablePreparation;
import dev.glassbox.io.ModelInputs;
import dev.glassbox.lab.core.LabData;
import dev.glassbox.train.TrainingListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The page on a table's model, in a real headless Chromium: the shipped Iris table (every fifth
 * row for testing), its named inputs and class names in every panel, and "Try an example", whose
 * fields change the prediction.
 */
class TablePageTest {
    private static LabServer server;
    private static Browser browser;
    private Page page;

    @BeforeAll
    static void startLabAndBrowser() {
        LabData data = iris();
        LabModel model = DefaultModel.train(data, new TrainingListener() {});
        server = LabServer.start(model, data, LabSettings.local(Path.of("target", "lab-pages", "iris.safetensors")));
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        browser.close();
        server.close();
    }

    @BeforeEach
    void open() {
        page = browser.lab(server);
    }

    @AfterEach
    void noErrors() {
        browser.closeWithoutErrors(page);
    }

    /** data/iris.csv (no quoted cells), prepared as train prepares a table, every fifth row held out. */
    static LabData iris() {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of("..", "data", "iris.csv"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> header = List.of(lines.get(0).split(","));
        List<List<String>> train = new ArrayList<>();
        List<List<String>> test = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            (i % 5 == 0 ? test : train).add(List.of(lines.get(i).split(",")));
        }
        Table trainTable = Table.of("iris", header, train);
        TablePreparation preparation = TablePreparation.fit(trainTable, TablePreparation.Options.defaults());
        return new LabData(new MnistData(TableData.dataset(preparation, trainTable, "train"),
                TableData.dataset(preparation, Table.of("iris (test)", header, test), "test"), "0".repeat(64)),
                new ModelInputs.Table(preparation));
    }


    @Test
    void theNetworkShowsNamedInputsAndClassNames() {
        assertThat(page.locator("#model-line").textContent()).contains("4-16-relu-16-relu-3");
        assertThat(page.locator("#network-example").textContent()).startsWith("Showing test row 0, a setosa");
        assertThat(page.locator("#draw-tab").textContent()).isEqualTo("Try an example");
        Browser.screenshot(page, "table-network");
    }

    @Test
    void tryingAnExampleChangesThePrediction() {
        page.click("button[data-tab=draw]");
        page.waitForSelector("#field-petal_length");
        // Test row 0 is a setosa: short, narrow petals.
        page.waitForFunction("() => document.getElementById('top-digit').textContent === 'setosa'");
        assertThat(page.locator("#field-petal_length").inputValue()).isEqualTo("1.4");
        page.fill("#field-petal_length", "6.5");
        page.fill("#field-petal_width", "2.4");
        page.waitForFunction("() => document.getElementById('top-digit').textContent === 'virginica'");
        assertThat(page.locator("#probabilities").textContent()).contains("setosa").contains("versicolor");
        // "Why virginica?": the maps as one named bar per input, for the row as it is now.
        page.waitForFunction("() => document.getElementById('why-output').textContent === 'virginica'");
        assertThat(page.locator(".why-maps canvas.bars").count()).isEqualTo(3);
        page.click("#why-nudge");
        page.waitForSelector("#why-nudge-answer[data-flipped]");
        assertThat(page.locator("#why-nudge-answer").textContent()).contains("input");
        Browser.screenshot(page, "table-example");
    }

    @Test
    void backpropAndDiagnosticsUseTheTablesNames() {
        page.click("button[data-tab=backprop]");
        page.waitForSelector("#backprop-step[data-step='1'] [data-key='out-error-0']");
        assertThat(page.locator("#backprop-digits").textContent()).isEqualTo("setosaversicolorvirginica");
        assertThat(page.locator("#backprop-step").textContent()).contains("we want 1 for setosa");
        page.click("button[data-tab=diagnostics]");
        page.waitForSelector("#confusion th:has-text('virginica')");
        assertThat(page.locator("#weight-grid canvas.bars").count()).isEqualTo(16);
        page.click("#confusion td[data-label='2'][data-predicted='2']");
        page.waitForSelector("#cell-examples div[data-index]");
        assertThat(page.locator("#cell-examples").textContent()).contains("petal_length");
    }
}
