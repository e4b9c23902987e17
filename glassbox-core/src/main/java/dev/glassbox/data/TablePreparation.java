package dev.glassbox.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * How a {@link Table} becomes network inputs and targets, learned from the training rows and then
 * applied unchanged to any other rows (the test split, rows to predict):
 * <ul>
 * <li>a <b>number</b> column is standardised, {@code x = (v − mean) / sd}, with the training rows'
 *     mean and population standard deviation;
 * <li>a <b>text</b> column is one-hot encoded over the values seen in training, sorted; a value
 *     never seen gives all zeros;
 * <li>the <b>label</b> is a class (its values sorted: numerically when they are numbers) or, for
 *     regression, a number standardised like a feature.
 * </ul>
 * A column is a number column when its first filled cell is a number (an optional sign, digits, a
 * decimal point, an exponent; no NaN or infinity) — then every cell must be one. A cell is
 * missing when it is blank or one of {@code NA}, {@code N/A}, {@code NaN}, {@code null},
 * {@code ?}; what then happens is {@link Missing}'s choice. Everything it learned is written to a
 * model's metadata and read back ({@code io.TableJson}) with the same checks ({@link #restore}).
 *
 * <p>What it is not: a CSV parser (the host reads the file into a {@link Table}), nor a feature
 * engineer: it never invents columns, and refuses the ones that cannot help (constant, empty, or a
 * text column with a value per row, such as an id).
 */
public final class TablePreparation {
    /** A text column with more values than this is refused: a category per value teaches nothing. */
    public static final int MAX_CATEGORIES = 1000;
    /** A number label with more distinct values than this is taken for regression, unless told. */
    public static final int MAX_CLASSES_INFERRED = 20;
    /** Most classes a label may have. */
    public static final int MAX_CLASSES = 1000;

    private static final Set<String> MISSING = Set.of("", "na", "n/a", "nan", "null", "?");

    /** Classification (one output per class) or regression (one number). */
    public enum Task {
        CLASSIFICATION, REGRESSION;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What a missing cell does. */
    public enum Missing {
        /** A missing cell is an error naming its row and column. */
        REFUSE,
        /** A number column's mean (0 once standardised), a text column's all-zero code; a missing label is still an error. */
        MEAN,
        /** Rows with a missing cell in a column used are left out. */
        DROP;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Which columns, and what to do.
     *
     * @param label the label column, or null for the last column
     * @param features the feature columns, or empty for all but the label and {@code drop}
     * @param drop columns left out
     * @param task null to infer it from the label (numbers with many distinct values: regression)
     */
    public record Options(String label, List<String> features, List<String> drop, Missing missing, Task task) {
        public Options {
            features = List.copyOf(features);
            drop = List.copyOf(drop);
            if (missing == null) {
                throw new IllegalArgumentException("TablePreparation.Options: missing is required");
            }
        }

        /** The last column is the label, every other a feature; missing cells refused; the task inferred. */
        public static Options defaults() {
            return new Options(null, List.of(), List.of(), Missing.REFUSE, null);
        }
    }

    /** One feature column and how it becomes inputs. */
    public sealed interface Feature permits NumberFeature, TextFeature {
        String name();

        /** How many inputs it becomes. */
        int width();
    }

    /** A standardised number column. */
    public record NumberFeature(String name, double mean, double sd) implements Feature {
        @Override
        public int width() {
            return 1;
        }
    }

    /** A one-hot text column over its training values, sorted. */
    public record TextFeature(String name, List<String> values) implements Feature {
        public TextFeature {
            values = List.copyOf(values);
        }

        @Override
        public int width() {
            return values.size();
        }
    }

    /**
     * Rows made into numbers.
     *
     * @param x (rows, inputs) row-major
     * @param classes each row's class index (classification), else null
     * @param targets each row's standardised target (regression), else null
     * @param sourceRows which rows of the table these are (all of them unless {@link Missing#DROP} left some out)
     */
    public record Prepared(float[] x, int inputs, int[] classes, float[] targets, int[] sourceRows) {
        public int rows() {
            return sourceRows.length;
        }
    }

    private final String label;
    private final Task task;
    private final Missing missing;
    private final List<Feature> features;
    private final List<String> classNames;
    private final double targetMean;
    private final double targetSd;
    private final boolean inferred;

