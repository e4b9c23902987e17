package dev.glassbox.data;

import dev.glassbox.data.TablePreparation.Feature;
import dev.glassbox.data.TablePreparation.Missing;
import dev.glassbox.data.TablePreparation.NumberFeature;
import dev.glassbox.data.TablePreparation.Options;
import dev.glassbox.data.TablePreparation.Prepared;
import dev.glassbox.data.TablePreparation.Task;
import dev.glassbox.data.TablePreparation.TextFeature;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@link TablePreparation} as it was when every cell was a String and each number was parsed
 * again wherever it was read: the reference the table stored by column must give the same
 * preparations, bit for bit, and the same messages. A copy of that code over a copy of that
 * {@link ReferenceTable}, changed only in names; its nested types (it uses {@link TablePreparation}'s),
 * {@code restore} and the accessors the comparison needs not, left out. Not to be improved: it is what "unchanged" means.
 */
final class ReferenceTablePreparation {
    /** A text column with more values than this is refused: a category per value teaches nothing. */
    public static final int MAX_CATEGORIES = 1000;
    /** A number label with more distinct values than this is taken for regression, unless told. */
    public static final int MAX_CLASSES_INFERRED = 20;
    /** Most classes a label may have. */
    public static final int MAX_CLASSES = 1000;

    private static final Set<String> MISSING = Set.of("", "na", "n/a", "nan", "null", "?");

    private final String label;
    private final Task task;
    private final Missing missing;
    private final List<Feature> features;
    private final List<String> classNames;
    private final double targetMean;
    private final double targetSd;
    private final boolean inferred;

    private ReferenceTablePreparation(String label, Task task, Missing missing, List<Feature> features, List<String> classNames,
            double targetMean, double targetSd, boolean inferred) {
        this.label = label;
        this.task = task;
        this.missing = missing;
        this.features = List.copyOf(features);
        this.classNames = List.copyOf(classNames);
        this.targetMean = targetMean;
        this.targetSd = targetSd;
        this.inferred = inferred;
    }

    /**
     * Learns the preparation from the training rows.
     *
     * @throws DatasetException naming the problem: an unknown or doubly used column, no features,
     *     a missing or unparsable cell (row and column), a constant or empty column, a text column
     *     with too many values, a label with one class
     */
    public static ReferenceTablePreparation fit(ReferenceTable train, Options options) {
        String where = train.name();
        int labelColumn = options.label() == null ? train.columns() - 1 : train.column(options.label());
        String labelName = train.header().get(labelColumn);
        List<Integer> featureColumns = featureColumns(train, options, labelColumn);
        boolean[] used = new boolean[train.rows()];
        int usedRows = 0;
        for (int r = 0; r < train.rows(); r++) {
            used[r] = options.missing() != Missing.DROP || complete(train, r, labelColumn, featureColumns);
            usedRows += used[r] ? 1 : 0;
        }
        if (usedRows == 0) {
            throw new DatasetException(where + ": no rows to learn from" + (train.rows() > 0
                    ? " (every row has a missing cell, and --missing drop leaves those out)" : ""));
        }
        List<Feature> features = new ArrayList<>();
        for (int c : featureColumns) {
            features.add(learn(train, c, used, options.missing()));
        }
        // The label: classes, or a number to regress on.
        boolean numbers = isNumberColumn(train, labelColumn, used);
        TreeSet<String> distinct = new TreeSet<>();
        for (int r = 0; r < train.rows(); r++) {
            if (used[r]) {
                String cell = train.cell(r, labelColumn).strip();
                if (isMissing(cell)) {
                    throw new DatasetException(where + ": row " + (r + 1) + ": the label column '" + labelName
                            + "' is empty; fill it, or pass --missing drop to leave such rows out");
                }
                if (numbers) {
                    number(where, train, r, labelColumn);
                }
                distinct.add(cell);
                if (distinct.size() > MAX_CLASSES && options.task() == Task.CLASSIFICATION) {
                    throw new DatasetException(where + ": the label column '" + labelName + "' has more than "
                            + MAX_CLASSES + " values; for a number to predict, use --task regression");
                }
            }
        }
        Task task = options.task();
        boolean inferred = task == null;
        if (task == null) {
            task = numbers && distinct.size() > MAX_CLASSES_INFERRED ? Task.REGRESSION : Task.CLASSIFICATION;
        }
        if (task == Task.REGRESSION) {
            if (!numbers) {
                throw new DatasetException(where + ": the label column '" + labelName + "' holds text ('"
                        + distinct.first() + "'); regression needs numbers");
            }
            double[] stats = meanAndSd(train, labelColumn, used, Missing.REFUSE);
            if (stats[1] == 0) {
                throw new DatasetException(where + ": the label column '" + labelName + "' holds one value in every"
                        + " row; there is nothing to predict");
            }
            return new ReferenceTablePreparation(labelName, task, options.missing(), features, List.of(), stats[0], stats[1],
                    inferred);
        }
        if (distinct.size() < 2) {
            throw new DatasetException(where + ": the label column '" + labelName + "' has one class ('"
                    + distinct.first() + "'); a classifier needs at least two");
        }
        if (distinct.size() > MAX_CLASSES) {
            throw new DatasetException(where + ": the label column '" + labelName + "' has " + distinct.size()
                    + " values, more than " + MAX_CLASSES + " classes; for a number to predict, use --task regression");
        }
        List<String> classes = new ArrayList<>(distinct);
        if (numbers) {
            classes.sort(Comparator.comparingDouble(ReferenceTablePreparation::parseNumber));
        }
        return new ReferenceTablePreparation(labelName, task, options.missing(), features, classes, 0, 1, inferred);
    }

    private static List<Integer> featureColumns(ReferenceTable table, Options options, int labelColumn) {
        String where = table.name();
        List<Integer> dropped = new ArrayList<>();
        for (String name : options.drop()) {
            dropped.add(table.column(name));
        }
        if (dropped.contains(labelColumn)) {
            throw new DatasetException(where + ": --drop names the label column '" + table.header().get(labelColumn)
                    + "'; choose another label with --label");
        }
        List<Integer> chosen = new ArrayList<>();
        if (!options.features().isEmpty()) {
            for (String name : options.features()) {
                int c = table.column(name);
                if (c == labelColumn) {
                    throw new DatasetException(where + ": '" + name + "' is the label; it cannot also be a feature");
                }
                if (chosen.contains(c)) {
                    throw new DatasetException(where + ": --features names '" + name + "' twice");
                }
                if (dropped.contains(c)) {
                    throw new DatasetException(where + ": '" + name + "' is both in --features and in --drop");
                }
                chosen.add(c);
            }
        } else {
            for (int c = 0; c < table.columns(); c++) {
                if (c != labelColumn && !dropped.contains(c)) {
                    chosen.add(c);
                }
            }
        }
        if (chosen.isEmpty()) {
            throw new DatasetException(where + ": no feature columns are left besides the label '"
                    + table.header().get(labelColumn) + "'");
        }
        return chosen;
    }

    private static Feature learn(ReferenceTable table, int c, boolean[] used, Missing missing) {
        String where = table.name();
        String name = table.header().get(c);
        boolean anyFilled = false;
        for (int r = 0; r < table.rows() && !anyFilled; r++) {
            anyFilled = used[r] && !isMissing(table.cell(r, c).strip());
        }
        if (!anyFilled) {
            throw new DatasetException(where + ": column '" + name + "' is empty in every row; leave it out with --drop "
                    + name);
        }
        if (isNumberColumn(table, c, used)) {
            double[] stats = meanAndSd(table, c, used, missing);
            if (stats[1] == 0) {
                throw new DatasetException(where + ": column '" + name + "' holds one value (" + stats[0]
                        + ") in every row; it cannot help: --drop " + name);
            }
            return new NumberFeature(name, stats[0], stats[1]);
        }
        TreeSet<String> values = new TreeSet<>();
        for (int r = 0; r < table.rows(); r++) {
            if (used[r]) {
                String cell = table.cell(r, c).strip();
                if (isMissing(cell)) {
                    requireAllowed(table, r, c, missing);
                } else {
                    values.add(cell);
                    if (values.size() > MAX_CATEGORIES) {
                        throw new DatasetException(where + ": text column '" + name + "' has more than "
                                + MAX_CATEGORIES + " values (an id?); a category per value teaches nothing: --drop "
                                + name);
                    }
                }
            }
        }
        if (values.size() < 2) {
            throw new DatasetException(where + ": column '" + name + "' holds one value ('" + values.first()
                    + "') in every row; it cannot help: --drop " + name);
        }
        return new TextFeature(name, new ArrayList<>(values));
    }

    /** Whether the column's first filled cell among the used rows is a number. */
    private static boolean isNumberColumn(ReferenceTable table, int c, boolean[] used) {
        for (int r = 0; r < table.rows(); r++) {
            String cell = table.cell(r, c).strip();
            if (used[r] && !isMissing(cell)) {
                return isNumber(cell);
            }
        }
        return false;
    }

    /** Mean and population standard deviation of a number column over the used rows, in row order. */
    private static double[] meanAndSd(ReferenceTable table, int c, boolean[] used, Missing missing) {
        double sum = 0;
        long count = 0;
        for (int r = 0; r < table.rows(); r++) {
            if (used[r]) {
                String cell = table.cell(r, c).strip();
                if (isMissing(cell)) {
                    requireAllowed(table, r, c, missing);
                } else {
                    sum += number(table.name(), table, r, c);
                    count++;
                }
            }
        }
        double mean = sum / count;
        double squares = 0;
        for (int r = 0; r < table.rows(); r++) {
            String cell = table.cell(r, c).strip();
            if (used[r] && !isMissing(cell)) {
                double d = parseNumber(cell) - mean;
                squares += d * d;
            }
        }
        double sd = Math.sqrt(squares / count);
        if (!Double.isFinite(mean) || !Double.isFinite(sd)) {
            throw new DatasetException(table.name() + ": column '" + table.header().get(c) + "' holds numbers too large to"
                    + " standardise (their mean or spread overflows); rescale the column");
        }
        return new double[] {mean, sd};
    }

    private static void requireAllowed(ReferenceTable table, int r, int c, Missing missing) {
        if (missing == Missing.REFUSE) {
            String name = table.header().get(c);
            throw new DatasetException(table.name() + ": row " + (r + 1) + ", column '" + name + "' is empty; fill it,"
                    + " or pass --missing mean (a number column's mean, no category for text) or --missing drop");
        }
    }

    private static boolean complete(ReferenceTable table, int r, int labelColumn, List<Integer> featureColumns) {
        if (isMissing(table.cell(r, labelColumn).strip())) {
            return false;
        }
        for (int c : featureColumns) {
            if (isMissing(table.cell(r, c).strip())) {
                return false;
            }
        }
        return true;
    }

    static boolean isMissing(String stripped) {
        return stripped.length() <= 4 && MISSING.contains(stripped.toLowerCase(Locale.ROOT));
    }

    /**
     * Whether {@code text} is a plain decimal number: an optional sign, digits with at most one
     * decimal point (at least one digit), an optional exponent. No NaN, infinity, hex or suffixes.
     */
    static boolean isNumber(String text) {
        int i = 0;
        int n = text.length();
        if (n == 0 || n > 100) {
            return false;
        }
        if (text.charAt(i) == '+' || text.charAt(i) == '-') {
            i++;
        }
        int digits = 0;
        boolean point = false;
        for (; i < n; i++) {
            char ch = text.charAt(i);
            if (ch >= '0' && ch <= '9') {
                digits++;
            } else if (ch == '.' && !point) {
                point = true;
            } else {
                break;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                i++;
            }
            int exponent = 0;
            for (; i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9'; i++) {
                exponent++;
            }
            if (exponent == 0) {
                return false;
            }
        }
        return i == n && Double.isFinite(Double.parseDouble(text));
    }

    private static double parseNumber(String text) {
        return Double.parseDouble(text.strip());
    }

    private static double number(String where, ReferenceTable table, int r, int c) {
        String cell = table.cell(r, c).strip();
        if (!isNumber(cell)) {
            throw new DatasetException(where + ": row " + (r + 1) + ", column '" + table.header().get(c)
                    + "': expected a number like the rows above, got '" + shorten(cell) + "'");
        }
        return Double.parseDouble(cell);
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }

    /**
     * Makes rows of {@code table} into numbers: the features named in training (in any column
     * order) and, if {@code withLabel}, the label.
     *
     * @throws DatasetException for a missing column, an unparsable number or a label never seen in
     *     training (row and column named), or a missing cell that {@link Missing} refuses
     */
    public Prepared apply(ReferenceTable table, boolean withLabel) {
        int[] columns = new int[features.size()];
        for (int f = 0; f < columns.length; f++) {
            columns[f] = table.column(features.get(f).name());
        }
        int labelColumn = withLabel ? table.column(label) : -1;
        int inputs = inputSize();
        List<Integer> kept = new ArrayList<>();
        for (int r = 0; r < table.rows(); r++) {
            boolean complete = labelColumn < 0 || !isMissing(table.cell(r, labelColumn).strip());
            for (int f = 0; f < columns.length && complete; f++) {
                complete = !isMissing(table.cell(r, columns[f]).strip());
            }
            if (complete || missing != Missing.DROP) {
                kept.add(r);
            }
        }
        float[] x = new float[kept.size() * inputs];
        int[] classes = withLabel && task == Task.CLASSIFICATION ? new int[kept.size()] : null;
        float[] targets = withLabel && task == Task.REGRESSION ? new float[kept.size()] : null;
        int[] sourceRows = new int[kept.size()];
        for (int k = 0; k < kept.size(); k++) {
            int r = kept.get(k);
            sourceRows[k] = r;
            int at = k * inputs;
            for (int f = 0; f < columns.length; f++) {
                Feature feature = features.get(f);
                String cell = table.cell(r, columns[f]).strip();
                if (isMissing(cell)) {
                    requireAllowed(table, r, columns[f], missing);
                } else if (feature instanceof NumberFeature numberFeature) {
                    x[at] = standardised(table, r, columns[f], numberFeature.mean(), numberFeature.sd());
                } else {
                    int index = ((TextFeature) feature).values().indexOf(cell);
                    if (index >= 0) {
                        x[at + index] = 1f;
                    }
                }
                at += feature.width();
            }
            if (withLabel) {
                String cell = table.cell(r, labelColumn).strip();
                if (isMissing(cell)) {
                    throw new DatasetException(table.name() + ": row " + (r + 1) + ": the label column '" + label
                            + "' is empty; fill it, or pass --missing drop to leave such rows out");
                }
                if (task == Task.REGRESSION) {
                    targets[k] = standardised(table, r, labelColumn, targetMean, targetSd);
                } else {
                    int index = classIndex(cell);
                    if (index < 0) {
                        throw new DatasetException(table.name() + ": row " + (r + 1) + ", column '" + label
                                + "': the class '" + shorten(cell) + "' is not one of the training data's: "
                                + String.join(", ", classNames));
                    }
                    classes[k] = index;
                }
            }
        }
        return new Prepared(x, inputs, classes, targets, sourceRows);
    }

    /** (v − mean) / sd as a float, which must be finite: a value far outside training's range is refused. */
    private static float standardised(ReferenceTable table, int r, int c, double mean, double sd) {
        float x = (float) ((number(table.name(), table, r, c) - mean) / sd);
        if (!Float.isFinite(x)) {
            throw new DatasetException(table.name() + ": row " + (r + 1) + ", column '" + table.header().get(c)
                    + "': " + shorten(table.cell(r, c).strip()) + " is too far from the training data's values to use");
        }
        return x;
    }

    private int classIndex(String cell) {
        int index = classNames.indexOf(cell);
        if (index < 0 && isNumber(cell)) {
            double value = Double.parseDouble(cell); // "1.0" is the class "1"
            for (int i = 0; i < classNames.size(); i++) {
                if (Double.parseDouble(classNames.get(i)) == value) {
                    return i;
                }
            }
        }
        return index;
    }

    /** The network's input size: one per number column, one per value of each text column. */
    public int inputSize() {
        int inputs = 0;
        for (Feature feature : features) {
            inputs += feature.width();
        }
        return inputs;
    }

    public Task task() {
        return task;
    }

    /** Whether the task was inferred from the label rather than given. */
    public boolean taskInferred() {
        return inferred;
    }

    public List<Feature> features() {
        return features;
    }

    /** The classes, in output order (classification), else empty. */
    public List<String> classNames() {
        return classNames;
    }

    /** The label's mean and standard deviation (regression; 0 and 1 for classification). */
    public double targetMean() {
        return targetMean;
    }

    public double targetSd() {
        return targetSd;
    }
}
