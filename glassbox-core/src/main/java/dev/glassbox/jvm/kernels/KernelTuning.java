package dev.glassbox.jvm.kernels;

import dev.glassbox.jvm.io.AtomicFiles;
import dev.glassbox.kernels.Kernels;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Which {@link KernelShape} the SIMD products use on this processor: measured once among the
 * candidates, in the background while a command loads its data, and remembered per processor
 * model in {@value #FILE} under the user's cache folder ({@code glassbox.cache}, else
 * {@code $XDG_CACHE_HOME/glassbox}, else {@code ~/.cache/glassbox}). Kernels opened before the
 * measurement ends use {@link KernelShape#DEFAULT}; that is safe because no shape changes a
 * result's bits. Deleting the file makes the next command measure again.
 *
 * <p>The file is data: a line per processor, {@code model=depth block}. A value that is not one
 * of the candidates, or a file that is too big or unreadable, is ignored and measured over.
 */
public final class KernelTuning {
    static final String FILE = "kernel-shapes.properties";
    private static final long MAX_FILE_BYTES = 64 * 1024;
    /** Another shape replaces the default only when at least this much faster: tuning must not chase noise. */
    private static final double MARGIN = 1.03;

    private static volatile KernelShape current;

    private KernelTuning() {}

    /** The shape kernels opened now use: the remembered one for this processor, else the default. */
    public static KernelShape shape() {
        KernelShape s = current;
        if (s == null) {
            KernelShape remembered = remembered(cacheFile(), CpuInfo.current().model());
            s = remembered != null ? remembered : KernelShape.DEFAULT;
            current = s;
        }
        return s;
    }

    /** Whether this processor has a remembered shape, so that nothing needs measuring. */
    static boolean known() {
        return remembered(cacheFile(), CpuInfo.current().model()) != null;
    }

    /**
     * Measures the candidates on one thread (the W1 products at batch 128, interleaved rounds,
     * medians), makes the fastest the shape of kernels opened from now on and remembers it.
     * About half a second; meant for a background thread.
     */
    static KernelShape tune() {
        KernelShape best = fastest(KernelShape.CANDIDATES, 3, 9);
        current = best;
        try {
            remember(cacheFile(), CpuInfo.current().model(), best);
        } catch (IOException | RuntimeException e) {
            // Only a cache: the next command measures again.
        }
        return best;
    }

    /** The candidate with the lowest median time per round of products, the default unless another beats it by {@link #MARGIN}. */
    static KernelShape fastest(List<KernelShape> candidates, int warmUps, int rounds) {
        int count = candidates.size();
        long[][] times = new long[count][rounds];
        Products products = new Products();
        SimdKernels[] kernels = new SimdKernels[count];
        try {
            for (int c = 0; c < count; c++) {
                kernels[c] = new SimdKernels(1, candidates.get(c));
            }
            for (int r = -warmUps; r < rounds; r++) {
                for (int c = 0; c < count; c++) {
                    long t0 = System.nanoTime();
                    products.run(kernels[c]);
                    if (r >= 0) {
                        times[c][r] = System.nanoTime() - t0;
                    }
                }
            }
        } finally {
            for (SimdKernels k : kernels) {
                if (k != null) {
                    k.close();
                }
            }
        }
        int defaultAt = candidates.indexOf(KernelShape.DEFAULT);
        int best = defaultAt >= 0 ? defaultAt : 0;
        for (int c = 0; c < count; c++) {
            Arrays.sort(times[c]);
        }
        for (int c = 0; c < count; c++) {
            if (times[c][rounds / 2] * MARGIN < times[best][rounds / 2]) {
                best = c;
            }
        }
        return candidates.get(best);
    }

    /** The six large products of a W1 training step (784-512-256, batch 128), on fixed inputs. */
    private static final class Products {
        private static final int BATCH = 128;
        private static final int[] WIDTHS = {784, 512, 256};
        private final float[][] x = new float[2][];
        private final float[][] w = new float[2][];
        private final float[][] y = new float[2][];
        private final float[][] dw = new float[2][];
        private final float[][] dx = new float[2][];
        private final float[][] bias = new float[2][];

        Products() {
            for (int l = 0; l < 2; l++) {
                int in = WIDTHS[l];
                int out = WIDTHS[l + 1];
                x[l] = filled(BATCH * in, 0.01f);
                w[l] = filled(out * in, -0.02f);
                y[l] = new float[BATCH * out];
                dw[l] = new float[out * in];
                dx[l] = new float[BATCH * in];
                bias[l] = filled(out, 0.1f);
            }
        }

        private static float[] filled(int n, float step) {
            float[] a = new float[n];
            for (int i = 0; i < n; i++) {
                a[i] = (i % 17 - 8) * step;
            }
            return a;
        }

        void run(SimdKernels k) {
            for (int l = 0; l < 2; l++) {
                int in = WIDTHS[l];
                int out = WIDTHS[l + 1];
                k.linear(x[l], w[l], bias[l], y[l], BATCH, out, in, Kernels.Epilogue.RELU);
                k.matmulTNAdd(y[l], x[l], dw[l], out, in, BATCH);
                k.matmulNN(y[l], w[l], dx[l], BATCH, in, out);
            }
        }
    }

    /** The cache folder: {@code glassbox.cache}, else {@code $XDG_CACHE_HOME/glassbox}, else {@code ~/.cache/glassbox}. */
    static Path cacheFile() {
        String property = System.getProperty("glassbox.cache");
        if (property != null && !property.isBlank()) {
            return Path.of(property, FILE);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "glassbox", FILE);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "glassbox", FILE);
    }

    /** The shape remembered for {@code processor} in {@code file}, or null: absent, unreadable or not a candidate. */
    static KernelShape remembered(Path file, String processor) {
        Map<String, String> entries = read(file);
        String value = entries.get(processor);
        if (value == null) {
            return null;
        }
        for (KernelShape candidate : KernelShape.CANDIDATES) {
            if (Integer.toString(candidate.depthBlock()).equals(value.trim())) {
                return candidate;
            }
        }
        return null;
    }

    /** Adds or replaces {@code processor}'s line in {@code file}, keeping the others, atomically. */
    static void remember(Path file, String processor, KernelShape shape) throws IOException {
        Map<String, String> entries = new TreeMap<>(read(file));
        entries.put(processor, Integer.toString(shape.depthBlock()));
        Properties out = new Properties();
        out.putAll(entries);
        AtomicFiles.replace(file, ".properties", temp -> {
            try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                out.store(writer, "Glassbox: the depth block its SIMD products run fastest with, per processor;"
                        + " delete to measure again");
            }
        });
    }

    private static Map<String, String> read(Path file) {
        Map<String, String> entries = new TreeMap<>();
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_FILE_BYTES) {
                return entries;
            }
            Properties in = new Properties();
            try (Reader reader = new StringReader(Files.readString(file, StandardCharsets.UTF_8))) {
                in.load(reader);
            }
            for (String name : in.stringPropertyNames()) {
                entries.put(name, in.getProperty(name));
            }
        } catch (IOException | RuntimeException e) {
            entries.clear(); // not ours, or damaged: measured over
        }
        return entries;
    }
}
