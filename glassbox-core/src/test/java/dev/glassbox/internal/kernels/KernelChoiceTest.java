package dev.glassbox.internal.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KernelChoiceTest {

    @AfterEach
    void clearProperty() {
        System.clearProperty(KernelChoice.PROPERTY);
    }

    @Test
    void autoAndScalarPickTheScalarKernels() {
        for (String value : new String[] {null, "auto", "scalar", " SCALAR "}) {
            if (value == null) {
                System.clearProperty(KernelChoice.PROPERTY);
            } else {
                System.setProperty(KernelChoice.PROPERTY, value);
            }
            try (Kernels kernels = KernelChoice.create(2)) {
                assertThat(kernels.name()).as("for %s", value).isEqualTo("scalar");
                assertThat(kernels.threads()).isEqualTo(2);
            }
            assertThat(KernelChoice.implementationName()).isEqualTo("scalar");
        }
    }

    @Test
    void rejectsUnknownValues() {
        System.setProperty(KernelChoice.PROPERTY, "simdd");
        assertThatThrownBy(() -> KernelChoice.create(1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-Dglassbox.kernels")
                .hasMessageContaining("expected auto or scalar")
                .hasMessageContaining("'simdd'");
        assertThat(KernelChoice.implementationName()).isEqualTo("unknown (simdd)");
    }

    @Test
    void rejectsFewerThanOneThread() {
        assertThatThrownBy(() -> KernelChoice.create(0)).hasMessageContaining("at least 1, got 0");
    }
}
