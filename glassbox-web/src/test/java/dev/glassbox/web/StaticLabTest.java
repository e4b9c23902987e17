package dev.glassbox.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.glassbox.cli.Main;
import dev.glassbox.data.MnistData;
import dev.glassbox.explain.BackpropTrace;
import dev.glassbox.explain.Explainer;
import dev.glassbox.io.ModelCodec;
import dev.glassbox.io.SavedModel;
import dev.glassbox.jvm.data.MnistFolder;
import dev.glassbox.kernels.ReferenceKernels;
import dev.glassbox.lab.DefaultModel;
import dev.glassbox.lab.core.LabData;
import dev.glassbox.lab.LabModel;
import dev.glassbox.lab.StaticSite;
import dev.glassbox.lab.core.Images;
import dev.glassbox.loss.Loss;
import dev.glassbox.nn.Network;
import dev.glassbox.nn.NetworkSpec;
import dev.glassbox.optim.OptimizerConfig;
import dev.glassbox.train.TrainingListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The lab as a static site, as {@code glassbox lab --export} writes it, served by a plain file
 * server and opened in headless Chromium: once on WebAssembly GC, once forced to the JavaScript
 * build. Every panel works with no server code: the page's worker runs the compiled engine, and
 * "Why this answer?" follows the drawing. The backprop steps show the JVM Explainer's numbers,
 * bit for bit on WebAssembly GC; a model opened by the file picker is the one shown; the
 * downloaded model is a model file; and no request leaves the site's folder. The site stays in {@code target/site}: the web module's build produces the
 * same site as {@code glassbox lab --export}, with the default model trained for it.
 */
class StaticLabTest {
    private static final Path MNIST = Path.of("../data/mnist");
    private static final Path WEB = Path.of(System.getProperty("glassbox.web.directory", "target/web"));
    private static final Path SCREENSHOTS = Path.of(System.getProperty("glassbox.screenshots", "target/screenshots"));

    private static MnistData data;
    private static LabModel start;
    private static Path site;
    private static Path other;
    private static PageServer server;
    private static Chromium chromium;

    @BeforeAll
    static void export() throws IOException {
        data = MnistFolder.load(MNIST);
        start = DefaultModel.train(LabData.mnist(data), new TrainingListener() {});
        // The build's copy of the site (glassbox-web/target/site), written afresh as the export writes it.
        site = Path.of(System.getProperty("glassbox.site.directory", "target/site")).toAbsolutePath();
        deleteTree(site);
        StaticSite.write(site, WEB, new StaticSite.Data(MnistFolder.locate(MNIST), data.sha256()),
                new StaticSite.Model(ModelCodec.write(start.network(), start.metadata()), start.source()), "test");
        other = Files.createTempFile("small", ".safetensors");
        Files.write(other, ModelCodec.write(NetworkSpec.parse("784-8-relu-10").build(3), Map.of()));
        server = PageServer.site(site);
        chromium = new Chromium();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @AfterAll
    static void close() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
        if (server != null) {
            server.close();
        }
        Files.deleteIfExists(other);
    }

