package dev.glassbox.jvm.data;

import static dev.glassbox.testkit.IdxBytes.gzip;
import static dev.glassbox.testkit.IdxBytes.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.glassbox.data.DatasetException;
import dev.glassbox.data.Mnist;
import dev.glassbox.data.MnistData;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Never touches the network: a local HttpServer plays the mirror, a closed port plays "offline". */
class DatasetDownloadsTest {
    @TempDir
    Path cache;
    @TempDir
    Path source;

    private HttpServer server;
    private final Map<String, byte[]> served = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private Map<String, String> sums;

    @BeforeEach
    void startMirror() throws IOException {
        Map<String, byte[]> raw = MnistFolderTest.writeTiny(source, 6, 2, 5);
        sums = new HashMap<>();
        raw.forEach((file, bytes) -> {
            sums.put(file, sha256(bytes));
            served.put("/tiny/" + file + ".gz", gzip(bytes));
        });
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = served.get(exchange.getRequestURI().getPath());
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length); // sets Content-Length
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopMirror() {
        if (server != null) {
            server.stop(0);
        }
    }

    private DatasetDownloads.Source tiny() {
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/tiny/");
        return new DatasetDownloads.Source("tiny", base, sums);
    }

    /** Records progress calls as text, e.g. "started t10k-images-idx3-ubyte.gz 123". */
    private static final class Recorder implements DownloadProgress {
        final List<String> events = new ArrayList<>();
        long bytes;

        @Override
        public void started(String file, long totalBytesOrMinus1) {
            events.add("started " + file + " " + totalBytesOrMinus1);
        }

        @Override
        public void advanced(long more) {
            bytes += more;
        }

        @Override
        public void finished() {
            events.add("finished");
        }
    }

    @Test
    void downloadsVerifiesAndLoads() throws IOException {
        Recorder progress = new Recorder();
        Path dir = DatasetDownloads.into(cache).ensure(tiny(), progress);

        assertThat(dir).isEqualTo(cache.resolve("tiny"));
        for (String file : Mnist.FILES) {
            assertThat(dir.resolve(file + ".gz")).hasBinaryContent(served.get("/tiny/" + file + ".gz"));
        }
        assertThat(leftovers(dir)).isEmpty();
        String t10kImages = Mnist.TEST_IMAGES + ".gz";
        assertThat(progress.events).hasSize(8)
                .contains("started " + t10kImages + " " + served.get("/tiny/" + t10kImages).length, "finished");
        assertThat(progress.bytes).isEqualTo(served.values().stream().mapToLong(b -> b.length).sum());

        MnistData data = MnistFolder.load(dir); // verifies against the SHA256SUMS.raw written by the download
        assertThat(data.train().size()).isEqualTo(6);
        assertThat(data.sha256()).isEqualTo(MnistFolder.combinedSha256(sums));
    }

    @Test
    void aCompleteCacheNeedsNoNetwork() {
        DatasetDownloads downloads = DatasetDownloads.into(cache);
        downloads.ensure(tiny(), DownloadProgress.NONE);
        int before = requests.get();
        DatasetDownloads.Source offline = tiny().withBaseUrl(URI.create("http://127.0.0.1:" + closedPort() + "/"));
        assertThat(downloads.isCached(offline)).isTrue();
        assertThat(downloads.ensure(offline, DownloadProgress.NONE)).isEqualTo(cache.resolve("tiny"));
        assertThat(requests.get()).isEqualTo(before);
    }

