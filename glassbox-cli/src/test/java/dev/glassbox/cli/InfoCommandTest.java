package dev.glassbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.jvm.kernels.CpuInfo;
import org.junit.jupiter.api.Test;

/** {@code glassbox info} describes the machine, model or not. */
class InfoCommandTest {

    @Test
    void namesTheCpuAndTheKernelsShape() {
        CliRun run = CliRun.of("info");
        assertThat(run.exitCode()).as(run.err()).isZero();
        KernelDescription kernels = KernelDescription.current();
        assertThat(kernels.vectorBits()).as("the test JVM runs the SIMD kernels").isGreaterThan(32);
        assertThat(run.out())
                .contains("CPU      " + CpuInfo.current().describe() + "\n")
                .contains("Kernels  simd: " + kernels.shape() + " (-Dglassbox.kernels=… to force)\n")
                .contains(kernels.vectorBits() + "-bit vectors");
    }
}
