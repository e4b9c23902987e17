package dev.glassbox.web;

import java.util.HashMap;
import java.util.Map;

/**
 * The objects a page holds between calls, each under an int handle: a page cannot keep a Java
 * object, so {@link Engine} hands out numbers instead. Handles start at 1 and are never reused in
 * one page's life (0 is never a handle, so a page may use it for "none"); {@link #release} drops
 * the object so its memory can be reclaimed.
 *
 * <p>One registry holds every kind (networks, data, datasets, training runs); {@link #get} checks
 * the kind, so a dataset's handle passed as a network fails with a message naming both. Not
 * thread-safe: a page runs its calls one at a time.
 */
final class Handles {
    private final Map<Integer, Object> objects = new HashMap<>();
    private int last;

    /** Registers {@code object}; returns its new handle. */
    int add(Object object) {
        if (object == null) {
            throw new IllegalArgumentException("Handles.add: nothing to register");
        }
        last++;
        objects.put(last, object);
        return last;
    }

    /**
     * The object under {@code handle}.
     *
     * @param what what the caller meant to pass, for the message, e.g. "network"
     * @throws IllegalArgumentException if there is no such handle or it holds something else
     */
    <T> T get(int handle, Class<T> type, String what) {
        Object object = objects.get(handle);
        if (object == null) {
            throw new IllegalArgumentException("expected a " + what + " handle, got " + handle
                    + ", which " + (handle > 0 && handle <= last ? "was released" : "was never given out"));
        }
        if (!type.isInstance(object)) {
            throw new IllegalArgumentException("expected a " + what + " handle, got " + handle + ", which holds a "
                    + object.getClass().getSimpleName());
        }
        return type.cast(object);
    }

    /** Drops the object under {@code handle}; returns whether there was one. */
    boolean release(int handle) {
        Object object = objects.remove(handle);
        if (object instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("Handles.release: closing handle " + handle + " failed: " + e, e);
            }
        }
        return object != null;
    }

    /** How many objects are held. */
    int size() {
        return objects.size();
    }
}
