package dev.glassbox.lab.core;

import dev.glassbox.io.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request's JSON object, read field by field with checks: each accessor names the field and
 * what it expected when the value is of the wrong kind, and an absent field is {@code null}
 * (or, for a number that must be there, an error), so the requests' own checks can say what is
 * missing.
 */
public final class Body {
    private final Map<?, ?> fields;

    private Body(Map<?, ?> fields) {
        this.fields = fields;
    }

    /**
     * Parses {@code json}, which must be one JSON object.
     *
     * @throws IllegalArgumentException naming the problem (a {@link dev.glassbox.io.JsonException} for bad JSON)
     */
    public static Body parse(String json) {
        Object value = Json.parse(json);
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("expected a JSON object, got " + (value instanceof List<?> ? "an array"
                    : value));
        }
        return new Body(map);
    }

    /** The fields whose values are strings, by name: a query's parameters sent as an object. */
    public Map<String, String> texts() {
        Map<String, String> texts = new LinkedHashMap<>();
        fields.forEach((name, value) -> {
            if (value instanceof String text) {
                texts.put((String) name, text);
            }
        });
        return texts;
    }

    /** Whether the field is present and not {@code null}. */
    public boolean has(String name) {
        Object value = fields.get(name);
        return value != null && value != Json.NULL;
    }

    /** An array of numbers as floats, or {@code null} when absent. */
    public float[] floats(String name) {
        List<?> list = list(name);
        if (list == null) {
            return null;
        }
        float[] values = new float[list.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) number(name + "[" + i + "]", list.get(i));
        }
        return values;
    }

    /** An array of whole numbers, or {@code null} when absent. */
    public int[] ints(String name) {
        List<?> list = list(name);
        if (list == null) {
            return null;
        }
        int[] values = new int[list.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = whole(name + "[" + i + "]", list.get(i));
        }
        return values;
    }

    /** A whole number, or {@code null} when absent. */
    public Integer optionalInt(String name) {
        return has(name) ? whole(name, fields.get(name)) : null;
    }

    /** A whole number that must be there. */
    public int integer(String name) {
        return whole(name, required(name));
    }

    /** A number that must be there. */
    public double number(String name) {
        return number(name, required(name));
    }

    /** A number, or {@code otherwise} when absent. */
    public double number(String name, double otherwise) {
        return has(name) ? number(name, fields.get(name)) : otherwise;
    }

    /** An array of strings, or {@code null} when absent; at most {@code most} of them. */
    public List<String> strings(String name, int most) {
        if (!has(name)) {
            return null;
        }
        if (!(fields.get(name) instanceof List<?> list)) {
            throw new IllegalArgumentException(name + ": expected an array of strings, got " + fields.get(name));
        }
        if (list.size() > most) {
            throw new IllegalArgumentException(name + ": expected at most " + most + " strings, got " + list.size());
        }
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String s)) {
                throw new IllegalArgumentException(name + "[" + i + "]: expected a string, got " + list.get(i));
            }
            strings.add(s);
        }
        return strings;
    }

    /** A string, or {@code null} when absent. */
    public String text(String name) {
        if (!has(name)) {
            return null;
        }
        if (!(fields.get(name) instanceof String s)) {
            throw new IllegalArgumentException(name + ": expected a string, got " + fields.get(name));
        }
        return s;
    }

    private Object required(String name) {
        if (!has(name)) {
            throw new IllegalArgumentException(name + ": missing");
        }
        return fields.get(name);
    }

    private List<?> list(String name) {
        if (!has(name)) {
            return null;
        }
        if (!(fields.get(name) instanceof List<?> list)) {
            throw new IllegalArgumentException(name + ": expected an array of numbers, got " + fields.get(name));
        }
        return list;
    }

    private static double number(String name, Object value) {
        if (!(value instanceof Number n)) {
            throw new IllegalArgumentException(name + ": expected a number, got " + value);
        }
        return n.doubleValue();
    }

    private static int whole(String name, Object value) {
        if (!(value instanceof Long n) || n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + ": expected a whole number, got " + value);
        }
        return n.intValue();
    }
}
