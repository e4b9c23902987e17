package dev.glassbox.lab;

import dev.glassbox.explain.LossLandscape;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The loss landscape as an SVG figure: the slice L(θ + α·d₁ + β·d₂) as a height map — each grid
 * point a square coloured by its loss on a logarithmic scale, dark (low) to yellow (high), the
 * scale drawn beside it — with the trained weights θ at the centre, and, when a training path is
 * given, the path over it (its start, its end, and a mark where each epoch ended); beside it, the
 * loss along the straight line from the initial to the trained weights.
 */
public final class LandscapeFigure {
    /** Viridis, five stops: perceptually even, readable in grey and by most colour-blind readers. */
    private static final int[][] STOPS = {{68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}};
    private static final String INK = "#111827";
    private static final String MUTED = "#4b5563";
    private static final int MAP = 480;
    private static final int LEFT = 70;
    private static final int TOP = 90;

    private LandscapeFigure() {}

    /**
     * A training path on the slice's directions.
     *
     * @param alpha  each snapshot's α
     * @param beta   each snapshot's β
     * @param epochs each snapshot's epoch, to mark where epochs end
     */
    public record Path2d(double[] alpha, double[] beta, int[] epochs) {}

    /**
     * The line from the initial to the trained weights: the loss at each t (0 the initial weights, 1 the trained).
     */
    public record Line(double[] t, double[] loss) {}

    /**
     * Writes the figure.
     *
     * @param points the grid, row-major (row = β from −1, column = α from −1)
     * @param path   the training path, or null
     * @param line   the 1-D interpolation, or null
     * @param title  e.g. {@code 784-16-relu-16-relu-10, random directions, 1,000 training images}
     */
    public static void write(LossLandscape.Point[] points, int size, Path2d path, Line line, String title, Path file) {
        int width = line == null ? LEFT + MAP + 150 : LEFT + MAP + 150 + 420;
        Svg svg = new Svg(width, TOP + MAP + 90);
        svg.text(LEFT, 36, "The loss around the trained weights", 24, INK, "start", true);
        svg.text(LEFT, 62, title, 14, MUTED, "start", false);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (LossLandscape.Point p : points) {
            min = Math.min(min, p.loss());
            max = Math.max(max, p.loss());
        }
        double lo = Math.log(Math.max(min, 1e-6));
        double hi = Math.log(Math.max(max, min * 1.0001 + 1e-9));
        double cell = (double) MAP / size;
        for (int r = 0; r < size; r++) {
            for (int c = 0; c < size; c++) {
                LossLandscape.Point p = points[r * size + c];
                double f = (Math.log(Math.max(p.loss(), 1e-6)) - lo) / (hi - lo);
                // β grows upwards, as on a map.
                svg.rect(LEFT + c * cell, TOP + (size - 1 - r) * cell, cell + 0.5, cell + 0.5, colour(f), 1);
            }
        }
        // Axes: α across, β up, both −1 to 1.
        svg.text(LEFT + MAP / 2.0, TOP + MAP + 36, "α (first direction)", 14, INK, "middle", false);
        svg.text(LEFT - 40, TOP + MAP / 2.0, "β", 14, INK, "middle", false);
        for (int k = 0; k <= 2; k++) {
            String label = k == 0 ? "−1" : k == 1 ? "0" : "1";
            svg.text(LEFT + k * MAP / 2.0, TOP + MAP + 18, label, 12, MUTED, "middle", false);
            svg.text(LEFT - 8, TOP + MAP - k * MAP / 2.0 + 4, label, 12, MUTED, "end", false);
        }
        double cx = x(0, size);
        double cy = y(0, size);
        svg.circle(cx, cy, 5, "#ffffff", INK, 2);
        svg.text(cx + 9, cy - 8, "θ", 14, "#ffffff", "start", true);
        if (path != null) {
            drawPath(svg, path, size);
        }
        colourBar(svg, min, max);
        if (line != null) {
            drawLine(svg, line, LEFT + MAP + 150);
        }
        svg.write(file);
    }

    /** Grid point i lies at the middle of square i: α = −1 at the middle of the first square. */
    private static double x(double alpha, int size) {
        return LEFT + ((alpha + 1) / 2 * (size - 1) + 0.5) * MAP / size;
    }

    private static double y(double beta, int size) {
        return TOP + MAP - ((beta + 1) / 2 * (size - 1) + 0.5) * MAP / size;
    }

