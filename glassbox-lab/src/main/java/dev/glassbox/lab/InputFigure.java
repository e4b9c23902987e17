package dev.glassbox.lab;

import dev.glassbox.data.TablePreparation;
import dev.glassbox.io.ModelInputs;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws values that have one number per network input — the weights from the inputs and their
 * changes — as the page draws them ({@code inputs.js}): an image of the model's shape (a colour
 * image's red, green and blue summed per pixel), or a table's inputs as horizontal bars with their
 * names (a number column by its name, a one-hot input as {@code column = value}). Blue is
 * positive, red negative, the strongest value of each picture at full length or colour.
 */
final class InputFigure {
    /** A table's inputs drawn at most; more are cut to the ones with the largest values. */
    static final int MOST_ROWS = 30;

    static final double ROW = 18;
    private static final double NAMES = 190;
    private static final double HEADING = 26;
    private static final int MOST_NAME = 24;
    private static final String MUTED = "#4b5563";

    private final ModelInputs inputs;
    /** One per input for a table; empty for images. */
    private final List<String> names;

    private InputFigure(ModelInputs inputs, List<String> names) {
        this.inputs = inputs;
        this.names = names;
    }

    static InputFigure of(ModelInputs inputs) {
        return new InputFigure(inputs, inputs instanceof ModelInputs.Table t ? names(t.preparation()) : List.of());
    }

    /** Each input's name, in input order, as the page's {@code inputNames} gives them. */
    static List<String> names(TablePreparation preparation) {
        List<String> names = new ArrayList<>();
        for (TablePreparation.Feature feature : preparation.features()) {
            if (feature instanceof TablePreparation.TextFeature text) {
                for (String value : text.values()) {
                    names.add(feature.name() + " = " + value);
                }
            } else {
                names.add(feature.name());
            }
        }
        return names;
    }

    /** Whether the inputs are a table's columns, drawn as bars, rather than pixels. */
    boolean isTable() {
        return inputs instanceof ModelInputs.Table;
    }

    /** What one input is called in captions: a pixel, or a table's input. */
    String inputWord() {
        return isTable() ? "input" : "pixel";
    }

    /** How the colours of an image are drawn, for captions: empty for gray images and tables. */
    String channelNote() {
        return inputs instanceof ModelInputs.Images i && i.preparation().channels().count() > 1
                ? ", red + green + blue summed" : "";
    }

    /**
     * An image's values fitted into a box×box square at (x, y), centred, each pixel a square
     * cell: a 28×28 image in a 140 box has cells of 5.
     */
    void image(Svg svg, double x, double y, double box, float[] values) {
        image(svg, x, y, box, values, null);
    }

    /**
     * As {@link #image(Svg, double, double, double, float[])}, over the example the values belong
     * to ({@code example}, as the network reads it): a gray image's ink shows faintly beneath, as
     * on the page; a colour image's does not.
     */
    void image(Svg svg, double x, double y, double box, float[] values, float[] example) {
        ModelInputs.Images images = (ModelInputs.Images) inputs;
        int width = images.preparation().width();
        int height = images.preparation().height();
        double cell = box / Math.max(width, height);
        float[] under = example != null && example.length == width * height ? example : null;
        svg.signedImage(x + (box - width * cell) / 2, y + (box - height * cell) / 2, summed(values, width * height),
                under, width, height, cell);
    }

    /**
     * The example itself, as the network reads it (values 0..1), fitted into a box×box square at
     * (x, y): a gray image white on black as MNIST stores digits, a colour image in its colours.
     */
    void example(Svg svg, double x, double y, double box, float[] values) {
        ModelInputs.Images images = (ModelInputs.Images) inputs;
        int width = images.preparation().width();
        int height = images.preparation().height();
        int channels = values.length / (width * height);
        double cell = box / Math.max(width, height);
        double left = x + (box - width * cell) / 2;
        double top = y + (box - height * cell) / 2;
        svg.rect(left, top, width * cell, height * cell, "#000000", 1);
        for (int p = 0; p < width * height; p++) {
            double px = left + (p % width) * cell;
            double py = top + (p / width) * cell;
            if (channels == 1) {
                if (values[p] > 0.01) {
                    svg.rect(px, py, cell, cell, "#ffffff", Math.min(1, values[p]));
                }
            } else {
                svg.rect(px, py, cell, cell, Svg.rgb(values[p * channels], values[p * channels + 1],
                        values[p * channels + 2]), 1);
            }
        }
    }