    @ParameterizedTest
    @ValueSource(strings = {"wasm", "javascript"})
    void everyPanelWorksWithTheEngineInThePage(String build) throws IOException {
        boolean wasm = build.equals("wasm");
        Page page = chromium.page(1600, 1000);
        List<String> urls = new ArrayList<>();
        page.context().onRequest(r -> urls.add(r.url()));
        page.navigate(server.url(wasm ? "" : "?engine=javascript"));
        page.waitForSelector("body[data-ready=true]", new Page.WaitForSelectorOptions().setTimeout(90_000));
        assertThat(page.locator("#backend").textContent()).contains(wasm ? "WebAssembly GC" : "JavaScript");
        assertThat(page.locator("#model-line").textContent()).contains(DefaultModel.SPEC);
        screenshot(page, build, "network");

        drawAOne(page);
        screenshot(page, build, "draw");
        whyFollowsTheDrawing(page);
        screenshot(page, build, "why");
        backpropIsTheExplainers(page, wasm);
        screenshot(page, build, "backprop");

        page.click("button[data-tab=train]");
        page.selectOption("select[name=pace]", "0");
        page.click("#train-start");
        page.waitForFunction("() => window.labCharts.loss.data.datasets[0].data.length >= 2", null,
                new Page.WaitForFunctionOptions().setTimeout(60_000));
        page.waitForFunction("() => /trained in the lab/.test(document.getElementById('model-line').textContent)");
        page.click("#train-pause");
        page.waitForSelector("#train-status[data-state=paused]");
        screenshot(page, build, "train");
        page.click("#train-step");
        page.waitForFunction("() => document.getElementById('train-status').textContent.includes('One batch trained')");
        page.fill("input[name=layers]", "784-24-relu-10");
        page.click("#train-reset");
        page.waitForSelector("#train-status[data-state=ready]");
        page.waitForFunction("() => document.getElementById('model-line').textContent.includes('784-24-relu-10')");

        page.click("button[data-tab=diagnostics]");
        page.waitForSelector("#confusion td");
        assertThat(page.locator("#weight-grid canvas").count()).as("one per neuron of 784-24-relu-10").isEqualTo(24);

        page.click("button[data-tab=model]");
        page.setInputFiles("#model-open", other);
        page.waitForFunction("() => document.getElementById('model-save-status').textContent.startsWith('Opened')");
        assertThat(page.locator("#model-save-status").textContent()).contains("784-8-relu-10").contains("6,370 parameters");
        page.waitForFunction("() => document.getElementById('model-line').textContent.includes('784-8-relu-10')");
        Network opened = ModelCodec.read(Files.readAllBytes(other)).network();
        Object shown = page.evaluate("() => import('./js/engine.js').then(m => m.engine.post('neuron',"
                + " { pixels: new Array(784).fill(0), column: 0, neuron: 5 })).then(d => d.weights[100])");
        assertThat((float) ((Number) shown).doubleValue()).isEqualTo(opened.parameters().get(0).value().get(5, 100));
        screenshot(page, build, "model");

        List<Integer> dropped = new ArrayList<>();
        for (byte b : ModelCodec.write(NetworkSpec.parse("784-12-relu-10").build(4), Map.of())) {
            dropped.add(b & 0xFF);
        }
        page.evaluate("bytes => { const files = new DataTransfer();"
                + " files.items.add(new File([new Uint8Array(bytes)], 'dropped.safetensors'));"
                + " document.getElementById('panel-model').dispatchEvent(new DragEvent('drop',"
                + " { dataTransfer: files, bubbles: true, cancelable: true })); }", dropped);
        page.waitForFunction("() => document.getElementById('model-line').textContent.includes('784-12-relu-10')");
        assertThat(page.locator("#model-save-status").textContent()).startsWith("Opened dropped.safetensors");
        page.setInputFiles("#model-open", other);
        page.waitForFunction("() => document.getElementById('model-line').textContent.includes('784-8-relu-10')");

        Download download = page.waitForDownload(() -> page.click("#model-download"));
        SavedModel saved = ModelCodec.read(Files.readAllBytes(download.path()));
        assertThat(saved.network().spec().toString()).isEqualTo("784-8-relu-10");
        assertThat(saved.network().parameters().get(0).value().data())
                .containsExactly(opened.parameters().get(0).value().data());
        StringWriter info = new StringWriter();
        StringWriter infoErrors = new StringWriter();
        int code = Main.run(new String[] {"info", "--model", download.path().toString()}, new PrintWriter(info, true),
                new PrintWriter(infoErrors, true));
        assertThat(code).as(infoErrors.toString()).isZero();
        assertThat(info.toString()).contains("784-8-relu-10");

        assertThat(chromium.errors).as("errors on the page").isEmpty();
        String base = server.url("");
        assertThat(urls).as("requests").isNotEmpty().allSatisfy(url -> assertThat(url).matches(
                u -> u.startsWith(base) || u.startsWith("blob:" + base.substring(0, base.length() - 1)),
                "a file of the site"));
        assertThat(server.requests).as("what the server was asked").allSatisfy(r -> assertThat(r).endsWith(" 200"));
        page.context().close();
    }

