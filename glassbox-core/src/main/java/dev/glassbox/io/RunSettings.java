package dev.glassbox.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The settings a checkpoint carries so that a run can be resumed without repeating them: option
 * names (without dashes) to their values as the user typed them, e.g. {@code layers →
 * 784-256-128-10}, {@code learning-rate → 0.0015}. Stored as one JSON object of strings under the
 * metadata entry {@value #KEY}.
 *
 * <p>A checkpoint may come from anyone, so these are data and never instructions: only names the
 * caller lists as known are accepted — the caller lists none that names a file (no output, no
 * dataset folder) — and values are short single-line text. Where a resumed run writes is decided
 * by the user's command line and the checkpoint's own location, never by its contents.
 *
 * @param values by option name, in name order; unmodifiable
 */
public record RunSettings(Map<String, String> values) {
    /** The checkpoint metadata entry holding the settings. */
    public static final String KEY = "glassbox.run_settings";
    /** More than any command has options: a bound on what a file can make us hold. */
    static final int MAX_ENTRIES = 64;
    /** Longer than any layer spec or augmentation a person writes. */
    static final int MAX_VALUE_CHARS = 1024;

    public RunSettings {
        if (values == null) {
            throw new IllegalArgumentException("RunSettings: values must not be null");
        }
        if (values.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException("run settings: " + values.size() + " entries, expected at most "
                    + MAX_ENTRIES);
        }
        values.forEach(RunSettings::check);
        values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /**
     * Reads the settings written by {@link #toJson()}, accepting only {@code known} names.
     *
     * @throws IllegalArgumentException with a message naming the first problem: not a JSON object of
     *     strings, an unknown or malformed name, a value too long or holding control characters
     */
    public static RunSettings parse(String json, Set<String> known) {
        if (json == null || known == null) {
            throw new IllegalArgumentException("RunSettings.parse: json and known must not be null");
        }
        if (json.length() > (MAX_VALUE_CHARS + 64) * MAX_ENTRIES) {
            throw new IllegalArgumentException("run settings: " + json.length() + " characters, more than any run's");
        }
        Object parsed;
        try {
            parsed = Json.parse(json);
        } catch (JsonException e) {
            throw new IllegalArgumentException("run settings are not valid JSON: at character " + e.offset() + ": "
                    + e.problem(), e);
        }
        if (!(parsed instanceof Map<?, ?> object)) {
            throw new IllegalArgumentException("run settings: expected a JSON object, got " + kind(parsed));
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : object.entrySet()) {
            String name = (String) entry.getKey();
            if (!known.contains(name)) {
                throw new IllegalArgumentException("run settings: unknown setting '" + printable(name)
                        + "'; a checkpoint carries only the run's settings, never file names");
            }
            if (!(entry.getValue() instanceof String value)) {
                throw new IllegalArgumentException("run settings: '" + name + "' is " + kind(entry.getValue())
                        + ", expected a string");
            }
            values.put(name, value);
        }
        return new RunSettings(values);
    }

    /** The settings as one JSON object, for {@link #KEY}. */
    public String toJson() {
        return Json.write(values);
    }

    /** Only the settings named in {@code names}. */
    public RunSettings only(Set<String> names) {
        Map<String, String> kept = new LinkedHashMap<>(values);
        kept.keySet().retainAll(names);
        return new RunSettings(kept);
    }

    private static void check(String name, String value) {
        if (name == null || !name.matches("[a-z][a-z0-9-]{0,39}")) {
            throw new IllegalArgumentException("run settings: '" + printable(name)
                    + "' is not a setting's name (lower-case letters, digits and dashes)");
        }
        if (value == null || value.length() > MAX_VALUE_CHARS) {
            throw new IllegalArgumentException("run settings: '" + name + "' has "
                    + (value == null ? "no value" : value.length() + " characters, expected at most " + MAX_VALUE_CHARS));
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                throw new IllegalArgumentException("run settings: '" + name + "' holds a control character at "
                        + i + ", expected one line of text");
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("run settings: '" + name + "' holds half a character at " + i
                        + ", expected text");
            }
        }
    }

    private static String kind(Object value) {
        return switch (value) {
            case null -> "nothing";
            case Map<?, ?> m -> "an object";
            case List<?> l -> "an array";
            case String s -> "a string";
            default -> value == Json.NULL ? "null" : "a " + value.getClass().getSimpleName().toLowerCase(Locale.ROOT);
        };
    }

    /** A name from a file, cut short and with control characters shown as '?', for one-line messages. */
    private static String printable(String text) {
        if (text == null) {
            return "null";
        }
        String cut = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        StringBuilder shown = new StringBuilder(cut.length());
        cut.codePoints().forEach(c -> shown.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return shown.toString();
    }
}
