package dev.glassbox.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * CSV text into a {@link Table}, fed in pieces as the host reads and decodes it: the first record
 * is the header, the others rows. The dialect is RFC 4180 as Apache Commons CSV's {@code RFC4180}
 * format reads it with empty lines ignored, and this class gives the same cells and the same
 * messages:
 * <ul>
 * <li>records end at CR, LF or CR LF; lines with no character at all are skipped;
 * <li>a cell is everything up to the next delimiter or line end, spaces and quotes included — or,
 *     if it starts with {@code "}, everything up to the next lone {@code "} (a doubled one stands
 *     for one; delimiters and line ends inside are text), after which only spaces may come before
 *     the delimiter or line end;
 * <li>a delimiter at the very end makes an empty last cell.
 * </ul>
 * Each cell goes to the table's builder as it ends, so no row is ever held as text. A cell split
 * between two pieces is parsed again when its end arrives (at most as often as its length
 * doubles, so even a huge quoted cell costs linear time).
 *
 * <p>What it is not: a reader of files or bytes (the host decodes them: the text here is
 * characters), nor a sniffer of delimiters (the host chooses one), nor a writer.
 */
public final class CsvTokenizer {
    private static final int INCOMPLETE = -1;

    private final String name;
    private final char delimiter;
    private char[] buffer = new char[1 << 16];
    private int start; // the first character not yet parsed
    private int end; // the end of the text in the buffer
    private long offset; // how many characters came before buffer[0]
    private int retryAt; // parse again once the text reaches this far
    private long lineBreaks; // CR, and LF not after CR, parsed so far: for messages
    private boolean lfMayFollow; // a record ended with the CR that ends the buffer
    private boolean rowStart = true;
    private char[] unquoted = new char[64];

    private List<String> header = new ArrayList<>();
    private Table.Builder rows;
    private DatasetException badHeader; // reported at the end, after the rows are checked (as they always were)
    private int columns; // 0 until the header has ended
    private int cells; // in the current record
    private long records; // ended so far, the header included
    private boolean finished;

    /**
     * @param name what messages call the table, e.g. its file
     * @param delimiter between cells: a comma, semicolon or tab; not a quote, a line end, a digit,
     *     a point or a minus
     */
    public CsvTokenizer(String name, char delimiter) {
        if (delimiter == '"' || delimiter == '\r' || delimiter == '\n' || delimiter == '-' || delimiter == '.'
                || (delimiter >= '0' && delimiter <= '9')) {
            throw new IllegalArgumentException("CsvTokenizer: the delimiter cannot be a quote, a line end or part of a"
                    + " number, got '" + delimiter + "'");
        }
        this.name = name;
        this.delimiter = delimiter;
    }

