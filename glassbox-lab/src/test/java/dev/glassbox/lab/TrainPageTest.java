package dev.glassbox.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import dev.glassbox.io.SavedModel;
import dev.glassbox.jvm.io.ModelFiles;
import dev.glassbox.lab.core.Snapshot;
import dev.glassbox.train.TrainingEvents;
import dev.glassbox.train.TrainingListener;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Train live, in a real headless Chromium: a lab of its own, since training changes the model. */
class TrainPageTest extends PageTest {
    private static int points(Page page, int dataset) {
        return ((Number) page.evaluate("k => window.labCharts.loss.data.datasets[k].data.length", dataset)).intValue();
    }

    /** A run that fails (here an injected Error, as an OutOfMemoryError would be) shows why, and Start works again. */
    @Test
    void aFailedRunShowsItsReasonAndStartStaysUsable() {
        AtomicBoolean fail = new AtomicBoolean(true);
        server.lab().training().observe(new TrainingListener() {
            @Override
            public void batch(TrainingEvents.Batch e) {
                if (fail.getAndSet(false)) {
                    throw new OutOfMemoryError("Java heap space (injected by the test)");
                }
            }
        });
        Page page = browser.page();
        page.navigate(server.uri() + "#train");
        page.waitForSelector("body[data-ready=true]");
        page.selectOption("select[name=pace]", "20");
        page.click("#train-start");
        page.waitForSelector("#train-status[data-state=error]");
        assertThat(page.locator("#train-status").textContent()).contains("out of memory");
        assertThat(page.locator("#error").textContent()).contains("out of memory");
        assertThat(page.locator("#train-start").isEnabled()).isTrue();
        page.click("#train-start");
        page.waitForSelector("#train-status[data-state=running]");
        page.click("#train-pause");
        page.waitForSelector("#train-status[data-state=paused]");
        assertThat(browser.errors).isEmpty();
        page.context().close();
    }

    /** The landscape fills in coarse to fine from the server, and after training the path is drawn over it. */
    @Test
    void theLandscapeAndThePathOfTraining() {
        Page page = browser.page();
        page.navigate(server.uri().toString());
        page.waitForSelector("body[data-ready=true]");
        page.evaluate("() => { const f = document.getElementById('landscape-form'); f.elements.size.value = '21';"
                + " f.elements.subset.value = '100'; }");
        page.click("button[data-tab=landscape]");
        page.waitForFunction("() => document.getElementById('landscape-canvas').dataset.points === '441'");
        page.click("button[data-tab=train]");
        page.selectOption("select[name=pace]", "0");
        page.click("#train-start");
        page.waitForFunction("() => window.labCharts.loss.data.datasets[0].data.length >= 3");
        page.click("#train-pause");
        page.waitForSelector("#train-status[data-state=paused]");
        page.click("button[data-tab=landscape]");
        page.selectOption("#landscape-form select[name=directions]", "pca");
        page.click("#landscape-draw");
        page.waitForFunction("() => document.getElementById('landscape-canvas').dataset.points === '441'");
        assertThat(Integer.parseInt(page.locator("#landscape-canvas").getAttribute("data-path"))).isGreaterThanOrEqualTo(3);
        page.waitForFunction("() => window.Chart.getChart('landscape-line')?.data.datasets[0].data.length === 41");
        Browser.screenshot(page, "landscape");
        assertThat(browser.errors).isEmpty();
        page.context().close();
    }

    @Test
    void trainingStartedFromThePageStreamsOntoTheCurvesAndRedrawsTheNetwork() {
        Page page = browser.page();
        page.navigate(server.uri() + "#train");
        page.waitForSelector("body[data-ready=true]");
        long before = server.lab().snapshot().version();

        page.fill("input[name=layers]", "784-32-16-10");
        page.fill("input[name=epochs]", "2");
        page.selectOption("select[name=pace]", "0");
        page.click("#train-start");
        page.waitForFunction("() => window.labCharts.loss.data.datasets[0].data.length >= 2");
        page.waitForSelector("#train-status[data-state=finished]", new Page.WaitForSelectorOptions().setTimeout(60_000));
        assertThat(points(page, 0)).isGreaterThanOrEqualTo(2);
        assertThat(points(page, 1)).as("test accuracy per epoch").isEqualTo(2);
        Object accuracy = page.evaluate("() => window.labCharts.accuracy.data.datasets[1].data.at(-1).y");
        assertThat(((Number) accuracy).doubleValue()).isGreaterThan(0.85);
        Snapshot trained = server.lab().snapshot();
        assertThat(trained.version()).isGreaterThan(before);
        assertThat(trained.network().spec().toString()).isEqualTo("784-32-relu-16-relu-10");
        page.waitForFunction("() => document.getElementById('model-line').textContent.includes('784-32-relu-16')");
        page.waitForTimeout(300);
        Browser.screenshot(page, "train");

        page.click("#train-step");
        page.waitForFunction("() => document.getElementById('train-status').textContent.includes('One batch trained')");
        assertThat(server.lab().training().status().state()).isEqualTo("paused");

        page.click("button[data-tab=model]");
        page.click("#model-save");
        page.waitForFunction("() => document.getElementById('model-save-status').textContent.startsWith('Saved')");
        SavedModel saved = ModelFiles.load(server.lab().saveTo());
        assertThat(saved.network().spec().toString()).isEqualTo("784-32-relu-16-relu-10");
        assertThat(saved.metadata()).containsEntry("glassbox.trained_by", "glassbox lab")
                .containsKey("glassbox.test_accuracy");

        page.click("button[data-tab=train]");
        page.selectOption("select[name=pace]", "20");
        page.click("#train-start");
        page.waitForSelector("#train-status[data-state=running]");
        page.waitForTimeout(300);
        page.click("#train-pause");
        page.waitForSelector("#train-status[data-state=paused]");
        // While training runs, a new snapshot of the weights is published every quarter second.
        long paused = server.lab().snapshot().version();
        page.waitForTimeout(800);
        assertThat(server.lab().snapshot().version()).as("no training after Pause").isEqualTo(paused);

        page.click("#train-reset");
        page.waitForFunction("() => window.labCharts.loss.data.datasets[0].data.length === 0");
        page.waitForSelector("#train-status[data-state=ready]");
        assertThat(browser.errors).isEmpty();
        page.context().close();
    }
}
