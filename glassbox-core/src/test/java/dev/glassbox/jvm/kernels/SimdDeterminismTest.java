package dev.glassbox.jvm.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SIMD kernels give the same bits interpreted as compiled. The Vector API does not promise
 * that for everything (a float sum across lanes may be added in another order once compiled),
 * and training runs the first batches interpreted: any difference would make a seed's model
 * depend on when the JIT compiler got to each method.
 */
class SimdDeterminismTest {

    @Test
    void interpretedAndCompiledKernelsAgreeBitForBit(@TempDir Path dir) throws Exception {
        byte[] interpreted = fingerprint(dir.resolve("interpreted"), List.of("-Xint"), 0);
        // -Xbatch: each compilation finishes before the code goes on, so the last round runs compiled.
        byte[] compiled = fingerprint(dir.resolve("compiled"), List.of("-Xbatch"), 3000);
        assertThat(interpreted.length).isGreaterThan(1000).isEqualTo(compiled.length);
        FloatBuffer a = ByteBuffer.wrap(interpreted).asFloatBuffer();
        FloatBuffer b = ByteBuffer.wrap(compiled).asFloatBuffer();
        int first = a.mismatch(b);
        assertThat(first).as("first differing output (interpreted %s, compiled %s)",
                first < 0 ? "" : a.get(first), first < 0 ? "" : b.get(first)).isEqualTo(-1);
    }

    private static byte[] fingerprint(Path file, List<String> jvmOptions, int rounds)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                KernelFingerprint.class.getName(), file.toString(), Integer.toString(rounds)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("finished").isTrue();
        assertThat(process.exitValue()).as("exit code; output:%n%s", output).isZero();
        return Files.readAllBytes(file);
    }
}
