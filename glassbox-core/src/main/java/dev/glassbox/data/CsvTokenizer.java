package dev.glassbox.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * CSV text into a {@link Table}, fed in pieces as the host reads it — UTF-8 bytes, a file as it
 * is, or characters: the first record is the header, the others rows. The dialect is RFC 4180 as
 * Apache Commons CSV's {@code RFC4180} format reads it with empty lines ignored, and this class
 * gives the same cells and the same messages:
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
 * <p>It works on the UTF-8 bytes: the delimiter, quotes and line ends are ASCII, and no byte of a
 * longer UTF-8 sequence is, so cells are found without decoding, and a number — most cells of a
 * big table — is read from its bytes. Only a cell with a byte past ASCII is decoded, strictly: a
 * byte that is not UTF-8 is refused where it stands, as a strict decoder would. Characters fed in
 * are encoded on the way in, each surrogate on its own so that any text comes back as it was.
 *
 * <p>What it is not: a reader of files (the host brings the bytes, a byte-order mark skipped),
 * nor a sniffer of delimiters (the host chooses one), nor a writer.
 */
public final class CsvTokenizer {
    private static final int INCOMPLETE = -1;
    /** Text goes into the buffer, and is parsed, this much at a time: however big the pieces, the buffer stays small. */
    private static final int SLICE = 1 << 16;
    private static final byte BYTES = 1;
    private static final byte CHARS = 2;

    private final String name;
    private final byte delimiter;
    private byte[] buffer = new byte[2 * SLICE]; // UTF-8
    private int start; // the first byte not yet parsed
    private int end; // the end of the text in the buffer
    private long offset; // how many bytes came before buffer[0]
    private long extraBytes; // in the cells parsed so far, bytes beyond one per character: for positions in messages
    private int retryAt; // parse again once the text reaches this far
    private long lineBreaks; // CR, and LF not after CR, parsed so far: for messages
    private boolean lfMayFollow; // a record ended with the CR that ends the buffer
    private boolean rowStart = true;
    private byte[] unquoted = new byte[64];
    private char[] decoded = new char[64];
    private byte fedWith; // BYTES or CHARS once fed

    private List<String> header = new ArrayList<>();
    private Table.Builder rows;
    private DatasetException badHeader; // reported at the end, after the rows are checked (as they always were)
    private int columns; // 0 until the header has ended
    private int cells; // in the current record
    private long records; // ended so far, the header included
    private boolean finished;

    /**
     * The delimiter a file's first line suggests: a comma, unless the line has none and has tabs
     * (then a tab) or semicolons (then a semicolon) — how spreadsheets export in many locales.
     */
    public static char delimiterFor(String firstLine) {
        if (firstLine == null || firstLine.indexOf(',') >= 0) {
            return ',';
        }
        if (firstLine.indexOf('\t') >= 0) {
            return '\t';
        }
        return firstLine.indexOf(';') >= 0 ? ';' : ',';
    }

    /**
     * @param name what messages call the table, e.g. its file
     * @param delimiter between cells: an ASCII character such as a comma, semicolon or tab; not a
     *     quote, a line end, a digit, a point or a minus
     */
    public CsvTokenizer(String name, char delimiter) {
        if (delimiter == '"' || delimiter == '\r' || delimiter == '\n' || delimiter == '-' || delimiter == '.'
                || (delimiter >= '0' && delimiter <= '9') || delimiter >= 0x80) {
            throw new IllegalArgumentException("CsvTokenizer: the delimiter must be ASCII and cannot be a quote, a line"
                    + " end or part of a number, got '" + delimiter + "'");
        }
        this.name = name;
        this.delimiter = (byte) delimiter;
    }

    /**
     * Parses the next piece of UTF-8 text, {@code bytes[from, to)}; not retained. A character may
     * be split between pieces. Not to be mixed with {@link #feed(char[], int, int)}.
     *
     * @throws DatasetException naming the problem: bytes that are not UTF-8, a character after a
     *     closing quote, a row of another number of cells than the header, a header of too many
     *     columns or of blank or repeated names
     */
    public void feed(byte[] bytes, int from, int to) {
        begin(BYTES, bytes.length, from, to);
        for (int at = from; at < to; at += SLICE) {
            int length = Math.min(SLICE, to - at);
            room(length);
            System.arraycopy(bytes, at, buffer, end, length);
            end += length;
            if (end >= retryAt) {
                parse(false);
            }
        }
    }

