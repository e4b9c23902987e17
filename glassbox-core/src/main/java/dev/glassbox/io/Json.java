package dev.glassbox.io;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.TreeMap;

/**
 * Strict JSON (RFC 8259) to and from plain Java values, so the core module needs no library.
 *
 * <p>Parsed values: objects are {@code LinkedHashMap<String, Object>} in file order, arrays
 * {@code ArrayList<Object>}, strings {@code String}, numbers {@code Long} when written without
 * fraction or exponent and within 64 bits, otherwise {@code Double}; {@code true}/{@code false}
 * are {@code Boolean} and {@code null} is the marker {@link #NULL}, so that a map lookup returning
 * Java {@code null} always means "absent".
 *
 * <p>Rejected, each with the offset in the message: anything after the value, duplicate object
 * keys, unknown escapes, unpaired surrogates, raw control characters in strings, nesting deeper
 * than {@link #MAX_DEPTH}, leading zeros, {@code NaN}/{@code Infinity}, numbers beyond the double
 * range. Nesting is bounded before it recurses, so hostile input cannot overflow the stack.
 *
 * <p>{@link #write(Object)} produces compact JSON on one line (line breaks in strings are
 * escaped), so it serves JSON Lines output. Not a streaming parser and not a data binder: the
 * whole text is in memory and the caller walks the maps.
 */
public final class Json {
    /** Deepest nesting of arrays and objects accepted when parsing and writing. */
    public static final int MAX_DEPTH = 64;

    /** JSON {@code null} as parsed; {@link #write(Object)} accepts it and Java {@code null}. */
    public static final Object NULL = Null.INSTANCE;

    private enum Null {
        INSTANCE;

        @Override
        public String toString() {
            return "null";
        }
    }

    private Json() {}

    /**
     * Parses one JSON value; surrounding whitespace is allowed, anything else after it is not.
     *
     * @throws JsonException (an {@link IllegalArgumentException}) naming the offset of the problem
     */
    public static Object parse(String text) {
        JsonParser parser = new JsonParser(text);
        return parser.document();
    }

    /**
     * Writes {@code value} as compact JSON on a single line. Accepts {@code Map} with
     * {@code String} keys (a {@link SequencedMap} such as {@code LinkedHashMap} keeps its order,
     * any other map is written in sorted key order so output is stable), {@code Collection},
     * {@code String}, {@code Boolean}, integral numbers, finite {@code Float}/{@code Double},
     * {@code float[]} and {@code int[]} (as arrays of numbers)
     * (written so that parsing gives back the same value), {@code BigDecimal}, {@code null} and
     * {@link #NULL}.
     *
     * @throws JsonException for NaN or infinite numbers, unpaired surrogates, other types, or
     *     nesting deeper than {@link #MAX_DEPTH} (which also catches a map that contains itself)
     */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        new Writer(out).value(value, 0);
        return out.toString();
    }

    /** Depth-first writer that remembers the path to the current value for error messages. */
    private static final class Writer {
        private final StringBuilder out;
        private final List<Object> path = new ArrayList<>();

        Writer(StringBuilder out) {
            this.out = out;
        }

        void value(Object value, int depth) {
            switch (value) {
                case null -> out.append("null");
                case Null marker -> out.append("null");
                case String s -> quote(s);
                case Boolean b -> out.append(b);
                case Long n -> out.append(n);
                case Integer n -> out.append(n);
                case Short n -> out.append(n);
                case Byte n -> out.append(n);
                case BigInteger n -> out.append(n);
                case BigDecimal n -> out.append(n);
                case Double d -> out.append(finite(d));
                // Float.toString is the shortest decimal that reads back to the same float.
                case Float f -> out.append(Float.isFinite(f) ? Float.toString(f) : finite(f.doubleValue()));
                case float[] floats -> {
                    checkDepth(depth + 1);
                    out.append('[');
                    for (int i = 0; i < floats.length; i++) {
                        path.add(i);
                        value(floats[i], depth + 1);
                        path.removeLast();
                        out.append(i + 1 < floats.length ? "," : "");
                    }
                    out.append(']');
                }
                case int[] ints -> {
                    checkDepth(depth + 1);
                    out.append('[');
                    for (int i = 0; i < ints.length; i++) {
                        out.append(i == 0 ? "" : ",").append(ints[i]);
                    }
                    out.append(']');
                }
                case Map<?, ?> map -> object(map, depth + 1);
                case Collection<?> list -> array(list, depth + 1);
                default -> throw error("expected Map, Collection, float[], int[], String, Number, Boolean or null, got a "
                        + value.getClass().getName());
            }
        }

        private String finite(double d) {
            if (!Double.isFinite(d)) {
                throw error("expected a finite number, got " + d
                        + ". JSON has no NaN or Infinity; check the value before writing it");
            }
            return Double.toString(d);
        }

        private void object(Map<?, ?> map, int depth) {
            checkDepth(depth);
            Map<?, ?> ordered = map instanceof SequencedMap<?, ?> ? map : sorted(map);
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : ordered.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw error("object key " + e.getKey() + " is not a String");
                }
                if (!first) {
                    out.append(',');
                }
                first = false;
                path.add(key);
                quote(key);
                out.append(':');
                value(e.getValue(), depth);
                path.removeLast();
            }
            out.append('}');
        }

        private Map<?, ?> sorted(Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw error("object key " + e.getKey() + " is not a String");
                }
                sorted.put(key, e.getValue());
            }
            return sorted;
        }

        private void array(Collection<?> list, int depth) {
            checkDepth(depth);
            out.append('[');
            int i = 0;
            for (Object item : list) {
                if (i > 0) {
                    out.append(',');
                }
                path.add(i++);
                value(item, depth);
                path.removeLast();
            }
            out.append(']');
        }

        private void checkDepth(int depth) {
            if (depth > MAX_DEPTH) {
                throw error("nesting deeper than " + MAX_DEPTH + " levels (does a value contain itself?)");
            }
        }

        /** Writes the value of a JSON string: quotes, with {@code "}, {@code \} and control characters escaped. */
        private void quote(String s) {
            out.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    case '\b' -> out.append("\\b");
                    case '\f' -> out.append("\\f");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                                && Character.isLowSurrogate(s.charAt(i + 1))) {
                            out.append(c).append(s.charAt(++i));
                        } else if (Character.isSurrogate(c)) {
                            // UTF-8 cannot encode half a pair; writing it would produce a file no reader accepts.
                            throw error(String.format(
                                    "string has an unpaired surrogate U+%04X at index %d", (int) c, i));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        }

        JsonException error(String problem) {
            StringBuilder where = new StringBuilder("$");
            for (Object step : path) {
                if (step instanceof Integer i) {
                    where.append('[').append(i).append(']');
                } else {
                    where.append('.').append(step);
                }
            }
            return new JsonException("cannot write " + where + ": " + problem);
        }
    }
}