    @Test
    void aWrongChecksumLeavesNothingBehind() throws IOException {
        Map<String, String> wrong = new HashMap<>(sums);
        wrong.put(Mnist.TRAIN_LABELS, "0".repeat(64));
        DatasetDownloads.Source source = new DatasetDownloads.Source("tiny", tiny().baseUrl(), wrong);

        assertThatThrownBy(() -> DatasetDownloads.into(cache).ensure(source, DownloadProgress.NONE))
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith(tiny().baseUrl() + Mnist.TRAIN_LABELS + ".gz: SHA-256 mismatch: expected "
                        + "0".repeat(64) + ", got " + sums.get(Mnist.TRAIN_LABELS));
        Path dir = cache.resolve("tiny");
        // Files are fetched in name order: the two t10k files made it, the bad one was never renamed.
        assertThat(dir.resolve(Mnist.TEST_IMAGES + ".gz")).exists();
        assertThat(dir.resolve(Mnist.TRAIN_LABELS + ".gz")).doesNotExist();
        assertThat(dir.resolve(MnistFolder.CHECKSUM_FILE)).doesNotExist();
        assertThat(leftovers(dir)).isEmpty();
    }

    @Test
    void anHttpErrorIsOneLine() {
        served.remove("/tiny/" + Mnist.TEST_LABELS + ".gz");
        assertThatThrownBy(() -> DatasetDownloads.into(cache).ensure(tiny(), DownloadProgress.NONE))
                .isInstanceOf(DatasetException.class)
                .hasMessage("cannot download tiny (HTTP 404 from " + tiny().baseUrl() + Mnist.TEST_LABELS
                        + ".gz). The mirror may have moved; point --data at a folder holding the four IDX files");
    }

    @Test
    void offlineIsOneLineWithAHint() throws IOException {
        DatasetDownloads.Source unreachable = tiny().withBaseUrl(URI.create("http://127.0.0.1:" + closedPort() + "/"));
        assertThatThrownBy(() -> DatasetDownloads.into(cache).ensure(unreachable, DownloadProgress.NONE))
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith("cannot download tiny (http://127.0.0.1:")
                .hasMessageEndingWith("). Offline? Point --data at a folder holding the four IDX files")
                .hasMessageNotContaining("\n")
                .satisfies(e -> System.out.println("DatasetDownloadsTest offline message: " + e.getMessage()));
        assertThat(leftovers(cache.resolve("tiny"))).isEmpty();
    }

    @Test
    void knowsMnistWithTheRepositoryChecksums() {
        assertThat(DatasetDownloads.names()).containsExactly("mnist");
        DatasetDownloads.Source mnist = DatasetDownloads.source("mnist");
        assertThat(mnist.baseUrl()).hasToString("https://ossci-datasets.s3.amazonaws.com/mnist/");
        assertThat(mnist.rawSha256()).isEqualTo(MnistFolder.readChecksums(MnistFolderTest.MNIST_DIR.resolve(MnistFolder.CHECKSUM_FILE)));
        assertThatThrownBy(() -> DatasetDownloads.source("fashion"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown dataset 'fashion': expected one of [mnist]");
    }

    @Test
    void cacheFolderFollowsXdg() {
        assertThat(DatasetDownloads.defaultCacheRoot(Map.of("XDG_CACHE_HOME", "/var/cache/me"), "/home/me"))
                .isEqualTo(Path.of("/var/cache/me/glassbox"));
        // Relative values are invalid per the XDG spec and ignored, as is an empty one.
        assertThat(DatasetDownloads.defaultCacheRoot(Map.of("XDG_CACHE_HOME", "rel"), "/home/me"))
                .isEqualTo(Path.of("/home/me/.cache/glassbox"));
        assertThat(DatasetDownloads.defaultCacheRoot(Map.of(), "/home/me"))
                .isEqualTo(Path.of("/home/me/.cache/glassbox"));
        assertThat(DatasetDownloads.into(cache).directory(DatasetDownloads.MNIST)).isEqualTo(cache.resolve("mnist"));
    }

    @Test
    void sourceValidatesItself() {
        assertThatThrownBy(() -> new DatasetDownloads.Source("tiny", URI.create("http://x/no-slash"), sums))
                .hasMessageContaining("expected a base URL ending in '/'");
        assertThatThrownBy(() -> new DatasetDownloads.Source("tiny", tiny().baseUrl(), Map.of("f", "abc")))
                .hasMessageContaining("64 hex digits");
    }

    /** A port on 127.0.0.1 that was free a moment ago and now has no listener: connections are refused. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> leftovers(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".part")).toList();
        }
    }
}