    /**
     * Parses the next piece of text, {@code chars[from, to)}; not retained. Not to be mixed with
     * {@link #feed(byte[], int, int)}.
     *
     * @throws DatasetException naming the problem: a character after a closing quote, a row of
     *     another number of cells than the header, a header of too many columns or of blank or
     *     repeated names
     */
    public void feed(char[] chars, int from, int to) {
        begin(CHARS, chars.length, from, to);
        int slice = SLICE / 3; // a char is at most 3 bytes
        for (int at = from; at < to; at += slice) {
            int length = Math.min(slice, to - at);
            room(3 * length);
            end = encode(chars, at, at + length, buffer, end);
            if (end >= retryAt) {
                parse(false);
            }
        }
    }

    private void begin(byte kind, int length, int from, int to) {
        if (finished) {
            throw new IllegalStateException("CsvTokenizer.feed: already finished");
        }
        if (fedWith != 0 && fedWith != kind) {
            throw new IllegalStateException("CsvTokenizer.feed: fed both bytes and characters; feed one kind");
        }
        if (from < 0 || from > to || to > length) {
            throw new IndexOutOfBoundsException("CsvTokenizer.feed: [" + from + ", " + to + ") outside 0.." + length);
        }
        fedWith = kind;
    }

    /** Makes room for {@code length} more bytes after the text not yet parsed. */
    private void room(int length) {
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
    }

