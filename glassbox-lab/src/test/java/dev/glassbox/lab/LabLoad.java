package dev.glassbox.lab;

import dev.glassbox.data.MnistData;
import dev.glassbox.lab.core.LabData;
import dev.glassbox.jvm.data.MnistFolder;
import dev.glassbox.train.TrainingListener;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;

/**
 * The lab-under-load benchmark: {@link LoadScenario} with 50 prediction clients for 30 s (after a
 * 3 s warm-up) while the lab trains, 3 reading pages, 3 pages that keep quitting mid-stream, one
 * that never reads, then a flood of 1,000 events of 64 KiB. Run it with {@code bench/lab-load.sh}
 * ({@code --clients N}, {@code --seconds S}, {@code --no-training}; {@code --json FILE} appends the
 * figures as one line).
 *
 * <p>The lab shows the default model, trained at start-up as {@code glassbox lab} does, and
 * listens on 127.0.0.1 on a free port. At most {@value #MAX_REQUESTS} requests are sent.
 */
public final class LabLoad {
    static final long MAX_REQUESTS = 3_000_000;

    private LabLoad() {}

    public static void main(String[] args) throws Exception {
        int clients = 50;
        int seconds = 30;
        Path json = null;
        LoadScenario.Training training = LoadScenario.Training.RUNNING;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--clients" -> clients = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--json" -> json = Path.of(args[++i]);
                case "--no-training" -> training = LoadScenario.Training.IDLE;
                default -> throw new IllegalArgumentException("LabLoad: unknown argument " + args[i]
                        + "; expected --clients N, --seconds S, --json FILE, --no-training");
            }
        }
        if (clients < 1 || clients > 500 || seconds < 1 || seconds > 600) {
            throw new IllegalArgumentException("LabLoad: expected 1..500 clients and 1..600 seconds");
        }
        MnistData data = MnistFolder.load(Path.of(System.getProperty("glassbox.data", "data/mnist")));
        LabModel model = DefaultModel.train(LabData.mnist(data), new TrainingListener() {});
        Path dir = Files.createTempDirectory("glassbox-lab-load");
        try (LabServer server = LabServer.start(model, LabData.mnist(data), LabSettings.local(dir.resolve("model.safetensors")))) {
            System.out.printf("Lab at %s, %d clients for %d s, training %s, %d processors, Java %s%n", server.uri(),
                    clients, seconds, training.name().toLowerCase(Locale.ROOT),
                    Runtime.getRuntime().availableProcessors(), Runtime.version());
            LoadScenario.Result result = new LoadScenario(training, clients, Duration.ofSeconds(3),
                    Duration.ofSeconds(seconds), MAX_REQUESTS, 3, 3, 1000, 64 * 1024).run(server);
            System.out.println(result.text());
            if (json != null) {
                Files.writeString(json, result.json() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
            if (result.errors() > 0) {
                System.exit(1);
            }
        }
    }
}
