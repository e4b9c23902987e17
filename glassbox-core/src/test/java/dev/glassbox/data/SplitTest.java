package dev.glassbox.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SplitTest {
    /** 60 samples sorted by class: 30 of class 0, 20 of class 1, 10 of class 2. */
    private static int[] sorted() {
        return IntStream.range(0, 60).map(i -> i < 30 ? 0 : i < 50 ? 1 : 2).toArray();
    }

    @Test
    void eachClassGivesTheSameFraction() {
        int[] groups = sorted();
        Split split = Split.stratified(groups, 0.2, 7);
        assertThat(split.second()).hasSize(12);
        assertThat(Arrays.stream(split.second()).map(i -> groups[i]).sorted().toArray())
                .containsExactly(0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2);
        int[] all = IntStream.concat(Arrays.stream(split.first()), Arrays.stream(split.second())).sorted().toArray();
        assertThat(all).containsExactly(IntStream.range(0, 60).toArray());
        assertThat(split.first()).isSorted();
        assertThat(split.second()).isSorted();
    }

    @Test
    void theSeedDecidesTheDraw() {
        assertThat(Split.stratified(sorted(), 0.2, 7)).isEqualTo(Split.stratified(sorted(), 0.2, 7));
        assertThat(Split.stratified(sorted(), 0.2, 8)).isNotEqualTo(Split.stratified(sorted(), 0.2, 7));
    }

    @Test
    void smallGroupsKeepOneOnEachSide() {
        // Two of class 1: a fifth rounds to 0, yet one is held out; one alone is never held out.
        Split split = Split.stratified(new int[] {0, 0, 0, 0, 0, 1, 1, 2}, 0.2, 1);
        assertThat(split.second()).hasSize(2);
        assertThat(Arrays.stream(split.second()).filter(i -> i <= 4).count()).isEqualTo(1);
        assertThat(Arrays.stream(split.second()).filter(i -> i >= 5 && i <= 6).count()).isEqualTo(1);
        assertThat(split.first()).contains(7);
        assertThat(Split.stratified(new int[] {0, 0, 0}, 0, 1).second()).isEmpty();
    }

    @Test
    void badFractionsAndGroupsAreRefused() {
        assertThatThrownBy(() -> Split.stratified(sorted(), 1, 1)).hasMessageContaining("[0, 1)");
        assertThatThrownBy(() -> Split.stratified(new int[] {-1}, 0.5, 1)).hasMessageContaining("negative");
    }
}
