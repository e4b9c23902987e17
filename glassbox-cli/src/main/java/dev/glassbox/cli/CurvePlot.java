package dev.glassbox.cli;

import dev.glassbox.jvm.io.AtomicFiles;
import dev.glassbox.train.TrainingEvents;
import dev.glassbox.train.TrainingResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** {@code --plot}: loss and accuracy per epoch, side by side, as a PNG. */
final class CurvePlot {
    private CurvePlot() {}

    static void write(Path file, TrainingResult result) {
        System.setProperty("java.awt.headless", "true");
        List<TrainingEvents.Epoch> epochs = result.epochs();
        double[] x = epochs.stream().mapToDouble(TrainingEvents.Epoch::epoch).toArray();

        XYChart loss = chart("Loss", "loss", x);
        add(loss, "train", x, epochs, TrainingEvents.Epoch::trainLoss);
        if (epochs.get(0).validation() != null) {
            add(loss, "validation", x, epochs, e -> e.validation().loss());
        }
        if (epochs.get(0).test() != null) {
            add(loss, "test", x, epochs, e -> e.test().loss());
        }

        XYChart accuracy = chart("Accuracy", "accuracy (%)", x);
        add(accuracy, "train", x, epochs, e -> 100 * e.trainAccuracy());
        if (epochs.get(0).validation() != null) {
            add(accuracy, "validation", x, epochs, e -> 100 * e.validation().accuracy());
        }
        if (epochs.get(0).test() != null) {
            add(accuracy, "test", x, epochs, e -> 100 * e.test().accuracy());
        }

        try {
            AtomicFiles.replace(file, ".png", temp -> BitmapEncoder.saveBitmap(List.of(loss, accuracy), 1, 2,
                    temp.toString(), BitmapEncoder.BitmapFormat.PNG));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write plot to " + file + ": " + e.getMessage(), e);
        }
    }

    private static XYChart chart(String title, String yTitle, double[] epochs) {
        XYChart chart = new XYChartBuilder().width(640).height(420).title(title).xAxisTitle("epoch").yAxisTitle(yTitle)
                .build();
        chart.getStyler().setDecimalPattern("#0.####");
        // XChart puts a tick at every k-th epoch when the epochs are evenly spaced, and its test of
        // whether the labels fit leaves no gap between them: past a dozen epochs the labels run
        // together. An axis end half an epoch past the data breaks the even spacing, and round ticks
        // (5, 10, … or 50, 100, …) follow.
        if (epochs.length > 10) {
            chart.getStyler().setXAxisMax(epochs[epochs.length - 1] + 0.5);
        }
        return chart;
    }

    private static void add(XYChart chart, String name, double[] x, List<TrainingEvents.Epoch> epochs,
            ToDoubleFunction<TrainingEvents.Epoch> value) {
        XYSeries series = chart.addSeries(name, x, epochs.stream().mapToDouble(value).toArray());
        series.setMarker(SeriesMarkers.CIRCLE);
    }
}
