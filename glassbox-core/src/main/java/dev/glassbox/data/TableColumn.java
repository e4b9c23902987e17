package dev.glassbox.data;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * One column of a {@link Table}, each cell classified once as it is added — missing, a number
 * (parsed once) or text — and stored in blocks of 4,096 rows, so that a growing column is never
 * copied. Two layouts:
 * <ul>
 * <li><b>dictionary</b>, while the column holds at most {@link #MAX_DICTIONARY} distinct cells
 *     (as written): a 1-byte code per row into the list of distinct cells, each with its text,
 *     its text stripped of surrounding spaces, its kind and its value. Labels, most text columns
 *     and numbers with few values stay so: a byte a cell, repeated values one String.
 * <li><b>plain</b>, once a column has more: a kind byte per row and, for a number, its value as a
 *     double; the text is kept only where it cannot be written back from the number. A number
 *     written plainly ({@code -12.340}: a sign, no needless zero in front, at most 15 digits)
 *     keeps its count of decimals in the kind byte instead, and {@link #written} rebuilds it.
 *     Other text is shared between equal cells, up to {@link #MAX_SHARED} distinct ones.
 * </ul>
 * The dictionary is small so that looking a cell up stays in the processor's fastest cache: at
 * 4,096 codes it took longer than parsing the number.
 * A number is what {@link #numberOrNaN} accepts, with the value {@link Double#parseDouble} gives
 * it; the plain writing is parsed here directly, to the same bits (see {@link #plainNumber}).
 *
 * <p>Not thread-safe while it grows; read-only once its table is built.
 */
final class TableColumn {
    /** What a cell holds once stripped: nothing (blank, NA…), a number, or other text. */
    static final byte MISSING = 0;
    static final byte NUMBER = 1;
    static final byte TEXT = 2;

    /** Most distinct cells a column keeps in a dictionary: codes fit in a byte, lookups stay in cache. */
    static final int MAX_DICTIONARY = 256;
    /** Most distinct texts a column shares between its cells (past them, each cell has its own String). */
    static final int MAX_SHARED = 1 << 16;
    /**
     * Most slots a text is looked for in: texts made to share a hash (a hostile file) then stop
     * being shared rather than make each lookup as slow as the table is long.
     */
    private static final int MAX_PROBES = 32;

    private static final Set<String> MISSING_WORDS = Set.of("", "na", "n/a", "nan", "null", "?");
    private static final int SHIFT = 12;
    private static final int BLOCK = 1 << SHIFT;
    private static final int MASK = BLOCK - 1;
    /** The first block starts this small and doubles: a table of 100,000 columns and a few rows stays small. */
    private static final int FIRST_BLOCK = 16;

    // Plain cells: a kind byte per row. 0..15 is a number written plainly with that many decimals.
    private static final byte NUMBER_KEPT = 16;
    private static final byte EMPTY = 17;
    private static final byte MISSING_KEPT = 18;
    private static final byte TEXT_KEPT = 19;
    private static final byte[] KIND_OF_PLAIN = new byte[20];

    /** Plain writings parse exactly (see {@link #plainNumber}) below this many units of the last decimal. */
    private static final long PLAIN_LIMIT = 1_000_000_000_000_000L;
    private static final double[] POWERS_OF_TEN = new double[16];
    private static final long[] LONG_POWERS_OF_TEN = new long[16];

    static {
        Arrays.fill(KIND_OF_PLAIN, NUMBER);
        KIND_OF_PLAIN[EMPTY] = MISSING;
        KIND_OF_PLAIN[MISSING_KEPT] = MISSING;
        KIND_OF_PLAIN[TEXT_KEPT] = TEXT;
        long power = 1;
        for (int d = 0; d < 16; d++) {
            LONG_POWERS_OF_TEN[d] = power;
            POWERS_OF_TEN[d] = power;
            power *= 10;
        }
    }

    // The distinct cells: the dictionary, then in the plain layout the texts shared between cells.
    private String[] written = new String[4];
    private String[] stripped = new String[4];
    private byte[] kinds = new byte[4];
    private double[] values = new double[4];
    private int[] hashes = new int[4];
    private int distinct;
    /** Open addressing over the distinct cells by text: code + 1, 0 for a free slot; null once built. */
    private int[] slots = new int[8];
    /**
     * Open addressing over the dictionary's numbers written plainly, by {@link #plainKey} (which
     * determines the text): code + 1 in {@code numberCodes}, 0 for a free slot; null once built.
     */
    private long[] numberKeys = new long[8];
    private int[] numberCodes = new int[8];

    /** The dictionary codes (unsigned bytes), a block per 4,096 rows; null in the plain layout. */
    private byte[][] codes = new byte[1][];
    // The plain layout, a block per 4,096 rows; a values or texts block exists once one of its cells needs it.
    private byte[][] plainKinds;
    private double[][] plainValues;
    private String[][] plainTexts;
    // The plain layout's blocks the next row goes into (its values null until the block has a number): no lookups per cell.
    private byte[] kindsNow;
    private double[] valuesNow;
    private int rows;

    // The last cell classified, and the last plain number parsed.
    private byte kind;
    private double value;
    private String strippedText;
    private long plainKey;

    int rows() {
        return rows;
    }

    /** Appends the cell {@code chars[from, to)}; {@code known} is the same text as a String, or null. */
    void add(char[] chars, int from, int to, String known) {
        add(chars, from, to, known, plainNumber(chars, from, to));
    }

    /**
     * Appends a number written plainly, as its reader found it: its value and its count of
     * decimals ({@link #plainDecimals}, {@link #plainValue}), which together determine its text.
     * A number column's common case, from the reader's bytes to the column with no char or String
     * made, small enough for the compiler to inline into the reader's loop.
     */
    void addPlain(double number, int decimals) {
        value = number;
        if (codes == null) {
            addPlainNumber(decimals);
        } else {
            addPlainToDictionary(number, decimals);
        }
    }

    /** {@link #addPlain} in the dictionary layout: its key (and, the first time, its text) written back from its value. */
    private void addPlainToDictionary(double number, int decimals) {
        long units = Math.round(Math.abs(number) * LONG_POWERS_OF_TEN[decimals]); // exact: see plainNumber
        int code = findNumber(units << 5 | decimals << 1 | (number < 0 ? 1 : 0));
        if (code >= 0) {
            addCode(code);
        } else {
            String text = writePlain(number, decimals);
            add(text.toCharArray(), 0, text.length(), text);
        }
    }

    /** Appends a cell of which {@link #plainNumber} said {@code decimals} (-1: not a plain number). */
    private void add(char[] chars, int from, int to, String known, int decimals) {
        if (codes == null) {
            if (decimals >= 0) {
                addPlainNumber(decimals); // a number column's common case, kept small enough to inline
            } else {
                addPlainOther(chars, from, to, known);
            }
            return;
        }
        int code = decimals >= 0 ? findNumber(plainKey) : find(chars, from, to);
        if (code < 0 && distinct < MAX_DICTIONARY) {
            code = define(known != null ? known : new String(chars, from, to - from), decimals >= 0);
        }
        if (code < 0) {
            toPlain();
            add(chars, from, to, known);
        } else {
            addCode(code);
        }
    }

    /** Appends, in the dictionary layout, a cell of code {@code code}. */
    private void addCode(int code) {
        int block = rows >>> SHIFT;
        if (block == codes.length) {
            codes = Arrays.copyOf(codes, block * 2);
        }
        byte[] codeBlock = codes[block];
        if (codeBlock == null || (rows & MASK) == codeBlock.length) {
            codeBlock = codeBlock == null ? new byte[firstSize(block)] : Arrays.copyOf(codeBlock, codeBlock.length * 2);
            codes[block] = codeBlock;
        }
        codeBlock[rows & MASK] = (byte) code;
        rows++;
    }

    /** How long a block starts: the first small (it doubles as it fills), the others whole. */
    private static int firstSize(int block) {
        return block == 0 ? FIRST_BLOCK : BLOCK;
    }

    /** Appends, in the plain layout, the number written plainly that {@link #plainNumber} just parsed. */
    private void addPlainNumber(int decimals) {
        int at = rows & MASK;
        if (at == 0 || at == kindsNow.length) {
            plainRoom();
        }
        double[] values = valuesNow != null ? valuesNow : numberBlock(rows >>> SHIFT, at);
        values[at] = value;
        kindsNow[at] = (byte) decimals;
        rows++;
    }

    /** Appends, in the plain layout, a cell not written as a plain number. */
    private void addPlainOther(char[] chars, int from, int to, String known) {
        int at = rows & MASK;
        int block = rows >>> SHIFT;
        if (at == 0 || at == plainKinds[block].length) {
            plainRoom();
        }
        boolean number = false;
        if (to == from) {
            plainKinds[block][at] = EMPTY;
        } else {
            int code = find(chars, from, to);
            if (code < 0 && distinct < MAX_SHARED) {
                code = define(known != null ? known : new String(chars, from, to - from), false);
            }
            String text;
            if (code >= 0) {
                text = written[code];
                kind = kinds[code];
                value = values[code];
            } else {
                text = known != null ? known : new String(chars, from, to - from);
                classify(text);
            }
            number = kind == NUMBER;
            plainKinds[block][at] = kind == NUMBER ? NUMBER_KEPT : kind == MISSING ? MISSING_KEPT : TEXT_KEPT;
            if (plainTexts[block] == null) {
                plainTexts[block] = new String[plainKinds[block].length];
            }
            plainTexts[block][at] = text;
        }
        if (number) {
            numberBlock(block, at)[at] = value;
        } else if (plainValues[block] != null) {
            plainValues[block][at] = Double.NaN;
        }
        rows++;
    }

    /** Makes room in the plain layout for the next row: a new block, or a longer first one. */
    private void plainRoom() {
        int block = rows >>> SHIFT;
        if (block == plainKinds.length) {
            plainKinds = Arrays.copyOf(plainKinds, block * 2);
            plainValues = Arrays.copyOf(plainValues, block * 2);
            plainTexts = Arrays.copyOf(plainTexts, block * 2);
        }
        byte[] kinds = plainKinds[block];
        if (kinds == null) {
            plainKinds[block] = new byte[firstSize(block)];
        } else {
            int size = kinds.length * 2;
            plainKinds[block] = Arrays.copyOf(kinds, size);
            if (plainValues[block] != null) {
                plainValues[block] = Arrays.copyOf(plainValues[block], size); // each cell to come writes its own
            }
            if (plainTexts[block] != null) {
                plainTexts[block] = Arrays.copyOf(plainTexts[block], size);
            }
        }
        kindsNow = plainKinds[block];
        valuesNow = plainValues[block];
    }

    /**
     * The block's values, NaN where a cell is not a number: made when the block's first number
     * comes, at {@code at}, with NaN for the cells before it; each later cell writes its own value
     * or NaN (filling whole blocks with NaN first cost a pass over every number column's memory).
     */
    private double[] numberBlock(int block, int at) {
        if (plainValues[block] == null) {
            plainValues[block] = new double[plainKinds[block].length];
            Arrays.fill(plainValues[block], 0, at, Double.NaN);
            valuesNow = plainValues[block]; // the block is always the current one
        }
        return plainValues[block];
    }

    /** From dictionary codes to plain cells, once the column has too many distinct ones. */
    private void toPlain() {
        byte[][] old = codes;
        int count = rows;
        codes = null;
        int blocks = Math.max(1, old.length);
        plainKinds = new byte[blocks][];
        plainValues = new double[blocks][];
        plainTexts = new String[blocks][];
        rows = 0;
        char[] chars = new char[0];
        for (int r = 0; r < count; r++) {
            String text = written[old[r >>> SHIFT][r & MASK] & 0xFF];
            if (chars.length < text.length()) {
                chars = new char[text.length()];
            }
            text.getChars(0, text.length(), chars, 0);
            add(chars, 0, text.length(), text);
        }
    }

    /** Ends the column: the last block cut to size, the lookup table dropped. */
    void trim() {
        int blocks = (rows + MASK) >>> SHIFT;
        int last = rows - ((blocks - 1) << SHIFT);
        slots = null;
        hashes = null;
        numberKeys = null;
        numberCodes = null;
        kindsNow = null;
        valuesNow = null;
        if (codes != null) {
            codes = Arrays.copyOf(codes, blocks);
            if (blocks > 0) {
                codes[blocks - 1] = Arrays.copyOf(codes[blocks - 1], last);
            }
            return;
        }
        plainKinds = Arrays.copyOf(plainKinds, blocks);
        plainValues = Arrays.copyOf(plainValues, blocks);
        plainTexts = Arrays.copyOf(plainTexts, blocks);
        if (blocks > 0) {
            plainKinds[blocks - 1] = Arrays.copyOf(plainKinds[blocks - 1], last);
            if (plainValues[blocks - 1] != null) {
                plainValues[blocks - 1] = Arrays.copyOf(plainValues[blocks - 1], last);
            }
            if (plainTexts[blocks - 1] != null) {
                plainTexts[blocks - 1] = Arrays.copyOf(plainTexts[blocks - 1], last);
            }
        }
    }

    /** {@link #MISSING}, {@link #NUMBER} or {@link #TEXT}. */
    byte kind(int row) {
        if (codes != null) {
            return kinds[codes[row >>> SHIFT][row & MASK] & 0xFF];
        }
        return KIND_OF_PLAIN[plainKinds[row >>> SHIFT][row & MASK]];
    }

    /** The value of a {@link #NUMBER} cell; NaN for any other (no number is NaN). */
    double number(int row) {
        if (codes != null) {
            return values[codes[row >>> SHIFT][row & MASK] & 0xFF];
        }
        double[] block = plainValues[row >>> SHIFT];
        return block == null ? Double.NaN : block[row & MASK];
    }

    /** The cell's dictionary code; -1 in the plain layout. */
    int code(int row) {
        return codes == null ? -1 : codes[row >>> SHIFT][row & MASK] & 0xFF;
    }

    /** The cell as written. */
    String written(int row) {
        if (codes != null) {
            return written[codes[row >>> SHIFT][row & MASK] & 0xFF];
        }
        byte k = plainKinds[row >>> SHIFT][row & MASK];
        if (k == EMPTY) {
            return "";
        }
        return k < NUMBER_KEPT ? writePlain(plainValues[row >>> SHIFT][row & MASK], k)
                : plainTexts[row >>> SHIFT][row & MASK];
    }

    /** The cell without surrounding spaces: shared by equal cells of a dictionary column. */
    String stripped(int row) {
        if (codes != null) {
            return stripped[codes[row >>> SHIFT][row & MASK] & 0xFF];
        }
        return written(row).strip();
    }

    // The dictionary.

    private int find(char[] chars, int from, int to) {
        int hash = hash(chars, from, to);
        int mask = slots.length - 1;
        for (int s = hash & mask, probe = 0; slots[s] != 0 && probe < MAX_PROBES; s = (s + 1) & mask, probe++) {
            int code = slots[s] - 1;
            if (hashes[code] == hash && sameText(written[code], chars, from, to)) {
                return code;
            }
        }
        return -1;
    }

    private int findNumber(long key) {
        int mask = numberKeys.length - 1;
        for (int s = mix(key) & mask; numberCodes[s] != 0; s = (s + 1) & mask) {
            if (numberKeys[s] == key) {
                return numberCodes[s] - 1;
            }
        }
        return -1;
    }

    /**
     * A new distinct cell, found later by its text or, if {@code plain} (a number written plainly),
     * by {@link #plainKey}; -1 if its text's place is more than {@link #MAX_PROBES} away.
     */
    private int define(String text, boolean plain) {
        int hash = 0;
        if (!plain) {
            char[] chars = text.toCharArray();
            hash = hash(chars, 0, chars.length);
            // a quarter full at most while a dictionary (fewer collisions, for a lookup per row), half once plain
            if (distinct * (codes != null ? 4 : 2) >= slots.length) {
                int[] old = slots;
                slots = new int[old.length * 2];
                for (int slot : old) {
                    if (slot != 0) {
                        place(slot - 1, hashes[slot - 1]);
                    }
                }
            }
            if (!place(distinct, hash)) {
                return -1;
            }
        }
        if (distinct == written.length) {
            int size = distinct * 2;
            written = Arrays.copyOf(written, size);
            stripped = Arrays.copyOf(stripped, size);
            kinds = Arrays.copyOf(kinds, size);
            values = Arrays.copyOf(values, size);
            hashes = Arrays.copyOf(hashes, size);
        }
        int code = distinct++;
        if (plain) {
            if (distinct * 4 > numberKeys.length) { // a quarter full at most, as the slots of a dictionary
                long[] keys = numberKeys;
                int[] keyCodes = numberCodes;
                numberKeys = new long[keys.length * 2];
                numberCodes = new int[keys.length * 2];
                for (int s = 0; s < keys.length; s++) {
                    if (keyCodes[s] != 0) {
                        placeNumber(keys[s], keyCodes[s] - 1);
                    }
                }
            }
            placeNumber(plainKey, code);
        }
        hashes[code] = hash;
        classify(text);
        written[code] = text;
        stripped[code] = strippedText;
        kinds[code] = kind;
        values[code] = value;
        return code;
    }

    private void placeNumber(long key, int code) {
        int mask = numberKeys.length - 1;
        int s = mix(key) & mask;
        while (numberCodes[s] != 0) {
            s = (s + 1) & mask;
        }
        numberKeys[s] = key;
        numberCodes[s] = code + 1;
    }

    private static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    /** Puts the code in the first free slot at most {@link #MAX_PROBES} after its hash's, if there is one. */
    private boolean place(int code, int hash) {
        int mask = slots.length - 1;
        for (int s = hash & mask, probe = 0; probe <= MAX_PROBES; s = (s + 1) & mask, probe++) {
            if (slots[s] == 0) {
                slots[s] = code + 1;
                return true;
            }
        }
        return false;
    }

    private static int hash(char[] chars, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + chars[i];
        }
        return h ^ (h >>> 16);
    }

    private static boolean sameText(String text, char[] chars, int from, int to) {
        if (text.length() != to - from) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (text.charAt(i - from) != chars[i]) {
                return false;
            }
        }
        return true;
    }

    // What a cell is.

    /** Sets {@link #kind}, {@link #value} and {@link #strippedText} for the cell {@code text}. */
    private void classify(String text) {
        strippedText = text.strip();
        value = Double.NaN;
        if (isMissing(strippedText)) {
            kind = MISSING;
        } else {
            value = numberOrNaN(strippedText);
            kind = Double.isNaN(value) ? TEXT : NUMBER;
        }
    }

    /** Whether a stripped cell is missing: blank, or NA, N/A, NaN, null or ? in any case. */
    static boolean isMissing(String stripped) {
        return stripped.length() <= 4 && MISSING_WORDS.contains(stripped.toLowerCase(Locale.ROOT));
    }

    /**
     * The value of {@code text} if it is a plain decimal number — an optional sign, digits with at
     * most one decimal point (at least one digit), an optional exponent; no NaN, infinity, hex,
     * suffixes or spaces, at most 100 characters, finite — else NaN.
     */
    static double numberOrNaN(String text) {
        int i = 0;
        int n = text.length();
        if (n == 0 || n > 100) {
            return Double.NaN;
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
            return Double.NaN;
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
                return Double.NaN;
            }
        }
        if (i != n) {
            return Double.NaN;
        }
        double parsed = Double.parseDouble(text);
        return Double.isFinite(parsed) ? parsed : Double.NaN;
    }

    /**
     * If {@code chars[from, to)} is a number written plainly — an optional minus, {@code 0} or
     * digits without a leading zero, optionally a point and 1 to 15 decimals, fewer than 10^15
     * units of the last decimal, not minus zero — sets {@link #value} and {@link #plainKey} (its
     * units, decimals and sign, which determine the text) and returns its count of decimals;
     * else returns -1 (and the cell takes the general path).
     *
     * <p>The value is {@code units / 10^decimals}: both are exact doubles (below 2^53 and 10^22),
     * and one IEEE division rounds their exact quotient to the nearest double, as
     * {@link Double#parseDouble} does by its contract: the same bits. Writing it back
     * ({@link #writePlain}) is exact too: {@code value × 10^decimals}, rounded twice, differs
     * from units by less than units × 2^-52 &lt; 1/4, so rounding it gives units again.
     */
    private int plainNumber(char[] chars, int from, int to) {
        long units = 0;
        int point = -1;
        for (int i = from < to && chars[from] == '-' ? from + 1 : from; i < to; i++) {
            int digit = chars[i] - '0';
            if (digit >= 0 && digit <= 9) {
                units = units * 10 + digit;
            } else if (chars[i] == '.' && point < 0) {
                point = i;
            } else {
                return -1;
            }
        }
        int negative = from < to && chars[from] == '-' ? 1 : 0;
        int first = from + negative;
        int decimals = plainDecimals(negative, to - first, point < 0 ? -1 : to - point - 1, units,
                to - first > 1 && chars[first] == '0');
        if (decimals >= 0) {
            value = plainValue(units, decimals, negative);
            plainKey = units << 5 | decimals << 1 | negative;
        }
        return decimals;
    }

    /**
     * Whether a number is written plainly, as {@link #plainNumber(char[], int, int)} says, from
     * what reading its text found: {@code length} characters after the minus ({@code negative}: 1
     * or 0), digits and at most one point, {@code point} digits after the point (-1 without one),
     * the digits making {@code units}, the first of at least two digits a zero ({@code zeroFirst}).
     *
     * @return its count of decimals, or -1 if it is not written plainly
     */
    static int plainDecimals(int negative, int length, int point, long units, boolean zeroFirst) {
        if (length > 16 || length == 0) {
            return -1; // more than 15 digits and a point, or none
        }
        int whole = point < 0 ? length : length - point - 1; // digits before the point
        if (whole == 0 || (whole > 1 && zeroFirst) || point == 0 || units >= PLAIN_LIMIT
                || (negative != 0 && units == 0)) {
            return -1;
        }
        return Math.max(0, point);
    }

    /** The value of a number written plainly ({@link #plainDecimals}): {@code ±units / 10^decimals}, to the bit. */
    static double plainValue(long units, int decimals, int negative) {
        double magnitude = units / POWERS_OF_TEN[decimals]; // exact with no decimals too: a division by 1
        return negative != 0 ? -magnitude : magnitude;
    }

    /** A number written plainly, back as text: {@code decimals} digits after the point. */
    private static String writePlain(double number, int decimals) {
        long units = Math.round(Math.abs(number) * LONG_POWERS_OF_TEN[decimals]);
        String sign = number < 0 ? "-" : "";
        if (decimals == 0) {
            return sign + units;
        }
        // the decimals with their leading zeros: 1.05 is 105 units, 105 % 100 + 100 = 105, after its 1: "05"
        String fraction = Long.toString(units % LONG_POWERS_OF_TEN[decimals] + LONG_POWERS_OF_TEN[decimals]);
        return sign + units / LONG_POWERS_OF_TEN[decimals] + "." + fraction.substring(1);
    }
}
