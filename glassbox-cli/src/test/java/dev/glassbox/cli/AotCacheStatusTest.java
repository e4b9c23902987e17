package dev.glassbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code glassbox info} says of the launcher's AOT cache, from the JVM's arguments and sharing state. */
class AotCacheStatusTest {
    @Test
    void noCacheOption() {
        assertThat(AotCacheStatus.describe(List.of("-XX:+UseParallelGC"), "mixed mode, sharing"))
                .isEqualTo("no AOT cache");
    }

    @Test
    void aCacheTheJvmMapped() {
        assertThat(AotCacheStatus.describe(List.of("-XX:AOTCache=/c/a.aot", "-Xlog:aot*=off,cds*=off"),
                "mixed mode, sharing")).isEqualTo("AOT cache /c/a.aot");
    }

    @Test
    void aCacheTheJvmRefusedSharesNothing() {
        assertThat(AotCacheStatus.describe(List.of("-XX:AOTCache=/c/a.aot"), "mixed mode"))
                .startsWith("AOT cache /c/a.aot refused by the JVM").contains("-Xlog:aot");
    }

    @Test
    void theLastOptionCounts() {
        assertThat(AotCacheStatus.describe(List.of("-XX:AOTCache=/c/a.aot", "-XX:AOTCache=/c/b.aot"), "sharing"))
                .isEqualTo("AOT cache /c/b.aot");
    }
}
