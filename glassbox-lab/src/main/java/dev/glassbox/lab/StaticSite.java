package dev.glassbox.lab;

import dev.glassbox.data.Mnist;
import dev.glassbox.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lab as a static site: a folder any web server can serve, where the page's worker runs the
 * compiled engine instead of asking the lab server. It holds the page ({@link LabAssets}), the
 * engine's two builds ({@code engine/wasm/}, {@code engine/js/}), the MNIST files, the model, and
 * {@code site.json}, which tells the page to use the worker and where those files are.
 *
 * <p>The folder must be new or empty: nothing already there is replaced, and if writing fails,
 * what was written is removed again.
 */
public final class StaticSite {
    /** The compiled engine's files, as glassbox-web's build writes them under its {@code target/web}. */
    public static final List<String> ENGINE_FILES = List.of("wasm/classes.wasm", "wasm/wasm-gc-runtime.js",
            "js/classes.js");
    static final String MODEL = "model.safetensors";

    private StaticSite() {}

    /** What was written: the files, and their bytes in all. */
    public record Written(int files, long bytes) {}

    /**
     * The data the page trains and tests on.
     *
     * @param files the file of each of {@link Mnist#FILES} (raw or .gz), copied under {@code data/} with its name
     * @param sha256 the data's checksum, recorded in what the page trains
     */
    public record Data(Map<String, Path> files, String sha256) {}

    /**
     * A table the page shows instead of MNIST: the CSV file as the user gave it, which the engine in
     * the page parses and splits as {@code glassbox lab --data} does, with the model's preparation.
     *
     * @param csv the file, copied under {@code data/} with its name
     */
    public record TableData(Path csv) {}

    /**
     * A folder of images the page shows instead of MNIST, one subfolder per class: packed into a
     * zip (stored, not compressed: PNG and JPEG are compressed already), which the engine in the
     * page unpacks, splits and prepares as {@code glassbox lab --data DIR} does with the model's
     * preparation. Only the images go in; other and hidden files stay out.
     *
     * @param folder the folder
     * @param skipBad whether the page leaves out images it cannot decode, as {@code --skip-bad} does
     */
    public record ImageData(Path folder, boolean skipBad) {}

    /**
     * The model the page opens with.
     *
     * @param safetensors a .safetensors file's bytes
     * @param source where it came from, in words
     */
    public record Model(byte[] safetensors, String source) {}

    /**
     * Writes the site into {@code dir}.
     *
     * @param engine the folder holding {@link #ENGINE_FILES}
     * @param version the Glassbox version, recorded in what the page trains
     * @throws IllegalArgumentException if {@code dir} exists and is not an empty folder, or a file is missing
     * @throws UncheckedIOException if writing fails (what was written is removed)
     */
    public static Written write(Path dir, Path engine, Data data, Model model, String version) {
        Map<String, Path> files = new LinkedHashMap<>();
        for (String part : Mnist.FILES) { // the order the page hands them to the engine
            Path file = data.files().get(part);
            files.put("data/" + file.getFileName(), file);
        }
        Map<String, Object> site = new LinkedHashMap<>();
        site.put("data", List.copyOf(files.keySet()));
        site.put("sha256", data.sha256());
        return write(dir, engine, files, site, model, version);
    }

    /** As {@link #write(Path, Path, Data, Model, String)}, the page showing a table. */
    public static Written write(Path dir, Path engine, TableData table, Model model, String version) {
        String name = "data/" + table.csv().getFileName();
        Map<String, Object> site = new LinkedHashMap<>();
        site.put("table", name);
        return write(dir, engine, Map.of(name, table.csv()), site, model, version);
    }

