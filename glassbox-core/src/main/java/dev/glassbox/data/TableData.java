package dev.glassbox.data;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A table made into training and test sets, the same way on every host: the test rows drawn with
 * a seed (stratified by the label's values when they are classes), the preparation learnt from
 * the training rows only — or a model's own preparation applied — and both sets prepared with it.
 *
 * @param train the training rows, prepared
 * @param test the test rows, prepared
 * @param preparation how they were prepared
 */
public record TableData(Dataset train, Dataset test, TablePreparation preparation) {

    /** The default fraction of rows held out for testing. */
    public static final double TEST_FRACTION = 0.2;

    /**
     * Draws {@code fraction} of {@code all}'s rows as the test set with {@code seed}, stratified
     * when the label holds classes (as asked; or, when the task is left to infer, text or at most
     * {@value TablePreparation#MAX_CLASSES_INFERRED} distinct numbers, as {@link TablePreparation#fit}
     * infers it).
     *
     * @return the training rows first, then the test rows
     * @throws DatasetException naming the problem: too few rows to hold any out, an unknown label column
     */
    public static Table[] split(Table all, TablePreparation.Options options, double fraction, long seed) {
        int labelColumn = options.label() == null ? all.columns() - 1 : all.column(options.label());
        // Grouped by the label only when stratified: a regression's label may have a value per row.
        int[] groups = stratified(all, options) ? all.groups(labelColumn) : new int[all.rows()];
        Split split = Split.stratified(groups, fraction, seed);
        if (split.second().length == 0) {
            throw new DatasetException(all.name() + ": " + all.rows() + " rows are too few to hold out a test set");
        }
        return new Table[] {all.select(all.name(), split.first()), all.select(all.name() + " (test)", split.second())};
    }

    /**
     * Whether {@link #split} stratifies {@code all} under {@code options}: its label holds classes.
     * A model's preparation says so ({@link #optionsOf}); with the task left to infer, it must be
     * inferred as the preparation will be, or a model's own split would differ from its training's.
     */
    public static boolean stratified(Table all, TablePreparation.Options options) {
        if (options.task() != null) {
            return options.task() == TablePreparation.Task.CLASSIFICATION;
        }
        int labelColumn = options.label() == null ? all.columns() - 1 : all.column(options.label());
        if (!holdsNumbers(all, labelColumn)) {
            return true;
        }
        // Numbers are classes up to so many distinct values: counted no further, for a regression's label has more.
        Set<String> distinct = new HashSet<>();
        int[] seen = Table.codeMemo(0); // a dictionary column: 1 once a code is counted
        for (int r = 0; r < all.rows(); r++) {
            int code = all.code(r, labelColumn);
            if (code < 0 || seen[code] == 0) {
                if (code >= 0) {
                    seen[code] = 1;
                }
                if (distinct.add(all.text(r, labelColumn)) && distinct.size() > TablePreparation.MAX_CLASSES_INFERRED) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether a column holds numbers, judged by its first cell that is not missing, as a preparation judges it. */
    private static boolean holdsNumbers(Table all, int column) {
        for (int r = 0; r < all.rows(); r++) {
            if (!all.isMissing(r, column)) {
                return all.isNumber(r, column);
            }
        }
        return false;
    }

    /**
     * The training and test sets of {@code train} and {@code test}, prepared with {@code given} or,
     * when it is null, with a preparation learnt from {@code train} under {@code options}.
     */
    public static TableData of(Table train, Table test, TablePreparation.Options options, TablePreparation given) {
        TablePreparation preparation = given != null ? given : TablePreparation.fit(train, options);
        return new TableData(dataset(preparation, train, "train"), dataset(preparation, test, "test"), preparation);
    }

    /** A model's preparation as options, so that its own label and task decide how a table splits. */
    public static TablePreparation.Options optionsOf(TablePreparation preparation) {
        return new TablePreparation.Options(preparation.label(), List.of(), List.of(),
                preparation.missing(), preparation.task());
    }

    /**
     * The rows of {@code table} prepared with {@code preparation}, labels included.
     *
     * @throws DatasetException when no row is left (every one has a missing cell)
     */
    public static Dataset dataset(TablePreparation preparation, Table table, String name) {
        TablePreparation.Prepared rows = preparation.apply(table, true);
        if (rows.rows() == 0) {
            throw new DatasetException(table.name() + ": no rows left to use (every row has a missing cell)");
        }
        return preparation.task() == TablePreparation.Task.REGRESSION
                ? Dataset.ownRegression(name, rows.x(), rows.inputs(), rows.targets())
                : Dataset.ownTable(name, rows.x(), rows.inputs(), rows.classes(), preparation.classNames().size());
    }
}
