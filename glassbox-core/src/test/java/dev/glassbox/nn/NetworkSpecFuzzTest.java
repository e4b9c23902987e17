package dev.glassbox.nn;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * The layer-spec parser on arbitrary text: a spec that prints back to text parsing to the same
 * spec, or an {@link IllegalArgumentException} with a message — nothing else. The seed corpus
 * in {@code NetworkSpecFuzzTestInputs/} replays in every test run; {@code JAZZER_FUZZ=1} fuzzes.
 */
class NetworkSpecFuzzTest {

    /** Bytes rather than a String parameter, so the seed corpus is plain text files. */
    @FuzzTest(maxDuration = "10m")
    void spec(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        NetworkSpec spec;
        try {
            spec = NetworkSpec.parse(text);
        } catch (IllegalArgumentException expected) {
            assertThat(expected.getMessage()).isNotBlank();
            return;
        }
        assertThat(NetworkSpec.parse(spec.toString())).isEqualTo(spec);
        assertThat(spec.parameterShapes()).isNotEmpty();
    }
}
