package dev.glassbox.cli;

import dev.glassbox.io.Json;
import dev.glassbox.jvm.io.AtomicFiles;
import dev.glassbox.train.Evaluation;
import dev.glassbox.train.TrainingEvents;
import dev.glassbox.train.TrainingListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code --metrics-json}: one JSON object per epoch (JSON Lines). The file is rewritten
 * atomically after every epoch, so it is always complete and a crash never leaves half a line.
 */
final class MetricsFile implements TrainingListener {
    private final Path file;
    private final StringBuilder lines = new StringBuilder();

    MetricsFile(Path file) {
        this.file = file;
    }

    @Override
    public void epoch(TrainingEvents.Epoch e) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("epoch", e.epoch());
        row.put("train_loss", e.trainLoss());
        row.put("train_accuracy", e.trainAccuracy());
        put(row, "validation", e.validation());
        put(row, "test", e.test());
        row.put("seconds", e.seconds());
        row.put("samples_per_second", e.samplesPerSecond());
        row.put("learning_rate", e.learningRate());
        lines.append(Json.write(row)).append('\n');
        write();
    }

    private static void put(Map<String, Object> row, String prefix, Evaluation evaluation) {
        if (evaluation != null) {
            row.put(prefix + "_loss", evaluation.loss());
            row.put(prefix + "_accuracy", evaluation.accuracy());
            row.put(prefix + "_errors", evaluation.errors());
        }
    }

    private void write() {
        try {
            AtomicFiles.replace(file, ".tmp", temp -> Files.writeString(temp, lines, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write metrics to " + file + ": " + e.getMessage(), e);
        }
    }
}
