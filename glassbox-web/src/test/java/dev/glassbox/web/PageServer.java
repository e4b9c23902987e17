package dev.glassbox.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback HTTP server for the page tests and the web benchmark: the compiled builds from
 * {@code target/web} at {@code /wasm/...} and {@code /js/...}, test pages from this package's
 * resources at {@code /<name>.html}, and the files of other folders under the prefixes given (e.g.
 * {@code /data/} for {@code ../data/mnist}). Only files inside those folders are served. Or, as
 * {@link #site}, a static site's folder as any web server serves it. Every request is logged.
 */
final class PageServer implements AutoCloseable {
    private final HttpServer server;
    private final boolean site;
    /** The paths asked for, in order, each with the status answered. */
    final List<String> requests = new CopyOnWriteArrayList<>();

    /** Serves {@code web} and the {@code folders} by URL prefix (without slashes, e.g. "data"). */
    PageServer(Path web, Map<String, Path> folders) {
        this(web, folders, false);
    }

    /** Serves the folder {@code dir} and nothing else: {@code /} is its {@code index.html}. */
    static PageServer site(Path dir) {
        return new PageServer(dir, Map.of(), true);
    }

    private PageServer(Path web, Map<String, Path> folders, boolean site) {
        this.site = site;
        Path webRoot = web.toAbsolutePath().normalize();
        Map<String, Path> roots = new java.util.HashMap<>();
        folders.forEach((prefix, folder) -> roots.put(prefix, folder.toAbsolutePath().normalize()));
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> serve(exchange, webRoot, roots));
        server.start();
    }

    /** The URL of {@code path} (e.g. {@code same-training.html}) on this server. */
    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + path;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void serve(HttpExchange exchange, Path web, Map<String, Path> folders) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(1);
            if (site && path.isEmpty()) {
                path = "index.html";
            }
            byte[] body = null;
            if (!site && path.endsWith(".html") && !path.contains("/")) {
                try (InputStream in = PageServer.class.getResourceAsStream(path)) {
                    body = in == null ? null : in.readAllBytes();
                }
            } else {
                Path root = web;
                String rest = path;
                int slash = path.indexOf('/');
                if (slash > 0 && folders.containsKey(path.substring(0, slash))) {
                    root = folders.get(path.substring(0, slash));
                    rest = path.substring(slash + 1);
                }
                Path file = root.resolve(rest).normalize();
                if (file.startsWith(root) && Files.isRegularFile(file)) {
                    body = Files.readAllBytes(file);
                }
            }
            requests.add(exchange.getRequestURI().getPath() + " " + (body == null ? 404 : 200));
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", contentType(path));
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static String contentType(String path) {
        if (path.endsWith(".wasm")) {
            return "application/wasm";
        }
        if (path.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        if (path.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (path.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        if (path.endsWith(".json")) {
            return "application/json";
        }
        return "application/octet-stream";
    }
}
