package dev.glassbox.lab.core;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The lab's answers are plain maps, lists and arrays in the order the page reads them, written by
 * {@link dev.glassbox.io.Json} on every host — no data binder, which a browser build cannot have.
 */
final class JsonObject {
    private JsonObject() {}

    /** An object of alternating keys and values, in that order. */
    static Map<String, Object> of(Object... keysAndValues) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            object.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return object;
    }
}
