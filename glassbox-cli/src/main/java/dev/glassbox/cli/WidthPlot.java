package dev.glassbox.cli;

import dev.glassbox.jvm.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** {@code bench --widths … --plot}: throughput and arithmetic rate against the hidden width. */
final class WidthPlot {
    private WidthPlot() {}

    static void write(Path file, List<Integer> widths, List<BenchResult> results) {
        System.setProperty("java.awt.headless", "true");
        double[] x = widths.stream().mapToDouble(Integer::doubleValue).toArray();
        double[] samples = results.stream().mapToDouble(r -> r.speed().samplesPerSecond())
                .toArray();
        double[] gflops = results.stream().mapToDouble(r -> r.speed().gflops()).toArray();
        double peak = results.get(0).machine().peakGflops();
        String title = results.get(0).setup().layers().replaceAll("-\\d+-", "-W-").replaceAll("-\\d+-", "-W-");

        XYChart throughput = new XYChartBuilder().width(640).height(420)
                .title("Training throughput, " + title).xAxisTitle("hidden width W").yAxisTitle("samples/s").build();
        throughput.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true).setLegendVisible(false);
        throughput.addSeries("samples/s", x, samples).setMarker(SeriesMarkers.CIRCLE);

        XYChart rate = new XYChartBuilder().width(640).height(420)
                .title("Arithmetic rate vs the FMA peak").xAxisTitle("hidden width W").yAxisTitle("GFLOP/s").build();
        rate.getStyler().setXAxisLogarithmic(true);
        rate.addSeries("achieved", x, gflops).setMarker(SeriesMarkers.CIRCLE);
        rate.addSeries("FMA peak", x, x.clone()).setMarker(SeriesMarkers.NONE);
        double[] peakLine = new double[x.length];
        Arrays.fill(peakLine, peak);
        rate.updateXYSeries("FMA peak", x, peakLine, null);

        try {
            AtomicFiles.replace(file, ".png", temp -> BitmapEncoder.saveBitmap(List.of(throughput, rate), 1, 2,
                    temp.toString(), BitmapEncoder.BitmapFormat.PNG));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write plot to " + file + ": " + e.getMessage(), e);
        }
    }
}
