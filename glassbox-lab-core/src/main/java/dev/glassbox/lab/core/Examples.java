package dev.glassbox.lab.core;

import dev.glassbox.data.Dataset;
import dev.glassbox.data.DatasetException;
import dev.glassbox.data.ImagePreparation;
import dev.glassbox.data.Table;
import dev.glassbox.data.TablePreparation;
import dev.glassbox.io.ModelInputs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The user's own examples, prepared by the engine exactly as the lab's data was: a table row's
 * cells through the model's {@link TablePreparation}, an image's pixels through its
 * {@link ImagePreparation} — so the page never does the arithmetic — and back: a prepared row as
 * the values a person reads.
 */
final class Examples {
    /** Most pixels an image example may have: a 4096 × 4096 canvas. */
    static final int MAX_PIXELS = 4096 * 4096;

    private Examples() {}

    /** The network inputs for {@code body}: a table's {@code row} or an image's {@code width}, {@code height}, {@code argb}. */
    static float[] prepare(Body body, ModelInputs inputs) {
        try {
            if (inputs instanceof ModelInputs.Table table) {
                return row(body, table.preparation());
            }
            return image(body, ((ModelInputs.Images) inputs).preparation());
        } catch (DatasetException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static float[] row(Body body, TablePreparation preparation) {
        List<TablePreparation.Feature> features = preparation.features();
        List<String> cells = body.strings("row", features.size());
        if (cells == null || cells.size() != features.size()) {
            throw new IllegalArgumentException("row: expected " + features.size() + " values, one per feature column, got "
                    + (cells == null ? "none" : cells.size()));
        }
        List<String> header = new ArrayList<>();
        for (TablePreparation.Feature feature : features) {
            header.add(feature.name());
        }
        Table table = Table.of("example", header, List.of(cells));
        TablePreparation.Prepared prepared = preparation.apply(table, false);
        if (prepared.rows() != 1) {
            throw new IllegalArgumentException("row: a value is missing; fill every field");
        }
        return prepared.x();
    }

    private static float[] image(Body body, ImagePreparation preparation) {
        int width = body.integer("width");
        int height = body.integer("height");
        if (width < 1 || height < 1 || (long) width * height > MAX_PIXELS) {
            throw new IllegalArgumentException("width and height: expected 1 or more and at most " + MAX_PIXELS
                    + " pixels in all, got " + width + "×" + height);
        }
        int[] argb = body.ints("argb");
        if (argb == null || argb.length != width * height) {
            throw new IllegalArgumentException("argb: expected " + width * height + " pixels, got "
                    + (argb == null ? "none" : argb.length));
        }
        byte[] pixels = preparation.apply(argb, width, height, "example");
        return Dataset.pixelInputs(pixels);
    }

    /**
     * A table row's prepared inputs read back as a person reads the row: each number column's
     * value (x · sd + mean) and each text column's value (the one-hot input that is 1, or empty).
     */
    static Map<String, Object> values(TablePreparation preparation, float[] x) {
        Map<String, Object> values = new LinkedHashMap<>();
        int at = 0;
        for (TablePreparation.Feature feature : preparation.features()) {
            if (feature instanceof TablePreparation.NumberFeature n) {
                values.put(n.name(), x[at] * n.sd() + n.mean());
            } else {
                List<String> options = ((TablePreparation.TextFeature) feature).values();
                String chosen = "";
                for (int k = 0; k < options.size(); k++) {
                    if (x[at + k] == 1f) {
                        chosen = options.get(k);
                    }
                }
                values.put(feature.name(), chosen);
            }
            at += feature.width();
        }
        return values;
    }
}
