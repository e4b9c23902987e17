package dev.glassbox.lab;

import java.util.ArrayList;
import java.util.List;

/**
 * How the output figures write the classes' names under their slots, the first way that fits
 * every name whole: on one line, at the largest size from the figure's own down to
 * {@value #SMALLEST}; else on two lines, word-wrapped, from {@value #LARGEST_WRAPPED} down; else
 * upright, reading upwards, cut at {@value #MOST_UPRIGHT} characters. Digits lie flat at the
 * figure's size, as MNIST's always have.
 *
 * @param way how the names are laid out
 * @param size the font size
 * @param width how many characters fit a line of the slot at that size
 * @param drop how much further down than under one-line names the lines under the names go
 */
record ClassNames(Way way, int size, int width, double drop) {
    enum Way { ONE_LINE, TWO_LINES, UPRIGHT }

    static final int SMALLEST = 14;
    private static final int LARGEST_WRAPPED = 18;
    private static final int MOST_UPRIGHT = 28;
    /** A bold character's width as a share of the font size: wide enough for digits and most letters. */
    private static final double CHARACTER = 0.62;
    /** A plain character's, for how far upright names reach: most are narrower. */
    private static final double UPRIGHT_CHARACTER = 0.5;
    /** How far above a one-line name's baseline the upright names start. */
    private static final double UPRIGHT_START = 25;

    /** The first way that fits each of {@code names} whole in a slot {@code slot} wide. */
    static ClassNames fit(List<String> names, double slot, int largest) {
        for (int size = largest; size >= SMALLEST; size--) {
            int width = width(slot, size);
            if (names.stream().allMatch(n -> n.length() <= width)) {
                return new ClassNames(Way.ONE_LINE, size, width, 0);
            }
        }
        for (int size = Math.min(largest, LARGEST_WRAPPED); size >= SMALLEST; size--) {
            int width = width(slot, size);
            if (names.stream().allMatch(n -> fitsTwoLines(n, width))) {
                return new ClassNames(Way.TWO_LINES, size, width, Math.ceil(1.2 * size));
            }
        }
        int longest = names.stream().mapToInt(n -> Math.min(n.length(), MOST_UPRIGHT)).max().orElse(0);
        return new ClassNames(Way.UPRIGHT, SMALLEST, MOST_UPRIGHT,
                Math.max(0, UPRIGHT_CHARACTER * SMALLEST * longest - UPRIGHT_START + 10));
    }

    private static int width(double slot, int size) {
        return (int) Math.floor((slot - 6) / (CHARACTER * size));
    }

    /** Writes {@code name} centred under x, a one-line name's baseline at {@code baseline}. */
    void write(Svg svg, double x, double baseline, String name, String fill, boolean bold) {
        switch (way) {
            case ONE_LINE -> svg.text(x, baseline, name, size, fill, "middle", bold);
            case TWO_LINES -> {
                List<String> lines = wrap(name, width);
                for (int i = 0; i < lines.size(); i++) {
                    svg.text(x, baseline + i * 1.2 * size, lines.get(i), size, fill, "middle", bold);
                }
            }
            case UPRIGHT -> svg.verticalText(x + size / 3.0, baseline - UPRIGHT_START,
                    InputFigure.shorten(name, width), size, fill, bold);
        }
    }

    private static boolean fitsTwoLines(String name, int width) {
        List<String> lines = wrap(name, width);
        return lines.size() <= 2 && lines.stream().allMatch(l -> l.length() <= width);
    }

    /** {@code name}'s words in lines of at most {@code width} characters; a longer word alone on a line. */
    static List<String> wrap(String name, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : name.strip().split("\\s+")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        lines.add(line.toString());
        return lines;
    }
}
