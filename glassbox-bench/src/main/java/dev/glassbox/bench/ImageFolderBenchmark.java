package dev.glassbox.bench;

import dev.glassbox.data.IdxArray;
import dev.glassbox.data.ImagePreparation;
import dev.glassbox.data.Mnist;
import dev.glassbox.jvm.data.DigitImages;
import dev.glassbox.jvm.data.IdxFiles;
import dev.glassbox.jvm.data.ImageFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Loading a folder of images ({@link ImageFolder}): the first {@code --images} MNIST test digits
 * (10,000) written as PNGs in one folder per digit, once at 28×28 and once at 64×64 (enlarged by
 * area averaging), each loaded to 28×28 grey with 1 thread and with {@code --threads} (2). One
 * untimed load warms the JVM and the page cache, then {@code --repeats} (5) timed loads; prints
 * the median, fastest and slowest in images/s. Run it with {@code bench/image-folder.sh};
 * {@code --json FILE} appends the figures as one line.
 *
 * <p>What it measures: listing, decoding and preparing files already in the page cache; not a
 * cold disk, and not turning the result into a {@code Dataset}.
 */
public final class ImageFolderBenchmark {
    private ImageFolderBenchmark() {}

    public static void main(String[] args) throws IOException {
        int images = 10_000;
        int repeats = 5;
        int threads = 2;
        Path json = null;
        Path data = Path.of(System.getProperty("glassbox.data", "data/mnist"));
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--images" -> images = Integer.parseInt(args[++i]);
                case "--repeats" -> repeats = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--json" -> json = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("ImageFolderBenchmark: unknown argument " + args[i]
                        + "; expected --images N, --repeats R, --threads T, --json FILE");
            }
        }
        if (images < 1 || images > 10_000 || repeats < 1 || repeats > 100 || threads < 1 || threads > 64) {
            throw new IllegalArgumentException("ImageFolderBenchmark: expected 1..10000 images, 1..100 repeats and"
                    + " 1..64 threads");
        }
        IdxArray pixels = IdxFiles.read(data.resolve(Mnist.TEST_IMAGES + ".gz"));
        IdxArray labels = IdxFiles.read(data.resolve(Mnist.TEST_LABELS + ".gz"));
        System.out.printf(Locale.ROOT, "%d MNIST digits as PNGs, loaded to 28x28 grey; median of %d loads after one"
                + " untimed; %d processors, Java %s%n", images, repeats, Runtime.getRuntime().availableProcessors(),
                Runtime.version());
        List<String> results = new ArrayList<>();
        ImageFolder.Options options = ImageFolder.Options.of(ImagePreparation.grey(28, 28));
        for (int side : new int[] {28, 64}) {
            Path dir = Files.createTempDirectory("glassbox-image-folder");
            try {
                long bytes = write(pixels, labels, images, side, dir);
                for (int t : threads == 1 ? new int[] {1} : new int[] {1, threads}) {
                    double[] rates = time(dir, options.withThreads(t), images, repeats);
                    System.out.printf(Locale.ROOT, "  %2dx%-2d PNG (%5.1f MB), %d thread%s: %8.0f images/s"
                            + " (fastest %.0f, slowest %.0f)%n", side, side, bytes / 1e6, t, t == 1 ? " " : "s",
                            rates[rates.length / 2], rates[rates.length - 1], rates[0]);
                    results.add(String.format(Locale.ROOT, "{\"side\":%d,\"threads\":%d,\"median\":%.0f,"
                            + "\"fastest\":%.0f,\"slowest\":%.0f}", side, t, rates[rates.length / 2],
                            rates[rates.length - 1], rates[0]));
                }
            } finally {
                delete(dir);
            }
        }
        if (json != null) {
            Files.writeString(json, String.format(Locale.ROOT, "{\"images\":%d,\"repeats\":%d,\"processors\":%d,"
                    + "\"runs\":[%s]}%n", images, repeats, Runtime.getRuntime().availableProcessors(),
                    String.join(",", results)), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
    }

    /** Writes the first {@code count} digits as side × side PNGs in folders 0..9; returns their bytes. */
    private static long write(IdxArray pixels, IdxArray labels, int count, int side, Path dir) throws IOException {
        ImagePreparation enlarge = ImagePreparation.grey(side, side);
        long bytes = 0;
        for (int i = 0; i < count; i++) {
            int[] argb = new int[784];
            for (int p = 0; p < 784; p++) {
                argb[p] = 0xFF000000 | pixels.unsigned(i * 784 + p) * 0x010101;
            }
            byte[] big = enlarge.apply(argb, 28, 28, "digit " + i);
            int[] grey = new int[big.length];
            for (int p = 0; p < big.length; p++) {
                grey[p] = big[p] & 0xFF;
            }
            Path file = Files.createDirectories(dir.resolve(String.valueOf(labels.unsigned(i))))
                    .resolve(String.format(Locale.ROOT, "%05d.png", i));
            DigitImages.writePng(grey, side, side, file);
            bytes += Files.size(file);
        }
        return bytes;
    }

    /** One untimed load, then {@code repeats} timed: images/s of each, sorted slowest first. */
    private static double[] time(Path dir, ImageFolder.Options options, int images, int repeats) {
        check(ImageFolder.load(dir, options), images);
        double[] rates = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long start = System.nanoTime();
            ImageFolder.Images loaded = ImageFolder.load(dir, options);
            rates[r] = images / ((System.nanoTime() - start) / 1e9);
            check(loaded, images);
        }
        Arrays.sort(rates);
        return rates;
    }

    private static void check(ImageFolder.Images loaded, int images) {
        if (loaded.size() != images) {
            throw new IllegalStateException("ImageFolderBenchmark: loaded " + loaded + ", expected " + images + " images");
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