    @org.junit.jupiter.api.Test
    void theLandscapeRendersCoarseToFineAndThePathIsDrawnAfterTraining() {
        Page page = chromium.page(1600, 1000);
        page.navigate(server.url(""));
        page.waitForSelector("body[data-ready=true]", new Page.WaitForSelectorOptions().setTimeout(90_000));
        // Every value the picture passes through, as the engine's chunks arrive.
        page.evaluate("() => { const f = document.getElementById('landscape-form'); f.elements.size.value = '21';"
                + " f.elements.subset.value = '100'; window.landscapeSteps = [];"
                + " new MutationObserver(() => window.landscapeSteps.push(Number("
                + "document.getElementById('landscape-canvas').dataset.points))).observe("
                + "document.getElementById('landscape-canvas'), { attributes: true }); }");
        page.click("button[data-tab=landscape]");
        page.waitForFunction("() => document.getElementById('landscape-canvas').dataset.points === '441'", null,
                new Page.WaitForFunctionOptions().setTimeout(120_000));
        @SuppressWarnings("unchecked")
        List<Number> steps = (List<Number>) page.evaluate("() => window.landscapeSteps.filter(n => n > 0)");
        assertThat(steps).as("partial pictures before the whole").hasSizeGreaterThanOrEqualTo(3);
        assertThat(steps.get(0).intValue()).isLessThan(441);
        assertThat(page.locator("#landscape-status").textContent()).startsWith("441 of 441 points");

        page.click("button[data-tab=train]");
        page.selectOption("select[name=pace]", "0");
        page.click("#train-start");
        page.waitForFunction("() => window.labCharts.loss.data.datasets[0].data.length >= 3", null,
                new Page.WaitForFunctionOptions().setTimeout(60_000));
        page.click("#train-pause");
        page.waitForSelector("#train-status[data-state=paused]");
        page.click("button[data-tab=landscape]");
        page.selectOption("#landscape-form select[name=directions]", "pca");
        page.click("#landscape-draw");
        page.waitForFunction("() => document.getElementById('landscape-canvas').dataset.points === '441'", null,
                new Page.WaitForFunctionOptions().setTimeout(120_000));
        assertThat(Integer.parseInt(page.locator("#landscape-canvas").getAttribute("data-path"))).isGreaterThanOrEqualTo(3);
        page.waitForFunction("() => window.Chart.getChart('landscape-line')?.data.datasets[0].data.length === 41");
        assertThat(chromium.errors).as("errors on the page").isEmpty();
        page.context().close();
    }

    /** PyTorch's fixtures (glassbox-core's onnx/make_fixtures.py) and their outputs on MNIST's first test image. */
    private static final Path FIXTURES = Path.of("../glassbox-core/src/test/resources/dev/glassbox/io/onnx");

    @org.junit.jupiter.api.Test
    void opensAnOnnxModelAndAPytorchStateDictWithPytorchsOutputs() throws IOException {
        Page page = chromium.page(1600, 1000);
        page.navigate(server.url(""));
        page.waitForSelector("body[data-ready=true]", new Page.WaitForSelectorOptions().setTimeout(90_000));
        page.click("button[data-tab=model]");
        List<Number> logits = pytorchLogitsOfTestImageZero();

        page.setInputFiles("#model-open", FIXTURES.resolve("mlp-relu.onnx"));
        page.waitForFunction("() => document.getElementById('model-line').textContent.includes('784-16-relu-10')");
        assertProbabilities(page, logits);

        page.setInputFiles("#model-open", FIXTURES.resolve("named.safetensors"));
        page.waitForSelector("#error:not([hidden])");
        assertThat(page.locator("#error").textContent()).startsWith("named.safetensors: cannot read model: a PyTorch"
                + " state_dict holds weights only");

        page.fill("#model-layers", "784-16-relu-10");
        page.setInputFiles("#model-open", FIXTURES.resolve("mlp-relu.safetensors"));
        page.waitForFunction("() => document.getElementById('model-save-status').textContent"
                + ".startsWith('Opened mlp-relu.safetensors')");
        assertProbabilities(page, logits);
        assertThat(chromium.errors).as("errors on the page").isEmpty();
        page.context().close();
    }

