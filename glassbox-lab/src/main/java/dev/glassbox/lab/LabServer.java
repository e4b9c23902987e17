package dev.glassbox.lab;

import dev.glassbox.data.MnistData;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * The lab's web server: the page and its scripts from inside the jar, and a small JSON API over
 * the current model.
 *
 * <p>Safety, since the page can train and save: it listens on loopback unless told otherwise
 * ({@link LabSettings}); while on loopback it answers only requests addressed to a loopback name
 * (so a web page elsewhere cannot reach it by pointing its own host name at 127.0.0.1); state
 * changing requests must be JSON from the lab's own origin; request bodies are capped at
 * {@value #MAX_BODY_BYTES} bytes; and files are served only from the bundled assets.
 */
public final class LabServer implements AutoCloseable {
    /** Large enough for a drawing of {@value DrawingRequest#MAX_SIDE}² ink values, small enough to be harmless. */
    static final int MAX_BODY_BYTES = 256 * 1024;
    static final String ASSETS = "/dev/glassbox/lab/static";

    private final Javalin app;
    private final Lab lab;
    private final LabSettings settings;

    private LabServer(Javalin app, Lab lab, LabSettings settings) {
        this.app = app;
        this.lab = lab;
        this.settings = settings;
    }

    /** Starts serving {@code lab}; returns once the port is open. */
    public static LabServer start(Lab lab, LabSettings settings) {
        Javalin app = Javalin.create(config -> configure(config, lab, settings));
        app.start(settings.host(), settings.port());
        return new LabServer(app, lab, settings);
    }

    /** Starts a lab over {@code model} and {@code data}. */
    public static LabServer start(LabModel model, MnistData data, LabSettings settings) {
        return start(new Lab(model, data, settings.saveTo()), settings);
    }

    private static void configure(JavalinConfig config, Lab lab, LabSettings settings) {
        config.startup.showJavalinBanner = false;
        config.http.maxRequestSize = MAX_BODY_BYTES;
        config.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = ASSETS;
            files.location = Location.CLASSPATH;
            files.headers = Map.of("Cache-Control", "no-cache");
        });
        config.staticFiles.enableWebjars();
        config.routes.before(ctx -> guard(ctx, settings));
        config.routes.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, HttpStatus.BAD_REQUEST, e));
        config.routes.exception(IllegalStateException.class, (e, ctx) -> error(ctx, HttpStatus.CONFLICT, e));
        new ModelRoutes(lab).addTo(config.routes);
        new BackpropRoutes(lab).addTo(config.routes);
        new DiagnosticsRoutes(lab).addTo(config.routes);
        new TrainingRoutes(lab).addTo(config.routes);
    }

    /** Refuses requests addressed to another host name, and state changes that are not JSON from this origin. */
    private static void guard(Context ctx, LabSettings settings) {
        if (!settings.allowRemote() && !isLoopbackName(hostOf(ctx.host()))) {
            throw new ForbiddenResponse("the lab answers only requests to localhost or 127.0.0.1");
        }
        if (!ctx.method().name().equals("GET") && !ctx.method().name().equals("HEAD")) {
            String type = ctx.contentType();
            if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
                throw new io.javalin.http.HttpResponseException(HttpStatus.UNSUPPORTED_MEDIA_TYPE.getCode(),
                        "expected a JSON body (Content-Type: application/json)");
            }
            String origin = ctx.header("Origin");
            if (origin != null && !sameHost(origin, ctx.host())) {
                throw new ForbiddenResponse("requests from " + origin + " are not accepted");
            }
        }
    }

    private static boolean sameHost(String origin, String host) {
        try {
            URI uri = URI.create(origin);
            String authority = uri.getRawAuthority();
            return authority != null && host != null && authority.equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The host part of a Host header: {@code [::1]:8080} → {@code [::1]}, {@code localhost:80} → {@code localhost}. */
    static String hostOf(String hostHeader) {
        if (hostHeader == null) {
            return "";
        }
        if (hostHeader.startsWith("[")) {
            int end = hostHeader.indexOf(']');
            return end < 0 ? hostHeader : hostHeader.substring(0, end + 1);
        }
        int colon = hostHeader.lastIndexOf(':');
        return colon < 0 ? hostHeader : hostHeader.substring(0, colon);
    }

    /** Literal loopback addresses and {@code localhost} only: no name lookups for a request. */
    static boolean isLoopbackName(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.equals("[::1]") || h.matches("127(\\.\\d{1,3}){3}");
    }

    private static void error(Context ctx, HttpStatus status, Exception e) {
        ctx.status(status).json(Map.of("error", e.getMessage() == null ? e.toString() : e.getMessage()));
    }

    /** The port actually bound (useful when the settings asked for any free port). */
    public int port() {
        return app.port();
    }

    /** The address to open in a browser. */
    public URI uri() {
        String host = settings.host();
        String shown = host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host;
        if (shown.contains(":") && !shown.startsWith("[")) {
            shown = "[" + shown + "]";
        }
        return URI.create("http://" + shown + ":" + port() + "/");
    }

    Lab lab() {
        return lab;
    }

    /** Stops training, if any, and the server. */
    @Override
    public void close() {
        lab.close();
        app.stop();
    }
}
