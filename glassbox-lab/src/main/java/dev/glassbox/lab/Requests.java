package dev.glassbox.lab;

import dev.glassbox.lab.core.Body;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;

/**
 * Reading the JSON bodies the page sends: a request that is not exactly right is answered 400 with
 * the reason, before any of it reaches the engine.
 */
final class Requests {
    private Requests() {}

    /** Reads and checks the body as {@code type}; any problem becomes an {@link IllegalArgumentException}. */
    static <T> T parse(Context ctx, Class<T> type) {
        try {
            T value = ctx.bodyAsClass(type);
            if (value == null) {
                throw new IllegalArgumentException("expected a JSON object, got null");
            }
            return value;
        } catch (HttpResponseException | IllegalArgumentException e) {
            throw e; // e.g. 413 for a body over the size limit
        } catch (Exception e) {
            // Jackson reports a failed check in a record's constructor wrapped in its own (checked) exceptions.
            Throwable root = root(e);
            throw new IllegalArgumentException(root instanceof IllegalArgumentException
                    ? root.getMessage() : "bad request body: " + firstLine(root));
        }
    }

    private static Throwable root(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String firstLine(Throwable t) {
        String message = t.getMessage() == null ? t.toString() : t.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** The body as a JSON object, read field by field by the answer it is for. */
    static Body body(Context ctx) {
        return Body.parse(ctx.body());
    }
}