    @SuppressWarnings("unchecked")
    private static List<Number> pytorchLogitsOfTestImageZero() throws IOException {
        Map<String, Object> json = (Map<String, Object>) dev.glassbox.io.Json.parse(
                Files.readString(FIXTURES.resolve("expected.json")));
        return ((List<List<Number>>) ((Map<String, Object>) json.get("outputs")).get("mlp-relu")).get(0);
    }

    /** The page's probabilities for MNIST's first test image are the softmax of PyTorch's logits. */
    private static void assertProbabilities(Page page, List<Number> logits) {
        @SuppressWarnings("unchecked")
        List<Number> shown = (List<Number>) page.evaluate("async () => { const e = window.labEngine;"
                + " const d = await e.get('test-digit', { index: 0 });"
                + " return (await e.post('forward', { pixels: d.pixels })).probabilities; }");
        double max = logits.stream().mapToDouble(Number::doubleValue).max().orElseThrow();
        double sum = logits.stream().mapToDouble(v -> Math.exp(v.doubleValue() - max)).sum();
        for (int c = 0; c < 10; c++) {
            assertThat(shown.get(c).doubleValue()).as("class %d", c)
                    .isCloseTo(Math.exp(logits.get(c).doubleValue() - max) / sum, org.assertj.core.api.Assertions.within(1e-5));
        }
    }

    @org.junit.jupiter.api.Test
    void openedAsAFileItSaysHowToServeIt() {
        // A browser of its own: it logs, as errors, the module scripts it refuses to load from a file.
        try (Chromium own = new Chromium()) {
            Page page = own.page(1200, 800);
            page.navigate(site.resolve("index.html").toUri().toString());
            page.waitForSelector("#error:not([hidden])");
            assertThat(page.locator("#error").textContent()).contains("python3 -m http.server -d FOLDER");
        }
    }

    private static void drawAOne(Page page) {
        page.click("button[data-tab=draw]");
        stroke(page, 0.5, 0.15, 0.5, 0.85);
        page.waitForFunction("() => document.getElementById('top-digit').textContent === '1'");
    }

    /** A stroke on the pad from (x0, y0) to (x1, y1), as fractions of its size. */
    private static void stroke(Page page, double x0, double y0, double x1, double y1) {
        var box = page.locator("#pad").boundingBox();
        page.mouse().move(box.x + box.width * x0, box.y + box.height * y0);
        page.mouse().down();
        for (int step = 1; step <= 20; step++) {
            double t = step / 20.0;
            page.mouse().move(box.x + box.width * (x0 + (x1 - x0) * t), box.y + box.height * (y0 + (y1 - y0) * t));
        }
        page.mouse().up();
    }

    /** What "Why this answer?" shows: the integrated gradients' canvas and the sum printed under it. */
    private static final String WHY_SHOWN = "document.getElementById('why-integrated').toDataURL() + ' '"
            + " + document.querySelector('[data-key=why-sum]').title";

