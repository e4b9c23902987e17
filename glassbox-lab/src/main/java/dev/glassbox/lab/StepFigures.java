package dev.glassbox.lab;

import dev.glassbox.explain.BackpropTrace;
import dev.glassbox.lab.core.BackpropJson;
import dev.glassbox.lab.core.Images;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The lab's backprop steps as SVG figures for slides and documents: the same numbers as the page
 * ({@link BackpropJson}, copied from the engine's {@link BackpropTrace}), drawn the same way —
 * weights blue/red, purple for the output's error, green and orange arrows for the hidden layers.
 *
 * <p>Files: {@code 1-output-error.svg}, {@code 2-output-weights.svg}, then one per hidden layer
 * from the last down ({@code 3-hidden-2.svg}, {@code 4-hidden-1.svg} for two hidden layers), then
 * {@code N-update.svg}. Each is written atomically.
 */
public final class StepFigures {
    private static final String OUTPUT = "#7c3aed";
    private static final String LAST = "#15803d";
    private static final String EARLIER = "#c2410c";
    private static final String INK = "#111827";
    private static final String MUTED = "#4b5563";
    private static final int IMAGES_SHOWN = 6;

    private StepFigures() {}

    /**
     * Writes the figures of {@code trace} into {@code dir} (created if missing).
     *
     * @param index the test image's index, or −1, for the captions
     * @return the files written, in step order
     */
    public static List<Path> write(BackpropTrace trace, int index, Path dir) {
        BackpropJson.Step step = BackpropJson.of(0, index, trace);
        List<Path> files = new ArrayList<>();
        write(dir.resolve("1-output-error.svg"), outputError(step), files);
        write(dir.resolve("2-output-weights.svg"), outputWeights(step), files);
        int number = 3;
        for (BackpropJson.Hidden hidden : step.hidden()) {
            String color = number == 3 ? LAST : EARLIER;
            write(dir.resolve(number + "-hidden-" + (hidden.column() + 1) + ".svg"), hidden(step, hidden, number, color),
                    files);
            number++;
        }
        write(dir.resolve(number + "-update.svg"), update(step), files);
        return files;
    }

    private static void write(Path file, Svg svg, List<Path> files) {
        svg.write(file);
        files.add(file);
    }

    private static String fmt(double v) {
        return v == 0 ? "0" : Math.abs(v) >= 1e-3 && Math.abs(v) < 1e4
                ? String.format(Locale.ROOT, "%.4g", v) : String.format(Locale.ROOT, "%.3e", v);
    }

    private static String pct(double p) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * p);
    }

    private static double maxAbs(float[] values) {
        double m = 0;
        for (float v : values) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    private static Svg title(Svg svg, String title, String sentence) {
        return svg.text(30, 44, title, 28, INK, "start", true).text(30, 78, sentence, 17, MUTED, "start", false);
    }

    private static Svg outputError(BackpropJson.Step step) {
        Svg svg = title(new Svg(1000, 520), "1. The error at the output",
                "Desired: 1 for " + step.label() + ", 0 for the others. Error = probability − desired;"
                        + " the arrows show the desired change, −error.");
        List<BackpropJson.Output> outputs = step.step1().outputs();
        double scale = outputs.stream().mapToDouble(o -> Math.abs(o.change())).max().orElse(1);
        for (BackpropJson.Output o : outputs) {
            double x = 95 + o.digit() * 90;
            boolean truth = o.digit() == step.label();
            String color = truth ? OUTPUT : "#9ca3af";
            svg.arrow(x, 215, scale > 0 ? 100 * o.change() / scale : 0, color, truth ? 6 : 4);
            svg.text(x, 335, pct(o.probability()), 16, MUTED, "middle", false);
            svg.circle(x, 375, 26, Svg.grey(o.probability()), truth ? OUTPUT : "#6b7280", truth ? 4 : 1.5);
            svg.text(x, 435, Integer.toString(o.digit()), 28, truth ? OUTPUT : INK, "middle", truth);
            svg.text(x, 470, fmt(o.error()), 14, MUTED, "middle", false);
        }
        svg.text(30, 470, "error", 14, MUTED, "start", false);
        svg.text(30, 505, "loss " + fmt(step.step1().loss()), 16, MUTED, "start", false);
        return svg;
    }

    private static Svg outputWeights(BackpropJson.Step step) {
        BackpropJson.Step2 s = step.step2();
        Svg svg = title(new Svg(1000, 620), "2. Weights into the output for " + step.label(),
                "Each changes by −η × error × a: in proportion to the activation a of the neuron it comes from.");
        if (s.fromPixels()) {
            svg.signedImage(350, 120, s.updates(), Images.SIDE, 12);
            svg.text(518, 600, "weight change from each pixel (blue up, red down)", 16, MUTED, "middle", false);
            return svg;
        }
        int n = s.activations().length;
        double updates = maxAbs(s.updates());
        double activations = maxAbs(s.activations());
        double r = Math.min(12, 200.0 / n + 2);
        for (int i = 0; i < n; i++) {
            double y = n == 1 ? 350 : 120 + 450.0 * i / (n - 1);
            float u = s.updates()[i];
            double strength = updates > 0 ? Math.abs(u) / updates : 0;
            svg.line(300, y, 700, 345, u >= 0 ? Svg.POSITIVE : Svg.NEGATIVE, 1 + 9 * strength, 0.08 + 0.92 * strength);
            svg.circle(300, y, r, Svg.grey(activations > 0 ? s.activations()[i] / activations : 0), "#6b7280", 1);
            if (n <= 32) {
                svg.text(280 - r, y + 5, "a=" + fmt(s.activations()[i]), 13, MUTED, "end", false);
            }
        }
        svg.circle(725, 345, 32, "#ffffff", OUTPUT, 4);
        svg.text(725, 356, Integer.toString(step.label()), 30, OUTPUT, "middle", true);
        svg.arrow(790, 380, 80, OUTPUT, 6);
        Integer[] order = strongest(s.updates(), 8);
        double y = 140;
        svg.text(830, y - 26, "largest changes", 15, MUTED, "start", true);
        for (int i : order) {
            svg.text(830, y, "from " + i + ": Δw = " + fmt(s.updates()[i]), 14, MUTED, "start", false);
            y += 22;
        }
        return svg;
    }

    private static Svg hidden(BackpropJson.Step step, BackpropJson.Hidden h, int number, String color) {
        boolean pixels = h.fromPixels();
        int n = h.changes().length;
        Svg svg = title(new Svg(1000, pixels ? 660 : 450), number + ". " + h.name() + ": desired changes",
                "−∂loss/∂a of each neuron: up = should be more active, down = less."
                        + (pixels ? " Below: weight changes from the pixels." : " Weights into it change as in step 2."));
        double scale = maxAbs(h.changes());
        double activations = maxAbs(h.activations());
        double r = Math.min(14, 900.0 / n / 2.4 + 1);
        for (int i = 0; i < n; i++) {
            double x = n == 1 ? 500 : 50 + 900.0 * i / (n - 1);
            svg.arrow(x, 230, scale > 0 ? 110 * h.changes()[i] / scale : 0, color, Math.max(1.5, Math.min(5, 400.0 / n)));
            svg.circle(x, 380, r, Svg.grey(activations > 0 ? h.activations()[i] / activations : 0), "#6b7280", 1);
            if (n <= 32) {
                svg.text(x, 420, Integer.toString(i), 13, MUTED, "middle", false);
            }
        }
        if (pixels) {
            List<BackpropJson.NeuronUpdate> shown = h.neurons().subList(0, Math.min(IMAGES_SHOWN, h.neurons().size()));
            for (int k = 0; k < shown.size(); k++) {
                BackpropJson.NeuronUpdate u = shown.get(k);
                double x = 50 + k * 155;
                svg.signedImage(x, 470, u.updates(), Images.SIDE, 5);
                svg.text(x + 70, 635, "neuron " + u.neuron() + (u.change() >= 0 ? " ▲" : " ▼"), 14, MUTED,
                        "middle", false);
            }
        }
        return svg;
    }

    private static Svg update(BackpropJson.Step step) {
        BackpropJson.Applied a = step.applied();
        Svg svg = title(new Svg(1000, 480), "The update applied",
                a.optimizer() + ", η = " + a.learningRate() + ": " + step.label() + " now gets " + pct(a.after()[step.label()])
                        + " (was " + pct(a.before()[step.label()]) + "); loss " + fmt(a.lossBefore()) + " → "
                        + fmt(a.lossAfter()) + ".");
        for (int d = 0; d < a.before().length; d++) {
            double x = 95 + d * 90;
            boolean truth = d == step.label();
            svg.rect(x - 28, 400 - 260 * a.before()[d], 26, 260 * a.before()[d], "#9ca3af", 1);
            svg.rect(x + 2, 400 - 260 * a.after()[d], 26, 260 * a.after()[d], truth ? OUTPUT : INK, 1);
            svg.text(x, 440, Integer.toString(d), 26, truth ? OUTPUT : INK, "middle", truth);
        }
        svg.text(30, 470, "grey: before the step   dark: after", 15, MUTED, "start", false);
        return svg;
    }

    private static Integer[] strongest(float[] values, int count) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Float.compare(Math.abs(values[y]), Math.abs(values[x])));
        return Arrays.copyOf(order, Math.min(count, order.length));
    }
}
