package dev.glassbox.data;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@link Table} as it was when every cell was a String, row by row in one flat array: the
 * reference of {@link ReferenceTablePreparation}. A copy of that code, changed only in names and
 * {@code groups} and {@code toString} left out.
 */
final class ReferenceTable {
    /** Most columns a table may have: far beyond any sensible data, well below what exhausts memory. */
    public static final int MAX_COLUMNS = 100_000;

    private final String name;
    private final String[] header;
    private final String[] cells;

    private ReferenceTable(String name, String[] header, String[] cells) {
        this.name = name;
        this.header = header;
        this.cells = cells;
    }

    /**
     * @param name what messages call the table, e.g. its file
     * @param header the column names, distinct and non-empty (surrounding spaces are dropped)
     * @param rows the rows, each with one cell per column; not retained
     * @throws DatasetException naming the problem: no columns, too many, a blank or repeated
     *     name, or a row with another number of cells (its number and both counts)
     */
    public static ReferenceTable of(String name, List<String> header, List<? extends List<String>> rows) {
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
        long total = (long) rows.size() * names.length;
        if (total > Integer.MAX_VALUE - 8) {
            throw new DatasetException(name + ": " + rows.size() + " rows of " + names.length + " cells are more"
                    + " than one table holds; split the file");
        }
        String[] cells = new String[(int) total];
        for (int r = 0; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            if (row.size() != names.length) {
                throw new DatasetException(name + ": row " + (r + 1) + " has " + row.size() + " cells, expected "
                        + names.length + " (one per column of the header)");
            }
            for (int c = 0; c < names.length; c++) {
                String cell = row.get(c);
                cells[r * names.length + c] = cell == null ? "" : cell;
            }
        }
        return new ReferenceTable(name, names, cells);
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
        return cells.length / header.length;
    }

    /** The cell of row {@code row} (from 0) and column {@code column} (from 0), as written. */
    public String cell(int row, int column) {
        return cells[row * header.length + column];
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

    /** The rows {@code chosen}, in that order, as a new table named {@code selectionName}. */
    public ReferenceTable select(String selectionName, int[] chosen) {
        int width = header.length;
        String[] picked = new String[chosen.length * width];
        for (int i = 0; i < chosen.length; i++) {
            if (chosen[i] < 0 || chosen[i] >= rows()) {
                throw new IllegalArgumentException(name + ".select: row " + chosen[i] + " outside 0.." + (rows() - 1));
            }
            System.arraycopy(cells, chosen[i] * width, picked, i * width, width);
        }
        return new ReferenceTable(selectionName, header, picked);
    }
}
