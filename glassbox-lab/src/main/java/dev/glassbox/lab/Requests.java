package dev.glassbox.lab;

import dev.glassbox.lab.core.Body;
import io.javalin.http.Context;

/**
 * Reading the JSON bodies the page sends: a request that is not exactly right is answered 400 with
 * the reason ({@link Body}'s accessors and the requests' own checks), before any of it reaches the
 * engine; a body over the size limit is answered 413 by the server before it is read.
 */
final class Requests {
    private Requests() {}

    /** The body as a JSON object, read field by field by the answer it is for. */
    static Body body(Context ctx) {
        return Body.parse(ctx.body());
    }
}