    /**
     * Parses the next piece of text, {@code chars[from, to)}; not retained.
     *
     * @throws DatasetException naming the problem: a character after a closing quote, a row of
     *     another number of cells than the header, a header of too many columns or of blank or
     *     repeated names
     */
    public void feed(char[] chars, int from, int to) {
        if (finished) {
            throw new IllegalStateException("CsvTokenizer.feed: already finished");
        }
        int length = to - from;
        if (end + length > buffer.length) {
            int pending = end - start;
            if (pending + length > buffer.length / 2) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length, pending + length) * 2);
            }
            System.arraycopy(buffer, start, buffer, 0, pending);
            offset += start;
            retryAt -= start;
            end = pending;
            start = 0;
        }
        System.arraycopy(chars, from, buffer, end, length);
        end += length;
        if (end >= retryAt) {
            parse(false);
        }
    }

    /**
     * Ends the text.
     *
     * @return the table of the rows under the header
     * @throws DatasetException as {@link #feed} does, and for a quote never closed, no header, or
     *     no rows under it
     */
    public Table finish() {
        if (finished) {
            throw new IllegalStateException("CsvTokenizer.finish: already finished");
        }
        finished = true;
        parse(true);
        if (columns == 0) {
            throw new DatasetException(name + ": the file is empty; expected a header row and rows of data");
        }
        if (records == 1) {
            throw new DatasetException(name + ": the header row has no rows of data under it");
        }
        if (badHeader != null) {
            throw badHeader;
        }
        return rows.build();
    }

    /** Parses cells until the text runs out; {@code last}: no more will come. */
    private void parse(boolean last) {
        while (true) {
            if (rowStart) {
                skipEmptyLines();
                if (start == end) {
                    return; // more text, or the end
                }
            } else if (start == end) {
                if (last) { // a delimiter just before the end: an empty last cell
                    cell(buffer, start, start, false);
                    endRecord();
                }
                return;
            }
            int next = buffer[start] == '"' ? quoted(last) : simple(last);
            if (next == INCOMPLETE) {
                retryAt = end + Math.max(1, end - start);
                return;
            }
        }
    }

    /** Skips line ends at the start of a record: empty lines (and the LF of a CR LF split between pieces). */
    private void skipEmptyLines() {
        while (start < end) {
            char c = buffer[start];
            if (c == '\n') {
                lineBreaks += lfMayFollow ? 0 : 1;
            } else if (c == '\r') {
                lineBreaks++;
            } else {
                break;
            }
            lfMayFollow = c == '\r';
            start++;
        }
        if (start < end) {
            lfMayFollow = false;
        }
    }

    /**
     * A cell not in quotes; returns where the next begins, or {@link #INCOMPLETE}. A number's
     * digits are read on the way (most cells of a big table are numbers), which spares the table
     * a second pass over them.
     */
    private int simple(boolean last) {
        int from = start;
        char[] text = buffer;
        char d = delimiter;
        int i = from < end && text[from] == '-' ? from + 1 : from;
        long units = 0;
        int point = -1;
        boolean digits = true; // and at most one point
        for (; i < end; i++) {
            char c = text[i];
            int digit = c - '0';
            if (digit >= 0 && digit <= 9) {
                units = units * 10 + digit;
            } else if (c == d || c == '\n' || c == '\r') {
                break;
            } else if (c == '.' && point < 0) {
                point = i;
            } else {
                digits = false;
            }
        }
        if (i == end && !last) {
            return INCOMPLETE;
        }
        cells++;
        if (columns == 0 || !digits) {
            cell(text, from, i, true);
        } else if (cells <= columns && rows != null) {
            rows.scannedCell(text, from, i, units, point);
        }
        return afterCell(i);
    }

    /** What follows a cell at {@code i}: a delimiter, a line end or the end of the text (the caller knows which). */
    private int afterCell(int i) {
        if (i == end) {
            endRecord();
            start = end;
        } else if (buffer[i] == delimiter) {
            rowStart = false;
            start = i + 1;
        } else {
            endRecord();
            lineBreaks++;
            if (buffer[i] == '\r' && i + 1 < end && buffer[i + 1] == '\n') {
                i++;
            } else {
                lfMayFollow = buffer[i] == '\r' && i + 1 == end;
            }
            start = i + 1;
        }
        return start;
    }

    /** A cell in quotes; returns where the next begins, or {@link #INCOMPLETE}. */
    private int quoted(boolean last) {
        int open = start;
        int i = open + 1;
        long breaks = 0;
        boolean doubled = false;
        while (true) {
            boolean afterCr = false;
            for (; i < end && buffer[i] != '"'; i++) {
                char c = buffer[i];
                if (c == '\r' || (c == '\n' && !afterCr)) {
                    breaks++;
                }
                afterCr = c == '\r';
            }
            if (i == end) {
                if (!last) {
                    return INCOMPLETE;
                }
                throw invalid(String.format(Locale.ROOT, "(startline %,d) EOF reached before encapsulated token"
                        + " finished", lineBreaks + 1));
            }
            if (i + 1 == end && !last) {
                return INCOMPLETE; // a closing quote, or the first of two?
            }
            if (i + 1 < end && buffer[i + 1] == '"') {
                doubled = true;
                i += 2;
                continue;
            }
            break;
        }
        int close = i;
        for (i = close + 1; i < end; i++) {
            char c = buffer[i];
            if (c == delimiter || c == '\n' || c == '\r') {
                break;
            }
            if (!Character.isWhitespace(c)) {
                throw invalid(String.format(Locale.ROOT, "Invalid character between encapsulated token and delimiter"
                        + " at line: %,d, position: %,d", lineBreaks + breaks + 1, offset + i + 1));
            }
        }
        if (i == end && !last) {
            return INCOMPLETE;
        }
        lineBreaks += breaks;
        if (doubled) {
            int length = 0;
            if (unquoted.length < close - open) {
                unquoted = new char[Math.max(close - open, unquoted.length * 2)];
            }
            for (int j = open + 1; j < close; j++) {
                unquoted[length++] = buffer[j];
                j += buffer[j] == '"' ? 1 : 0;
            }
            cell(unquoted, 0, length, false);
        } else {
            cell(buffer, open + 1, close, false);
        }
        return afterCell(i);
    }

    private DatasetException invalid(String detail) {
        return new DatasetException(name + ": not valid CSV (" + detail + ")");
    }

    /** The next cell; {@code counted}: already counted in {@link #cells}. */
    private void cell(char[] text, int from, int to, boolean counted) {
        cells += counted ? 0 : 1;
        if (columns == 0) {
            if (cells <= Table.MAX_COLUMNS) {
                header.add(new String(text, from, to - from));
            }
        } else if (cells <= columns && rows != null) {
            rows.cell(text, from, to);
        }
    }

    private void endRecord() {
        records++;
        rowStart = true;
        if (columns == 0) {
            if (cells > Table.MAX_COLUMNS) {
                throw new DatasetException(name + ": " + cells + " columns, more than the " + Table.MAX_COLUMNS
                        + " a table may have");
            }
            columns = header.size();
            try {
                rows = Table.builder(name, header);
            } catch (DatasetException e) {
                badHeader = e; // the rows are still checked, and counted, for the messages that come first
            }
            header = null;
        } else {
            if (cells != columns) {
                throw new DatasetException(name + ": line " + records + " has " + cells + " cells, expected "
                        + columns + " (one per column of the header)");
            }
            if (rows != null) {
                rows.endRow();
            }
        }
        cells = 0;
    }
}
