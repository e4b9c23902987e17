package dev.glassbox.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The recursive-descent parser behind {@link Json#parse(String)}; one instance per text.
 *
 * <p>Grammar (RFC 8259): value = object | array | string | number | true | false | null, with
 * whitespace limited to space, tab, LF and CR. Recursion goes one level per array or object and
 * stops at {@link Json#MAX_DEPTH}, so the stack stays shallow whatever the input.
 */
final class JsonParser {
    private final String text;
    private int pos;

    JsonParser(String text) {
        if (text == null) {
            throw new IllegalArgumentException("Json.parse: text must not be null");
        }
        this.text = text;
    }

    /** The single value of the text, with nothing but whitespace after it. */
    Object document() {
        skipWhitespace();
        Object value = value(0);
        skipWhitespace();
        if (pos < text.length()) {
            throw expected("end of input after the value");
        }
        return value;
    }

    private Object value(int depth) {
        if (pos >= text.length()) {
            throw expected("a value");
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> object(depth + 1);
            case '[' -> array(depth + 1);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", Json.NULL);
            default -> {
                if (c == '-' || isDigit(c)) {
                    yield number();
                }
                if (text.startsWith("NaN", pos) || text.startsWith("Infinity", pos)) {
                    throw fail(pos, "NaN and Infinity are not JSON numbers");
                }
                throw expected("a value");
            }
        };
    }

    private Map<String, Object> object(int depth) {
        checkDepth(depth);
        pos++; // '{'
        Map<String, Object> map = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return map;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw expected("'\"' to start an object key");
            }
            int keyStart = pos;
            String key = string();
            if (map.containsKey(key)) {
                // Cut long keys short, never between the halves of a surrogate pair.
                int cut = Character.isHighSurrogate(key.length() > 77 ? key.charAt(76) : 'x') ? 76 : 77;
                String shown = key.length() <= 80 ? key : key.substring(0, cut) + "...";
                throw fail(keyStart, "duplicate object key " + Json.write(shown));
            }
            skipWhitespace();
            if (peek() != ':') {
                throw expected("':' after object key");
            }
            pos++;
            skipWhitespace();
            map.put(key, value(depth));
            skipWhitespace();
            char next = peek();
            pos++;
            if (next == '}') {
                return map;
            }
            if (next != ',') {
                pos--;
                throw expected("',' or '}' after an object member");
            }
        }
    }

    private List<Object> array(int depth) {
        checkDepth(depth);
        pos++; // '['
        List<Object> list = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return list;
        }
        while (true) {
            skipWhitespace();
            list.add(value(depth));
            skipWhitespace();
            char next = peek();
            pos++;
            if (next == ']') {
                return list;
            }
            if (next != ',') {
                pos--;
                throw expected("',' or ']' after an array element");
            }
        }
    }

    private void checkDepth(int depth) {
        if (depth > Json.MAX_DEPTH) {
            throw fail(pos, "nesting deeper than " + Json.MAX_DEPTH + " levels");
        }
    }

    private String string() {
        int start = pos;
        pos++; // opening '"'
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw expected("'\"' to close the string that starts at offset " + start);
            }
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return out.toString();
            } else if (c == '\\') {
                escape(out);
            } else if (c < 0x20) {
                throw fail(pos, String.format(
                        "control character U+%04X inside a string; write it as \\u%04X", (int) c, (int) c));
            } else if (Character.isHighSurrogate(c) && pos + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(pos + 1))) {
                out.append(c).append(text.charAt(pos + 1));
                pos += 2;
            } else if (Character.isSurrogate(c)) {
                throw fail(pos, String.format("unpaired surrogate U+%04X inside a string", (int) c));
            } else {
                out.append(c);
                pos++;
            }
        }
    }

    /** Reads one escape starting at the backslash; a {@code \\u} high surrogate must be followed by its low half. */
    private void escape(StringBuilder out) {
        int start = pos;
        pos++; // '\'
        char c = peek();
        pos++;
        switch (c) {
            case '"' -> out.append('"');
            case '\\' -> out.append('\\');
            case '/' -> out.append('/');
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'u' -> {
                char unit = hex4();
                if (Character.isHighSurrogate(unit)) {
                    if (!text.startsWith("\\u", pos)) {
                        throw fail(start, String.format(
                                "unpaired surrogate \\u%04X: expected a \\u escape for its low half", (int) unit));
                    }
                    pos += 2;
                    char low = hex4();
                    if (!Character.isLowSurrogate(low)) {
                        throw fail(start, String.format(
                                "unpaired surrogate \\u%04X: followed by \\u%04X, not a low surrogate",
                                (int) unit, (int) low));
                    }
                    out.append(unit).append(low);
                } else if (Character.isLowSurrogate(unit)) {
                    throw fail(start, String.format(
                            "unpaired surrogate \\u%04X: a low half without a high half", (int) unit));
                } else {
                    out.append(unit);
                }
            }
            default -> {
                throw fail(start, "invalid escape " + describe(start + 1)
                        + "; expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX");
            }
        }
    }

    private char hex4() {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = pos < text.length() ? Character.digit(text.charAt(pos), 16) : -1;
            // Character.digit also accepts non-ASCII digits; JSON allows only 0-9, a-f, A-F.
            if (digit < 0 || text.charAt(pos) > 'f') {
                throw expected("4 hex digits after \\u");
            }
            value = value * 16 + digit;
            pos++;
        }
        return (char) value;
    }

    /** -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)? */
    private Object number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
            if (isDigit(peek())) {
                throw fail(start, "leading zero in a number; JSON numbers start with 0 only when they are 0.x");
            }
        } else if (isDigit(peek())) {
            digits();
        } else {
            throw expected("a digit");
        }
        boolean integral = true;
        if (peek() == '.') {
            pos++;
            if (!isDigit(peek())) {
                throw expected("a digit after the decimal point");
            }
            digits();
            integral = false;
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw expected("a digit in the exponent");
            }
            digits();
            integral = false;
        }
        String literal = text.substring(start, pos);
        if (integral) {
            try {
                return Long.parseLong(literal);
            } catch (NumberFormatException tooBig) {
                // Beyond 64 bits: fall through to double, like most JSON readers.
            }
        }
        double d = Double.parseDouble(literal);
        if (Double.isInfinite(d)) {
            throw fail(start, "number " + literal + " is beyond the range of a double");
        }
        return d;
    }

    private void digits() {
        while (isDigit(peek())) {
            pos++;
        }
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, pos)) {
            throw expected("a value");
        }
        pos += word.length();
        return value;
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    /** The current character, or 0 at the end (never valid where a specific character is required). */
    private char peek() {
        return pos < text.length() ? text.charAt(pos) : 0;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private JsonException expected(String what) {
        return fail(pos, "expected " + what + ", got " + describe(pos));
    }

    private JsonException fail(int offset, String problem) {
        return new JsonException(offset, problem);
    }

    private String describe(int offset) {
        if (offset >= text.length()) {
            return "end of input";
        }
        char c = text.charAt(offset);
        if (c >= 0x20 && c < 0x7f) {
            return "'" + c + "'";
        }
        return String.format("U+%04X", (int) c);
    }
}
