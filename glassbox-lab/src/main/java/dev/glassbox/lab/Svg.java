package dev.glassbox.lab;

import dev.glassbox.jvm.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** A small SVG writer for the step figures: shapes and text appended to one document. */
final class Svg {
    static final String POSITIVE = "#1d4ed8";
    static final String NEGATIVE = "#dc2626";

    private final StringBuilder body = new StringBuilder();
    private final int width;
    private final int height;

    Svg(int width, int height) {
        this.width = width;
        this.height = height;
    }

    private static String n(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    Svg circle(double cx, double cy, double r, String fill, String stroke, double strokeWidth) {
        body.append("<circle cx=\"").append(n(cx)).append("\" cy=\"").append(n(cy)).append("\" r=\"").append(n(r))
                .append("\" fill=\"").append(fill).append("\" stroke=\"").append(stroke).append("\" stroke-width=\"")
                .append(n(strokeWidth)).append("\"/>\n");
        return this;
    }

    Svg line(double x1, double y1, double x2, double y2, String stroke, double width, double opacity) {
        body.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
                .append("\" y2=\"").append(n(y2)).append("\" stroke=\"").append(stroke).append("\" stroke-width=\"")
                .append(n(width)).append("\" stroke-opacity=\"").append(n(opacity)).append("\"/>\n");
        return this;
    }

    Svg rect(double x, double y, double w, double h, String fill, double opacity) {
        body.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
                .append("\" height=\"").append(n(h)).append("\" fill=\"").append(fill).append("\" fill-opacity=\"")
                .append(n(opacity)).append("\"/>\n");
        return this;
    }

    Svg text(double x, double y, String text, int size, String fill, String anchor, boolean bold) {
        body.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" font-size=\"").append(size)
                .append("\" fill=\"").append(fill).append("\" text-anchor=\"").append(anchor).append('"')
                .append(bold ? " font-weight=\"bold\"" : "").append('>').append(escape(text)).append("</text>\n");
        return this;
    }

    /**
     * Text read from bottom to top, ending at (x, y) and running down from there: the glyphs sit
     * left of x, so pass x about a third of {@code size} right of where the text should centre.
     */
    Svg verticalText(double x, double y, String text, int size, String fill, boolean bold) {
        body.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" transform=\"rotate(-90 ")
                .append(n(x)).append(' ').append(n(y)).append(")\" font-size=\"").append(size).append("\" fill=\"")
                .append(fill).append("\" text-anchor=\"end\"").append(bold ? " font-weight=\"bold\"" : "").append('>')
                .append(escape(text)).append("</text>\n");
        return this;
    }

    /** A vertical arrow from (x, y), up for a positive length, with its head at the tip. */
    Svg arrow(double x, double y, double length, String color, double width) {
        if (Math.abs(length) < 0.5) {
            return this;
        }
        double tip = y - length;
        double dir = Math.signum(length);
        line(x, y, x, tip + dir * 6, color, width, 1);
        body.append("<polygon points=\"").append(n(x - 7)).append(',').append(n(tip + dir * 10)).append(' ')
                .append(n(x + 7)).append(',').append(n(tip + dir * 10)).append(' ').append(n(x)).append(',')
                .append(n(tip)).append("\" fill=\"").append(color).append("\"/>\n");
        return this;
    }

    /**
     * A width×height image of signed values, row-major: blue positive, red negative, white zero,
     * each cell {@code cell} wide, the strongest value at full colour.
     */
    Svg signedImage(double x, double y, float[] values, int width, int height, double cell) {
        return signedImage(x, y, values, null, width, height, cell);
    }

    /** How dark full ink shows beneath a signed image, as the page draws it ({@code colors.js}). */
    private static final double UNDER_INK = 110 / 255.0;

    /**
     * As {@link #signedImage(double, double, float[], int, int, double)}, over the gray image
     * {@code under} (values 0..1, or null for none), whose ink shows faintly beneath the colours.
     */
    Svg signedImage(double x, double y, float[] values, float[] under, int width, int height, double cell) {
        double scale = 0;
        for (float v : values) {
            scale = Math.max(scale, Math.abs(v));
        }
        rect(x, y, width * cell, height * cell, "#ffffff", 1);
        for (int i = 0; under != null && i < under.length; i++) {
            if (under[i] > 0.01) {
                rect(x + (i % width) * cell, y + (i / width) * cell, cell, cell, "#000000",
                        UNDER_INK * Math.min(1, under[i]));
            }
        }
        for (int i = 0; i < values.length; i++) {
            double strength = scale > 0 ? Math.abs(values[i]) / scale : 0;
            if (strength > 0.01) {
                rect(x + (i % width) * cell, y + (i / width) * cell, cell, cell, values[i] >= 0 ? POSITIVE : NEGATIVE,
                        strength);
            }
        }
        return this;
    }

    /** A side×side grey image, values 0..1 drawn white on black as MNIST stores digits. */
    Svg greyImage(double x, double y, float[] values, int side, double cell) {
        rect(x, y, side * cell, side * cell, "#000000", 1);
        for (int i = 0; i < values.length; i++) {
            if (values[i] > 0.01) {
                rect(x + (i % side) * cell, y + (i / side) * cell, cell, cell, "#ffffff", Math.min(1, values[i]));
            }
        }
        return this;
    }

    /** A colour of red, green and blue in 0..1. */
    static String rgb(double red, double green, double blue) {
        return String.format(Locale.ROOT, "rgb(%d,%d,%d)", channel(red), channel(green), channel(blue));
    }

    private static int channel(double value) {
        return (int) Math.round(255 * Math.max(0, Math.min(1, value)));
    }

    static String grey(double shade) {
        double g = 1 - Math.max(0, Math.min(1, shade));
        return rgb(g, g, g);
    }

    /**
     * The text as XML character data: markup escaped, and characters XML cannot hold (control
     * characters, a lone surrogate half) — which a class name from a file may have — shown as �.
     */
    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (pair) {
                out.append(c).append(text.charAt(++i));
            } else if (c == '&') {
                out.append("&amp;");
            } else if (c == '<') {
                out.append("&lt;");
            } else if (c == '>') {
                out.append("&gt;");
            } else if (c < 0x20 && c != '\t' || Character.isSurrogate(c) || c == 0xFFFE || c == 0xFFFF) {
                out.append('\uFFFD');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Writes the document to {@code file} atomically (its folder created if missing). */
    void write(Path file) {
        try {
            AtomicFiles.replace(file, ".svg", temp -> Files.writeString(temp, toString(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\"" + height
                + "\" viewBox=\"0 0 " + width + " " + height + "\" font-family=\"sans-serif\">\n"
                + "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n" + body + "</svg>\n";
    }
}