    /** {@code chars[from, to)} as UTF-8 into {@code out} at {@code at}, a surrogate as any other char; returns the end. */
    private static int encode(char[] chars, int from, int to, byte[] out, int at) {
        for (int i = from; i < to; i++) {
            char c = chars[i];
            if (c < 0x80) {
                out[at++] = (byte) c;
            } else if (c < 0x800) {
                out[at++] = (byte) (0xC0 | c >> 6);
                out[at++] = (byte) (0x80 | (c & 0x3F));
            } else {
                out[at++] = (byte) (0xE0 | c >> 12);
                out[at++] = (byte) (0x80 | (c >> 6 & 0x3F));
                out[at++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return at;
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
                    cells++;
                    textCell(buffer, start, start, true);
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
            byte c = buffer[start];
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
        byte[] text = buffer;
        byte d = delimiter;
        int i = from < end && text[from] == '-' ? from + 1 : from;
        long units = 0;
        int point = -1;
        boolean digits = true; // and at most one point
        boolean ascii = true;
        for (; i < end; i++) {
            byte c = text[i];
            int digit = c - '0';
            if (digit >= 0 && digit <= 9) {
                units = units * 10 + digit;
            } else if (c == d || c == '\n' || c == '\r') {
                break;
            } else if (c == '.' && point < 0) {
                point = i;
            } else {
                digits = false;
                ascii &= c >= 0;
            }
        }
        if (i == end && !last) {
            return INCOMPLETE;
        }
        cells++;
        if (columns == 0 || !digits) {
            textCell(text, from, i, ascii);
        } else if (cells <= columns && rows != null) {
            number(text, from, i, units, point);
        }
        return afterCell(i);
    }

    /**
     * A cell of a row that {@link #simple} found to be digits, perhaps after a minus and with a
     * point at {@code point}: a number written plainly goes to the table as its value, worked out
     * here from the digits already read; any other (empty, 007, .5, too many digits) as text, for
     * the table to classify.
     */
    private void number(byte[] text, int from, int to, long units, int point) {
        int negative = text[from] == '-' ? 1 : 0; // from is below end: a byte of the cell or the delimiter after it
        int first = from + negative;
        int decimals = TableColumn.plainDecimals(negative, to - first, point < 0 ? -1 : to - point - 1, units,
                to - first > 1 && text[first] == '0');
        if (decimals >= 0) {
            rows.plainNumber(TableColumn.plainValue(units, decimals, negative), decimals);
        } else {
            textCell(text, from, to, true);
        }
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
                byte c = buffer[i];
                if (c == '\r' || (c == '\n' && !afterCr)) {
                    breaks++;
                }
                afterCr = c == '\r';
            }
            if (i == end) {
                if (!last) {
                    return INCOMPLETE;
                }
                decode(buffer, open + 1, end); // bytes that are not UTF-8 come first
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
            byte c = buffer[i];
            if (c == delimiter || c == '\n' || c == '\r') {
                break;
            }
        }
        if (i == end && !last) {
            return INCOMPLETE;
        }
        byte[] text = buffer;
        int from = open + 1;
        int to = close;
        if (doubled) {
            if (unquoted.length < close - open) {
                unquoted = new byte[Math.max(close - open, unquoted.length * 2)];
            }
            int length = 0;
            for (int j = open + 1; j < close; j++) {
                unquoted[length++] = buffer[j];
                j += buffer[j] == '"' ? 1 : 0;
            }
            text = unquoted;
            from = 0;
            to = length;
        }
        int length = decode(text, from, to);
        long extra = to - from - length; // the same with quotes doubled or not: they are ASCII
        if (i > close + 1) {
            afterQuote(close, i, breaks, extra);
        }
        lineBreaks += breaks;
        extraBytes += extra;
        cells++;
        if (keeps()) {
            cell(length);
        }
        return afterCell(i);
    }

    /**
     * Checks what comes between a closing quote at {@code close} and the delimiter or line end at
     * {@code to}: only spaces may. {@code extra}: the cell's bytes beyond one per character.
     */
    private void afterQuote(int close, int to, long breaks, long extra) {
        char[] chars = new char[to - close - 1];
        int length = decode(buffer, close + 1, to, chars);
        for (int k = 0; k < length; k++) {
            if (!Character.isWhitespace(chars[k])) {
                long position = offset + close + 1 - extraBytes - extra + k + 1;
                throw invalid(String.format(Locale.ROOT, "Invalid character between encapsulated token and delimiter"
                        + " at line: %,d, position: %,d", lineBreaks + breaks + 1, position));
            }
        }
        extraBytes += chars.length - length;
    }

    private DatasetException invalid(String detail) {
        return new DatasetException(name + ": not valid CSV (" + detail + ")");
    }

    /** Whether the cell just counted in {@link #cells} goes into the header or the table. */
    private boolean keeps() {
        return columns == 0 ? cells <= Table.MAX_COLUMNS : cells <= columns && rows != null;
    }

    /** A cell not in quotes that is not a number, just counted: decoded if it is kept (or to check it is UTF-8). */
    private void textCell(byte[] text, int from, int to, boolean ascii) {
        boolean kept = keeps();
        if (kept || !ascii) {
            int length = decode(text, from, to);
            extraBytes += to - from - length;
            if (kept) {
                cell(length);
            }
        }
    }

    /** The cell just counted, decoded: its first {@code length} chars in {@link #decoded}. */
    private void cell(int length) {
        if (columns == 0) {
            header.add(new String(decoded, 0, length));
        } else {
            rows.cell(decoded, 0, length);
        }
    }

    /**
     * Decodes UTF-8 {@code bytes[from, to)} into {@link #decoded}, strictly: an overlong form, a
     * surrogate (unless fed as chars), a code point past U+10FFFF or a broken sequence is refused.
     *
     * @return the number of chars
     * @throws DatasetException the text is not UTF-8
     */
    private int decode(byte[] bytes, int from, int to) {
        if (decoded.length < to - from) {
            decoded = new char[Math.max(to - from, decoded.length * 2)]; // never more chars than bytes
        }
        return decode(bytes, from, to, decoded);
    }

    /** {@link #decode(byte[], int, int)} into {@code out}, which has room for {@code to - from} chars. */
    private int decode(byte[] bytes, int from, int to, char[] out) {
        int n = 0;
        for (int i = from; i < to; ) {
            int b = bytes[i++];
            if (b >= 0) {
                out[n++] = (char) b;
                continue;
            }
            int more;
            int codePoint;
            int least;
            if ((b & 0xE0) == 0xC0) {
                more = 1;
                codePoint = b & 0x1F;
                least = 0x80;
            } else if ((b & 0xF0) == 0xE0) {
                more = 2;
                codePoint = b & 0x0F;
                least = 0x800;
            } else if ((b & 0xF8) == 0xF0) {
                more = 3;
                codePoint = b & 0x07;
                least = 0x10000;
            } else {
                throw notUtf8();
            }
            if (i + more > to) {
                throw notUtf8();
            }
            for (int k = 0; k < more; k++) {
                int c = bytes[i++];
                if ((c & 0xC0) != 0x80) {
                    throw notUtf8();
                }
                codePoint = codePoint << 6 | (c & 0x3F);
            }
            if (codePoint < least || codePoint > 0x10FFFF
                    || (codePoint >= 0xD800 && codePoint <= 0xDFFF && fedWith != CHARS)) {
                throw notUtf8();
            }
            if (codePoint >= 0x10000) {
                out[n++] = (char) (0xD800 + ((codePoint - 0x10000) >>> 10));
                out[n++] = (char) (0xDC00 + (codePoint & 0x3FF));
            } else {
                out[n++] = (char) codePoint;
            }
        }
        return n;
    }

    private DatasetException notUtf8() {
        return new DatasetException(name + ": not UTF-8 text; save the CSV as UTF-8");
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
