package dev.glassbox.web;

import com.microsoft.playwright.Page;
import dev.glassbox.data.MnistData;
import dev.glassbox.io.Json;
import dev.glassbox.io.ModelCodec;
import dev.glassbox.jvm.data.MnistFolder;
import dev.glassbox.lab.DefaultModel;
import dev.glassbox.lab.core.LabData;
import dev.glassbox.lab.LabModel;
import dev.glassbox.lab.StaticSite;
import dev.glassbox.train.TrainingListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The static lab in headless Chromium (bench/static-lab.sh): the site's size; then, each in a new
 * browser context (nothing cached) from a loopback file server, the first paint, the time until
 * the network view is usable (the page's {@code lab-ready} mark), and one MNIST epoch of the lab's
 * default network trained in the page's worker (60,000 images, batch 64, Adam, full speed, the
 * test set evaluated at its end, snapshots shown as on the page) — in WebAssembly GC and in
 * JavaScript. Medians of {@code --repeats} runs.
 *
 * <p>A measurement, not a test: run it on a quiet machine.
 */
public final class StaticLabBench {
    private static final String EPOCH = "async () => {"
            + " const { engine } = await import('./js/engine.js');"
            + " const started = performance.now();"
            + " await new Promise(resolve => {"
            + "   engine.on('status', s => { if (s.state === 'finished') resolve(); });"
            + "   engine.post('train/start', { layers: '784-16-relu-16-relu-10', activation: 'relu', optimizer: 'adam',"
            + "     learningRate: 0.003, batchSize: 64, epochs: 1, pace: 0 });"
            + " });"
            + " return performance.now() - started; }";

    private StaticLabBench() {}

    public static void main(String[] args) throws IOException {
        int repeats = 3;
        Path json = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--repeats" -> repeats = Integer.parseInt(args[++i]);
                case "--json" -> json = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("StaticLabBench: unknown option " + args[i]
                        + "; known: --repeats N, --json FILE");
            }
        }
        Path mnist = Path.of(System.getProperty("glassbox.data", "data/mnist"));
        Path web = Path.of(System.getProperty("glassbox.web.directory", "glassbox-web/target/web"));
        MnistData data = MnistFolder.load(mnist);
        LabModel start = DefaultModel.train(LabData.mnist(data), new TrainingListener() {});
        Path site = Files.createTempDirectory("glassbox-site-bench").resolve("site");
        StaticSite.Written written = StaticSite.write(site, web,
                new StaticSite.Data(MnistFolder.locate(mnist), data.sha256()),
                new StaticSite.Model(ModelCodec.write(start.network(), start.metadata()), start.source()), "bench");
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("site_files", written.files());
        figures.put("site_bytes", written.bytes());
        System.out.printf("The site: %d files, %,d bytes; medians of %d runs, each in a new browser context%n",
                written.files(), written.bytes(), repeats);
        try (PageServer server = PageServer.site(site); Chromium chromium = new Chromium()) {
            for (String build : List.of("wasm", "javascript")) {
                List<Double> paint = new ArrayList<>();
                List<Double> ready = new ArrayList<>();
                List<Double> epoch = new ArrayList<>();
                for (int r = 0; r < repeats; r++) {
                    Page page = chromium.page(1600, 1000);
                    page.navigate(server.url(build.equals("wasm") ? "" : "?engine=javascript"));
                    page.waitForSelector("body[data-ready=true]", new Page.WaitForSelectorOptions().setTimeout(120_000));
                    paint.add(number(page.evaluate(
                            "() => performance.getEntriesByName('first-contentful-paint')[0].startTime")));
                    ready.add(number(page.evaluate("() => performance.getEntriesByName('lab-ready')[0].startTime")));
                    epoch.add(number(page.evaluate(EPOCH)));
                    page.context().close();
                }
                Map<String, Object> byBuild = new LinkedHashMap<>();
                byBuild.put("first_paint_ms", median(paint));
                byBuild.put("network_view_ms", median(ready));
                byBuild.put("epoch_ms", median(epoch));
                figures.put(build, byBuild);
                System.out.printf("  %-10s first paint %,6.0f ms   network view %,6.0f ms   one epoch %,7.0f ms%n", build,
                        median(paint), median(ready), median(epoch));
            }
            if (!chromium.errors.isEmpty()) {
                throw new IllegalStateException("StaticLabBench: errors on the page: " + chromium.errors);
            }
        }
        if (json != null) {
            Files.createDirectories(json.toAbsolutePath().getParent());
            Files.writeString(json, Json.write(figures) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
        try (var files = Files.walk(site.getParent())) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static double number(Object value) {
        return ((Number) value).doubleValue();
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
}
