package dev.glassbox.lab;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Where the output figures put each class, side by side: all of them up to
 * {@value #MOST_SHOWN}, else the true class and the ones the network rates highest, in class
 * order. Each gets a slot of equal width: 90 for ten, as MNIST's digits have always been drawn,
 * wider for fewer; for more, a wider figure rather than slots too narrow for the numbers under
 * them, with room at the left for the rows' labels.
 * The names under them are laid out by {@link ClassNames}.
 *
 * @param width the figure's width
 * @param slot each output's width
 * @param slots the outputs shown, in class order
 * @param omitted how many outputs are left out
 */
record OutputSlots(int width, double slot, List<Slot> slots, int omitted) {
    /** Most outputs a figure shows. */
    static final int MOST_SHOWN = 20;

    private static final int FIGURE = 1000;
    private static final double MARGIN = 50;
    /** Room left of the outputs, past ten of them, for labels such as "error". */
    private static final double ROW_LABELS = 40;
    private static final double WIDEST = 200;
    private static final double NARROWEST = 72;

    /** One output shown: its class, the centre of its slot, and its full name. */
    record Slot(int output, double x, String name) {}

    OutputSlots {
        slots = List.copyOf(slots);
    }

    /**
     * @param probabilities the network's, one per output, before the step
     * @param label the true class, always shown
     * @param names the classes' names, in output order
     */
    static OutputSlots of(float[] probabilities, int label, List<String> names) {
        List<Integer> shown = IntStream.range(0, probabilities.length).boxed().toList();
        if (shown.size() > MOST_SHOWN) {
            List<Integer> ranked = new ArrayList<>(shown);
            ranked.remove(Integer.valueOf(label));
            ranked.sort(Comparator.comparingDouble((Integer c) -> probabilities[c]).reversed());
            List<Integer> kept = new ArrayList<>(ranked.subList(0, MOST_SHOWN - 1));
            kept.add(label);
            kept.sort(null);
            shown = kept;
        }
        int n = shown.size();
        double room = n > 10 ? ROW_LABELS : 0;
        double slot = Math.max(NARROWEST, Math.min(WIDEST, (FIGURE - 2 * MARGIN - room) / n));
        int width = (int) Math.max(FIGURE, Math.ceil(2 * MARGIN + room + n * slot));
        double left = room + (width - room - n * slot) / 2;
        List<Slot> slots = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            int c = shown.get(k);
            slots.add(new Slot(c, left + slot * (k + 0.5), c < names.size() ? names.get(c) : Integer.toString(c)));
        }
        return new OutputSlots(width, slot, slots, probabilities.length - n);
    }

    /** How the shown outputs' names are written, at most {@code largest} px. */
    ClassNames names(int largest) {
        return ClassNames.fit(slots.stream().map(Slot::name).toList(), slot, largest);
    }

    /** A line saying which outputs are left out, or empty when all are shown. */
    String omittedNote(float[] probabilities) {
        if (omitted == 0) {
            return "";
        }
        double highestLeft = 0;
        boolean[] isShown = new boolean[probabilities.length];
        slots.forEach(s -> isShown[s.output()] = true);
        for (int c = 0; c < probabilities.length; c++) {
            if (!isShown[c]) {
                highestLeft = Math.max(highestLeft, probabilities[c]);
            }
        }
        return String.format(Locale.ROOT, "Showing %d of %d classes: the true one and those rated highest; the %d"
                + " left out get %.1f %% or less each.", slots.size(), slots.size() + omitted, omitted, 100 * highestLeft);
    }
}
