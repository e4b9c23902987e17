package dev.glassbox.lab;

import dev.glassbox.lab.core.Body;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;

/**
 * Reading the JSON bodies the page sends: a request that is not exactly right is answered 400 with
 * the reason ({@link Body}'s accessors and the requests' own checks), before any of it reaches the
 * engine; a body over the size limit is answered 413 by the server before it is read.
 */
final class Requests {
    private Requests() {}

    /** The body as a JSON object, read field by field by the answer it is for. */
    static Body body(Context ctx) {
        if (ctx.contentLength() > LabServer.MAX_BODY_BYTES) {
            throw tooLarge();
        }
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length > LabServer.MAX_BODY_BYTES) {
            throw tooLarge();
        }
        return Body.parse(new String(bytes, StandardCharsets.UTF_8));
    }

    private static HttpResponseException tooLarge() {
        return new HttpResponseException(HttpStatus.CONTENT_TOO_LARGE.getCode(), "request body over "
                + LabServer.MAX_BODY_BYTES + " bytes");
    }
}
