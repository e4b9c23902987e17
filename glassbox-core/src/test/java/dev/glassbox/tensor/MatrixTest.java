package dev.glassbox.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MatrixTest {

    @Test
    void rowMajorLayout() {
        // (r, c) lives at r·cols + c: [[1, 2, 3], [4, 5, 6]] → data [1, 2, 3, 4, 5, 6]
        Matrix m = Matrix.of(new float[] {1, 2, 3}, new float[] {4, 5, 6});
        assertThat(m.shape()).isEqualTo("(2, 3)");
        assertThat(m.data()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(m.get(1, 0)).isEqualTo(4);
        assertThat(m.row(1)).containsExactly(4, 5, 6);
        m.set(0, 2, 9);
        assertThat(m.data()[2]).isEqualTo(9);
    }

    @Test
    void copiesAreIndependentAndZeroSizesWork() {
        Matrix m = Matrix.of(new float[] {1, 2});
        Matrix copy = m.copy();
        copy.set(0, 0, 7);
        assertThat(m.get(0, 0)).isEqualTo(1);
        assertThat(Matrix.zeros(0, 5).size()).isZero();
        assertThat(Matrix.of().shape()).isEqualTo("(0, 0)");
    }

    @Test
    void clearErrors() {
        assertThatThrownBy(() -> Matrix.wrap(2, 2, new float[3]))
                .hasMessageContaining("expected 4 values for a 2x2 matrix, got 3");
        assertThatThrownBy(() -> Matrix.of(new float[] {1, 2}, new float[] {3}))
                .hasMessageContaining("row 1 has 1 values, expected 2");
        assertThatThrownBy(() -> Matrix.zeros(-1, 2)).hasMessageContaining("negative shape");
        assertThatThrownBy(() -> Matrix.zeros(1 << 16, 1 << 16)).hasMessageContaining("more than a Java array holds");
        assertThatThrownBy(() -> Matrix.zeros(2, 2).get(2, 0))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("(2, 0) outside (2, 2)");
        assertThatThrownBy(() -> Matrix.zeros(2, 2).copyFrom(Matrix.zeros(2, 3)))
                .hasMessageContaining("Matrix.copyFrom: expected shape (2, 2), got (2, 3)");
    }
}
