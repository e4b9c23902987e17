package dev.glassbox.cli;

import dev.glassbox.train.Evaluation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code train --seeds N}: the same run with seeds s, s+1, …, each model saved apart
 * ({@code NAME-seedS.safetensors}), then the test error's mean ± standard deviation — how a
 * recipe's result is reported.
 */
final class SeedRuns {
    private SeedRuns() {}

    /** Trains {@code seeds} runs of {@code command}'s settings in turn; the first failure's exit code ends them. */
    static int run(TrainCommand command, int seeds, long firstSeed, Path out, PrintWriter report) {
        if (seeds < 1 || seeds > 1000) {
            throw new UsageException("--seeds must be 1..1000, got " + seeds);
        }
        String name = out.getFileName().toString();
        String stem = name.endsWith(".safetensors") ? name.substring(0, name.length() - ".safetensors".length()) : name;
        List<Double> errors = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        for (int i = 0; i < seeds; i++) {
            long seed = firstSeed + i;
            List<String> args = command.givenArgs(Set.of("--seeds", "--seed", "--out"));
            args.addAll(List.of("--seed=" + seed, "--out=" + out.resolveSibling(stem + "-seed" + seed + ".safetensors")));
            report.printf(Locale.ROOT, "%nSeed %d (%d of %d)%n", seed, i + 1, seeds);
            TrainCommand run = command.reparse(args);
            int code = run.call();
            if (code != Main.OK) {
                return code;
            }
            Evaluation test = run.lastResult().best().test();
            errors.add(100 * (1 - test.accuracy()));
            counts.add(test.errors());
        }
        double mean = errors.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double variance = errors.stream().mapToDouble(e -> (e - mean) * (e - mean)).sum() / Math.max(1, seeds - 1);
        report.printf(Locale.ROOT, "%nTest error over %d seeds (%d–%d): %.3f %% ± %.3f (standard deviation); errors %s%n",
                seeds, firstSeed, firstSeed + seeds - 1, mean, Math.sqrt(variance), counts);
        return Main.OK;
    }
}
