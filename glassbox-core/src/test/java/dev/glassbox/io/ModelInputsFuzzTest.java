package dev.glassbox.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.glassbox.data.DatasetException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What a model file says of its inputs, on arbitrary text under either key: a description that
 * writes back to itself, or a {@link DatasetException} of one line — nothing else. The seed corpus
 * in {@code ModelInputsFuzzTestInputs/} (images, tables, wrong types, huge sizes) replays in every
 * test run; {@code JAZZER_FUZZ=1} fuzzes.
 */
class ModelInputsFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void inputs(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        for (String key : new String[] {ModelInputs.IMAGES_KEY, TableJson.METADATA_KEY}) {
            ModelInputs inputs;
            try {
                inputs = ModelInputs.of(Map.of(key, text));
            } catch (DatasetException expected) {
                assertThat(expected.getMessage()).isNotBlank().doesNotContain("\n");
                continue;
            }
            assertThat(inputs.inputSize()).isPositive();
            assertThat(ModelInputs.of(inputs.metadata())).isEqualTo(inputs);
        }
    }
}
