package dev.glassbox.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The checkpoint's run-settings reader on arbitrary text: settings that hold only known names
 * and write back to the same JSON, or an {@link IllegalArgumentException} with a message —
 * nothing else. The seed corpus in {@code RunSettingsFuzzTestInputs/} (valid settings, settings
 * naming files, wrong types, control characters) replays in every test run; {@code JAZZER_FUZZ=1}
 * fuzzes.
 */
class RunSettingsFuzzTest {
    private static final Set<String> KNOWN = Set.of("layers", "epochs", "batch-size", "learning-rate", "seed",
            "augment");

    @FuzzTest(maxDuration = "10m")
    void settings(byte[] input) {
        String json = new String(input, StandardCharsets.UTF_8);
        RunSettings settings;
        try {
            settings = RunSettings.parse(json, KNOWN);
        } catch (IllegalArgumentException expected) {
            assertThat(expected.getMessage()).isNotBlank().doesNotContain("\n");
            return;
        }
        assertThat(KNOWN).containsAll(settings.values().keySet());
        assertThat(settings.values().values()).allSatisfy(v -> assertThat(v).doesNotContain("\n", "\r"));
        assertThat(RunSettings.parse(settings.toJson(), KNOWN)).isEqualTo(settings);
    }
}
