package dev.glassbox.web;

import com.microsoft.playwright.Page;
import dev.glassbox.data.Dataset;
import dev.glassbox.data.Mnist;
import dev.glassbox.io.Json;
import dev.glassbox.jvm.kernels.KernelChoice;
import dev.glassbox.nn.NetworkSpec;
import dev.glassbox.train.Trainer;
import dev.glassbox.train.TrainingData;
import dev.glassbox.train.TrainingRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;

/**
 * Training throughput of the engine on every host, in one run (bench/web.sh): samples per second
 * of {@value #SMALL} (the lab's default network) and {@value #LARGE}, batch {@value #BATCH}, Adam
 * at a constant rate, one thread, on the first {@value #IMAGES} MNIST training images — in the
 * WebAssembly GC and JavaScript builds of {@link Engine} in headless Chromium, and on the JVM with
 * the reference, tiled, scalar and SIMD kernels. Each figure is the median of {@code --repeats} timed
 * runs of about {@code --seconds} each, after {@code --warmup} seconds of training the same run.
 *
 * <p>A measurement, not a test: run it on a quiet machine.
 */
public final class WebBench {
    static final String SMALL = "784-16-relu-16-relu-10";
    static final String LARGE = "784-256-relu-128-relu-10";
    static final int BATCH = 64;
    static final int IMAGES = 6400;
    /** Never-ending runs (the engine's most epochs), constant rate: every timed step is alike. */
    static final String SETTINGS = "{\"epochs\": 100000, \"batch_size\": " + BATCH
            + ", \"learning_rate\": 0.001, \"schedule\": \"constant\", \"seed\": 1, \"optimizer\": {\"kind\": \"adam\"}}";
    static final List<String> JVM_KERNELS = List.of("reference", "tiled", "scalar", "simd");
    static final List<String> BUILDS = List.of("wasm", "javascript");

    private WebBench() {}

    public static void main(String[] args) throws IOException {
        int repeats = 5;
        double seconds = 2;
        double warmup = 3;
        Path json = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--repeats" -> repeats = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--warmup" -> warmup = Double.parseDouble(args[++i]);
                case "--json" -> json = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("WebBench: unknown option " + args[i]
                        + "; known: --repeats N, --seconds S, --warmup S, --json FILE");
            }
        }
        Path mnist = Path.of(System.getProperty("glassbox.data", "data/mnist"));
        Path web = Path.of(System.getProperty("glassbox.web.directory", "glassbox-web/target/web"));
        Timing timing = new Timing(repeats, seconds, warmup);
        System.out.printf("Training samples/s, batch %d, Adam, one thread, %d MNIST images; median of %d runs of ~%.1f s "
                + "after %.1f s of warm-up%n", BATCH, IMAGES, repeats, seconds, warmup);

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("java", System.getProperty("java.vm.name") + " " + Runtime.version());
        figures.put("batch", BATCH);
        figures.put("images", IMAGES);
        figures.put("repeats", repeats);
        figures.put("chromium", null);
        Map<String, Map<String, Object>> bySpec = new LinkedHashMap<>();
        for (String spec : List.of(SMALL, LARGE)) {
            bySpec.put(spec, new LinkedHashMap<>());
        }

        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String file : Mnist.FILES) {
            files.put(file, Files.readAllBytes(mnist.resolve(file + ".gz")));
        }
        Dataset train = Mnist.fromBytes("mnist", files, Workspace.UNKNOWN_SHA256).train().slice("train", 0, IMAGES);
        for (String spec : bySpec.keySet()) {
            for (String kernels : JVM_KERNELS) {
                var trainer = new Trainer(Workspace.trainingConfig(SETTINGS), KernelChoice.named(kernels));
                try (TrainingRun run = trainer.start(NetworkSpec.parse(spec).build(1), TrainingData.of(train))) {
                    double rate = timing.samplesPerSecond(steps -> {
                        long start = System.nanoTime();
                        for (int s = 0; s < steps; s++) {
                            run.step();
                        }
                        return (System.nanoTime() - start) / 1e6;
                    });
                    report(bySpec, spec, "jvm-" + kernels, rate);
                }
            }
        }

        try (PageServer server = new PageServer(web.toAbsolutePath(), Map.of("data", mnist.toAbsolutePath()));
                Chromium chromium = new Chromium()) {
            Page page = chromium.page();
            page.navigate(server.url("web-bench.html"));
            page.waitForFunction("() => window.engineReady === true", null,
                    new Page.WaitForFunctionOptions().setTimeout(120_000));
            figures.put("chromium", page.evaluate("() => navigator.userAgent"));
            for (String spec : bySpec.keySet()) {
                for (String build : BUILDS) {
                    int run = ((Number) page.evaluate("([b, spec, count, settings]) => startRun(b, spec, count, settings)",
                            List.of(build, spec, IMAGES, SETTINGS))).intValue();
                    double rate = timing.samplesPerSecond(steps -> ((Number) page.evaluate(
                            "([b, run, steps]) => timeSteps(b, run, steps)", List.of(build, run, steps))).doubleValue());
                    page.evaluate("([b, run]) => release(b, run)", List.of(build, run));
                    report(bySpec, spec, build, rate);
                }
            }
            if (!chromium.errors.isEmpty()) {
                throw new IllegalStateException("WebBench: errors on the page: " + chromium.errors);
            }
        }
        figures.put("samples_per_second", bySpec);
        if (json != null) {
            Files.createDirectories(json.toAbsolutePath().getParent());
            Files.writeString(json, Json.write(figures) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
    }

    private static void report(Map<String, Map<String, Object>> bySpec, String spec, String host, double rate) {
        bySpec.get(spec).put(host, Math.round(rate));
        System.out.printf("  %-26s %-16s %,12.0f samples/s%n", spec, host, rate);
    }

    /** Warm-up, then repeats of a number of steps sized to last about the given seconds. */
    private record Timing(int repeats, double seconds, double warmup) {
        /** @param trainSteps trains that many steps and returns the milliseconds they took */
        double samplesPerSecond(IntToDoubleFunction trainSteps) {
            // Warm up in growing chunks, which also measures roughly how long a step takes.
            int steps = 1;
            double spent = 0;
            double perStep = 0;
            while (spent < warmup * 1000 || perStep == 0) {
                double millis = trainSteps.applyAsDouble(steps);
                spent += millis;
                perStep = millis / steps;
                if (millis < 200) {
                    steps *= 2;
                }
            }
            int timed = Math.max(1, (int) Math.round(seconds * 1000 / Math.max(perStep, 1e-3)));
            List<Double> rates = new ArrayList<>();
            for (int r = 0; r < repeats; r++) {
                rates.add((double) timed * BATCH / (trainSteps.applyAsDouble(timed) / 1000));
            }
            double[] sorted = rates.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                    : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        }
    }

    @Override
    public String toString() {
        return "WebBench" + Arrays.asList(SMALL, LARGE);
    }
}
