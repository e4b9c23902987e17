package dev.glassbox.lab;

import dev.glassbox.lab.core.LabData;
import dev.glassbox.lab.core.DrawingRequest;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.javalin.util.JavalinBindException;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * The lab's web server: the page and its scripts from inside the jar, and a small JSON API over
 * the current model.
 *
 * <p>Safety, since the page can train and save: it listens on loopback unless told otherwise
 * ({@link LabSettings}); it answers only requests addressed to the addresses it listens on (or names
 * the user allowed), and state changes only as JSON carrying this run's token ({@link RequestGuard});
 * it sends no CORS headers; JSON bodies are capped at {@value #MAX_BODY_BYTES} bytes and model
 * files at {@value #MAX_MODEL_BYTES}; and files are served only from the bundled assets.
 */
public final class LabServer implements AutoCloseable {
    /** Large enough for a drawing of {@value DrawingRequest#MAX_SIDE}² ink values, small enough to be harmless. */
    static final int MAX_BODY_BYTES = 256 * 1024;
    /** The largest model file the page may open: a 784-4096-4096-10 network, the Train panel's widest, is 80 MB. */
    static final int MAX_MODEL_BYTES = 96 * 1024 * 1024;

    private final Javalin app;
    private final Lab lab;
    private final LabSettings settings;
    private final RequestGuard guard;

    private LabServer(Javalin app, Lab lab, LabSettings settings, RequestGuard guard) {
        this.app = app;
        this.lab = lab;
        this.settings = settings;
        this.guard = guard;
    }

    /**
     * Starts serving {@code lab}; returns once the port is open.
     *
     * @throws IllegalStateException if the port is in use or the address cannot be bound (one line saying which)
     */
    public static LabServer start(Lab lab, LabSettings settings) {
        RequestGuard guard = RequestGuard.of(settings);
        requireFree(settings, lab);
        Javalin app = Javalin.create(config -> configure(config, lab, guard));
        try {
            app.start(settings.host(), settings.port());
        } catch (JavalinBindException e) {
            app.stop();
            lab.close();
            throw bindFailure(settings, e);
        }
        return new LabServer(app, lab, settings, guard);
    }

    /**
     * Fails early, in one line, if the port is taken: Javalin would say so too, but only after
     * logging an error of its own. Closing a socket that never accepted leaves the port free at once.
     */
    private static void requireFree(LabSettings settings, Lab lab) {
        if (settings.port() == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(LabSettings.address(settings.host()), settings.port()));
        } catch (IOException e) {
            lab.close();
            throw bindFailure(settings, e);
        }
    }

    private static IllegalStateException bindFailure(LabSettings settings, Exception e) {
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof BindException)) {
            cause = cause.getCause();
        }
        String reason = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        if (reason.toLowerCase(Locale.ROOT).contains("in use")) {
            return new IllegalStateException("lab: port " + settings.port() + " on " + settings.host()
                    + " is in use; choose another with --port, or 0 for any free port", e);
        }
        return new IllegalStateException("lab: cannot listen on " + settings.host() + " port " + settings.port() + ": "
                + reason + ". Check --host and --port", e);
    }

    /** Starts a lab over {@code model} and {@code data}. */
    public static LabServer start(LabModel model, LabData data, LabSettings settings) {
        return start(new Lab(model, data, settings.saveTo()), settings);
    }

    private static void configure(JavalinConfig config, Lab lab, RequestGuard guard) {
        config.startup.showJavalinBanner = false;
        config.http.maxRequestSize = MAX_MODEL_BYTES; // JSON bodies are held to MAX_BODY_BYTES (Requests)
        config.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = LabAssets.ROOT;
            files.location = Location.CLASSPATH;
            files.headers = Map.of("Cache-Control", "no-cache");
        });
        config.routes.before(guard::check);
        config.routes.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, HttpStatus.BAD_REQUEST, e));
        config.routes.exception(IllegalStateException.class, (e, ctx) -> error(ctx, HttpStatus.CONFLICT, e));
        // Whatever else fails is still answered with its reason (a save that cannot write, say), not a bare 500.
        config.routes.exception(Exception.class, (e, ctx) -> error(ctx, HttpStatus.INTERNAL_SERVER_ERROR, e));
        // Same origin only: a page elsewhere cannot read the answer, since no CORS header allows it.
        // The page asks which back end answers it; an exported site's own site.json says "worker".
        config.routes.get("/site.json", ctx -> ctx.json(Map.of("backEnd", "server")));
        byte[] chart = LabAssets.read(LabAssets.CHART_PATH);
        config.routes.get("/" + LabAssets.CHART_PATH, ctx -> ctx.contentType("text/javascript").result(chart));
        config.routes.get("/api/session", ctx -> ctx.json(Map.of("token", guard.token(), "header",
                RequestGuard.TOKEN_HEADER)));
        new AnswerRoutes(lab.answers(), lab.landscape()).addTo(config.routes);
        new TrainingRoutes(lab).addTo(config.routes);
    }

    private static void error(Context ctx, HttpStatus status, Exception e) {
        ctx.status(status).json(Map.of("error", e.getMessage() == null ? e.toString() : e.getMessage()));
    }

    /** The port actually bound (useful when the settings asked for any free port). */
    public int port() {
        return app.port();
    }

    /**
     * The address to open in a browser: {@code localhost} for a wildcard address, an address as
     * the server binds it ({@code ::ffff:127.0.0.1} is {@code 127.0.0.1}), a name as given.
     */
    public URI uri() {
        String host = settings.host();
        InetAddress bound = LabSettings.address(host);
        String shown = bound.isAnyLocalAddress() ? "localhost"
                : RequestGuard.isAddress(host) ? bound.getHostAddress() : host;
        if (shown.contains(":") && !shown.startsWith("[")) {
            shown = "[" + shown + "]";
        }
        return URI.create("http://" + shown + ":" + port() + "/");
    }

    /** This run's token, which every request other than GET and HEAD carries in {@value RequestGuard#TOKEN_HEADER}. */
    String token() {
        return guard.token();
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
