package dev.glassbox.cli;

import dev.glassbox.jvm.io.AtomicFiles;
import dev.glassbox.sweep.TrialResult;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/** The table of a sweep's trials, best first: as CSV, as a bar chart, and as lines for the terminal. */
final class SweepReport {
    private SweepReport() {}

    static void writeCsv(Path file, List<String> names, List<TrialResult> ranked) {
        List<String> header = new ArrayList<>(List.of("rank", "trial"));
        header.addAll(names);
        header.addAll(List.of("status", "validation_accuracy", "validation_loss", "best_epoch", "epochs_run",
                "stopped_early", "seconds"));
        write(file, ".csv", temp -> {
            try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8);
                    CSVPrinter csv = new CSVPrinter(writer,
                            CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get())) {
                int rank = 1;
                for (TrialResult r : ranked) {
                    List<Object> row = new ArrayList<>(List.of(rank++, r.number()));
                    names.forEach(n -> row.add(r.settings().get(n)));
                    row.addAll(List.of(r.status().name().toLowerCase(Locale.ROOT),
                            String.format(Locale.ROOT, "%.4f", r.validationAccuracy()),
                            String.format(Locale.ROOT, "%.4f", r.validationLoss()), r.bestEpoch(), r.epochsRun(),
                            r.stoppedEarly(), String.format(Locale.ROOT, "%.1f", r.seconds())));
                    csv.printRecord(row);
                }
            }
        });
    }

    /** Validation accuracy of every trial that trained, best first, each bar named by its settings. */
    static void writePng(Path file, List<TrialResult> ranked) {
        System.setProperty("java.awt.headless", "true");
        List<TrialResult> done = ranked.stream().filter(r -> r.status() == TrialResult.Status.DONE).toList();
        List<String> labels = done.stream().map(r -> "#" + r.number()).toList();
        List<Double> accuracy = done.stream().map(r -> 100 * r.validationAccuracy()).toList();
        CategoryChart chart = new CategoryChartBuilder().width(Math.max(640, 40 * done.size() + 160)).height(440)
                .title("Trials, best first").xAxisTitle("trial").yAxisTitle("validation accuracy (%)").build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setDecimalPattern("#0.##");
        chart.getStyler().setLabelsVisible(done.size() <= 20);
        chart.getStyler().setSeriesColors(new Color[] {new Color(0x2563eb)});
        if (!done.isEmpty()) {
            double low = accuracy.stream().mapToDouble(Double::doubleValue).min().orElse(0);
            chart.getStyler().setYAxisMin(Math.max(0, Math.floor(low - 1)));
            chart.getStyler().setYAxisMax(100.0);
            chart.addSeries("validation accuracy", labels, accuracy);
        }
        write(file, ".png", temp -> BitmapEncoder.saveBitmap(chart, temp.toString(), BitmapEncoder.BitmapFormat.PNG));
    }

    /** One line per trial for the terminal. */
    static String line(TrialResult r, List<String> names) {
        StringBuilder settings = new StringBuilder();
        for (String n : names) {
            settings.append(n).append('=').append(r.settings().get(n)).append("  ");
        }
        String outcome = r.status() == TrialResult.Status.DONE
                ? String.format(Locale.ROOT, "validation %6.2f %%  best epoch %d of %d%s", 100 * r.validationAccuracy(),
                        r.bestEpoch(), r.epochsRun(), r.stoppedEarly() ? " (stopped early)" : "")
                : "diverged: " + r.problem();
        return String.format(Locale.ROOT, "trial %3d  %s%s  %6.1f s", r.number(), settings, outcome, r.seconds());
    }

    private static void write(Path file, String suffix, AtomicFiles.Content content) {
        try {
            AtomicFiles.replace(file, suffix, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + Errors.describe(e), e);
        }
    }
}