    private TablePreparation(String label, Task task, Missing missing, List<Feature> features, List<String> classNames,
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
    public static TablePreparation fit(Table train, Options options) {
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
            return new TablePreparation(labelName, task, options.missing(), features, List.of(), stats[0], stats[1],
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
            classes.sort(Comparator.comparingDouble(TablePreparation::parseNumber));
        }
        return new TablePreparation(labelName, task, options.missing(), features, classes, 0, 1, inferred);
    }

    private static List<Integer> featureColumns(Table table, Options options, int labelColumn) {
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

    private static Feature learn(Table table, int c, boolean[] used, Missing missing) {
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
    private static boolean isNumberColumn(Table table, int c, boolean[] used) {
        for (int r = 0; r < table.rows(); r++) {
            String cell = table.cell(r, c).strip();
            if (used[r] && !isMissing(cell)) {
                return isNumber(cell);
            }
        }
        return false;
    }

    /** Mean and population standard deviation of a number column over the used rows, in row order. */
    private static double[] meanAndSd(Table table, int c, boolean[] used, Missing missing) {
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

    private static void requireAllowed(Table table, int r, int c, Missing missing) {
        if (missing == Missing.REFUSE) {
            String name = table.header().get(c);
            throw new DatasetException(table.name() + ": row " + (r + 1) + ", column '" + name + "' is empty; fill it,"
                    + " or pass --missing mean (a number column's mean, no category for text) or --missing drop");
        }
    }

    private static boolean complete(Table table, int r, int labelColumn, List<Integer> featureColumns) {
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

    private static double number(String where, Table table, int r, int c) {
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
    public Prepared apply(Table table, boolean withLabel) {
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
    private static float standardised(Table table, int r, int c, double mean, double sd) {
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

    /** The network's output size: one per class, or one number. */
    public int outputSize() {
        return task == Task.REGRESSION ? 1 : classNames.size();
    }

    public Task task() {
        return task;
    }

    /** Whether the task was inferred from the label rather than given. */
    public boolean taskInferred() {
        return inferred;
    }

    public String label() {
        return label;
    }

    public List<Feature> features() {
        return features;
    }

    /** The classes, in output order (classification), else empty. */
    public List<String> classNames() {
        return classNames;
    }

    /** A standardised regression output back in the label's units. */
    public double target(float standardised) {
        return standardised * targetSd + targetMean;
    }

    /** The label's mean and standard deviation (regression; 0 and 1 for classification). */
    public double targetMean() {
        return targetMean;
    }

    public double targetSd() {
        return targetSd;
    }

    public Missing missing() {
        return missing;
    }

    /**
     * A preparation as a model file recorded it ({@code io.TableJson} reads it), checked as if it
     * had been learned.
     *
     * @throws DatasetException naming what does not hold
     */
    public static TablePreparation restore(String label, Task task, Missing missing, List<Feature> features,
            List<String> classNames, double targetMean, double targetSd) {
        if (label == null || label.isEmpty() || task == null || missing == null) {
            throw new DatasetException("the label, the task and the missing-cell rule are required");
        }
        if (features.isEmpty() || features.size() > Table.MAX_COLUMNS) {
            throw new DatasetException("features: expected 1.." + Table.MAX_COLUMNS + " columns, got " + features.size());
        }
        long inputs = 0;
        for (Feature feature : features) {
            if (feature instanceof NumberFeature n && !(Double.isFinite(n.mean()) && n.sd() > 0
                    && Double.isFinite(n.sd()))) {
                throw new DatasetException(n.name() + ": expected a finite mean and a positive sd");
            }
            if (feature instanceof TextFeature t && (t.values().size() < 2 || t.values().size() > MAX_CATEGORIES)) {
                throw new DatasetException(t.name() + ": expected 2.." + MAX_CATEGORIES + " values, got "
                        + t.values().size());
            }
            inputs += feature.width();
        }
        if (inputs > 1_000_000) {
            throw new DatasetException("features: " + inputs + " inputs, more than a table model may have");
        }
        if (task == Task.REGRESSION && !(Double.isFinite(targetMean) && targetSd > 0 && Double.isFinite(targetSd))) {
            throw new DatasetException("the target's mean must be finite and its sd positive");
        }
        if (task == Task.CLASSIFICATION && (classNames.size() < 2 || classNames.size() > MAX_CLASSES)) {
            throw new DatasetException("classes: expected 2.." + MAX_CLASSES + ", got " + classNames.size());
        }
        return new TablePreparation(label, task, missing, features,
                task == Task.REGRESSION ? List.of() : classNames, task == Task.REGRESSION ? targetMean : 0,
                task == Task.REGRESSION ? targetSd : 1, false);
    }

    /**
     * Two preparations are equal when they turn every table into the same numbers: same label,
     * task, missing-cell rule, features, classes and target scaling (whether the task was
     * inferred or asked for does not matter).
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof TablePreparation p && label.equals(p.label) && task == p.task && missing == p.missing
                && features.equals(p.features) && classNames.equals(p.classNames)
                && Double.compare(targetMean, p.targetMean) == 0 && Double.compare(targetSd, p.targetSd) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(label, task, missing, features, classNames, targetMean, targetSd);
    }

    @Override
    public String toString() {
        return "TablePreparation[label=" + label + ", " + task.key() + ", " + features.size() + " features → "
                + inputSize() + " inputs, " + outputSize() + " outputs]";
    }
}
