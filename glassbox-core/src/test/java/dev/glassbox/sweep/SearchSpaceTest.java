package dev.glassbox.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchSpaceTest {
    @Test
    void aGridIsEveryCombinationLastNameFastest() {
        SearchSpace space = SearchSpace.parse(List.of("learning-rate=0.01,0.1", "layers=784-8-10,784-16-10,784-32-10"));
        assertThat(space.names()).containsExactly("learning-rate", "layers");
        assertThat(space.gridSize()).isEqualTo(6);
        List<Map<String, String>> grid = space.grid(100);
        assertThat(grid).hasSize(6);
        assertThat(grid.get(0)).containsExactly(Map.entry("learning-rate", "0.01"), Map.entry("layers", "784-8-10"));
        assertThat(grid.get(1)).containsEntry("layers", "784-16-10").containsEntry("learning-rate", "0.01");
        assertThat(grid.get(5)).containsEntry("layers", "784-32-10").containsEntry("learning-rate", "0.1");
    }

    @Test
    void valuesHoldingCommasAreSeparatedByBars() {
        SearchSpace space = SearchSpace.parse(List.of("schedule=warmup:500,cosine|constant"));
        assertThat(space.grid(10)).extracting(p -> p.get("schedule")).containsExactly("warmup:500,cosine", "constant");
    }

    @Test
    void randomDrawsStayInTheirRangesAndRepeatForASeed() {
        SearchSpace space = SearchSpace.parse(List.of("learning-rate=log:0.0001:0.1", "dropout=uniform:0:0.5",
                "batch-size=int:16:256", "optimizer=adam,momentum"));
        List<Map<String, String>> draws = space.random(200, 42);
        assertThat(draws).hasSize(200).isEqualTo(space.random(200, 42)).isNotEqualTo(space.random(200, 43));
        for (Map<String, String> d : draws) {
            assertThat(Double.parseDouble(d.get("learning-rate"))).isBetween(0.0001, 0.1);
            assertThat(Double.parseDouble(d.get("dropout"))).isBetween(0.0, 0.5);
            assertThat(Integer.parseInt(d.get("batch-size"))).isBetween(16, 256);
            assertThat(d.get("optimizer")).isIn("adam", "momentum");
        }
        // Log-uniform: about a third of the draws in each decade from 1e-4 to 1e-1.
        long belowMilli = draws.stream().filter(d -> Double.parseDouble(d.get("learning-rate")) < 0.001).count();
        assertThat(belowMilli).isBetween(40L, 95L);
        assertThat(draws.stream().map(d -> d.get("batch-size")).distinct().count()).isGreaterThan(50);
    }

    @Test
    void drawnNumbersArePrintedShort() {
        SearchSpace space = SearchSpace.parse(List.of("learning-rate=log:0.0001:0.1"));
        for (Map<String, String> d : space.random(50, 1)) {
            assertThat(d.get("learning-rate")).matches("[0-9.e-]{1,11}").doesNotEndWith("0");
        }
    }

    @Test
    void badSpecsAreNamed() {
        assertThatThrownBy(() -> SearchSpace.parse(List.of("learning-rate"))).hasMessageContaining("NAME=VALUES");
        assertThatThrownBy(() -> SearchSpace.parse(List.of("a=1", "a=2"))).hasMessageContaining("varied twice");
        assertThatThrownBy(() -> SearchSpace.parse(List.of("a=log:0:1"))).hasMessageContaining("LOW > 0");
        assertThatThrownBy(() -> SearchSpace.parse(List.of("a=uniform:1:0"))).hasMessageContaining("LOW < HIGH");
        assertThatThrownBy(() -> SearchSpace.parse(List.of("a=int:x:3"))).hasMessageContaining("numbers");
        assertThatThrownBy(() -> SearchSpace.parse(List.of("a=1,,2"))).hasMessageContaining("empty value");
        assertThatThrownBy(() -> SearchSpace.parse(List.of("a=log:0.1:1")).grid(10))
                .hasMessageContaining("a grid needs listed values");
        assertThatThrownBy(() -> SearchSpace.parse(List.of("a=1,2,3", "b=1,2,3")).grid(8))
                .hasMessageContaining("9 points, more than 8");
    }
}
