package dev.glassbox.jvm.data;

import dev.glassbox.data.DatasetException;
import dev.glassbox.data.Mnist;
import dev.glassbox.jvm.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Fetches known datasets into a per-user cache: {@code $XDG_CACHE_HOME/glassbox/<name>}, or
 * {@code ~/.cache/glassbox/<name>} when that variable is unset or not absolute.
 *
 * <p>Each file {@code <file>.gz} is downloaded from {@code <base URL><file>.gz} into a temporary
 * {@code .part} file beside its target, its <em>uncompressed</em> SHA-256 is checked against the
 * built-in value, and only then is it renamed into place atomically, so the cache never holds a
 * half-written or wrong file under its real name. Last, {@code SHA256SUMS.raw} is written, which
 * makes {@link MnistFolder#load} verify the files again on every load. A folder that already holds
 * every file is used without touching the network.
 *
 * <p>Known datasets: only {@code mnist}. Fashion-MNIST and KMNIST have the same layout and load
 * with {@code --data DIR}, but they are not built in because their publishers list MD5 sums of
 * the .gz files, not SHA-256 sums of the uncompressed ones, and a checksum we cannot vouch for
 * is worse than none.
 *
 * <p>Not a general HTTP client: no retries, no resume, no proxies beyond the JDK defaults.
 */
public final class DatasetDownloads {
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Time allowed until the response headers arrive; the body itself may take longer. */
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);
    private static final String OFFLINE_HINT = "Offline? Point --data at a folder holding the four IDX files";

    /**
     * A downloadable dataset.
     *
     * @param name      the cache folder name and the CLI's name, e.g. "mnist"
     * @param baseUrl   ends with "/"; file {@code f} is fetched from {@code baseUrl + f + ".gz"}
     * @param rawSha256 the SHA-256 (64 lower-case hex digits) of each <em>uncompressed</em> file, by
     *                  file name without .gz
     */
    public record Source(String name, URI baseUrl, Map<String, String> rawSha256) {
        public Source {
            if (name == null || !name.matches("[a-z0-9][a-z0-9-]*")) {
                throw new IllegalArgumentException("Source: expected a lower-case name like 'mnist', got " + name);
            }
            if (baseUrl == null || !baseUrl.toString().endsWith("/")) {
                throw new IllegalArgumentException("Source " + name + ": expected a base URL ending in '/', got "
                        + baseUrl);
            }
            rawSha256 = Map.copyOf(rawSha256);
            if (rawSha256.isEmpty()) {
                throw new IllegalArgumentException("Source " + name + ": expected at least one file");
            }
            rawSha256.forEach((file, sum) -> {
                if (!sum.matches("[0-9a-f]{64}") || file.contains("/")) {
                    throw new IllegalArgumentException("Source " + name + ": expected '<file>' -> 64 hex digits, got '"
                            + file + "' -> '" + sum + "'");
                }
            });
        }

        /** The same files from another server (a mirror, or a test server). */
        public Source withBaseUrl(URI otherBaseUrl) {
            return new Source(name, otherBaseUrl, rawSha256);
        }
    }

    /** MNIST from PyTorch's mirror; sums are of the uncompressed files, as in data/mnist/SHA256SUMS.raw. */
    public static final Source MNIST = new Source("mnist", URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"),
            Map.of(Mnist.TEST_IMAGES, "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
                    Mnist.TEST_LABELS, "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
                    Mnist.TRAIN_IMAGES, "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
                    Mnist.TRAIN_LABELS, "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"));

    private static final Map<String, Source> KNOWN = Map.of(MNIST.name(), MNIST);

    private final Path cacheRoot;
    private final Duration connectTimeout;

    private DatasetDownloads(Path cacheRoot, Duration connectTimeout) {
        this.cacheRoot = cacheRoot;
        this.connectTimeout = connectTimeout;
    }

    /** Downloads into the user's cache folder (see the class doc) with a 10 s connect timeout. */
    public static DatasetDownloads userCache() {
        return new DatasetDownloads(defaultCacheRoot(System.getenv(), System.getProperty("user.home")),
                CONNECT_TIMEOUT);
    }

    /** Downloads into {@code cacheRoot/<name>} instead; for tests and a custom cache. */
    public static DatasetDownloads into(Path cacheRoot) {
        return new DatasetDownloads(cacheRoot, CONNECT_TIMEOUT);
    }

    static Path defaultCacheRoot(Map<String, String> env, String userHome) {
        String xdg = env.get("XDG_CACHE_HOME");
        // The XDG spec says relative values are invalid and must be ignored.
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "glassbox");
        }
        return Path.of(userHome, ".cache", "glassbox");
    }

    /** The names {@link #source(String)} accepts. */
    public static Set<String> names() {
        return new TreeMap<>(KNOWN).keySet();
    }

    public static Source source(String name) {
        Source source = KNOWN.get(name);
        if (source == null) {
            throw new IllegalArgumentException("unknown dataset '" + name + "': expected one of " + names()
                    + ". Other MNIST-format datasets load with --data DIR");
        }
        return source;
    }

    public Path cacheRoot() {
        return cacheRoot;
    }

    /** Where {@code source} is (or will be) kept. */
    public Path directory(Source source) {
        return cacheRoot.resolve(source.name());
    }

    /** True when every file and the checksum file are present, so {@link #ensure} needs no network. */
    public boolean isCached(Source source) {
        Path dir = directory(source);
        return Files.isRegularFile(dir.resolve(MnistFolder.CHECKSUM_FILE))
                && source.rawSha256().keySet().stream().allMatch(file -> present(dir, file));
    }

    /** {@link #ensure(Source, DownloadProgress)} for a built-in dataset by name. */
    public Path ensure(String name, DownloadProgress progress) {
        return ensure(source(name), progress);
    }

    /**
     * Downloads whatever files of {@code source} are missing and returns the folder holding them.
     *
     * @throws DatasetException with a one-line message when the server is unreachable, answers
     *                          with an error, or serves a file whose checksum does not match
     */
    public Path ensure(Source source, DownloadProgress progress) {
        Path dir = directory(source);
        if (isCached(source)) {
            return dir;
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new DatasetException(dir + ": cannot create the cache folder (" + e + "). Set XDG_CACHE_HOME "
                    + "or point --data at a folder holding the four IDX files", e);
        }
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL).build()) {
            for (Map.Entry<String, String> file : new TreeMap<>(source.rawSha256()).entrySet()) {
                if (!present(dir, file.getKey())) {
                    download(client, source, file.getKey(), file.getValue(), dir, progress);
                }
            }
        }
        writeChecksums(source, dir);
        return dir;
    }

    private static boolean present(Path dir, String file) {
        return Files.isRegularFile(dir.resolve(file + ".gz")) || Files.isRegularFile(dir.resolve(file));
    }

    private void download(HttpClient client, Source source, String file, String expectedSha256, Path dir,
            DownloadProgress progress) {
        URI url = source.baseUrl().resolve(file + ".gz");
        Path target = dir.resolve(file + ".gz");
        Path temp = null;
        try {
            temp = Files.createTempFile(dir, file + ".gz.", ".part");
            fetch(client, source, url, temp, file + ".gz", progress);
            String got = uncompressedSha256(url, temp);
            if (!got.equals(expectedSha256)) {
                throw new DatasetException(url + ": SHA-256 mismatch: expected " + expectedSha256 + ", got " + got
                        + ". The server sent a different file; try later or point --data at a folder holding the "
                        + "four IDX files");
            }
            AtomicFiles.moveAtomically(temp, target);
        } catch (IOException e) {
            throw new DatasetException("cannot download " + source.name() + " (" + describe(url, e) + "). "
                    + OFFLINE_HINT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatasetException("cannot download " + source.name() + " (interrupted)", e);
        } finally {
            AtomicFiles.deleteQuietly(temp);
        }
    }

    private void fetch(HttpClient client, Source source, URI url, Path temp, String label, DownloadProgress progress)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(RESPONSE_TIMEOUT).GET().build();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new DatasetException("cannot download " + source.name() + " (HTTP " + response.statusCode()
                        + " from " + url + "). The mirror may have moved; point --data at a folder holding the four "
                        + "IDX files");
            }
            progress.started(label, response.headers().firstValueAsLong("Content-Length").orElse(-1));
            try (OutputStream out = Files.newOutputStream(temp)) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = body.read(buffer)) > 0; ) {
                    out.write(buffer, 0, n);
                    progress.advanced(n);
                }
            } finally {
                progress.finished();
            }
        }
    }

    private static String uncompressedSha256(URI url, Path gzFile) throws IOException {
        MessageDigest digest = MnistFolder.sha256();
        try (InputStream in = new DigestInputStream(new GZIPInputStream(Files.newInputStream(gzFile), 1 << 16),
                digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (ZipException e) {
            throw new DatasetException(url + ": expected a gzip file, got something else (" + e.getMessage()
                    + "). Try later or point --data at a folder holding the four IDX files", e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Writes SHA256SUMS.raw (sorted, sha256sum format) so every later load re-verifies the files. */
    private static void writeChecksums(Source source, Path dir) {
        StringBuilder lines = new StringBuilder();
        new TreeMap<>(source.rawSha256()).forEach((file, sum) -> lines.append(sum).append("  ").append(file)
                .append('\n'));
        Path temp = null;
        try {
            temp = Files.createTempFile(dir, MnistFolder.CHECKSUM_FILE + ".", ".part");
            Files.writeString(temp, lines, StandardCharsets.UTF_8);
            AtomicFiles.moveAtomically(temp, dir.resolve(MnistFolder.CHECKSUM_FILE));
        } catch (IOException e) {
            throw new DatasetException(dir.resolve(MnistFolder.CHECKSUM_FILE) + ": cannot write (" + e + ")", e);
        } finally {
            AtomicFiles.deleteQuietly(temp);
        }
    }

    /** One line for the CLI: the URL and the innermost helpful reason. */
    private String describe(URI url, IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return url + ": no connection within " + connectTimeout.toSeconds() + " s";
        }
        String reason = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return url + ": unknown host " + url.getHost();
            }
            if (reason == null && t.getMessage() != null && !t.getMessage().isBlank()) {
                reason = t.getClass().getSimpleName() + ": " + t.getMessage().replace('\n', ' ');
            }
        }
        if (reason == null) {
            // The JDK's HttpClient throws a bare ConnectException when the port is closed.
            reason = e instanceof ConnectException ? "connection refused" : e.getClass().getSimpleName();
        }
        return url + ": " + reason;
    }
}
