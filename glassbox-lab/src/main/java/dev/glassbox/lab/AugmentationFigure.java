package dev.glassbox.lab;

import dev.glassbox.data.Augmentation;
import dev.glassbox.data.Dataset;
import dev.glassbox.lab.core.Images;
import dev.glassbox.tensor.Rng;
import java.nio.file.Path;

/**
 * What training with an augmentation sees, as one SVG grid: each row a test digit as it is,
 * then {@value #DISTORTIONS} random distortions of it, drawn exactly as training draws them
 * ({@link Augmentation#distort}). For checking a {@code --augment} setting by eye before a long
 * run: a distortion that turns a 6 into a 9, or pushes a stroke off the edge, shows at once.
 */
public final class AugmentationFigure {
    static final int ROWS = 6;
    static final int DISTORTIONS = 8;
    private static final double CELL = 2;
    private static final double GAP = 8;
    private static final double TOP = 44;
    private static final double LEFT = 40;

    private AugmentationFigure() {}

    /**
     * Writes the grid for the first {@value #ROWS} images of {@code data} to {@code file} (atomically).
     *
     * @param seed the distortions drawn; the same seed draws the same figure
     */
    public static Path write(Dataset data, Augmentation augmentation, long seed, Path file) {
        if (data.imageRows() != Images.SIDE || data.imageCols() != Images.SIDE) {
            throw new IllegalArgumentException("AugmentationFigure: expected " + Images.SIDE + "×" + Images.SIDE
                    + " images, got " + data.imageRows() + "×" + data.imageCols());
        }
        draw(data, augmentation, seed).write(file);
        return file;
    }

    static Svg draw(Dataset data, Augmentation augmentation, long seed) {
        int rows = Math.min(ROWS, data.size());
        double side = Images.SIDE * CELL;
        Svg svg = new Svg((int) (LEFT + (DISTORTIONS + 1) * (side + GAP) + GAP),
                (int) (TOP + rows * (side + GAP) + GAP));
        svg.text(GAP, 18, "augmentation: " + augmentation, 13, "#111827", "start", true);
        svg.text(LEFT + side / 2, TOP - 8, "as is", 11, "#4b5563", "middle", false);
        svg.text(LEFT + side + GAP + DISTORTIONS * (side + GAP) / 2, TOP - 8, DISTORTIONS
                + " random distortions, as training draws them (seed " + seed + ")", 11, "#4b5563", "middle", false);
        Rng random = new Rng(seed);
        float[] pixels = new float[Images.PIXELS];
        for (int r = 0; r < rows; r++) {
            double y = TOP + r * (side + GAP);
            svg.text(GAP + 12, y + side / 2 + 5, Integer.toString(data.label(r)), 14, "#111827", "middle", true);
            svg.greyImage(LEFT, y, Images.toInput(data.image(r)), Images.SIDE, CELL);
            for (int d = 0; d < DISTORTIONS; d++) {
                augmentation.distort(data, r, random, pixels, 0);
                svg.greyImage(LEFT + (d + 1) * (side + GAP) + GAP, y, pixels, Images.SIDE, CELL);
            }
        }
        return svg;
    }
}
