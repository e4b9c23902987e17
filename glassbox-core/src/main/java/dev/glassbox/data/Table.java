package dev.glassbox.data;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A table of cells as a CSV file holds it: a header of column names and rows of as many cells.
 * The host reads the file; {@link CsvTokenizer} splits its bytes into cells and adds them row by
 * row with a {@link Builder}, or a host hands over rows of text with {@link #of}. So
 * the same table comes from a file on the JVM or from bytes in a page. {@link TablePreparation}
 * turns it into numbers.
 *
 * <p>Each cell is classified once, as it is added, by its text stripped of surrounding spaces:
 * <b>missing</b> (blank, or {@code NA}, {@code N/A}, {@code NaN}, {@code null}, {@code ?} in any
 * case), a <b>number</b> (an optional sign, digits with at most one decimal point, an optional
 * exponent; finite, at most 100 characters; its value is {@link Double#parseDouble}'s, computed
 * once), or <b>text</b>. It is stored by column ({@code TableColumn}): a column of few distinct
 * cells as a byte a cell, others as a double and a byte a number (the text kept only where it
 * cannot be written back) and text shared between equal cells. The million rows of 18 number
 * columns, a text column and a label of {@code bench/csv.sh} take 164 MB, where a String a cell
 * took a gigabyte. {@link #cell} still gives every cell as written.
 *
 * <p>Rows are numbered from 1 in messages, as a user counts the lines under the header.
 */
public final class Table {
    /** Most columns a table may have: far beyond any sensible data, well below what exhausts memory. */
    public static final int MAX_COLUMNS = 100_000;
    /** Most cells a table may have: as many as one Java array holds. */
    private static final long MAX_CELLS = Integer.MAX_VALUE - 8;

    private final String name;
    private final String[] header;
    private final TableColumn[] columns;
    private final int rows;
    /** The columns' row of each of this table's rows, or null when they are the same. */
    private final int[] sourceRows;

    private Table(String name, String[] header, TableColumn[] columns, int rows, int[] sourceRows) {
        this.name = name;
        this.header = header;
        this.columns = columns;
        this.rows = rows;
        this.sourceRows = sourceRows;
    }

    /**
     * @param name what messages call the table, e.g. its file
     * @param header the column names, distinct and non-empty (surrounding spaces are dropped)
     * @param rows the rows, each with one cell per column (null for an empty cell); not retained
     * @throws DatasetException naming the problem: no columns, too many, a blank or repeated
     *     name, or a row with another number of cells (its number and both counts)
     */
    public static Table of(String name, List<String> header, List<? extends List<String>> rows) {
        Builder builder = builder(name, header);
        if ((long) rows.size() * header.size() > MAX_CELLS) {
            throw tooMany(name, rows.size(), header.size());
        }
        for (List<String> row : rows) {
            for (String cell : row) {
                builder.cell(cell);
            }
            builder.endRow();
        }
        return builder.build();
    }

    /**
     * A table to fill row by row: {@link Builder#cell} for each cell of a row, then
     * {@link Builder#endRow}; {@link Builder#build} at the end.
     *
     * @param name what messages call the table, e.g. its file
     * @param header the column names, distinct and non-empty (surrounding spaces are dropped)
     * @throws DatasetException naming the problem: no columns, too many, a blank or repeated name
     */
    public static Builder builder(String name, List<String> header) {
        String[] names = header.stream().map(h -> h == null ? "" : h.strip()).toArray(String[]::new);
        if (names.length == 0) {
            throw new DatasetException(name + ": the header row is empty; expected the column names in the first"
                    + " row");
        }
        if (names.length > MAX_COLUMNS) {
            throw new DatasetException(name + ": " + names.length + " columns, more than the " + MAX_COLUMNS
                    + " a table may have");
        }
        Set<String> seen = new HashSet<>();
        for (int c = 0; c < names.length; c++) {
            if (names[c].isEmpty()) {
                throw new DatasetException(name + ": column " + (c + 1) + " has no name in the header row");
            }
            if (!seen.add(names[c])) {
                throw new DatasetException(name + ": two columns are named '" + names[c] + "'; rename one");
            }
        }
        return new Builder(name, names);
    }

    private static DatasetException tooMany(String name, long rows, int columns) {
        return new DatasetException(name + ": " + rows + " rows of " + columns + " cells are more than one table"
                + " holds; split the file");
    }

    /**
     * Fills a table row by row, each cell classified and stored as it comes: nothing of a row is
     * kept but its cells. After it throws, it is not to be used again.
     */
    public static final class Builder {
        private final String name;
        private final String[] header;
        private final TableColumn[] columns;
        private int rows;
        private int rowCells;
        private char[] scratch = new char[64];
        private boolean built;

        private Builder(String name, String[] header) {
            this.name = name;
            this.header = header;
            columns = new TableColumn[header.length];
            for (int c = 0; c < columns.length; c++) {
                columns[c] = new TableColumn();
            }
        }

        /** The next cell of the current row, as written; null is an empty cell. */
        public Builder cell(String text) {
            String cell = text == null ? "" : text;
            if (rowCells < columns.length) {
                if (scratch.length < cell.length()) {
                    scratch = new char[Math.max(cell.length(), scratch.length * 2)];
                }
                cell.getChars(0, cell.length(), scratch, 0);
                columns[rowCells].add(scratch, 0, cell.length(), cell);
            }
            rowCells++;
            return this;
        }

        /** The next cell of the current row: the text {@code chars[from, to)}, copied if it is kept. */
        public Builder cell(char[] chars, int from, int to) {
            if (from < 0 || from > to || to > chars.length) {
                throw new IndexOutOfBoundsException("Table.Builder.cell: [" + from + ", " + to + ") outside 0.."
                        + chars.length);
            }
            if (rowCells < columns.length) {
                columns[rowCells].add(chars, from, to, null);
            }
            rowCells++;
            return this;
        }

        /** The next cell, a number written plainly, as {@link TableColumn#addPlain} takes it. */
        Builder plainNumber(double value, int decimals) {
            if (rowCells < columns.length) {
                columns[rowCells].addPlain(value, decimals);
            }
            rowCells++;
            return this;
        }

        /**
         * Ends the current row.
         *
         * @throws DatasetException if the row has another number of cells than the header (its
         *     number and both counts), or the table would have more cells than one holds
         */
        public Builder endRow() {
            if (rowCells != columns.length) {
                throw new DatasetException(name + ": row " + (rows + 1) + " has " + rowCells + " cells, expected "
                        + columns.length + " (one per column of the header)");
            }
            if ((long) (rows + 1) * columns.length > MAX_CELLS) {
                throw tooMany(name, rows + 1, columns.length);
            }
            rows++;
            rowCells = 0;
            return this;
        }

        /** The rows ended so far. */
        public int rows() {
            return rows;
        }

        /** The table of the rows ended; a row begun and not ended is an error of the caller. */
        public Table build() {
            if (rowCells != 0 || built) {
                throw new IllegalStateException("Table.Builder.build: " + (built ? "already built"
                        : "row " + (rows + 1) + " has " + rowCells + " cells and no endRow()"));
            }
            built = true;
            for (TableColumn column : columns) {
                column.trim();
            }
            return new Table(name, header, columns, rows, null);
        }
    }

    public String name() {
        return name;
    }

    /** The column names, in file order. */
    public List<String> header() {
        return List.of(header);
    }

    public int columns() {
        return header.length;
    }

    public int rows() {
        return rows;
    }

    /** The cell of row {@code row} (from 0) and column {@code column} (from 0), as written. */
    public String cell(int row, int column) {
        return columns[column].written(source(checkRow(row)));
    }

    /**
     * The index of the column named {@code column}.
     *
     * @throws DatasetException naming the columns there are, if there is none of that name
     */
    public int column(String column) {
        for (int c = 0; c < header.length; c++) {
            if (header[c].equals(column.strip())) {
                return c;
            }
        }
        throw new DatasetException(name + ": no column named '" + column + "'; the columns are "
                + String.join(", ", Arrays.asList(header)));
    }

    /**
     * The rows {@code chosen}, in that order, as a new table named {@code selectionName}. It
     * shares this table's cells: a selection costs an int per row.
     */
    public Table select(String selectionName, int[] chosen) {
        int[] picked = new int[chosen.length];
        for (int i = 0; i < chosen.length; i++) {
            if (chosen[i] < 0 || chosen[i] >= rows) {
                throw new IllegalArgumentException(name + ".select: row " + chosen[i] + " outside 0.." + (rows - 1));
            }
            picked[i] = sourceRows == null ? chosen[i] : sourceRows[chosen[i]];
        }
        return new Table(selectionName, header, columns, picked.length, picked);
    }

    /**
     * Each row's group by the text of column {@code column} (surrounding spaces dropped): rows
     * with equal cells share a number, numbered in order of first appearance.
     */
    public int[] groups(int column) {
        Map<String, Integer> ids = new HashMap<>();
        int[] byCode = codeMemo(-1); // a dictionary column: each code's group, looked up once
        int[] groups = new int[rows];
        for (int r = 0; r < groups.length; r++) {
            int code = code(r, column);
            int group = code >= 0 ? byCode[code] : -1;
            if (group < 0) {
                group = ids.computeIfAbsent(text(r, column), k -> ids.size());
                if (code >= 0) {
                    byCode[code] = group;
                }
            }
            groups[r] = group;
        }
        return groups;
    }

    // What the preparation reads: each cell's kind, number and stripped text, classified once.

    private int checkRow(int row) {
        if (row < 0 || row >= rows) {
            throw new IndexOutOfBoundsException(name + ": row " + row + " outside 0.." + (rows - 1));
        }
        return row;
    }

    /** The columns' row of row {@code row}, which must be below {@link #rows()}. */
    private int source(int row) {
        return sourceRows == null ? row : sourceRows[row];
    }

    /** What the cell is: {@link TableColumn#MISSING} (see the class comment), {@code NUMBER} or {@code TEXT}. */
    byte kind(int row, int column) {
        return columns[column].kind(source(row));
    }

    /** Whether the cell is missing: blank, NA, N/A, NaN, null or ? (see the class comment). */
    boolean isMissing(int row, int column) {
        return kind(row, column) == TableColumn.MISSING;
    }

    /** Whether the cell is a number (see the class comment). */
    boolean isNumber(int row, int column) {
        return kind(row, column) == TableColumn.NUMBER;
    }

    /**
     * The value of a number cell ({@link #isNumber}): {@link Double#parseDouble} of its text;
     * NaN for any other cell (a number is never NaN), which spares a look at its kind.
     */
    double number(int row, int column) {
        return columns[column].number(source(row));
    }

    /** The cell without surrounding spaces; equal cells of a column with few values share one String. */
    String text(int row, int column) {
        return columns[column].stripped(source(row));
    }

    /**
     * The cell's code in its column's dictionary, below {@link TableColumn#MAX_DICTIONARY}: cells
     * of a column with one code are the same text, so what is learnt of one holds for all (see
     * {@link #codeMemo}). -1 in a column with too many distinct cells for a dictionary.
     */
    int code(int row, int column) {
        return columns[column].code(source(row));
    }

    /**
     * An array to remember something per dictionary code, each entry {@code unknown}: a label's
     * class or a text's category found once per code rather than looked up by text in every row.
     */
    static int[] codeMemo(int unknown) {
        int[] memo = new int[TableColumn.MAX_DICTIONARY];
        Arrays.fill(memo, unknown);
        return memo;
    }

    @Override
    public String toString() {
        return "Table[" + name + ", " + rows + " rows, " + header.length + " columns]";
    }
}