    /**
     * "Why this answer?" follows the drawing — its maps and completeness change as a stroke is
     * added — and a nudge toward the output picked flips the answer to it.
     */
    private static void whyFollowsTheDrawing(Page page) {
        page.waitForFunction("() => document.getElementById('why-output').textContent === '1'");
        String one = (String) page.evaluate("() => " + WHY_SHOWN);
        stroke(page, 0.25, 0.2, 0.75, 0.2);
        page.waitForFunction("before => " + WHY_SHOWN + " !== before", one);
        String answer = page.locator("#top-digit").textContent();
        String picked = answer.equals("8") ? "5" : "8";
        page.click("#probabilities span[data-digit='" + picked + "']");
        page.waitForFunction("d => document.getElementById('why-output').textContent === d", picked);
        page.click("#why-nudge");
        page.waitForSelector("#why-nudge-answer[data-flipped]");
        assertThat(page.locator("#why-nudge-answer").getAttribute("data-flipped")).isEqualTo("true");
        assertThat(page.locator("#why-nudge-answer").getAttribute("data-after")).isEqualTo(picked);
    }

    /** The four steps and the applied update, against the JVM's Explainer on the same weights and image. */
    private static void backpropIsTheExplainers(Page page, boolean exact) {
        page.click("button[data-tab=backprop]");
        page.waitForSelector("#backprop-step[data-step='1'] [data-key='out-error-3']");
        int index = Integer.parseInt(page.locator("#backprop-step").getAttribute("data-index"));
        Explainer explainer = Explainer.of(start.network(), Loss.byName("cross-entropy"), ReferenceKernels.PROVIDER);
        BackpropTrace trace = explainer.backprop(Images.toInput(data.test().image(index)), data.test().label(index),
                OptimizerConfig.of("sgd"), 0.1f);
        for (int d = 0; d < 10; d++) {
            shown(page, "out-p-" + d, trace.before().probabilities()[d], exact);
            shown(page, "out-error-" + d, trace.dOutput()[d], exact);
        }
        page.click("#backprop-next");
        page.waitForSelector("#backprop-step[data-step='2']");
        BackpropTrace.ColumnStep output = trace.outputColumn();
        Locator cells = page.locator("[data-key^='s2-grad-']");
        assertThat(cells.count()).isPositive();
        for (int k = 0; k < cells.count(); k++) {
            int i = Integer.parseInt(cells.nth(k).getAttribute("data-key").substring("s2-grad-".length()));
            shown(page, "s2-grad-" + i, output.weight().at(output.weight().gradient(), trace.label(), i), exact);
            shown(page, "s2-update-" + i, output.weight().at(output.weight().update(), trace.label(), i), exact);
        }
        for (int c = trace.columns().size() - 2, step = 3; c >= 0; c--, step++) {
            page.click("#backprop-next");
            page.waitForSelector("#backprop-step[data-step='" + step + "']");
            BackpropTrace.ColumnStep hidden = trace.columns().get(c);
            Locator changes = page.locator("[data-key^='h" + c + "-dz-']");
            assertThat(changes.count()).isPositive();
            for (int k = 0; k < changes.count(); k++) {
                String key = changes.nth(k).getAttribute("data-key");
                shown(page, key, hidden.dSums()[Integer.parseInt(key.substring(key.lastIndexOf('-') + 1))], exact);
            }
        }
        page.click("#backprop-next");
        page.waitForSelector("[data-key='after-p-3']");
        for (int d = 0; d < 10; d++) {
            shown(page, "after-p-" + d, trace.after().probabilities()[d], exact);
        }
    }

    /** The number behind a cell (its title holds it in full): the engine's float, or close to it. */
    private static void shown(Page page, String key, float expected, boolean exact) {
        double value = Double.parseDouble(page.locator("[data-key='" + key + "']").first().getAttribute("title"));
        if (exact) {
            assertThat(Float.floatToRawIntBits((float) value)).as(key).isEqualTo(Float.floatToRawIntBits(expected));
        } else {
            assertThat(value).as(key).isCloseTo(expected, org.assertj.core.data.Offset.offset(
                    Math.abs(expected) * 1e-4 + 1e-7));
        }
    }

    private static void screenshot(Page page, String build, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("static-" + build + "-" + name
                + ".png")));
    }
}