    /** A colour image's values summed over the channels per pixel, as the page does; gray ones as they are. */
    private static float[] summed(float[] values, int pixels) {
        int channels = values.length / pixels;
        if (channels == 1) {
            return values;
        }
        float[] out = new float[pixels];
        for (int p = 0; p < pixels; p++) {
            for (int c = 0; c < channels; c++) {
                out[p] += values[p * channels + c];
            }
        }
        return out;
    }

    /** The height {@link #bars} takes for this table's inputs. */
    double barsHeight() {
        int rows = Math.min(names.size(), MOST_ROWS);
        return HEADING + rows * ROW + (names.size() > MOST_ROWS ? ROW + 6 : 0);
    }

    /**
     * A table's inputs as rows of bars from (x, y): the names once at the left, then one column
     * of bars per entry of {@code columns}, {@code columnWidth} wide, under its heading. With more
     * than {@value #MOST_ROWS} inputs, the ones with the largest value in any column, in input
     * order, and a line saying how many are left out.
     */
    void bars(Svg svg, double x, double y, List<float[]> columns, List<String> headings, double columnWidth) {
        List<Integer> rows = strongestRows(columns);
        for (int c = 0; c < columns.size(); c++) {
            double zero = x + NAMES + columnWidth * (c + 0.5);
            svg.text(zero, y + 14, headings.get(c), 14, MUTED, "middle", false);
            svg.line(zero, y + HEADING - 4, zero, y + HEADING + rows.size() * ROW, "#9ca3af", 1, 1);
        }
        for (int r = 0; r < rows.size(); r++) {
            int input = rows.get(r);
            double top = y + HEADING + r * ROW;
            svg.text(x + NAMES - 8, top + ROW - 5, shorten(names.get(input), MOST_NAME), 13, "#111827", "end", false);
            for (int c = 0; c < columns.size(); c++) {
                float[] values = columns.get(c);
                double scale = maxAbs(values);
                double length = scale > 0 ? Math.abs(values[input]) / scale * (columnWidth / 2 - 6) : 0;
                double zero = x + NAMES + columnWidth * (c + 0.5);
                if (length > 0) {
                    svg.rect(values[input] >= 0 ? zero : zero - length, top + 3, length, ROW - 6,
                            values[input] >= 0 ? Svg.POSITIVE : Svg.NEGATIVE, 1);
                }
            }
        }
        int left = names.size() - rows.size();
        if (left > 0) {
            svg.text(x, y + HEADING + rows.size() * ROW + ROW, left + " more input" + (left == 1 ? "" : "s")
                    + ", with smaller values, not shown", 13, MUTED, "start", false);
        }
    }

    /** All inputs, or the {@value #MOST_ROWS} with the largest |value| in any column, in input order. */
    private List<Integer> strongestRows(List<float[]> columns) {
        int n = names.size();
        double[] strength = new double[n];
        for (float[] values : columns) {
            double scale = maxAbs(values);
            for (int i = 0; i < n; i++) {
                strength[i] = Math.max(strength[i], scale > 0 ? Math.abs(values[i]) / scale : 0);
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        if (n > MOST_ROWS) {
            order.sort((a, b) -> Double.compare(strength[b], strength[a]));
            order = new ArrayList<>(order.subList(0, MOST_ROWS));
            order.sort(null);
        }
        return order;
    }

    private static double maxAbs(float[] values) {
        double m = 0;
        for (float v : values) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /** {@code name} cut to {@code most} characters, the last an ellipsis when cut. */
    static String shorten(String name, int most) {
        return name.length() <= most ? name : name.substring(0, most - 1) + "…";
    }
}
