package dev.glassbox.jvm.data;

import dev.glassbox.data.DatasetException;
import dev.glassbox.data.ImageClasses;
import dev.glassbox.data.ImagePreparation;
import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Labelled images in folders, one folder per class, as PyTorch's {@code ImageFolder} and Keras's
 * {@code image_dataset_from_directory} read them:
 * <pre>
 *   DIR/cat/001.png
 *   DIR/cat/more/002.jpg      images anywhere below their class folder
 *   DIR/dog/x.JPEG
 * </pre>
 * The class folders, sorted by name, are the classes: label = position. Below each, every
 * {@code .png}, {@code .jpg} or {@code .jpeg} file (any case) is an image of that class, sorted by
 * its path; other files are counted and reported ({@link LeftOut#otherFiles()}), not read. Names
 * starting with {@code .} (files and folders) are ignored. The engine's {@link ImageClasses} holds
 * that rule, for a zip of such a folder too. Symbolic links are followed; a loop is an error.
 *
 * <p>Each image is decoded ({@link ImageFiles}: its declared size checked before decoding) and
 * prepared by the engine's {@link ImagePreparation} into {@code width × height × channels} bytes,
 * by a small fixed pool of threads. Every image has its own slot, and a failure is reported for
 * the first failing file in sorted order, so the result does not depend on the thread count.
 *
 * <p>Every problem is a {@link DatasetException} with one line naming the file or folder. Not a
 * {@code Dataset}: the caller turns the {@link Images} into one.
 */
public final class ImageFolder {
    /** The most classes a folder may have. */
    public static final int MAX_CLASSES = ImageClasses.MAX_CLASSES;
    /** File name endings read as images, compared ignoring case. */
    public static final List<String> EXTENSIONS = ImageClasses.EXTENSIONS;
    /** The largest byte array a JVM reliably allocates. */
    static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private static final String HINT = "--data DIR must hold one folder of images per class"
            + " (DIR/cat/*.png, DIR/dog/*.jpg, ...)";
    private static final String BAD_IMAGE_HINT = "Replace or delete it, or skip bad images";

    private ImageFolder() {}

    /** What an image that cannot be read or prepared does. */
    public enum BadImages {
        /** Loading fails with the first such file's message. */
        REFUSE,
        /** The file is left out and listed in {@link LeftOut#badImages()} with its reason. */
        SKIP;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * How to load.
     *
     * @param preparation size, channels and preparation of every image
     * @param badImages   what an unreadable image does
     * @param threads     decoding threads, 1..{@value #MAX_THREADS}; the result is the same for any count
     */
    public record Options(ImagePreparation preparation, BadImages badImages, int threads) {
        public static final int MAX_THREADS = 64;

        public Options {
            if (preparation == null || badImages == null) {
                throw new IllegalArgumentException("ImageFolder.Options: preparation and badImages are required, got "
                        + preparation + " and " + badImages);
            }
            if (threads < 1 || threads > MAX_THREADS) {
                throw new IllegalArgumentException("ImageFolder.Options: expected 1 to " + MAX_THREADS
                        + " threads, got " + threads);
            }
        }

        /** Bad images refused, {@link #defaultThreads()} threads. */
        public static Options of(ImagePreparation preparation) {
            return new Options(preparation, BadImages.REFUSE, defaultThreads());
        }

        public Options withBadImages(BadImages choice) {
            return new Options(preparation, choice, threads);
        }

        public Options withThreads(int count) {
            return new Options(preparation, badImages, count);
        }

        /** Up to 4, fewer on a smaller machine: decoding is short work per file. */
        public static int defaultThreads() {
            return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        }
    }

    /**
     * Hears how loading advances, e.g. to draw a progress bar: {@code loaded(0, total)} once the
     * images are listed, then as they are decoded, at least every percent and at the end
     * ({@code done == total}). Calls come one at a time, with {@code done} increasing, from the
     * decoding threads; implementations must be quick and must not throw.
     */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (done, total) -> {};

        void loaded(int done, int total);
    }

    /** A file left out, relative to DIR with {@code /} separators, and why. */
    public record Skipped(String file, String reason) {}

    /**
     * What was listed but not loaded.
     *
     * @param badImages  images that could not be read or prepared (only with {@link BadImages#SKIP})
     * @param otherFiles files that are not images, relative to DIR, sorted, in class folders or beside them
     */
    public record LeftOut(List<Skipped> badImages, List<String> otherFiles) {
        public LeftOut {
            badImages = List.copyOf(badImages);
            otherFiles = List.copyOf(otherFiles);
        }
    }

    /**
     * The loaded images. The arrays are handed over without copying (a folder can be gigabytes)
     * and nothing here modifies them.
     *
     * @param classes     the class folder names, sorted: label i is {@code classes.get(i)}
     * @param preparation how every image was prepared: its width, height and channels
     * @param pixels      {@code n × height × width × channels} bytes, row-major, channel-last
     * @param labels      n class indices
     * @param files       n image files relative to DIR with {@code /} separators, in sample order
     * @param leftOut     the files not loaded
     */
    public record Images(List<String> classes, ImagePreparation preparation, byte[] pixels, int[] labels,
            List<String> files, LeftOut leftOut) {
        public Images {
            classes = List.copyOf(classes);
            files = List.copyOf(files);
            if (labels.length != files.size()
                    || pixels.length != (long) labels.length * preparation.bytesPerImage()) {
                throw new IllegalArgumentException("ImageFolder.Images: " + labels.length + " labels and "
                        + files.size() + " files need " + (long) labels.length * preparation.bytesPerImage()
                        + " pixel bytes of " + preparation + ", got " + pixels.length);
            }
        }

        public int size() {
            return labels.length;
        }

        public int width() {
            return preparation.width();
        }

        public int height() {
            return preparation.height();
        }

        public int channels() {
            return preparation.channels().count();
        }

        /** How many images of each class. */
        public int[] classCounts() {
            int[] counts = new int[classes.size()];
            for (int label : labels) {
                counts[label]++;
            }
            return counts;
        }

        /** E.g. {@code 10 classes, 10000 images of 28x28 grey; 2 bad images skipped; 1 other file ignored}. */
        @Override
        public String toString() {
            return classes.size() + " classes, " + size() + " images of " + preparation
                    + (leftOut.badImages().isEmpty() ? "" : "; " + leftOut.badImages().size() + " bad images skipped")
                    + (leftOut.otherFiles().isEmpty() ? "" : "; " + leftOut.otherFiles().size()
                            + (leftOut.otherFiles().size() == 1 ? " other file" : " other files") + " ignored");
        }
    }

    /** Loads {@code dir} without reporting progress. */
    public static Images load(Path dir, Options options) {
        return load(dir, options, Progress.NONE);
    }

    /**
     * Loads {@code dir}.
     *
     * @throws DatasetException for a missing or empty folder, fewer than 2 or more than
     *         {@value #MAX_CLASSES} classes, a class without images, more pixels than an array
     *         holds, or (unless skipped) an image that cannot be read
     */
    public static Images load(Path dir, Options options, Progress progress) {
        Listing listing = list(dir);
        int n = listing.files.size();
        ImagePreparation preparation = options.preparation();
        long bytes = (long) n * preparation.bytesPerImage();
        if (bytes > MAX_ARRAY) {
            throw new DatasetException(dir + ": " + n + " images of " + preparation + " need " + bytes
                    + " bytes, more than one array holds (" + MAX_ARRAY + "). Use a smaller size or fewer images");
        }
        byte[] pixels = new byte[(int) bytes];
        String[] reasons = decodeAll(listing.files, options, progress, pixels);
        return keep(dir, listing, preparation, pixels, reasons);
    }

    /**
     * Reads and prepares one image file, e.g. to predict with a model trained on a folder.
     * {@link Options#badImages()} and {@link Options#threads()} do not apply.
     *
     * @return {@link ImagePreparation#bytesPerImage()} bytes, row-major, channel-last
     */
    public static byte[] loadImage(Path file, Options options) {
        ImagePreparation preparation = options.preparation();
        byte[] out = new byte[preparation.bytesPerImage()];
        ImageFiles.prepare(ImageFiles.decode(file, "Pass a PNG or JPEG image"), preparation, file.toString(), out, 0);
        return out;
    }

    /** The images in sample order (class, then path), their labels and names, and the other files. */
    private record Listing(List<String> classes, List<Path> files, List<String> names, int[] labels,
            List<String> otherFiles) {}

    private static Listing list(Path dir) {
        if (!Files.exists(dir)) {
            throw new DatasetException(dir + ": not found. " + HINT);
        }
        if (!Files.isDirectory(dir)) {
            throw new DatasetException(dir + ": not a directory. " + HINT);
        }
        List<String> paths = new ArrayList<>();
        List<Path> folders = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (Files.isDirectory(entry)) {
                    paths.add(name + "/");
                    folders.add(entry);
                } else {
                    paths.add(name);
                }
            }
        } catch (IOException e) {
            throw new DatasetException(dir + ": cannot list the folder (" + e + ")", e);
        }
        if (folders.size() > ImageClasses.MAX_CLASSES) {
            ImageClasses.of(paths, dir.toString(), HINT); // refuses before walking so many folders
        }
        for (Path folder : folders) {
            if (!hidden(folder)) {
                walk(folder, folder.getFileName() + "/", paths);
            }
        }
        ImageClasses classes = ImageClasses.of(paths, dir.toString(), HINT);
        List<Path> files = new ArrayList<>(classes.images().size());
        for (String image : classes.images()) {
            files.add(dir.resolve(image));
        }
        return new Listing(classes.classes(), files, classes.images(), classes.labels(), classes.otherFiles());
    }

    /** Adds every file below {@code classDir} to {@code paths}, as {@code prefix} + its path relative to it. */
    private static void walk(Path classDir, String prefix, List<String> paths) {
        try {
            Files.walkFileTree(classDir, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path folder, BasicFileAttributes attributes) {
                            return !folder.equals(classDir) && hidden(folder)
                                    ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                            if (!hidden(file)) {
                                paths.add(prefix + relative(classDir, file));
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) {
                            if (e instanceof FileSystemLoopException) {
                                throw new DatasetException(file + ": a symbolic link loop: it leads back to a folder"
                                        + " that holds it. Remove or replace the link");
                            }
                            throw new DatasetException(file + ": cannot read (" + e + ")", e);
                        }
                    });
        } catch (IOException e) {
            throw new DatasetException(classDir + ": cannot list the folder (" + e + ")", e);
        }
    }

    private static boolean hidden(Path path) {
        return path.getFileName().toString().startsWith(".");
    }

    private static String relative(Path base, Path file) {
        StringBuilder name = new StringBuilder();
        for (Path part : base.relativize(file)) {
            name.append(name.isEmpty() ? "" : "/").append(part);
        }
        return name.toString();
    }

    /**
     * Decodes and prepares every file into its slot of {@code pixels} (modified).
     *
     * @return per file, why it was skipped, or null; with {@link BadImages#REFUSE} all null
     * @throws DatasetException with {@link BadImages#REFUSE}, the first bad file's in sample order
     */
    private static String[] decodeAll(List<Path> files, Options options, Progress progress, byte[] pixels) {
        int n = files.size();
        int size = options.preparation().bytesPerImage();
        boolean skip = options.badImages() == BadImages.SKIP;
        String[] reasons = new String[n];
        DatasetException[] failures = new DatasetException[n];
        AtomicInteger next = new AtomicInteger();
        // The lowest failing index: images after it need no decoding, all before it are still decoded,
        // so which failure is reported does not depend on the threads' timing.
        AtomicInteger firstFailure = new AtomicInteger(n);
        Tally tally = new Tally(n, progress);
        Callable<Void> worker = () -> {
            for (int i = next.getAndIncrement(); i < n && i < firstFailure.get(); i = next.getAndIncrement()) {
                Path file = files.get(i);
                try {
                    ImageFiles.prepare(ImageFiles.decode(file, BAD_IMAGE_HINT), options.preparation(), file.toString(),
                            pixels, i * size);
                } catch (DatasetException e) {
                    if (skip) {
                        reasons[i] = withoutPrefix(e.getMessage(), file + ": ");
                    } else {
                        failures[i] = e;
                        firstFailure.accumulateAndGet(i, Math::min);
                    }
                } catch (RuntimeException | Error e) {
                    firstFailure.set(-1); // a bug or no memory: stop everyone
                    throw e;
                }
                tally.advance();
            }
            return null;
        };
        progress.loaded(0, n);
        run(worker, Math.min(options.threads(), n));
        int first = firstFailure.get();
        if (first >= 0 && first < n) {
            DatasetException e = failures[first];
            String message = e.getMessage();
            throw new DatasetException(message.endsWith(BAD_IMAGE_HINT) ? message : message + ". " + BAD_IMAGE_HINT, e);
        }
        return reasons;
    }

    /** Runs {@code worker} on {@code threads} threads (the caller's own when 1) and waits for all. */
    private static void run(Callable<Void> worker, int threads) {
        if (threads <= 1) {
            call(worker);
            return;
        }
        AtomicInteger number = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
            Thread t = new Thread(task, "glassbox-image-" + number.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Void>> done = pool.invokeAll(Collections.nCopies(threads, worker));
            for (Future<Void> f : done) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    if (e.getCause() instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatasetException("loading images: interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void call(Callable<Void> worker) {
        try {
            worker.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e); // the worker throws no checked exception
        }
    }

    /** Counts decoded images and tells {@link Progress} one call at a time, about every percent. */
    private static final class Tally {
        private final int total;
        private final Progress progress;
        private int done;
        private int reportedPercent;

        Tally(int total, Progress progress) {
            this.total = total;
            this.progress = progress;
        }

        synchronized void advance() {
            done++;
            int percent = (int) (100L * done / total);
            if (percent != reportedPercent || done == total) {
                reportedPercent = percent;
                progress.loaded(done, total);
            }
        }
    }

    /** Leaves out the skipped images, and checks every class kept one. */
    private static Images keep(Path dir, Listing listing, ImagePreparation preparation, byte[] pixels,
            String[] reasons) {
        int n = reasons.length;
        int size = preparation.bytesPerImage();
        List<Skipped> skipped = new ArrayList<>();
        List<String> names = new ArrayList<>(n);
        int[] labels = new int[n];
        int[] perClass = new int[listing.classes.size()];
        int kept = 0;
        for (int i = 0; i < n; i++) {
            if (reasons[i] != null) {
                skipped.add(new Skipped(listing.names.get(i), reasons[i]));
                continue;
            }
            if (kept != i) {
                System.arraycopy(pixels, i * size, pixels, kept * size, size);
            }
            labels[kept++] = listing.labels[i];
            names.add(listing.names.get(i));
            perClass[listing.labels[i]]++;
        }
        for (int label = 0; label < perClass.length; label++) {
            if (perClass[label] == 0) {
                String className = listing.classes.get(label);
                Skipped first = skipped.stream().filter(s -> s.file().startsWith(className + "/")).findFirst().orElseThrow();
                throw new DatasetException(dir.resolve(className) + ": every image of this class was skipped as bad, "
                        + "e.g. " + first.file() + ": " + first.reason() + ". A class needs at least one image");
            }
        }
        return new Images(listing.classes, preparation, kept == n ? pixels : Arrays.copyOf(pixels, kept * size),
                kept == n ? labels : Arrays.copyOf(labels, kept), names, new LeftOut(skipped, listing.otherFiles));
    }

    private static String withoutPrefix(String message, String prefix) {
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }
}
