package dev.glassbox.lab.core;

import dev.glassbox.data.Dataset;
import dev.glassbox.data.DatasetException;
import dev.glassbox.data.Split;
import dev.glassbox.data.MnistData;
import dev.glassbox.data.Table;
import dev.glassbox.data.TableData;
import dev.glassbox.data.TablePreparation;
import dev.glassbox.io.ModelInputs;
import dev.glassbox.nn.Network;
import java.util.Map;

/**
 * What a lab shows and trains on: the samples, and how a model reads them — MNIST's digits,
 * another folder's images, or the columns of a table ({@link ModelInputs}). Every model the lab
 * shows must read its inputs alike, so that its examples mean what they meant in training.
 *
 * @param data the training and test sets (already prepared: pixels, or table rows as inputs)
 * @param inputs how they were prepared, and the names of the classes
 */
public record LabData(MnistData data, ModelInputs inputs) {

    public LabData {
        if (data == null || inputs == null) {
            throw new IllegalArgumentException("LabData: data and inputs are required");
        }
        if (data.train().features() != inputs.inputSize()) {
            throw new IllegalArgumentException("LabData: the data has " + data.train().features()
                    + " inputs per sample, its description " + inputs.inputSize());
        }
    }

    /** Seeds the draw of a table's test rows, as {@code glassbox train} does by default, so its test rows stay unseen. */
    public static final long SPLIT_SEED = 1;

    /**
     * The seed {@code glassbox train} drew a model's test set with, so that the test samples shown
     * with it are ones it never trained on: the model's own {@code --seed}, recorded in its file;
     * {@value #SPLIT_SEED} for a model the lab trained, or one that records none ({@code train}'s
     * default).
     *
     * @throws IllegalArgumentException if the recorded seed is not a whole number
     */
    public static long splitSeed(Map<String, String> metadata) {
        if (Provenance.LAB.equals(metadata.get(Provenance.TRAINED_BY_KEY))) {
            return SPLIT_SEED;
        }
        String seed = metadata.get("glassbox.seed");
        if (seed == null) {
            return SPLIT_SEED;
        }
        try {
            return Long.parseLong(seed);
        } catch (NumberFormatException e) {
            String shown = seed.length() > 30 ? seed.substring(0, 30) + "…" : seed;
            throw new IllegalArgumentException("the model's glassbox.seed: expected a whole number, got '" + shown
                    + "'; the test set is drawn with the seed the model was trained with");
        }
    }

    /**
     * A table as a model trained on it reads it: its rows split as {@code glassbox train} splits
     * them by default ({@link TableData#TEST_FRACTION}, seed {@value #SPLIT_SEED}), prepared with
     * the model's own preparation.
     *
     * @throws dev.glassbox.data.DatasetException naming what does not fit
     */
    public static LabData table(Table all, TablePreparation preparation) {
        return table(all, preparation, SPLIT_SEED);
    }

    /** As {@link #table(Table, TablePreparation)}, the test rows drawn with {@code seed} ({@link #splitSeed}). */
    public static LabData table(Table all, TablePreparation preparation, long seed) {
        TablePreparation.Options options = TableData.optionsOf(preparation);
        Table[] split = TableData.split(all, options, TableData.TEST_FRACTION, seed);
        TableData prepared = TableData.of(split[0], split[1], options, preparation);
        return new LabData(new MnistData(prepared.train(), prepared.test(), "0".repeat(64)),
                new ModelInputs.Table(preparation));
    }

    /**
     * A table prepared anew, as {@code glassbox lab --data} prepares one for a new network: the
     * label its last column, the task inferred, the preparation learnt from the training rows.
     *
     * @throws dev.glassbox.data.DatasetException naming what does not fit
     */
    public static LabData table(Table all) {
        TablePreparation.Options options = TablePreparation.Options.defaults();
        Table[] split = TableData.split(all, options, TableData.TEST_FRACTION, SPLIT_SEED);
        return table(all, TablePreparation.fit(split[0], options));
    }

    /**
     * Images of named classes, prepared: their test images drawn as {@code glassbox train} draws
     * them by default ({@link TableData#TEST_FRACTION}, seed {@value #SPLIT_SEED}, stratified by class).
     *
     * @param all every image, in the folder's sample order (class, then path)
     * @throws dev.glassbox.data.DatasetException when too few images are left to hold any out
     */
    public static LabData images(Dataset all, ModelInputs.Images inputs) {
        return images(all, inputs, SPLIT_SEED);
    }

    /** As {@link #images(Dataset, ModelInputs.Images)}, the test images drawn with {@code seed} ({@link #splitSeed}). */
    public static LabData images(Dataset all, ModelInputs.Images inputs, long seed) {
        int[] labels = new int[all.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = all.label(i);
        }
        Split split = Split.stratified(labels, TableData.TEST_FRACTION, seed);
        if (split.second().length == 0) {
            throw new DatasetException(all.name() + ": " + all.size() + " images are too few to hold out a test set;"
                    + " add images");
        }
        return new LabData(new MnistData(all.select(all.name(), split.first()),
                all.select(all.name() + " (test)", split.second()), "0".repeat(64)), inputs);
    }

    /** MNIST-layout data: 28×28 digits, classes 0–9. */
    public static LabData mnist(MnistData data) {
        return new LabData(data, ModelInputs.digits());
    }

    public Dataset train() {
        return data.train();
    }

    public Dataset test() {
        return data.test();
    }

    /** The network's input size. */
    public int inputSize() {
        return inputs.inputSize();
    }

    /** The network's output size: one per class, or one number. */
    public int outputSize() {
        return inputs.isRegression() ? 1 : inputs.classNames().size();
    }

    /** What the samples are called in the page's words. */
    public String samples() {
        return inputs instanceof ModelInputs.Table ? "rows" : "images";
    }

    /**
     * Refuses a model that reads its inputs otherwise than this data was prepared.
     *
     * @throws IllegalArgumentException naming what differs
     */
    public void requireReadable(Network network, Map<String, String> metadata) {
        if (network.inputSize() != inputSize() || network.outputSize() != outputSize()) {
            throw new IllegalArgumentException("the network " + network.spec() + " reads " + network.inputSize()
                    + " inputs into " + network.outputSize() + " outputs; the lab's data has " + inputSize()
                    + " inputs and " + outputSize() + (inputs.isRegression() ? " number to predict" : " classes"));
        }
        ModelInputs theirs = ModelInputs.of(metadata);
        if (!theirs.equals(inputs)) {
            throw new IllegalArgumentException("the model reads its inputs otherwise than the lab's data was prepared ("
                    + describe(theirs) + " against " + describe(inputs) + "); open it with the data it was trained on");
        }
    }

    private static String describe(ModelInputs inputs) {
        if (inputs instanceof ModelInputs.Images images) {
            return images.shape() + " images of " + String.join(", ", images.classNames());
        }
        return "the table columns " + ((ModelInputs.Table) inputs).preparation();
    }
}
