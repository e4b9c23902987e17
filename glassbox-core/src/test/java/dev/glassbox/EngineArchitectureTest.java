package dev.glassbox;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine runs on any host, which its compiled classes must show: the engine packages use
 * nothing only a JVM has — files, the network, AWT and image decoding, reflection, logging,
 * threads and the concurrency library, classpath resources — and depend on each other one way.
 * Files, threads, SIMD and downloads live in {@code dev.glassbox.jvm}, which hands the engine
 * bytes and kernels.
 */
class EngineArchitectureTest {
    /** The engine packages from the bottom up: each may use those before it, never one after it. */
    private static final List<List<String>> LAYERS = List.of(
            List.of("tensor"),
            List.of("kernels"),
            List.of("nn"),
            List.of("loss"),
            List.of("optim"),
            List.of("data"),
            List.of("train"),
            List.of("io"),
            List.of("explain", "sweep"));

    private static JavaClasses classes;

    @BeforeAll
    static void importEngine() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.glassbox");
    }

    private static String[] engine() {
        return LAYERS.stream().flatMap(List::stream).map(p -> "dev.glassbox." + p + "..").toArray(String[]::new);
    }

    @Test
    void theEngineUsesNothingOnlyTheJvmHas() {
        ArchRule rule = noClasses().that().resideInAnyPackage(engine())
                .should().dependOnClassesThat().resideInAnyPackage("dev.glassbox.jvm..", "java.nio.file..",
                        "java.nio.channels..", "java.net..", "java.awt..", "javax.imageio..", "java.lang.reflect..",
                        "java.util.logging..", "java.util.concurrent..", "java.security..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.File")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.Thread")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.ThreadLocal")
                .orShould().callMethod(Class.class, "getResource", String.class)
                .orShould().callMethod(Class.class, "getResourceAsStream", String.class)
                .because("the engine runs unchanged in a browser: a host hands it bytes, kernels and seeds");
        rule.check(classes);
    }

    @Test
    void enginePackagesDependOneWay() {
        List<String> problems = new ArrayList<>();
        for (int lower = 0; lower < LAYERS.size(); lower++) {
            List<String> above = new ArrayList<>();
            for (int upper = lower + 1; upper < LAYERS.size(); upper++) {
                LAYERS.get(upper).forEach(p -> above.add("dev.glassbox." + p + ".."));
            }
            List<String> here = LAYERS.get(lower);
            if (here.size() > 1) {
                // Packages of one layer are siblings: neither may use the other.
                for (String p : here) {
                    here.stream().filter(q -> !q.equals(p)).forEach(q -> above.add("dev.glassbox." + q + ".."));
                }
            }
            for (String p : here) {
                if (above.isEmpty()) {
                    continue;
                }
                EvaluationResult result = noClasses().that().resideInAPackage("dev.glassbox." + p + "..")
                        .should().dependOnClassesThat().resideInAnyPackage(above.stream()
                                .filter(q -> !q.equals("dev.glassbox." + p + "..")).toArray(String[]::new))
                        .evaluate(classes);
                result.getFailureReport().getDetails().forEach(problems::add);
            }
        }
        assertThat(problems).as("dependencies against the order tensor → kernels → nn → loss → optim → data"
                + " → train → io → explain, sweep").isEmpty();
    }

    @Test
    void everyEnginePackageHasItsPlace() {
        List<String> unplaced = classes.stream()
                .map(c -> c.getPackageName())
                .filter(p -> p.startsWith("dev.glassbox.") && !p.startsWith("dev.glassbox.jvm"))
                .map(p -> p.substring("dev.glassbox.".length()).split("\\.")[0])
                .distinct()
                .filter(p -> LAYERS.stream().noneMatch(layer -> layer.contains(p)))
                .toList();
        assertThat(unplaced).as("engine packages missing from EngineArchitectureTest.LAYERS").isEmpty();
    }

    @Test
    void theRulesSeeTheEngineAndCanFail() {
        // Guards against rules that pass because they saw nothing, or cannot see a violation.
        assertThat(classes.containPackage("dev.glassbox.train")).isTrue();
        ArchRule fails = noClasses().that().resideInAPackage("dev.glassbox.jvm..")
                .should().dependOnClassesThat().resideInAPackage("java.nio.file..");
        assertThat(fails.evaluate(classes).hasViolation()).as("the JVM side does use files").isTrue();
    }
}