    /** As {@link #write(Path, Path, Data, Model, String)}, the page showing a folder of images. */
    public static Written write(Path dir, Path engine, ImageData images, Model model, String version) {
        String name = "data/" + images.folder().toAbsolutePath().normalize().getFileName() + ".zip";
        Path zip = null;
        try {
            zip = Files.createTempFile("glassbox-images", ".zip");
            ImageZip.write(images.folder(), zip);
            Map<String, Object> site = new LinkedHashMap<>();
            site.put("images", name);
            site.put("skipBad", images.skipBad());
            return write(dir, engine, Map.of(name, zip), site, model, version);
        } catch (IOException e) {
            throw new UncheckedIOException("lab --export: packing " + images.folder() + " failed: " + e.getMessage(), e);
        } finally {
            if (zip != null) {
                try {
                    Files.deleteIfExists(zip);
                } catch (IOException ignored) {
                    // A temporary file left behind harms nothing.
                }
            }
        }
    }

    private static Written write(Path dir, Path engine, Map<String, Path> dataFiles, Map<String, Object> dataEntries,
            Model model, String version) {
        for (String file : ENGINE_FILES) {
            if (!Files.isRegularFile(engine.resolve(file))) {
                throw new IllegalArgumentException("lab --export: the compiled engine is missing (" + engine.resolve(file)
                        + "). Build it with: mvn -pl glassbox-web -am package -DskipTests");
            }
        }
        boolean created = prepare(dir);
        List<Path> written = new ArrayList<>();
        try {
            long bytes = 0;
            for (String file : LabAssets.siteFiles()) {
                bytes += write(dir, file, LabAssets.read(file), written);
            }
            for (String file : ENGINE_FILES) {
                bytes += write(dir, "engine/" + file, Files.readAllBytes(engine.resolve(file)), written);
            }
            for (Map.Entry<String, Path> file : dataFiles.entrySet()) {
                bytes += write(dir, file.getKey(), Files.readAllBytes(file.getValue()), written);
            }
            bytes += write(dir, MODEL, model.safetensors(), written);
            Map<String, Object> site = new LinkedHashMap<>();
            site.put("backEnd", "worker");
            site.put("version", version);
            site.put("model", MODEL);
            site.put("source", model.source());
            site.putAll(dataEntries);
            bytes += write(dir, "site.json", (Json.write(site) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    written);
            return new Written(written.size(), bytes);
        } catch (IOException | RuntimeException e) {
            undo(dir, written, created);
            if (e instanceof IOException io) {
                throw new UncheckedIOException("lab --export: writing " + dir + " failed: " + io.getMessage(), io);
            }
            throw (RuntimeException) e;
        }
    }

    /**
     * Checks, before any work, that {@code dir} can take a site: absent, or an empty folder.
     *
     * @throws IllegalArgumentException saying why not
     */
    public static void check(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("lab --export: " + dir + " exists and is not a folder; choose a new"
                    + " folder");
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            if (entries.iterator().hasNext()) {
                throw new IllegalArgumentException("lab --export: " + dir + " is not empty; choose a new folder, or"
                        + " empty this one (nothing in it is replaced)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("lab --export: cannot read " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Makes sure {@code dir} is a new or empty folder; returns whether it was created here. */
    private static boolean prepare(Path dir) {
        check(dir);
        if (Files.isDirectory(dir)) {
            return false;
        }
        try {
            Files.createDirectories(dir);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("lab --export: cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    private static long write(Path dir, String name, byte[] bytes, List<Path> written) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        try {
            Files.write(file, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw new IOException(file + " appeared while the site was written", e);
        }
        written.add(file);
        return bytes.length;
    }

    /** Removes the files written, the folders made for them, and {@code dir} if it was made here. */
    private static void undo(Path dir, List<Path> written, boolean created) {
        for (Path file : written.reversed()) {
            try {
                Files.deleteIfExists(file);
                for (Path parent = file.getParent(); !parent.equals(dir); parent = parent.getParent()) {
                    try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent)) {
                        if (entries.iterator().hasNext()) {
                            break;
                        }
                    }
                    Files.delete(parent);
                }
            } catch (IOException ignored) {
                // Best effort: the error that stopped the export is what the user needs to see.
            }
        }
        if (created) {
            try {
                Files.deleteIfExists(dir);
            } catch (IOException ignored) {
                // As above.
            }
        }
    }
}
