package dev.glassbox.jvm.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.kernels.Kernels;
import dev.glassbox.kernels.ReferenceKernels;
import org.junit.jupiter.api.Test;

/** The tests run with {@code --add-modules jdk.incubator.vector}, so SIMD must be what "auto" picks. */
class KernelChoiceTest {

    @Test
    void theTestJvmHasTheVectorModule() {
        // Fails, rather than skips, if the build stopped passing --add-modules: the SIMD tests
        // would otherwise silently compare scalar with scalar.
        assertThat(KernelChoice.vectorModulePresent()).isTrue();
    }

    @Test
    void autoPicksSimdWhenTheVectorApiIsThereAndScalarOtherwise() {
        for (String value : new String[] {"auto", " AUTO "}) {
            assertThat(KernelChoice.decide(value, true)).isEqualTo("simd");
            assertThat(KernelChoice.decide(value, false)).isEqualTo("scalar");
        }
        assertThat(KernelChoice.implementationName()).as("this JVM, decided once").isEqualTo("simd");
        try (Kernels kernels = KernelChoice.create(2)) {
            assertThat(kernels).isInstanceOf(SimdKernels.class);
            assertThat(kernels.threads()).isEqualTo(2);
        }
    }

    @Test
    void scalarOrReferenceCanBeForced() {
        assertThat(KernelChoice.decide(" SCALAR ", true)).isEqualTo("scalar");
        assertThat(KernelChoice.decide("reference", true)).isEqualTo("reference");
        assertThatThrownBy(() -> KernelChoice.decide("simd", false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("--add-modules jdk.incubator.vector");
    }

    @Test
    void theDecisionIsMadeOnce() {
        String before = KernelChoice.implementationName();
        System.setProperty(KernelChoice.PROPERTY, "scalar");
        try {
            assertThat(KernelChoice.implementationName()).isEqualTo(before);
            assertThat(KernelChoice.provider()).isSameAs(KernelChoice.provider());
        } finally {
            System.clearProperty(KernelChoice.PROPERTY);
        }
    }

    @Test
    void testModeGivesEachImplementationByName() {
        try (Kernels scalar = KernelChoice.named("scalar").open(2);
                Kernels simd = KernelChoice.named("simd").open(2);
                Kernels reference = KernelChoice.named("reference").open(2)) {
            assertThat(scalar).isInstanceOf(ScalarKernels.class);
            assertThat(simd).isInstanceOf(SimdKernels.class);
            assertThat(reference).isInstanceOf(ReferenceKernels.class);
            assertThat(reference.threads()).as("the reference is sequential").isEqualTo(1);
        }
    }

    @Test
    void rejectsUnknownValues() {
        assertThatThrownBy(() -> KernelChoice.decide("simdd", true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-Dglassbox.kernels")
                .hasMessageContaining("expected auto, simd, scalar or reference")
                .hasMessageContaining("'simdd'");
        assertThatThrownBy(() -> KernelChoice.named("fast")).hasMessageContaining("got 'fast'");
    }

    @Test
    void warmsUpOncePerProcess() {
        // The CLI starts the warm-up before parsing, and the command asks again: one thread, not two.
        for (int i = 0; i < 3; i++) {
            KernelChoice.warmUpInBackground(300);
        }
        long warming = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("glassbox-warm-up"))
                .count();
        assertThat(warming).isLessThanOrEqualTo(1);
    }

    @Test
    void rejectsFewerThanOneThread() {
        assertThatThrownBy(() -> KernelChoice.create(0)).hasMessageContaining("at least 1, got 0");
    }
}
