package dev.glassbox.lab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The lab under load, over loopback: prediction clients posting MNIST test digits to
 * {@code /api/forward} as fast as they are answered, training started from the page's API, and
 * event-stream clients of three kinds: readers that stay to the end, quitters that connect, read a
 * few events and drop the connection without a word (again and again), and one that connects and
 * never reads. Then a flood: large events broadcast as fast as the reading pages take them, far
 * more than a socket that is not read can hold, to show that the page that never reads is cut off
 * while the others get every event and training goes on (the quitters have stopped by then, so
 * the page that never reads is the only one that can fall behind). Shared by the benchmark
 * ({@link LabLoad}) and its short test.
 *
 * <p>Everything is bounded: the duration, the number of requests, the flood's size; the lab
 * listens on 127.0.0.1 only.
 *
 * @param training whether the lab trains (at full speed, from the page's API) while the clients send
 * @param predictors concurrent prediction clients
 * @param duration how long they send (after {@code warmup}, whose requests are not counted)
 * @param maxRequests the most prediction requests sent, warm-up included
 * @param readers event-stream clients that read to the end
 * @param quitters event-stream clients that keep disconnecting mid-stream
 * @param floodEvents events of {@code floodEventBytes} each broadcast after the load (0: no flood)
 */
record LoadScenario(Training training, int predictors, Duration warmup, Duration duration, long maxRequests,
        int readers, int quitters, int floodEvents, int floodEventBytes) {

    enum Training { RUNNING, IDLE }

    /** How many flood events may be on their way to a reading page. */
    static final int FLOOD_WINDOW = 4;

    /** Test digits sent, round robin. */
    static final int DIGITS = 1000;

    LoadScenario {
        if (predictors < 1 || readers < 1 || maxRequests < 1 || duration.isNegative() || warmup.isNegative()) {
            throw new IllegalArgumentException("LoadScenario: needs clients, a request bound and durations");
        }
    }

    /**
     * What happened. Latencies are of counted requests only; memory is the whole process's (the
     * clients run in it too), heap measured after a full collection.
     */
    record Result(Training training, int predictors, long requests, long errors, List<String> errorSamples,
            double seconds, long[] latencyNanos, long stepsBefore, long stepsAfterLoad, long stepsAfterFlood,
            List<Long> readerEvents,
            long quitterConnections, long refused, long droppedInFlood, long floodDelivered, int mostQueuedBytes,
            long heapBefore, long heapAfter, long rssBefore, long rssAfter, long rssPeak) {

        double throughput() {
            return requests / seconds;
        }

        /** The q-quantile of the latencies (nearest rank), in milliseconds. */
        double latencyMillis(double q) {
            if (latencyNanos.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(q * latencyNanos.length);
            return latencyNanos[Math.max(0, Math.min(latencyNanos.length - 1, rank - 1))] / 1e6;
        }

        String text() {
            return String.format(Locale.ROOT, """
                    requests %d in %.1f s, errors %d, %.0f requests/s
                    latency ms: p50 %.2f, p95 %.2f, p99 %.2f, max %.2f
                    training batches: %d before, %d after the load, %d after the flood
                    event readers received %s events; %d quitter connections (%d refused); pages cut off in the flood: %d;\
                     flood events delivered to each reader: %d; most bytes waiting for one page: %d
                    heap after GC %.1f → %.1f MB; RSS %.1f → %.1f MB (peak %.1f MB)%s""",
                    requests, seconds, errors, throughput(), latencyMillis(0.50), latencyMillis(0.95),
                    latencyMillis(0.99), latencyMillis(1.0), stepsBefore, stepsAfterLoad, stepsAfterFlood,
                    readerEvents, quitterConnections, refused, droppedInFlood, floodDelivered, mostQueuedBytes,
                    heapBefore / 1e6, heapAfter / 1e6, rssBefore / 1e6, rssAfter / 1e6, rssPeak / 1e6,
                    errorSamples.isEmpty() ? "" : "\nfirst errors: " + errorSamples);
        }

        String json() {
            return String.format(Locale.ROOT, "{\"training\":\"%s\",\"predictors\":%d,\"requests\":%d,"
                    + "\"errors\":%d,\"seconds\":%.3f,\"throughput\":%.1f,"
                    + "\"p50_ms\":%.3f,\"p95_ms\":%.3f,\"p99_ms\":%.3f,\"max_ms\":%.3f,\"steps_before\":%d,"
                    + "\"steps_after_load\":%d,\"steps_after_flood\":%d,\"quitter_connections\":%d,\"refused\":%d,"
                    + "\"dropped_in_flood\":%d,"
                    + "\"most_queued_bytes\":%d,\"heap_before\":%d,\"heap_after\":%d,\"rss_before\":%d,"
                    + "\"rss_after\":%d,\"rss_peak\":%d}", training.name().toLowerCase(Locale.ROOT), predictors,
                    requests, errors, seconds, throughput(),
                    latencyMillis(0.50), latencyMillis(0.95), latencyMillis(0.99), latencyMillis(1.0), stepsBefore,
                    stepsAfterLoad, stepsAfterFlood, quitterConnections, refused, droppedInFlood, mostQueuedBytes,
                    heapBefore, heapAfter,
                    rssBefore, rssAfter, rssPeak);
        }
    }

    /** Runs the scenario against {@code server}, which must be idle (not training) when called. */
    Result run(LabServer server) throws Exception {
        Lab lab = server.lab();
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < Math.min(DIGITS, lab.test().size()); i++) {
            bodies.add(pixelsJson(lab.testInput(i)));
        }
        long heapBefore = heapAfterGc();
        long rssBefore = rss("VmRSS");
        long stepsBefore = lab.training().steps();

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        List<SseReader> readerList = new ArrayList<>();
        for (int i = 0; i < readers; i++) {
            SseReader reader = new SseReader(server.port());
            readerList.add(reader);
            threads.add(Thread.ofPlatform().name("load-reader-" + i).start(() -> reader.readUntil(stop)));
        }
        AtomicLong quitterConnections = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicBoolean stopQuitting = new AtomicBoolean();
        List<Thread> quitterThreads = new ArrayList<>();
        for (int i = 0; i < quitters; i++) {
            quitterThreads.add(Thread.ofPlatform().name("load-quitter-" + i).start(() -> quit(server.port(),
                    stopQuitting, quitterConnections, refused)));
        }
        Socket neverReader = neverReadingPage(server.port());
        awaitPages(lab, readers + 1);
        if (training == Training.RUNNING) {
            post(http, server, "/api/train/start", trainSettings());
        }

        Predictions predictions = new Predictions(maxRequests);
        long warmupEnd = System.nanoTime() + warmup.toNanos();
        long end = warmupEnd + duration.toNanos();
        List<Thread> senders = new ArrayList<>();
        for (int c = 0; c < predictors; c++) {
            int first = c;
            senders.add(Thread.ofPlatform().name("load-client-" + c).start(() -> predictions.send(http,
                    server.uri().resolve("/api/forward"), server.token(), bodies, first, warmupEnd, end)));
        }
        int mostQueued = 0;
        while (senders.stream().anyMatch(Thread::isAlive)) {
            mostQueued = Math.max(mostQueued, lab.events().mostQueuedBytes());
            TimeUnit.MILLISECONDS.sleep(100);
        }
        for (Thread t : senders) {
            t.join();
        }
        double seconds = (Math.min(System.nanoTime(), predictions.lastEnd()) - warmupEnd) / 1e9;
        long stepsAfterLoad = lab.training().steps();
        stopQuitting.set(true); // so that the only page which can fall behind in the flood is the one that never reads
        for (Thread t : quitterThreads) {
            t.join();
        }

        // The flood: far more than the never-reading page's socket holds, sent as fast as the reading
        // pages take it: at most FLOOD_WINDOW events ahead of the slowest reader (a page that reads
        // keeps up with training's small events; no outbox keeps up with a sender that never waits).
        String padding = "x".repeat(Math.max(0, floodEventBytes));
        long droppedBefore = lab.events().dropped();
        for (int i = 0; i < floodEvents; i++) {
            lab.events().send("flood", Map.of("i", i, "padding", padding));
            mostQueued = Math.max(mostQueued, lab.events().mostQueuedBytes());
            awaitFlood(readerList, i + 1 - FLOOD_WINDOW);
        }
        awaitFlood(readerList, floodEvents);
        long stepsAfterFlood = lab.training().steps();
        long droppedInFlood = lab.events().dropped() - droppedBefore;
        if (training == Training.RUNNING) {
            post(http, server, "/api/train/pause", "{}");
        }

        stop.set(true);
        for (SseReader reader : readerList) {
            reader.close();
        }
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(10));
        }
        neverReader.close();
        http.close();
        List<Long> readerEvents = readerList.stream().map(r -> r.events.get()).toList();
        List<String> errors = new ArrayList<>(predictions.errorSamples);
        for (SseReader reader : readerList) {
            if (reader.failure != null) {
                errors.add("event reader: " + reader.failure);
            }
        }
        long[] latencies = predictions.latencies();
        Arrays.sort(latencies);
        return new Result(training, predictors, predictions.counted.get(), predictions.errors.get() + readerList.stream()
                .filter(r -> r.failure != null).count(), errors.subList(0, Math.min(5, errors.size())), seconds,
                latencies, stepsBefore, stepsAfterLoad, stepsAfterFlood, readerEvents, quitterConnections.get(),
                refused.get(),
                droppedInFlood, readerList.stream().mapToLong(r -> r.flood.get()).min().orElse(0), mostQueued,
                heapBefore, heapAfterGc(), rssBefore, rss("VmRSS"), rss("VmHWM"));
    }

    /** The Train panel's settings for the model shown, so training continues from its weights. */
    private static String trainSettings() {
        return "{\"layers\":\"" + DefaultModel.SPEC + "\",\"activation\":\"relu\",\"optimizer\":\"adam\","
                + "\"learningRate\":0.003,\"batchSize\":64,\"epochs\":100,\"pace\":0}";
    }

    static String pixelsJson(float[] pixels) {
        StringBuilder json = new StringBuilder("{\"pixels\":[");
        for (int i = 0; i < pixels.length; i++) {
            json.append(i == 0 ? "" : ",").append(pixels[i]);
        }
        return json.append("]}").toString();
    }

    private static void post(HttpClient http, LabServer server, String path, String json) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.uri().resolve(path))
                .header("Content-Type", "application/json").header(RequestGuard.TOKEN_HEADER, server.token())
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(path + ": " + response.statusCode() + " " + response.body());
        }
    }

    /** The prediction clients' shared counters; each client keeps its own latencies. */
    private static final class Predictions {
        final long maxRequests;
        final AtomicLong sent = new AtomicLong();
        final AtomicLong counted = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final AtomicLong lastEnd = new AtomicLong();
        final ConcurrentLinkedQueue<String> errorSamples = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<long[]> latencies = new ConcurrentLinkedQueue<>();

        Predictions(long maxRequests) {
            this.maxRequests = maxRequests;
        }

        void send(HttpClient http, URI uri, String token, List<String> bodies, int first, long warmupEnd, long end) {
            long[] mine = new long[1024];
            int count = 0;
            for (int i = first; System.nanoTime() < end && sent.incrementAndGet() <= maxRequests; i += 7) {
                HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                        .header(RequestGuard.TOKEN_HEADER, token)
                        .POST(HttpRequest.BodyPublishers.ofString(bodies.get(i % bodies.size()))).build();
                long begin = System.nanoTime();
                String error = null;
                try {
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 200 || !response.body().contains("\"predicted\"")) {
                        error = response.statusCode() + " " + response.body();
                    }
                } catch (IOException e) {
                    error = e.toString();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                long done = System.nanoTime();
                if (begin >= warmupEnd) {
                    counted.incrementAndGet();
                    lastEnd.accumulateAndGet(done, Math::max);
                    if (count == mine.length) {
                        mine = Arrays.copyOf(mine, 2 * count);
                    }
                    mine[count++] = done - begin;
                }
                if (error != null) {
                    errors.incrementAndGet();
                    if (errorSamples.size() < 5) {
                        errorSamples.add(error.length() > 200 ? error.substring(0, 200) : error);
                    }
                }
            }
            latencies.add(Arrays.copyOf(mine, count));
        }

        long lastEnd() {
            return lastEnd.get() == 0 ? System.nanoTime() : lastEnd.get();
        }

        long[] latencies() {
            return latencies.stream().flatMapToLong(Arrays::stream).toArray();
        }
    }

    /** Opens the event stream over a plain socket: every byte sent and read is under the test's control. */
    static Socket openEvents(int port, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer); // before connecting, so the window starts small
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET /api/train/events HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    /** A page that connects and never reads a byte, with a small receive window. */
    static Socket neverReadingPage(int port) throws IOException {
        return openEvents(port, 4096);
    }

    /** An event-stream client that reads to the end, counting events (and flood events). */
    static final class SseReader {
        final AtomicLong events = new AtomicLong();
        final AtomicLong flood = new AtomicLong();
        private final Socket socket;
        volatile String failure;

        SseReader(int port) {
            try {
                socket = openEvents(port, 0);
                socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(60));
            } catch (IOException e) {
                throw new IllegalStateException("could not open the event stream: " + e, e);
            }
        }

        void readUntil(AtomicBoolean stop) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.startsWith("event:")) {
                        events.incrementAndGet();
                        if (line.equals("event: flood")) {
                            flood.incrementAndGet();
                        }
                    }
                }
                if (!stop.get()) {
                    failure = "the stream ended early";
                }
            } catch (IOException e) {
                if (!stop.get()) {
                    failure = e.toString();
                }
            }
        }

        void close() throws IOException {
            socket.close();
        }
    }

    /** Connects, reads until a few events have come, drops the connection mid-stream; again until stopped. */
    private static void quit(int port, AtomicBoolean stop, AtomicLong connections, AtomicLong refused) {
        int round = 0;
        while (!stop.get()) {
            try (Socket socket = openEvents(port, 0)) {
                connections.incrementAndGet();
                socket.setSoTimeout(2_000);
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.UTF_8));
                int wanted = 3 + round++ % 5;
                int seen = 0;
                while (seen < wanted) {
                    String line = in.readLine();
                    if (line == null) {
                        break;
                    }
                    seen += line.startsWith("event:") ? 1 : 0;
                }
                if (seen == 0) {
                    refused.incrementAndGet(); // the lab has its most pages: wait, as a browser would
                    TimeUnit.MILLISECONDS.sleep(100);
                }
                socket.setSoLinger(true, 0); // a reset, as when a tab is killed
            } catch (IOException e) {
                // A timeout or a reset while quitting is what this client is for.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void awaitPages(Lab lab, int pages) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (lab.events().pages() < pages && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }

    private static void awaitFlood(List<SseReader> readers, int events) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (readers.stream().anyMatch(r -> r.flood.get() < events && r.failure == null)
                && System.nanoTime() < deadline) {
            TimeUnit.MICROSECONDS.sleep(100);
        }
    }

    static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** A field of /proc/self/status in bytes (VmRSS now, VmHWM the peak), or -1 where there is none. */
    static long rss(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux
        }
        return -1;
    }
}
