package dev.glassbox.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The IDX reader on arbitrary bytes (raw or gzip): it returns an array whose dimensions account
 * for its data, or throws {@link DatasetException} — never anything else, and never runs out of
 * memory. The seed corpus in {@code IdxFuzzTestInputs/} replays in every test run;
 * {@code JAZZER_FUZZ=1} fuzzes.
 */
class IdxFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void idx(byte[] input) {
        IdxArray array;
        try {
            array = Idx.read(input, "fuzz");
        } catch (DatasetException expected) {
            return;
        }
        long elements = 1;
        for (int d : array.dims()) {
            assertThat(d).isNotNegative();
            elements *= d;
        }
        assertThat(array.data()).hasSize((int) elements);
    }
}
