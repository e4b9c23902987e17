package dev.glassbox.lab;

import dev.glassbox.explain.BackpropTrace;
import dev.glassbox.io.ModelInputs;
import dev.glassbox.lab.core.BackpropJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The lab's backprop steps as SVG figures for slides and documents: the same numbers as the page
 * ({@link BackpropJson}, copied from the engine's {@link BackpropTrace}), drawn the same way —
 * weights blue/red, purple for the output's error, green and orange arrows for the hidden layers.
 * Outputs carry the model's class names ({@link OutputSlots}); weights from the inputs are drawn
 * as the model reads them ({@link InputFigure}): an image of its shape, or a table's named inputs.
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

    private static final int MOST_TITLE_NAME = 30;

    private final BackpropJson.Step step;
    private final InputFigure inputs;
    private final OutputSlots slots;
    /** The true class's name, and as a title shows it (cut to {@value #MOST_TITLE_NAME} characters). */
    private final String trueName;
    private final String trueTitle;

    private StepFigures(BackpropJson.Step step, ModelInputs inputs) {
        this.step = step;
        this.inputs = InputFigure.of(inputs);
        this.slots = OutputSlots.of(step.applied().before(), step.label(), inputs.classNames());
        this.trueName = className(inputs, step.label());
        this.trueTitle = InputFigure.shorten(trueName, MOST_TITLE_NAME);
    }

    /**
     * Writes the figures of {@code trace} into {@code dir} (created if missing).
     *
     * @param index the test sample's index, or −1
     * @param inputs what the model reads and what its outputs are called, as its file records it
     *     ({@link ModelInputs#digits()} for MNIST's); a classification's (the steps follow the true
     *     class's output)
     * @return the files written, in step order
     */
    public static List<Path> write(BackpropTrace trace, int index, ModelInputs inputs, Path dir) {
        if (inputs.isRegression()) {
            throw new IllegalArgumentException("StepFigures.write: the steps follow a class's output; this model"
                    + " predicts a number");
        }
        StepFigures figures = new StepFigures(BackpropJson.of(0, index, trace), inputs);
        List<Path> files = new ArrayList<>();
        write(dir.resolve("1-output-error.svg"), figures.outputError(), files);
        write(dir.resolve("2-output-weights.svg"), figures.outputWeights(), files);
        int number = 3;
        for (BackpropJson.Hidden hidden : figures.step.hidden()) {
            String color = number == 3 ? LAST : EARLIER;
            write(dir.resolve(number + "-hidden-" + (hidden.column() + 1) + ".svg"),
                    figures.hidden(hidden, number, color), files);
            number++;
        }
        write(dir.resolve(number + "-update.svg"), figures.update(), files);
        return files;
    }

    private static String className(ModelInputs inputs, int c) {
        return c < inputs.classNames().size() ? inputs.classNames().get(c) : Integer.toString(c);
    }

    private static void write(Path file, Svg svg, List<Path> files) {
        svg.write(file);
        files.add(file);
    }

    /** A number as the page shows it: 4 significant digits. */
    static String fmt(double v) {
        return v == 0 ? "0" : Math.abs(v) >= 1e-3 && Math.abs(v) < 1e4
                ? String.format(Locale.ROOT, "%.4g", v) : String.format(Locale.ROOT, "%.3e", v);
    }

    static String pct(double p) {
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

    /** A line under the subtitle saying which outputs are left out, when some are. */
    private void omittedNote(Svg svg) {
        String note = slots.omittedNote(step.applied().before());
        if (!note.isEmpty()) {
            svg.text(30, 104, note, 15, MUTED, "start", false);
        }
    }

    private Svg outputError() {
        ClassNames names = slots.names(28);
        double drop = names.drop();
        Svg svg = title(new Svg(slots.width(), (int) Math.ceil(520 + drop)), "1. The error at the output",
                "Desired: 1 for " + trueTitle + ", 0 for the others. Error = probability − desired;"
                        + " the arrows show the desired change, −error.");
        omittedNote(svg);
        List<BackpropJson.Output> outputs = step.step1().outputs();
        double scale = outputs.stream().mapToDouble(o -> Math.abs(o.change())).max().orElse(1);
        for (OutputSlots.Slot slot : slots.slots()) {
            BackpropJson.Output o = outputs.get(slot.output());
            double x = slot.x();
            boolean truth = o.digit() == step.label();
            String color = truth ? OUTPUT : "#9ca3af";
            svg.arrow(x, 215, scale > 0 ? 100 * o.change() / scale : 0, color, truth ? 6 : 4);
            svg.text(x, 335, pct(o.probability()), 16, MUTED, "middle", false);
            svg.circle(x, 375, 26, Svg.grey(o.probability()), truth ? OUTPUT : "#6b7280", truth ? 4 : 1.5);
            names.write(svg, x, 435, slot.name(), truth ? OUTPUT : INK, truth);
            svg.text(x, 470 + drop, fmt(o.error()), 14, MUTED, "middle", false);
        }
        svg.text(30, 470 + drop, "error", 14, MUTED, "start", false);
        svg.text(30, 505 + drop, "loss " + fmt(step.step1().loss()), 16, MUTED, "start", false);
        return svg;
    }

    /** The largest image box that fits step 2's figure: 336, so that a 28×28 image has cells of 12. */
    private static final double OUTPUT_BOX = 336;

    private Svg outputWeights() {
        BackpropJson.Step2 s = step.step2();
        String sentence = "Each changes by −η × error × a: in proportion to the activation a of the neuron it comes from.";
        String caption = "weight change from each " + inputs.inputWord() + inputs.channelNote()
                + " (blue up, red down)";
        if (s.fromPixels() && inputs.isTable()) {
            int height = (int) Math.ceil(120 + inputs.barsHeight() + 60);
            Svg svg = title(new Svg(1000, height), "2. Weights into the output for " + trueTitle, sentence);
            inputs.bars(svg, 200, 120, List.of(s.updates()), List.of("into " + trueTitle), 400);
            svg.text(500, height - 20, caption, 16, MUTED, "middle", false);
            return svg;
        }
        Svg svg = title(new Svg(1000, 620), "2. Weights into the output for " + trueTitle, sentence);
        if (s.fromPixels()) {
            inputs.image(svg, 350, 120, OUTPUT_BOX, s.updates());
            svg.text(518, 600, caption, 16, MUTED, "middle", false);
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
        if (trueName.length() <= IN_CIRCLE) {
            svg.text(725, 356, trueName, 30, OUTPUT, "middle", true);
        } else {
            svg.text(725, 410, InputFigure.shorten(trueName, 16), 20, OUTPUT, "middle", true);
        }
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

    /** Characters of a class name drawn inside step 2's output circle; a longer name goes under it. */
    private static final int IN_CIRCLE = 3;

    private Svg hidden(BackpropJson.Hidden h, int number, String color) {
        boolean pixels = h.fromPixels();
        int n = h.changes().length;
        int height = !pixels ? 450 : inputs.isTable() ? (int) Math.ceil(470 + inputs.barsHeight() + 30) : 660;
        Svg svg = title(new Svg(1000, height), number + ". " + h.name() + ": desired changes",
                "−∂loss/∂a of each neuron: up = should be more active, down = less."
                        + (pixels ? " Below: weight changes from the " + inputs.inputWord() + "s."
                                : " Weights into it change as in step 2."));
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
            List<String> headings = shown.stream()
                    .map(u -> "neuron " + u.neuron() + (u.change() >= 0 ? " ▲" : " ▼")).toList();
            if (inputs.isTable()) {
                inputs.bars(svg, 30, 470, shown.stream().map(BackpropJson.NeuronUpdate::updates).toList(), headings,
                        (1000 - 30 - 190 - 20) / (double) IMAGES_SHOWN);
                return svg;
            }
            if (!inputs.channelNote().isEmpty()) {
                svg.text(50, 458, "Each pixel's weights" + inputs.channelNote() + ".", 14, MUTED, "start", false);
            }
            for (int k = 0; k < shown.size(); k++) {
                double x = 50 + k * 155;
                inputs.image(svg, x, 470, 140, shown.get(k).updates());
                svg.text(x + 70, 635, headings.get(k), 14, MUTED, "middle", false);
            }
        }
        return svg;
    }

    private Svg update() {
        BackpropJson.Applied a = step.applied();
        ClassNames names = slots.names(26);
        double drop = names.drop();
        Svg svg = title(new Svg(slots.width(), (int) Math.ceil(480 + drop)), "The update applied",
                a.optimizer() + ", η = " + a.learningRate() + ": " + trueTitle + " now gets " + pct(a.after()[step.label()])
                        + " (was " + pct(a.before()[step.label()]) + "); loss " + fmt(a.lossBefore()) + " → "
                        + fmt(a.lossAfter()) + ".");
        omittedNote(svg);
        for (OutputSlots.Slot slot : slots.slots()) {
            int d = slot.output();
            double x = slot.x();
            boolean truth = d == step.label();
            svg.rect(x - 28, 400 - 260 * a.before()[d], 26, 260 * a.before()[d], "#9ca3af", 1);
            svg.rect(x + 2, 400 - 260 * a.after()[d], 26, 260 * a.after()[d], truth ? OUTPUT : INK, 1);
            names.write(svg, x, 440, slot.name(), truth ? OUTPUT : INK, truth);
        }
        svg.text(30, 470 + drop, "grey: before the step   dark: after", 15, MUTED, "start", false);
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
