package dev.glassbox.internal.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The tests run with {@code --add-modules jdk.incubator.vector}, so SIMD must be what "auto" picks. */
class KernelChoiceTest {

    @AfterEach
    void clearProperty() {
        System.clearProperty(KernelChoice.PROPERTY);
    }

    @Test
    void theTestJvmHasTheVectorModule() {
        // Fails, rather than skips, if the build stopped passing --add-modules: the SIMD tests
        // would otherwise silently compare scalar with scalar.
        assertThat(KernelChoice.vectorModulePresent()).isTrue();
    }

    @Test
    void autoPicksSimd() {
        for (String value : new String[] {null, "auto", " SIMD "}) {
            if (value == null) {
                System.clearProperty(KernelChoice.PROPERTY);
            } else {
                System.setProperty(KernelChoice.PROPERTY, value);
            }
            try (Kernels kernels = KernelChoice.create(2)) {
                assertThat(kernels.name()).as("for %s", value).isEqualTo("simd");
                assertThat(kernels).isInstanceOf(SimdKernels.class);
                assertThat(kernels.threads()).isEqualTo(2);
            }
            assertThat(KernelChoice.implementationName()).isEqualTo("simd");
        }
    }

    @Test
    void scalarCanBeForced() {
        System.setProperty(KernelChoice.PROPERTY, " SCALAR ");
        try (Kernels kernels = KernelChoice.create(2)) {
            assertThat(kernels).isInstanceOf(ScalarKernels.class);
            assertThat(kernels.name()).isEqualTo("scalar");
        }
    }

    @Test
    void rejectsUnknownValues() {
        System.setProperty(KernelChoice.PROPERTY, "simdd");
        assertThatThrownBy(() -> KernelChoice.create(1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-Dglassbox.kernels")
                .hasMessageContaining("expected auto, simd or scalar")
                .hasMessageContaining("'simdd'");
    }

    @Test
    void rejectsFewerThanOneThread() {
        assertThatThrownBy(() -> KernelChoice.create(0)).hasMessageContaining("at least 1, got 0");
    }
}
