package dev.glassbox.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./glassbox} launcher's ahead-of-time cache, through the launcher itself, each test in a
 * fresh {@code XDG_CACHE_HOME}. Needs the packaged CLI, so Maven runs it after {@code package} (see
 * this module's pom), and a JDK 25 or newer for the launcher to find. Each cache made costs a short
 * training run (about 5 s), so the tests make two in all.
 */
@DisabledOnOs(OS.WINDOWS)
class LauncherAotCacheTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path JAR = ROOT.resolve("glassbox-cli/target/glassbox-cli.jar");
    private static final String MAKING = "glassbox: making the start-up cache";

    @TempDir
    Path work;

    @BeforeAll
    static void needsThePackagedCliAndJava25() throws Exception {
        assumeTrue(Files.isRegularFile(JAR), "runs after package: " + JAR + " is not built");
        Launch major = run(ROOT, Map.of(),
                List.of("bash", "-c", ". .mvn/find-jdk.sh && glassbox_java_major \"$(find_jdk)\""));
        assumeTrue(Integer.parseInt(major.out().strip()) >= 25, "the launcher's JDK is older than 25");
    }

    @Test
    void madeOnceByOneOfTwoFirstRunsThenReusedThenMadeAnewForANewJar() throws Exception {
        Path xdg = work.resolve("cache");
        Path aot = xdg.resolve("glassbox/aot");

        // Two first runs at once: one makes the cache, the other runs without it and waits for nothing.
        List<Launch> firstRuns;
        try (ExecutorService both = Executors.newFixedThreadPool(2)) {
            Future<Launch> first = both.submit(() -> glassbox(xdg, Map.of(), "info"));
            Future<Launch> second = both.submit(() -> glassbox(xdg, Map.of(), "info"));
            firstRuns = List.of(first.get(), second.get());
        }
        for (Launch run : firstRuns) {
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("Glassbox ").doesNotContain("[aot");
        }
        List<Launch> makers = firstRuns.stream().filter(r -> r.err().contains(MAKING)).toList();
        assertThat(makers).as("first runs that made the cache").hasSize(1);
        assertThat(makers.get(0).err()).containsPattern("made in [0-9.]+ s\\.");
        Path cache = onlyFile(aot);
        assertThat(cache.getFileName().toString()).endsWith(".aot");
        assertThat(makers.get(0).out()).as("the maker uses it at once").contains("Start-up AOT cache " + cache);

        BasicFileAttributes made = Files.readAttributes(cache, BasicFileAttributes.class);
        Launch again = glassbox(xdg, Map.of(), "info");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.err()).doesNotContain(MAKING);
        assertThat(again.out() + again.err()).doesNotContain("[aot");
        assertThat(again.out()).contains("Start-up AOT cache " + cache).doesNotContain("refused");
        assertThat(onlyFile(aot)).isEqualTo(cache);
        BasicFileAttributes reused = Files.readAttributes(cache, BasicFileAttributes.class);
        assertThat(reused.fileKey()).as("the same file").isEqualTo(made.fileKey());
        assertThat(reused.lastModifiedTime()).as("not rewritten").isEqualTo(made.lastModifiedTime());

        // A cache the JVM cannot map (here cut short): the command runs without it, and without a word
        // from the JVM on either stream, which by default would print its complaints on stdout.
        byte[] whole = Files.readAllBytes(cache);
        Files.write(cache, Arrays.copyOf(whole, whole.length / 2));
        Launch refused = glassbox(xdg, Map.of(), "info");
        assertThat(refused.exitCode()).as(refused.err()).isZero();
        assertThat(refused.out()).contains("Start-up AOT cache " + cache + " refused by the JVM");
        assertThat(refused.out() + refused.err()).doesNotContain("[aot", "[cds", "AOT cache has been");
        assertThat(refused.err()).doesNotContain(MAKING);

        // A rebuilt jar: the JVM would refuse the old cache, so the launcher makes one for the new jar.
        FileTime built = Files.getLastModifiedTime(JAR);
        try {
            Files.setLastModifiedTime(JAR, FileTime.fromMillis(built.toMillis() + 2_000));
            Launch rebuilt = glassbox(xdg, Map.of(), "info");
            assertThat(rebuilt.exitCode()).as(rebuilt.err()).isZero();
            assertThat(rebuilt.err()).contains(MAKING);
            Path remade = onlyFile(aot);
            assertThat(remade).as("the old build's cache removed, a new one in its place").isNotEqualTo(cache);
            assertThat(rebuilt.out()).contains("Start-up AOT cache " + remade).doesNotContain("refused");
        } finally {
            Files.setLastModifiedTime(JAR, built); // the developer's own cache stays valid
        }
    }

    @Test
    void offOrUnsetUsesNoCacheAndMakesNone() {
        for (Map<String, String> env : List.of(Map.of("GLASSBOX_AOT", "off"), Map.<String, String>of())) {
            Path xdg = work.resolve("cache-" + env.size());
            Launch run = launch(xdg, env, "info");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.err()).doesNotContain(MAKING);
            assertThat(run.out()).contains("Start-up no AOT cache");
            assertThat(xdg).as("with " + env).doesNotExist();
        }
    }

    @Test
    void aFailureIsSaidOnceAndTheCommandRunsWithoutACache() throws IOException {
        Path xdg = work.resolve("cache");
        // The JVM refuses to record a training run with class sharing off.
        Map<String, String> env = Map.of("JAVA_OPTS", "-Xshare:off");
        Launch failed = glassbox(xdg, env, "info");
        assertThat(failed.exitCode()).as(failed.err()).isZero();
        assertThat(failed.err()).contains(MAKING).contains("failed; running without it");
        assertThat(failed.out()).contains("Start-up no AOT cache");
        Path remembered = onlyFile(xdg.resolve("glassbox/aot"));
        assertThat(remembered.getFileName().toString()).endsWith(".aot.failed");
        assertThat(Files.readString(remembered)).contains("AOTConfiguration");

        Launch later = glassbox(xdg, env, "info");
        assertThat(later.exitCode()).as(later.err()).isZero();
        assertThat(later.err()).as("not tried again").doesNotContain(MAKING);
        assertThat(later.out()).contains("Start-up no AOT cache");
    }

    /** The one file in the folder: nothing half-written, no temporary file or lock left behind. */
    private static Path onlyFile(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> all = files.toList();
            assertThat(all).as("files in " + dir).hasSize(1);
            return all.get(0);
        }
    }

    /** The launcher with the cache asked for ({@code GLASSBOX_AOT=on}) unless {@code env} says otherwise. */
    private Launch glassbox(Path xdg, Map<String, String> env, String... args) {
        Map<String, String> on = new HashMap<>(Map.of("GLASSBOX_AOT", "on"));
        on.putAll(env);
        return launch(xdg, on, args);
    }

    private Launch launch(Path xdg, Map<String, String> env, String... args) {
        Map<String, String> all = new HashMap<>(env);
        all.put("XDG_CACHE_HOME", xdg.toString());
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("glassbox").toString()));
        command.addAll(List.of(args));
        try {
            return run(work, all, command);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Launch run(Path dir, Map<String, String> env, List<String> command)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("launcher", ".out");
        Path err = Files.createTempFile("launcher", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().remove("GLASSBOX_AOT");
            builder.environment().remove("JAVA_OPTS");
            builder.environment().remove("JDK_JAVA_OPTIONS");
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("timed out: " + command);
            }
            return new Launch(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private record Launch(int exitCode, String out, String err) {}
}
