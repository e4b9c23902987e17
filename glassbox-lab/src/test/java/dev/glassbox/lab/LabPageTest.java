package dev.glassbox.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.glassbox.explain.BackpropTrace;
import dev.glassbox.lab.core.Images;
import dev.glassbox.optim.OptimizerConfig;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The page in a real headless Chromium: every panel works on the default model. */
class LabPageTest extends PageTest {
    private Page page;

    @BeforeEach
    void open() {
        page = browser.lab(server);
    }

    @AfterEach
    void noErrors() {
        browser.closeWithoutErrors(page);
    }

    @Test
    void networkViewLoadsAndOpensANeuron() {
        assertThat(page.locator("#model-line").textContent()).contains(DefaultModel.SPEC);
        assertThat(page.locator("#network-example").textContent()).contains("a 3");
        // The first neuron of the first hidden layer: click where the view drew it.
        Locator canvas = page.locator("#network-canvas");
        double[] neuron = neuronPosition(0, 0);
        canvas.click(new Locator.ClickOptions().setPosition(neuron[0], neuron[1]));
        page.waitForSelector("#inspector .arithmetic");
        assertThat(page.locator("#inspector h2").textContent()).isEqualTo("hidden 1, neuron 0");
        assertThat(page.locator("#inspector .arithmetic").textContent()).contains("z = Σ weight × input + bias")
                .contains("a = relu(z)");
        Browser.screenshot(page, "network");
    }

    /** Where the network view drew neuron {@code neuron} of column {@code column}, relative to its canvas. */
    private double[] neuronPosition(int column, int neuron) {
        List<?> xy = (List<?>) page.evaluate("([k, i]) => window.labViews.network.neuronAt(k, i)",
                List.of(column, neuron));
        return new double[] {((Number) xy.get(0)).doubleValue(), ((Number) xy.get(1)).doubleValue()};
    }

    @Test
    void drawingAVerticalStrokeReadsAsOne() {
        page.click("button[data-tab=draw]");
        Locator pad = page.locator("#pad");
        var box = pad.boundingBox();
        double x = box.x + box.width / 2;
        page.mouse().move(x, box.y + box.height * 0.15);
        page.mouse().down();
        for (int step = 1; step <= 20; step++) {
            page.mouse().move(x, box.y + box.height * (0.15 + 0.7 * step / 20));
        }
        page.mouse().up();
        page.waitForFunction("() => document.getElementById('top-digit').textContent === '1'");
        assertThat(page.locator("#top-digit").textContent()).isEqualTo("1");
        assertThat(page.locator("#probabilities span[data-digit]").count()).isEqualTo(10);
        Browser.screenshot(page, "draw");
    }

    @Test
    void backpropStepsShowTheEnginesGradients() {
        page.click("button[data-tab=backprop]");
        page.waitForSelector("#backprop-step[data-step='1'] [data-key='out-error-3']");
        int index = Integer.parseInt(page.locator("#backprop-step").getAttribute("data-index"));
        assertThat(TestLab.data().test().label(index)).isEqualTo(3);
        BackpropTrace trace = server.lab().snapshot().explainer().backprop(
                Images.toInput(TestLab.data().test().image(index)), 3, OptimizerConfig.of("sgd"), 0.1f);

        for (int d = 0; d < 10; d++) {
            assertShown("out-p-" + d, trace.before().probabilities()[d]);
            assertShown("out-error-" + d, trace.dOutput()[d]);
        }
        assertShown("loss-before", trace.loss());
        Browser.screenshot(page, "backprop-1");

        page.click("#backprop-next");
        page.waitForSelector("#backprop-step[data-step='2']");
        BackpropTrace.ColumnStep output = trace.outputColumn();
        float[] lastHidden = trace.before().columns().get(output.column().number()).input();
        Locator cells = page.locator("[data-key^='s2-grad-']");
        assertThat(cells.count()).isPositive();
        for (int k = 0; k < cells.count(); k++) {
            int i = Integer.parseInt(cells.nth(k).getAttribute("data-key").substring("s2-grad-".length()));
            assertShown("s2-a-" + i, lastHidden[i]);
            assertShown("s2-grad-" + i, output.weight().at(output.weight().gradient(), 3, i));
            assertShown("s2-update-" + i, output.weight().at(output.weight().update(), 3, i));
        }
        Browser.screenshot(page, "backprop-2");

        for (int c = trace.columns().size() - 2, step = 3; c >= 0; c--, step++) {
            page.click("#backprop-next");
            page.waitForSelector("#backprop-step[data-step='" + step + "']");
            BackpropTrace.ColumnStep hidden = trace.columns().get(c);
            Locator changes = page.locator("[data-key^='h" + c + "-change-']");
            assertThat(changes.count()).isPositive();
            for (int k = 0; k < changes.count(); k++) {
                String key = changes.nth(k).getAttribute("data-key");
                int i = Integer.parseInt(key.substring(key.lastIndexOf('-') + 1));
                assertShown(key, -hidden.dActivations()[i]);
                assertShown("h" + c + "-dz-" + i, hidden.dSums()[i]);
            }
            Browser.screenshot(page, "backprop-" + step);
        }

        page.click("#backprop-next");
        page.waitForSelector("[data-key='after-p-3']");
        for (int d = 0; d < 10; d++) {
            assertShown("after-p-" + d, trace.after().probabilities()[d]);
        }
        assertShown("loss-after", trace.lossAfter());
        Browser.screenshot(page, "backprop-apply");
    }

    /** The page shows 4 significant digits of the engine's number. */
    private void assertShown(String key, double expected) {
        String text = page.locator("[data-key='" + key + "']").first().textContent();
        double shown = Double.parseDouble(text);
        assertThat(shown).as(key).isCloseTo(expected, org.assertj.core.data.Offset.offset(
                Math.abs(expected) * 1e-3 + 1e-12));
    }

    @Test
    void confusionMatrixOpensMisclassifiedDigits() {
        page.click("button[data-tab=diagnostics]");
        page.waitForSelector("#confusion td");
        assertThat(page.locator("#weight-grid canvas").count()).isEqualTo(16);
        Locator cell = page.locator("#confusion td[data-label='4'][data-predicted='9']");
        int count = Integer.parseInt(cell.textContent());
        assertThat(count).isPositive();
        cell.click();
        page.waitForSelector("#cell-examples canvas");
        assertThat(page.locator("#cell-examples canvas").count()).isEqualTo(Math.min(count, 60));
        String title = page.locator("#cell-examples canvas").first().getAttribute("title");
        assertThat(title).contains("a 4, read as 9");
        int index = Integer.parseInt(page.locator("#cell-examples canvas").first().getAttribute("data-index"));
        assertThat(TestLab.data().test().label(index)).isEqualTo(4);
        Browser.screenshot(page, "diagnostics");
    }

    @Test
    void modelPanelSaves() {
        page.click("button[data-tab=model]");
        page.waitForSelector("#model-facts dd");
        page.click("#model-save");
        page.waitForFunction("() => document.getElementById('model-save-status').textContent.startsWith('Saved')");
        assertThat(server.lab().saveTo()).exists();
        assertThat(page.locator("#model-facts").textContent()).contains("glassbox.test_accuracy");
        Browser.screenshot(page, "model");
    }
}