    private static void drawPath(Svg svg, Path2d path, int size) {
        int n = path.alpha().length;
        for (int i = 1; i < n; i++) {
            svg.line(x(path.alpha()[i - 1], size), y(path.beta()[i - 1], size), x(path.alpha()[i], size),
                    y(path.beta()[i], size), "#ffffff", 2.5, 0.95);
        }
        for (int i = 1; i < n; i++) {
            if (path.epochs()[i] != path.epochs()[i - 1]) {
                svg.circle(x(path.alpha()[i - 1], size), y(path.beta()[i - 1], size), 3.5, "#ffffff", INK, 1);
            }
        }
        svg.circle(x(path.alpha()[0], size), y(path.beta()[0], size), 6, "#f97316", INK, 1.5);
        svg.text(x(path.alpha()[0], size) + 9, y(path.beta()[0], size) + 5, "start", 13, "#ffffff", "start", true);
        svg.circle(x(path.alpha()[n - 1], size), y(path.beta()[n - 1], size), 6, "#22c55e", INK, 1.5);
        svg.text(LEFT, TOP + MAP + 60, "The path training took (white, dots where epochs ended), from its start (orange)"
                + " to the trained weights (green).", 13, MUTED, "start", false);
    }

    private static void colourBar(Svg svg, double min, double max) {
        double x = LEFT + MAP + 30;
        int steps = 40;
        for (int k = 0; k < steps; k++) {
            double f = (k + 0.5) / steps;
            svg.rect(x, TOP + MAP - (k + 1) * (double) MAP / steps, 22, (double) MAP / steps + 0.5, colour(f), 1);
        }
        svg.text(x + 28, TOP + 5, fmt(max), 12, INK, "start", false);
        svg.text(x + 28, TOP + MAP + 4, fmt(min), 12, INK, "start", false);
        svg.text(x + 28, TOP + MAP / 2.0, "loss", 13, INK, "start", true);
        svg.text(x + 28, TOP + MAP / 2.0 + 16, "(log scale)", 12, MUTED, "start", false);
    }

    private static void drawLine(Svg svg, Line line, double left) {
        double w = 360;
        double h = 260;
        double top = TOP + 40;
        svg.text(left, TOP + 10, "Along the straight line", 16, INK, "start", true);
        svg.text(left, TOP + 28, "from the initial (t = 0) to the trained weights (t = 1)", 12, MUTED, "start", false);
        double tMin = line.t()[0];
        double tMax = line.t()[line.t().length - 1];
        double lMax = 0;
        for (double v : line.loss()) {
            lMax = Math.max(lMax, v);
        }
        lMax = lMax > 0 ? lMax * 1.05 : 1;
        svg.line(left, top + h, left + w, top + h, INK, 1, 1);
        svg.line(left, top, left, top + h, INK, 1, 1);
        for (int i = 1; i < line.t().length; i++) {
            svg.line(left + (line.t()[i - 1] - tMin) / (tMax - tMin) * w, top + h - line.loss()[i - 1] / lMax * h,
                    left + (line.t()[i] - tMin) / (tMax - tMin) * w, top + h - line.loss()[i] / lMax * h, "#7c3aed", 2, 1);
        }
        for (double t : new double[] {0, 1}) {
            double px = left + (t - tMin) / (tMax - tMin) * w;
            svg.line(px, top, px, top + h, MUTED, 1, 0.5);
            svg.text(px, top + h + 16, t == 0 ? "t = 0" : "t = 1", 12, MUTED, "middle", false);
        }
        svg.text(left - 6, top + 4, fmt(lMax), 11, MUTED, "end", false);
        svg.text(left - 6, top + h + 4, "0", 11, MUTED, "end", false);
        svg.text(left + w / 2, top + h + 36, "loss on the same training images", 12, MUTED, "middle", false);
    }

    /** The colour of {@code f} in [0, 1] on the viridis stops. */
    static String colour(double f) {
        double v = Math.max(0, Math.min(1, Double.isNaN(f) ? 1 : f)) * (STOPS.length - 1);
        int k = Math.min(STOPS.length - 2, (int) v);
        double u = v - k;
        int[] a = STOPS[k];
        int[] b = STOPS[k + 1];
        return String.format(Locale.ROOT, "#%02x%02x%02x", Math.round(a[0] + u * (b[0] - a[0])),
                Math.round(a[1] + u * (b[1] - a[1])), Math.round(a[2] + u * (b[2] - a[2])));
    }

    private static String fmt(double v) {
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.3g", v);
    }
}
