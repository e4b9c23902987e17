package dev.glassbox.cli;

import dev.glassbox.data.Dataset;
import dev.glassbox.io.ModelInputs;
import dev.glassbox.lab.core.LabData;
import java.util.List;
import java.util.Map;

/**
 * The test sample {@code explain} steps through, from the model's own kind of data — MNIST-layout
 * digits, an image folder's images or a table's rows — split as {@code train} split it, so that
 * the sample is one training never saw, and prepared with the model's own preparation.
 *
 * @param test the test set, prepared as the model reads it
 * @param inputs what the model reads, and its classes' names
 * @param index the sample chosen, 0..test.size()−1
 */
record ExplainedSample(Dataset test, ModelInputs inputs, int index) {

    /** The sample as the network reads it: exactly what a training batch holds for it. */
    float[] input() {
        return test.input(index);
    }

    /** The sample's class. */
    int label() {
        return test.label(index);
    }

    /** The name of the sample's class. */
    String className() {
        return name(inputs.classNames(), label());
    }

    /** What a sample is called: an image or a row. */
    String word() {
        return test.isImages() ? "image" : "row";
    }

    /** The seed {@code train} drew the test set with ({@link LabData#splitSeed}). */
    static long splitSeed(Map<String, String> metadata) {
        return LabData.splitSeed(metadata);
    }

    /**
     * Picks the sample: test sample {@code index} when it is given, else the first of the class
     * named {@code className} (given as {@code option}, for messages), else the first sample.
     */
    static ExplainedSample pick(Dataset test, ModelInputs inputs, Integer index, String className, String option) {
        if (test.size() == 0) {
            throw new UsageException("--data: the test set is empty; there is no sample to explain");
        }
        if (index != null) {
            if (index < 0 || index >= test.size()) {
                throw new UsageException("--index must be 0.." + (test.size() - 1) + " (the test set's "
                        + test.size() + " " + (test.isImages() ? "images" : "rows") + "), got " + index);
            }
            return new ExplainedSample(test, inputs, index);
        }
        if (className == null) {
            return new ExplainedSample(test, inputs, 0);
        }
        int label = inputs.classNames().indexOf(className);
        if (label < 0) {
            throw new UsageException(option + " " + className + ": the model has no such class; its classes are "
                    + listed(inputs.classNames()));
        }
        for (int i = 0; i < test.size(); i++) {
            if (test.label(i) == label) {
                return new ExplainedSample(test, inputs, i);
            }
        }
        throw new UsageException(option + " " + className + ": the test set has no " + (test.isImages() ? "image"
                : "row") + " of it; pick another class or an --index");
    }

    private static final int MOST_LISTED = 30;

    /** The names, the first {@value #MOST_LISTED} of them when there are more, for a one-line message. */
    static String listed(List<String> names) {
        List<String> shown = names.size() <= MOST_LISTED ? names : names.subList(0, MOST_LISTED);
        return String.join(", ", shown) + (names.size() > MOST_LISTED ? ", … (" + names.size() + " in all)" : "");
    }

    private static String name(List<String> names, int c) {
        return c < names.size() ? names.get(c) : Integer.toString(c);
    }
}
