package dev.glassbox.cli;

import dev.glassbox.data.Table;
import dev.glassbox.data.TablePreparation;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Loading a big table: a seeded CSV of {@code --rows} (1,000,000) rows and 20 columns — 18 number
 * columns with 1 to 4 decimals, a text column of 10 colours and a label of 5 classes (0–4) —
 * written once under {@code --dir} and then timed, in one JVM, phase by phase:
 * <ol>
 * <li><b>decode</b>: the file's bytes decoded as strict UTF-8 into characters, nothing else (the
 *     floor under a reader of characters, such as commons-csv; {@link CsvFiles} tokenizes the
 *     bytes instead);
 * <li><b>commons-csv</b>: the library's records iterated, every cell made a String, no table;
 * <li><b>read</b>: {@link CsvFiles#read}, the file into a {@link Table};
 * <li><b>prepare</b>: {@link TablePreparation#fit} and {@code apply} on the whole table read;
 * <li><b>train path</b>: {@link UserData#table}, all {@code train --data FILE.csv} does before the
 *     first batch: reading, the stratified test split, fitting on the training rows, preparing both
 *     sets, and the file's SHA-256.
 * </ol>
 * One untimed round warms the JIT compiler and the page cache, then {@code --repeats} (5) timed
 * rounds; for each phase it prints the median, fastest and slowest in rows/s, the rows per second
 * of CPU time of the whole process (its garbage collector's threads included: "per core"), the
 * garbage collector's pauses, the threads the phase started, and the heap its result holds once
 * collected. {@code --min-heap} then finds, by bisection over fresh JVMs, the smallest
 * {@code -Xmx} with which the train path succeeds: the memory a user needs. Run it with
 * {@code bench/csv.sh}; {@code --json FILE} appends the figures as one line, tagged with
 * {@code --label TEXT} (which code was measured).
 *
 * <p>It lives in the CLI's package, though built with the benchmarks, to call the CLI's own
 * reader and data path rather than a copy of them. What it does not measure: a cold disk, or
 * anything after the data is ready (the network, training).
 */
public final class CsvBenchmark {
    private static final String[] COLOURS = {"red", "green", "blue", "yellow", "purple", "orange", "brown", "black",
        "white", "grey"};
    private static final int NUMBER_COLUMNS = 18;

    private CsvBenchmark() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        int rows = 1_000_000;
        int repeats = 5;
        boolean minHeap = false;
        Path dir = Path.of("glassbox-bench/target/csv-bench");
        Path json = null;
        Path once = null;
        String label = "";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rows" -> rows = Integer.parseInt(args[++i]);
                case "--repeats" -> repeats = Integer.parseInt(args[++i]);
                case "--dir" -> dir = Path.of(args[++i]);
                case "--json" -> json = Path.of(args[++i]);
                case "--label" -> label = args[++i];
                case "--min-heap" -> minHeap = true;
                case "--train-path-once" -> once = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("CsvBenchmark: unknown argument " + args[i]
                        + "; expected --rows N, --repeats R, --dir DIR, --json FILE, --label TEXT, --min-heap");
            }
        }
        if (once != null) {
            trainPath(once); // a child JVM of the --min-heap bisection: an OutOfMemoryError exits non-zero
            return;
        }
        if (rows < 100 || rows > 50_000_000 || repeats < 1 || repeats > 100) {
            throw new IllegalArgumentException("CsvBenchmark: expected 100..50000000 rows and 1..100 repeats");
        }
        Path file = dir.resolve("table-" + rows + "-seed-1.csv");
        if (!Files.exists(file)) {
            Files.createDirectories(dir);
            write(file, rows, 1);
        }
        int n = rows;
        System.out.printf(Locale.ROOT, "%,d rows x 20 columns (%,.1f MB): median of %d rounds after one untimed;"
                + " %d processors, Java %s, max heap %,d MB%n", rows, Files.size(file) / 1e6, repeats,
                Runtime.getRuntime().availableProcessors(), Runtime.version(), Runtime.getRuntime().maxMemory() >> 20);
        Phase read = new Phase("read", repeats, () -> check(CsvFiles.read(file), n));
        List<Phase> phases = List.of(
                new Phase("decode", repeats, () -> decode(file)),
                new Phase("commons-csv", repeats, () -> commonsCsv(file)),
                read,
                new Phase("prepare", repeats, () -> prepare((Table) read.last, n)),
                new Phase("train path", repeats, () -> trainPath(file)));
        for (Phase phase : phases) {
            phase.run(); // warm-up
        }
        for (int r = 0; r < repeats; r++) {
            for (Phase phase : phases) {
                phase.time(r);
            }
        }
        List<String> results = new ArrayList<>();
        for (Phase phase : phases) {
            double[] rates = phase.rates;
            double[] cpu = phase.cpuRates;
            Arrays.sort(rates);
            Arrays.sort(cpu);
            double median = rates[repeats / 2];
            double gc = phase.gcSeconds[repeats / 2];
            System.out.printf(Locale.ROOT, "  %-12s %,11.0f rows/s (fastest %,.0f, slowest %,.0f); %,11.0f rows per"
                    + " CPU-second; GC pauses %.2f s; %d threads started; result holds %,6.0f MB%n", phase.name,
                    median, rates[repeats - 1], rates[0], cpu[repeats / 2], gc, phase.threadsStarted,
                    phase.liveBytes / 1e6);
            results.add(String.format(Locale.ROOT, "{\"phase\":\"%s\",\"median\":%.0f,\"fastest\":%.0f,"
                    + "\"slowest\":%.0f,\"perCpuSecond\":%.0f,\"gcSeconds\":%.3f,\"threadsStarted\":%d,"
                    + "\"liveMB\":%.0f}", phase.name,
                    median, rates[repeats - 1], rates[0], cpu[repeats / 2], gc, phase.threadsStarted,
                    phase.liveBytes / 1e6));
        }
        String heap = "";
        if (minHeap) {
            read.last = null;
            int mb = minimumHeap(file);
            System.out.printf(Locale.ROOT, "  train path succeeds with -Xmx%dm, not with 5%% less%n", mb);
            heap = String.format(Locale.ROOT, ",\"minHeapMB\":%d", mb);
        }
        if (json != null) {
            Files.writeString(json, String.format(Locale.ROOT, "{\"label\":\"%s\",\"rows\":%d,\"repeats\":%d,"
                    + "\"processors\":%d,\"java\":\"%s\"%s,\"phases\":[%s]}%n", label.replace("\"", "'"), rows,
                    repeats, Runtime.getRuntime().availableProcessors(), Runtime.version(), heap,
                    String.join(",", results)),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    /**
     * One phase's work and its figures (sorted once all rounds are timed). The work returns what
     * it built: kept until the next round, so that it is neither optimised away nor counted twice.
     */
    private static final class Phase {
        final String name;
        final Supplier<Object> work;
        final double[] rates;
        final double[] cpuRates;
        final double[] gcSeconds;
        long threadsStarted;
        long liveBytes;
        Object last;

        Phase(String name, int repeats, Supplier<Object> work) {
            this.name = name;
            this.work = work;
            rates = new double[repeats];
            cpuRates = new double[repeats];
            gcSeconds = new double[repeats];
        }

        void run() {
            last = work.get();
            if (last == null) {
                throw new IllegalStateException(name + " built nothing");
            }
        }

        void time(int round) {
            last = null;
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long before = heapAfterCollection();
            long gc = collectionMillis();
            long started = threads.getTotalStartedThreadCount();
            long cpu = os.getProcessCpuTime();
            long start = System.nanoTime();
            run();
            long wall = System.nanoTime() - start;
            long cpuTime = os.getProcessCpuTime() - cpu;
            gcSeconds[round] = (collectionMillis() - gc) / 1e3;
            threadsStarted = Math.max(threadsStarted, threads.getTotalStartedThreadCount() - started);
            int rows = rowsOf(last);
            rates[round] = rows / (wall / 1e9);
            cpuRates[round] = rows / (cpuTime / 1e9);
            liveBytes = heapAfterCollection() - before;
            if (round == rates.length - 1) {
                Arrays.sort(rates);
                Arrays.sort(cpuRates);
                Arrays.sort(gcSeconds);
            }
        }
    }

    /** The rows a phase's result stands for. */
    private static int rowsOf(Object result) {
        if (result instanceof Table t) {
            return t.rows();
        }
        if (result instanceof TablePreparation.Prepared p) {
            return p.rows();
        }
        if (result instanceof UserData d) {
            return d.data().train().size() + d.data().test().size();
        }
        return (Integer) result;
    }

    /** Milliseconds the garbage collectors have paused the program so far. */
    private static long collectionMillis() {
        long millis = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            millis += Math.max(0, collector.getCollectionTime());
        }
        return millis;
    }

    private static long heapAfterCollection() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static Table check(Table table, int rows) {
        if (table.rows() != rows || table.columns() != NUMBER_COLUMNS + 2) {
            throw new IllegalStateException("CsvBenchmark: read " + table + ", expected " + rows + " rows");
        }
        return table;
    }

    private static TablePreparation.Prepared prepare(Table table, int rows) {
        TablePreparation preparation = TablePreparation.fit(table, TablePreparation.Options.defaults());
        TablePreparation.Prepared prepared = preparation.apply(table, true);
        if (prepared.rows() != rows || prepared.inputs() != NUMBER_COLUMNS + COLOURS.length) {
            throw new IllegalStateException("CsvBenchmark: prepared " + prepared.rows() + " rows of "
                    + prepared.inputs() + " inputs");
        }
        return prepared;
    }

    private static UserData trainPath(Path file) {
        PreparationOptions options = new PreparationOptions();
        options.missing = "refuse"; // picocli's default, which a plain instance lacks
        return UserData.table(file, null, options, 1, new PrintWriter(Writer.nullWriter()));
    }

    /** Characters decoded, as rows: the file's lines. */
    private static Integer decode(Path file) {
        char[] buffer = new char[1 << 16];
        int lines = 0;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (int n; (n = reader.read(buffer)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    lines += buffer[i] == '\n' ? 1 : 0;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines - 1;
    }

    /** Records parsed by commons-csv as {@link CsvFiles} configures it, every cell touched. */
    private static Integer commonsCsv(Path file) {
        CSVFormat format = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).setIgnoreSurroundingSpaces(false)
                .get();
        int records = 0;
        long length = 0;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = CSVParser.parse(reader, format)) {
            for (CSVRecord record : parser) {
                for (int c = 0; c < record.size(); c++) {
                    length += record.get(c).length();
                }
                records++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (length == 0) {
            throw new IllegalStateException("CsvBenchmark: no cells");
        }
        return records - 1;
    }

    /**
     * The smallest -Xmx, to 5 %, with which a fresh JVM runs the train path: bisection on a
     * logarithmic scale between 32 MB and the most this JVM may use.
     */
    private static int minimumHeap(Path file) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> jvm = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.startsWith("-Xmx") && !a.startsWith("-XX:MaxHeapSize")).toList();
        int low = 32; // fails (assumed)
        int high = (int) (Runtime.getRuntime().maxMemory() >> 20); // succeeds (checked)
        if (!succeeds(java, jvm, high, file)) {
            throw new IllegalStateException("CsvBenchmark: the train path fails even with -Xmx" + high + "m");
        }
        while (high > low * 1.05) {
            int middle = (int) Math.round(Math.sqrt((double) low * high));
            if (succeeds(java, jvm, middle, file)) {
                high = middle;
            } else {
                low = middle;
            }
        }
        return high;
    }

    private static boolean succeeds(String java, List<String> jvm, int mb, Path file)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvm);
        command.addAll(List.of("-Xmx" + mb + "m", "-cp", System.getProperty("java.class.path"),
                CsvBenchmark.class.getName(), "--train-path-once", file.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        boolean ok = process.waitFor() == 0;
        System.out.printf(Locale.ROOT, "    -Xmx%dm: %s%n", mb, ok ? "ok" : "fails");
        return ok;
    }

    /** Writes the table: seeded, so every run and machine reads the same bytes. */
    static void write(Path file, int rows, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        double[] scale = new double[NUMBER_COLUMNS];
        double[] shift = new double[NUMBER_COLUMNS];
        int[] decimals = new int[NUMBER_COLUMNS];
        for (int c = 0; c < NUMBER_COLUMNS; c++) {
            scale[c] = Math.pow(10, random.nextInt(4)); // 1 to 1000
            shift[c] = random.nextInt(-100, 100);
            decimals[c] = 1 + random.nextInt(4);
        }
        StringBuilder line = new StringBuilder(256);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int c = 1; c <= NUMBER_COLUMNS; c++) {
                line.append(String.format(Locale.ROOT, "x%02d,", c));
            }
            out.write(line.append("colour,label\n").toString());
            for (int r = 0; r < rows; r++) {
                line.setLength(0);
                int label = random.nextInt(5);
                for (int c = 0; c < NUMBER_COLUMNS; c++) {
                    double v = (gaussian(random) + (c < 5 ? label : 0)) * scale[c] + shift[c];
                    decimal(line, Math.round(v * Math.pow(10, decimals[c])), decimals[c]).append(',');
                }
                line.append(COLOURS[(random.nextInt(COLOURS.length) + label) % COLOURS.length]).append(',')
                        .append(label).append('\n');
                out.write(line.toString());
            }
        }
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /** {@code units / 10^decimals} written with exactly {@code decimals} digits after the point. */
    private static StringBuilder decimal(StringBuilder line, long units, int decimals) {
        if (units < 0) {
            line.append('-');
            units = -units;
        }
        long power = (long) Math.pow(10, decimals);
        line.append(units / power).append('.');
        String fraction = Long.toString(units % power);
        line.append("0".repeat(decimals - fraction.length())).append(fraction);
        return line;
    }
}
