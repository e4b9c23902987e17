package dev.glassbox.lab;

import dev.glassbox.explain.Attribution;
import dev.glassbox.io.ModelInputs;
import java.nio.file.Path;
import java.util.List;

/**
 * "Why this answer?" as one SVG figure for slides and documents, drawn as the lab's Draw panel
 * draws it: the example as the network reads it, then the engine's three maps of one output's
 * score — gradient, gradient × input, integrated gradients — each over the example, blue where an
 * input pushes the score up and red where it pushes it down, the strongest value of each map at
 * full colour; under them the completeness check as numbers. A table's inputs are drawn as named
 * bars ({@link InputFigure}). Every number is the engine's ({@link Attribution}); nothing is
 * computed here but where to draw it.
 */
public final class AttributionFigure {
    private static final String INK = "#111827";
    private static final String MUTED = "#4b5563";
    private static final double BOX = 200;
    private static final double GAP = 40;
    private static final double LEFT = 30;
    private static final double TOP = 110;
    private static final int WIDTH = 1000;
    private static final List<String> MAPS = List.of("gradient", "gradient × input", "integrated gradients");

    private AttributionFigure() {}

    /**
     * Writes the figure to {@code file} (atomically, its folder created if missing).
     *
     * @param inputs what the model reads and what its outputs are called
     * @param example the example in words, e.g. {@code test image 0 (a 7)}
     */
    public static Path write(Attribution attribution, ModelInputs inputs, String example, Path file) {
        draw(attribution, inputs, example).write(file);
        return file;
    }

    /** Each input's name, in input order, as the figure and the page write them (empty for images). */
    public static List<String> inputNames(ModelInputs inputs) {
        return inputs instanceof ModelInputs.Table t ? InputFigure.names(t.preparation()) : List.of();
    }

    static Svg draw(Attribution a, ModelInputs inputs, String example) {
        InputFigure figure = InputFigure.of(inputs);
        String output = name(inputs, a.target());
        Attribution.Maps maps = a.maps();
        List<float[]> values = List.of(maps.gradient(), maps.gradientTimesInput(), maps.integrated());
        double below;
        Svg svg;
        if (figure.isTable()) {
            below = TOP + figure.barsHeight() + 30;
            svg = new Svg(WIDTH, (int) Math.ceil(below + 110));
            figure.bars(svg, LEFT, TOP, values, MAPS, (WIDTH - LEFT - 190 - 20) / 3.0);
        } else {
            below = TOP + BOX + 60;
            svg = new Svg(WIDTH, (int) Math.ceil(below + 110));
            float[] input = a.input();
            figure.example(svg, LEFT, TOP, BOX, input);
            caption(svg, LEFT, "as the network reads it");
            for (int m = 0; m < MAPS.size(); m++) {
                double x = LEFT + (m + 1) * (BOX + GAP);
                figure.image(svg, x, TOP, BOX, values.get(m), input);
                caption(svg, x, MAPS.get(m) + figure.channelNote());
            }
        }
        svg.text(LEFT, 44, InputFigure.shorten("Why " + output + "? " + example, 70), 28, INK, "start", true);
        svg.text(LEFT, 78, "Each " + figure.inputWord() + "'s part in the score of " + InputFigure.shorten(output, 30)
                + " (its logit, before softmax): blue pushes it up, red pushes it down.", 17, MUTED, "start", false);
        completeness(svg, below, a, inputs, figure.isTable());
        return svg;
    }

    private static void caption(Svg svg, double x, String text) {
        svg.text(x + BOX / 2, TOP + BOX + 24, text, 15, MUTED, "middle", false);
    }

    private static void completeness(Svg svg, double y, Attribution a, ModelInputs inputs, boolean table) {
        Attribution.Completeness c = a.completeness();
        int answer = a.predicted();
        float[] scores = a.scores();
        svg.text(LEFT, y, "The network answers " + InputFigure.shorten(name(inputs, answer), 30) + " (score "
                + StepFigures.fmt(scores[answer]) + ").", 16, INK, "start", false);
        String baseline = table ? "the all-zero input (each number at its mean)" : "the black image";
        svg.text(LEFT, y + 28, "Completeness: the integrated gradients add up to " + StepFigures.fmt(c.attributionSum())
                + "; score − score of " + baseline + " = " + StepFigures.fmt(c.score()) + " − "
                + subtracted(c.baselineScore()) + " = " + StepFigures.fmt(c.difference()) + ".", 16, INK, "start",
                false);
        double relative = c.relativeGap();
        svg.text(LEFT, y + 56, (Double.isInfinite(relative) ? "No difference to compare with"
                : "They are " + StepFigures.fmt(100 * relative) + " % apart") + ", with " + c.steps()
                + " steps along the straight path from " + baseline + " (" + Attribution.STEPS + " equal steps,"
                + " halved where a neuron switches).", 14, MUTED, "start", false);
    }

    /** A number after a minus sign: in parentheses when negative. */
    private static String subtracted(double value) {
        String text = StepFigures.fmt(value);
        return value < 0 ? "(" + text + ")" : text;
    }

    private static String name(ModelInputs inputs, int c) {
        return c < inputs.classNames().size() ? inputs.classNames().get(c) : Integer.toString(c);
    }
}
