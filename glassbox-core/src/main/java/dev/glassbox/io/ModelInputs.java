package dev.glassbox.io;

import dev.glassbox.data.DatasetException;
import dev.glassbox.data.ImagePreparation;
import dev.glassbox.data.ImageShape;
import dev.glassbox.data.TablePreparation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a model's inputs are and what its outputs mean, as its file records them, so that every
 * command, the lab and the page prepare new data exactly as training did: images of a size and
 * a preparation, with class names; or the columns of a table ({@link TablePreparation}).
 *
 * <p>Images are recorded under {@value #IMAGES_KEY} as JSON; a table under
 * {@value TableJson#METADATA_KEY}. A model with neither is an MNIST model: 28×28 gray digits,
 * prepared as MNIST's were, classes 0–9.
 */
public sealed interface ModelInputs {
    /** The metadata key of an image model's inputs. */
    String IMAGES_KEY = "glassbox.images";

    /** Most classes a model file may name. */
    int MAX_CLASSES = TablePreparation.MAX_CLASSES;

    /** The names of the outputs' classes, in output order; empty for a regression. */
    List<String> classNames();

    /** Whether the model predicts a number rather than a class. */
    default boolean isRegression() {
        return false;
    }

    /** The network's input size these inputs make. */
    int inputSize();

    /** Images prepared one way, with named classes. */
    record Images(ImagePreparation preparation, List<String> classNames) implements ModelInputs {
        public Images {
            if (classNames.isEmpty() || classNames.size() > MAX_CLASSES) {
                throw new IllegalArgumentException(classNames.size() + " class names; expected 1.." + MAX_CLASSES);
            }
            classNames = List.copyOf(classNames);
        }

        /** The shape of the images the network reads. */
        public ImageShape shape() {
            return new ImageShape(preparation.height(), preparation.width(), preparation.channels().count());
        }

        @Override
        public int inputSize() {
            return preparation.bytesPerImage();
        }
    }

    /** The columns of a table. */
    record Table(TablePreparation preparation) implements ModelInputs {
        @Override
        public List<String> classNames() {
            return preparation.classNames();
        }

        @Override
        public boolean isRegression() {
            return preparation.task() == TablePreparation.Task.REGRESSION;
        }

        @Override
        public int inputSize() {
            return preparation.inputSize();
        }
    }

    /** MNIST's: 28×28 gray digits prepared as MNIST's were, classes 0–9. */
    static Images digits() {
        return new Images(ImagePreparation.digit(), List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"));
    }

    /** What a model file says of its inputs; an MNIST model's when it says nothing. */
    static ModelInputs of(Map<String, String> metadata) {
        String table = metadata.get(TableJson.METADATA_KEY);
        String images = metadata.get(IMAGES_KEY);
        if (table != null && images != null) {
            throw new DatasetException("the model file describes its inputs both as a table and as images");
        }
        if (table != null) {
            return new Table(TableJson.read(table));
        }
        return images == null ? digits() : readImages(images);
    }

    /** The metadata entries that record these inputs. */
    default Map<String, String> metadata() {
        Map<String, String> metadata = new LinkedHashMap<>();
        if (this instanceof Table t) {
            metadata.put(TableJson.METADATA_KEY, TableJson.write(t.preparation()));
        } else if (this instanceof Images i) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("width", i.preparation().width());
            json.put("height", i.preparation().height());
            json.put("channels", i.preparation().channels().count());
            json.put("prepare", i.preparation().prepare().key());
            json.put("classes", i.classNames());
            metadata.put(IMAGES_KEY, Json.write(json));
        }
        return metadata;
    }

    private static Images readImages(String text) {
        try {
            if (!(Json.parse(text) instanceof Map<?, ?> json)) {
                throw new DatasetException("expected an object");
            }
            int width = small(json.get("width"), "width");
            int height = small(json.get("height"), "height");
            int channels = small(json.get("channels"), "channels");
            if (!(json.get("prepare") instanceof String prepare)) {
                throw new DatasetException("prepare: expected none or digit");
            }
            if (!(json.get("classes") instanceof List<?> names) || names.size() > MAX_CLASSES) {
                throw new DatasetException("classes: expected a list of at most " + MAX_CLASSES + " names");
            }
            List<String> classes = new ArrayList<>();
            for (Object name : names) {
                if (!(name instanceof String s)) {
                    throw new DatasetException("classes: expected names, got " + Json.write(name));
                }
                classes.add(s);
            }
            return new Images(new ImagePreparation(width, height, ImagePreparation.Channels.of(channels),
                    prepareByKey(prepare)), classes);
        } catch (IllegalArgumentException | DatasetException e) {
            throw new DatasetException("the model's " + IMAGES_KEY + " entry: " + e.getMessage(), e);
        }
    }

    private static ImagePreparation.Prepare prepareByKey(String key) {
        for (ImagePreparation.Prepare p : ImagePreparation.Prepare.values()) {
            if (p.key().equals(key)) {
                return p;
            }
        }
        String shown = Json.write(key); // escaped: a file's text never breaks the message's one line
        throw new DatasetException("prepare: expected none or digit, got " + (shown.length() > 40
                ? shown.substring(0, 40) + "…" : shown));
    }

    private static int small(Object value, String what) {
        if (!(value instanceof Long n) || n < 1 || n > ImageShape.MAX_SIDE) {
            throw new DatasetException(what + ": expected a whole number 1.." + ImageShape.MAX_SIDE);
        }
        return n.intValue();
    }
}
