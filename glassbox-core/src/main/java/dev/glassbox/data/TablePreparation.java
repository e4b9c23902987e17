package dev.glassbox.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

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
 * {@code ?}; what then happens is {@link Missing}'s choice. The {@link Table} decided what each
 * cell is, and parsed its number, once; this class reads those. Everything it learned is written
 * to a model's metadata and read back ({@code io.TableJson}) with the same checks ({@link #restore}).
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
        Set<String> distinct = new HashSet<>();
        // Past 20 distinct numbers the label is regressed on, unless told otherwise: no need to count them all.
        boolean counting = true;
        int[] counted = Table.codeMemo(0); // a dictionary column: 1 once a code's text is in distinct
        for (int r = 0; r < train.rows(); r++) {
            if (used[r]) {
                if (train.isMissing(r, labelColumn)) {
                    throw new DatasetException(where + ": row " + (r + 1) + ": the label column '" + labelName
                            + "' is empty; fill it, or pass --missing drop to leave such rows out");
                }
                if (numbers) {
                    number(train, r, labelColumn);
                }
                int code = train.code(r, labelColumn);
                if (counting && (code < 0 || counted[code] == 0)) {
                    if (code >= 0) {
                        counted[code] = 1;
                    }
                    distinct.add(train.text(r, labelColumn));
                    if (distinct.size() > MAX_CLASSES && options.task() == Task.CLASSIFICATION) {
                        throw new DatasetException(where + ": the label column '" + labelName + "' has more than "
                                + MAX_CLASSES + " values; for a number to predict, use --task regression");
                    }
                    counting = !(numbers && options.task() != Task.CLASSIFICATION
                            && distinct.size() > MAX_CLASSES_INFERRED);
                }
            }
        }
        List<String> sorted = sorted(distinct);
        Task task = options.task();
        boolean inferred = task == null;
        if (task == null) {
            task = numbers && distinct.size() > MAX_CLASSES_INFERRED ? Task.REGRESSION : Task.CLASSIFICATION;
        }
        if (task == Task.REGRESSION) {
            if (!numbers) {
                throw new DatasetException(where + ": the label column '" + labelName + "' holds text ('"
                        + sorted.get(0) + "'); regression needs numbers");
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
                    + sorted.get(0) + "'); a classifier needs at least two");
        }
        if (distinct.size() > MAX_CLASSES) {
            throw new DatasetException(where + ": the label column '" + labelName + "' has " + distinct.size()
                    + " values, more than " + MAX_CLASSES + " classes; for a number to predict, use --task regression");
        }
        List<String> classes = sorted;
        if (numbers) {
            classes.sort(Comparator.comparingDouble(Double::parseDouble));
        }
        return new TablePreparation(labelName, task, options.missing(), features, classes, 0, 1, inferred);
    }

    /** The distinct values in their natural order (a TreeSet's, without its cost per row). */
    private static List<String> sorted(Set<String> distinct) {
        List<String> sorted = new ArrayList<>(distinct);
        sorted.sort(null);
        return sorted;
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
            anyFilled = used[r] && !table.isMissing(r, c);
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
        Set<String> values = new HashSet<>();
        int[] seen = Table.codeMemo(0); // a dictionary column: 1 once a code's cell has been through here
        for (int r = 0; r < table.rows(); r++) {
            int code = table.code(r, c);
            if (used[r] && (code < 0 || seen[code] == 0)) {
                if (code >= 0) {
                    seen[code] = 1;
                }
                if (table.isMissing(r, c)) {
                    requireAllowed(table, r, c, missing);
                } else {
                    values.add(table.text(r, c));
                    if (values.size() > MAX_CATEGORIES) {
                        throw new DatasetException(where + ": text column '" + name + "' has more than "
                                + MAX_CATEGORIES + " values (an id?); a category per value teaches nothing: --drop "
                                + name);
                    }
                }
            }
        }
        List<String> sorted = sorted(values);
        if (sorted.size() < 2) {
            throw new DatasetException(where + ": column '" + name + "' holds one value ('" + sorted.get(0)
                    + "') in every row; it cannot help: --drop " + name);
        }
        return new TextFeature(name, sorted);
    }

    /** Whether the column's first filled cell among the used rows is a number. */
    private static boolean isNumberColumn(Table table, int c, boolean[] used) {
        for (int r = 0; r < table.rows(); r++) {
            if (used[r] && !table.isMissing(r, c)) {
                return table.isNumber(r, c);
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
                double v = table.number(r, c); // NaN: not a number
                if (v == v) {
                    sum += v;
                    count++;
                } else if (table.isMissing(r, c)) {
                    requireAllowed(table, r, c, missing);
                } else {
                    throw notANumber(table, r, c);
                }
            }
        }
        double mean = sum / count;
        double squares = 0;
        for (int r = 0; r < table.rows(); r++) {
            double v = table.number(r, c);
            if (used[r] && v == v) {
                double d = v - mean;
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
        if (table.isMissing(r, labelColumn)) {
            return false;
        }
        for (int c : featureColumns) {
            if (table.isMissing(r, c)) {
                return false;
            }
        }
        return true;
    }

    /** The number in a cell of a number column; text there is an error naming the row and column. */
    private static double number(Table table, int r, int c) {
        if (!table.isNumber(r, c)) {
            throw notANumber(table, r, c);
        }
        return table.number(r, c);
    }

    private static DatasetException notANumber(Table table, int r, int c) {
        return new DatasetException(table.name() + ": row " + (r + 1) + ", column '" + table.header().get(c)
                + "': expected a number like the rows above, got '" + shorten(table.text(r, c)) + "'");
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
        int[] kept = new int[table.rows()];
        int rows = 0;
        for (int r = 0; r < table.rows(); r++) {
            boolean complete = missing != Missing.DROP || labelColumn < 0 || !table.isMissing(r, labelColumn);
            for (int f = 0; f < columns.length && complete && missing == Missing.DROP; f++) {
                complete = !table.isMissing(r, columns[f]);
            }
            if (complete) {
                kept[rows++] = r;
            }
        }
        Filling filling = new Filling(table, columns, labelColumn, Arrays.copyOf(kept, rows));
        for (int from = 0; from < rows; from += Filling.ROWS) {
            int to = Math.min(rows, from + Filling.ROWS);
            if (!filling.byColumn(from, to)) {
                for (int k = from; k < to; k++) {
                    filling.row(k);
                }
            }
        }
        return new Prepared(filling.x, inputSize(), filling.classes, filling.targets, filling.sourceRows);
    }

    /**
     * The arrays {@link #apply} fills, and how. Rows go by groups of {@link #ROWS}, each column
     * down the group in turn: reading row by row, 20 columns at once, was more streams than the
     * processor prefetches, and took twice as long. A group with anything out of the ordinary — a
     * missing cell, text in a number column, a value too far out, an unknown class — is done again
     * row by row, which meets (and reports) the first problem in reading order, as it always did.
     */
    private final class Filling {
        static final int ROWS = 256;
        static final int UNSEEN = -3;
        static final int MISSING = -2;

        final Table table;
        final int[] columns;
        final int labelColumn;
        final int[] sourceRows;
        final int inputs = inputSize();
        final float[] x;
        final int[] classes;
        final float[] targets;
        // Each feature's place in a row, its mean and sd (number) or its values' index (text).
        final int[] offsets;
        final double[] means;
        final double[] sds;
        final List<Map<String, Integer>> valueIndex = new ArrayList<>();
        final Map<String, Integer> classIndex = indexOf(classNames);
        final double[] classValues = new double[classNames.size()];
        // What byColumn found for each dictionary code: a text feature's category, the label's class.
        final int[][] categoryOfCode;
        final int[] classOfCode = Table.codeMemo(UNSEEN);

        Filling(Table table, int[] columns, int labelColumn, int[] sourceRows) {
            this.table = table;
            this.columns = columns;
            this.labelColumn = labelColumn;
            this.sourceRows = sourceRows;
            x = new float[sourceRows.length * inputs];
            classes = labelColumn >= 0 && task == Task.CLASSIFICATION ? new int[sourceRows.length] : null;
            targets = labelColumn >= 0 && task == Task.REGRESSION ? new float[sourceRows.length] : null;
            offsets = new int[columns.length];
            means = new double[columns.length];
            sds = new double[columns.length];
            categoryOfCode = new int[columns.length][];
            for (int f = 0, at = 0; f < columns.length; at += features.get(f).width(), f++) {
                offsets[f] = at;
                if (features.get(f) instanceof NumberFeature number) {
                    means[f] = number.mean();
                    sds[f] = number.sd();
                }
                valueIndex.add(features.get(f) instanceof TextFeature text ? indexOf(text.values()) : null);
                categoryOfCode[f] = features.get(f) instanceof TextFeature ? Table.codeMemo(UNSEEN) : null;
            }
            for (int i = 0; i < classValues.length; i++) {
                classValues[i] = classValue(classNames.get(i));
            }
        }

        /** Rows {@code [from, to)}, column by column; false if any cell there is out of the ordinary. */
        boolean byColumn(int from, int to) {
            for (int f = 0; f < columns.length; f++) {
                Map<String, Integer> values = valueIndex.get(f);
                for (int k = from; k < to; k++) {
                    int r = sourceRows[k];
                    if (values == null) {
                        // not a number: NaN; too far out: infinite. Either way not finite.
                        float v = (float) ((table.number(r, columns[f]) - means[f]) / sds[f]);
                        if (!Float.isFinite(v)) {
                            return false;
                        }
                        x[k * inputs + offsets[f]] = v;
                    } else {
                        int index = category(f, r);
                        if (index == MISSING) {
                            return false;
                        }
                        if (index >= 0) {
                            x[k * inputs + offsets[f] + index] = 1f;
                        }
                    }
                }
            }
            for (int k = from; k < to && labelColumn >= 0; k++) {
                int r = sourceRows[k];
                if (task == Task.REGRESSION) {
                    float v = (float) ((table.number(r, labelColumn) - targetMean) / targetSd);
                    if (!Float.isFinite(v)) {
                        return false;
                    }
                    targets[k] = v;
                } else {
                    int code = table.code(r, labelColumn);
                    int index = code >= 0 ? classOfCode[code] : UNSEEN;
                    if (index == UNSEEN) {
                        index = table.isMissing(r, labelColumn) ? -1
                                : classIndex(classIndex, classValues, table, r, labelColumn);
                        if (code >= 0) {
                            classOfCode[code] = index;
                        }
                    }
                    if (index < 0) {
                        return false;
                    }
                    classes[k] = index;
                }
            }
            return true;
        }

        /** Row r's category in text feature f: its index, -1 for a value training never saw, or MISSING. */
        int category(int f, int r) {
            int code = table.code(r, columns[f]);
            int index = code >= 0 ? categoryOfCode[f][code] : UNSEEN;
            if (index == UNSEEN) {
                Integer known = table.isMissing(r, columns[f]) ? Integer.valueOf(MISSING)
                        : valueIndex.get(f).get(table.text(r, columns[f]));
                index = known == null ? -1 : known;
                if (code >= 0) {
                    categoryOfCode[f][code] = index;
                }
            }
            return index;
        }

        /** Row {@code k}, refusing (naming the cell) whatever cannot be prepared. */
        void row(int k) {
            int r = sourceRows[k];
            for (int f = 0; f < columns.length; f++) {
                int at = k * inputs + offsets[f];
                boolean numbers = valueIndex.get(f) == null;
                double v = numbers ? table.number(r, columns[f]) : Double.NaN;
                if (v == v) {
                    x[at] = standardised(table, r, columns[f], v, means[f], sds[f]);
                } else if (table.isMissing(r, columns[f])) {
                    requireAllowed(table, r, columns[f], missing); // allowed: 0, the mean once standardised
                } else if (numbers) {
                    throw notANumber(table, r, columns[f]);
                } else {
                    Integer index = valueIndex.get(f).get(table.text(r, columns[f]));
                    if (index != null) {
                        x[at + index] = 1f;
                    }
                }
            }
            if (labelColumn < 0) {
                return;
            }
            if (table.isMissing(r, labelColumn)) {
                throw new DatasetException(table.name() + ": row " + (r + 1) + ": the label column '" + label
                        + "' is empty; fill it, or pass --missing drop to leave such rows out");
            }
            if (task == Task.REGRESSION) {
                targets[k] = standardised(table, r, labelColumn, number(table, r, labelColumn), targetMean, targetSd);
            } else {
                int index = classIndex(classIndex, classValues, table, r, labelColumn);
                if (index < 0) {
                    throw new DatasetException(table.name() + ": row " + (r + 1) + ", column '" + label
                            + "': the class '" + shorten(table.text(r, labelColumn)) + "' is not one of the"
                            + " training data's: " + String.join(", ", classNames));
                }
                classes[k] = index;
            }
        }
    }

    /** Each value's first position in {@code values}. */
    private static Map<String, Integer> indexOf(List<String> values) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < values.size(); i++) {
            index.putIfAbsent(values.get(i), i);
        }
        return index;
    }

    /**
     * (v − mean) / sd as a float, which must be finite: a value far outside training's range is
     * refused, naming the cell (row {@code r}, column {@code c}) that holds v.
     */
    private static float standardised(Table table, int r, int c, double v, double mean, double sd) {
        float x = (float) ((v - mean) / sd);
        if (!Float.isFinite(x)) {
            throw new DatasetException(table.name() + ": row " + (r + 1) + ", column '" + table.header().get(c)
                    + "': " + shorten(table.text(r, c)) + " is too far from the training data's values to use");
        }
        return x;
    }

    /**
     * The class of a label cell: the class of that name, or else, for a number, the first class
     * whose name parses to the same value ("1.0" is the class "1"); -1 if none.
     */
    private static int classIndex(Map<String, Integer> byName, double[] classValues, Table table, int r, int c) {
        Integer index = byName.get(table.text(r, c));
        if (index != null) {
            return index;
        }
        if (table.isNumber(r, c)) {
            double value = table.number(r, c);
            for (int i = 0; i < classValues.length; i++) {
                if (classValues[i] == value) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** A class name as Double.parseDouble reads it, or NaN (equal to nothing) if it reads none. */
    private static double classValue(String name) {
        try {
            return Double.parseDouble(name);
        } catch (NumberFormatException notANumber) {
            return Double.NaN;
        }
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
