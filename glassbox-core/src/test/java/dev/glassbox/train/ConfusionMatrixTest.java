package dev.glassbox.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {
    // rows = true class, columns = predicted
    //          p0 p1 p2
    //   t0  [  5, 1, 0 ]   6 samples of class 0
    //   t1  [  2, 3, 1 ]   6 samples of class 1
    //   t2  [  0, 0, 4 ]   4 samples of class 2
    //        7  4  5      predicted counts
    private final ConfusionMatrix m = new ConfusionMatrix(new long[][] {{5, 1, 0}, {2, 3, 1}, {0, 0, 4}});

    @Test
    void totalsAndAccuracy() {
        assertThat(m.total()).isEqualTo(16);
        assertThat(m.correct()).isEqualTo(12);
        assertThat(m.accuracy()).isEqualTo(0.75); // 12 / 16
    }

    @Test
    void precisionIsDiagonalOverColumn() {
        assertThat(m.precision(0)).isEqualTo(5.0 / 7);
        assertThat(m.precision(1)).isEqualTo(3.0 / 4);
        assertThat(m.precision(2)).isEqualTo(4.0 / 5);
    }

    @Test
    void recallIsDiagonalOverRow() {
        assertThat(m.recall(0)).isEqualTo(5.0 / 6);
        assertThat(m.recall(1)).isEqualTo(3.0 / 6);
        assertThat(m.recall(2)).isEqualTo(1.0);
    }

    @Test
    void undefinedCasesAreNaNOrZero() {
        ConfusionMatrix noPredictionsOf1 = new ConfusionMatrix(new long[][] {{2, 0}, {1, 0}});
        assertThat(noPredictionsOf1.precision(1)).isNaN();
        assertThat(ConfusionMatrix.empty(3).recall(0)).isNaN();
        assertThat(ConfusionMatrix.empty(3).accuracy()).isZero();
    }

    /**
     * A record compares its array component by reference, so equal counts are not equal
     * matrices (and toString shows "[[J@…"). Fails today.
     */
    @Test
    void equalCountsAreEqual() {
        long[][] counts = {{1, 2}, {3, 4}};
        assertThat(new ConfusionMatrix(counts)).isEqualTo(new ConfusionMatrix(counts))
                .hasSameHashCodeAs(new ConfusionMatrix(counts));
    }

    @Test
    void isACopyAndRejectsRaggedRows() {
        long[][] counts = {{1, 0}, {0, 1}};
        ConfusionMatrix c = new ConfusionMatrix(counts);
        counts[0][0] = 99;
        c.counts()[1][1] = 99;
        assertThat(c.count(0, 0)).isEqualTo(1);
        assertThat(c.count(1, 1)).isEqualTo(1);
        assertThatThrownBy(() -> new ConfusionMatrix(new long[][] {{1, 2}, {3}}))
                .hasMessageContaining("row 1 has 1 columns, expected 2");
    }
}
