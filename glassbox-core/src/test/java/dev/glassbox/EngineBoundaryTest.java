package dev.glassbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The engine runs on any host: its packages use nothing the JVM alone has (files, the network,
 * AWT, reflection, logging, classpath resources) and depend on each other one way. A plain scan of
 * the sources, so it needs no library; an ArchUnit rule can take its place later.
 *
 * <p>The JVM's own kernels (threads, the Vector API) and file, network and image adapters live
 * in {@code dev.glassbox.jvm}, outside the engine, and are not checked.
 */
class EngineBoundaryTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/glassbox");

    /** Engine packages in dependency order: each may use those before it, never one after it. */
    private static final Map<String, Integer> LAYER = Map.ofEntries(
            Map.entry("tensor", 0),
            Map.entry("kernels", 1),
            Map.entry("nn", 2),
            Map.entry("loss", 3),
            Map.entry("optim", 4),
            Map.entry("data", 5),
            Map.entry("train", 6),
            Map.entry("io", 7),
            Map.entry("explain", 8),
            Map.entry("sweep", 8));

    /** What only a JVM host has; a name ending in a dot is a package prefix. */
    private static final List<String> JVM_ONLY = List.of(
            "dev.glassbox.jvm.", "java.nio.file.", "java.nio.channels.", "java.io.File", "java.net.", "java.awt.",
            "javax.imageio.", "java.lang.reflect.", "java.util.logging.", "java.security.");

    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern ENGINE_IMPORT = Pattern.compile("^dev\\.glassbox\\.([a-z.]+?)\\.[A-Z]");

    @Test
    void theEngineUsesNothingOnlyTheJvmHas() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path file : engineSources()) {
            String source = Files.readString(file, StandardCharsets.UTF_8);
            Matcher m = IMPORT.matcher(source);
            while (m.find()) {
                String imported = m.group(1);
                for (String banned : JVM_ONLY) {
                    if (imported.equals(banned) || imported.startsWith(banned.endsWith(".") ? banned : banned + ".")
                            || (banned.equals("java.io.File") && imported.matches("java\\.io\\.File\\w*"))) {
                        problems.add(SOURCES.relativize(file) + ": imports " + imported);
                    }
                }
            }
            String code = withoutComments(source);
            for (String banned : JVM_ONLY) {
                String qualified = banned.endsWith(".") ? banned : banned + ".";
                if (code.replaceAll("(?m)^import .*$", "").contains(qualified)) {
                    problems.add(SOURCES.relativize(file) + ": names " + banned + " in its code");
                }
            }
            if (code.contains("getResource")) {
                problems.add(SOURCES.relativize(file) + ": reads a classpath resource (getResource...)");
            }
        }
        assertThat(problems).as("engine sources using what only the JVM host has; move that code under "
                + "dev.glassbox.jvm and hand the engine bytes").isEmpty();
    }

    @Test
    void enginePackagesDependOneWay() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path file : engineSources()) {
            String pkg = packageOf(file);
            Integer layer = LAYER.get(pkg);
            if (layer == null) {
                problems.add(SOURCES.relativize(file) + ": package " + pkg + " has no place in the engine's order;"
                        + " add it to EngineBoundaryTest.LAYER");
                continue;
            }
            Matcher m = IMPORT.matcher(Files.readString(file, StandardCharsets.UTF_8));
            while (m.find()) {
                Matcher engine = ENGINE_IMPORT.matcher(m.group(1));
                if (engine.find() && !engine.group(1).equals(pkg)) {
                    Integer other = LAYER.get(engine.group(1));
                    if (other != null && other >= layer) {
                        problems.add(SOURCES.relativize(file) + ": " + pkg + " imports " + m.group(1) + ", but "
                                + engine.group(1) + " comes " + (other.equals(layer) ? "beside" : "after") + " it");
                    }
                }
            }
        }
        assertThat(problems).as("imports against the order tensor → kernels → nn → loss → optim → data → train"
                + " → io → explain, sweep").isEmpty();
    }

    @Test
    void theScanSeesTheEngine() throws IOException {
        // Guards against a scan that passes because it read nothing (e.g. run from another folder).
        assertThat(engineSources().stream().map(EngineBoundaryTest::packageOf).distinct())
                .contains("tensor", "nn", "data", "train", "io");
    }

    /** Every main source of the engine: all of dev.glassbox except dev.glassbox.jvm and the kernels. */
    private static List<Path> engineSources() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.getFileName().toString().equals("package-info.java"))
                    .filter(f -> !packageOf(f).equals("jvm") && !packageOf(f).startsWith("jvm."))
                    .sorted()
                    .toList();
        }
    }

    /** e.g. {@code io} for {@code src/main/java/dev/glassbox/io/ModelCodec.java}; "" for the root. */
    private static String packageOf(Path file) {
        Path dir = SOURCES.relativize(file).getParent();
        return dir == null ? "" : dir.toString().replace(file.getFileSystem().getSeparator(), ".");
    }

    /** The source without comments, so a doc that mentions {@code java.nio.file.Path} is no finding. */
    private static String withoutComments(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)//.*$", "");
    }
}
