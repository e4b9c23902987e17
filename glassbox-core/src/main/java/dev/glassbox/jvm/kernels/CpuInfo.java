package dev.glassbox.jvm.kernels;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The processor the kernels run on, as a speed figure should name it: its model, and whether its
 * cores have AVX-512 (the SIMD kernels' vectors are 512 bits wide only where they do). A figure
 * without these cannot be compared with another: the same code runs at half the speed on cores
 * that split each 512-bit FMA in two.
 *
 * <p>Read on Linux from {@code /proc/cpuinfo}: the first {@code model name}, and {@code avx512f}
 * among the {@code flags} (x86) or {@code Features} (ARM, which never has it). Elsewhere, or when
 * the file does not say, the model falls back to the JVM's {@code os.arch} and {@code os.name},
 * and AVX-512 is {@link Avx512#UNKNOWN}. Not a feature probe for choosing code: the kernels take
 * their vector width from the Vector API.
 *
 * @param model the CPU's model name, e.g. {@code AMD EPYC 9R14}, or the fallback
 * @param avx512 whether the cores have AVX-512 Foundation
 */
public record CpuInfo(String model, Avx512 avx512) {
    private static final Path PROC_CPUINFO = Path.of("/proc/cpuinfo");

    /** Whether the cores have AVX-512; {@link #UNKNOWN} where the system does not say. */
    public enum Avx512 {
        PRESENT,
        ABSENT,
        UNKNOWN
    }

    public CpuInfo {
        if (model == null || model.isBlank() || avx512 == null) {
            throw new IllegalArgumentException("CpuInfo: expected a model name and an AVX-512 answer, got " + model
                    + ", " + avx512);
        }
    }

    /** This machine's processor, read once. */
    public static CpuInfo current() {
        return Read.CURRENT;
    }

    private static final class Read {
        static final CpuInfo CURRENT = read();
    }

    private static CpuInfo read() {
        String fallback = System.getProperty("os.arch", "unknown") + " (" + System.getProperty("os.name", "?") + ")";
        try {
            return parse(Files.readString(PROC_CPUINFO), fallback);
        } catch (IOException | RuntimeException e) {
            return new CpuInfo(fallback, Avx512.UNKNOWN); // not Linux, or /proc hidden
        }
    }

    /**
     * What {@code cpuinfo}, the text of a {@code /proc/cpuinfo}, says about the first processor
     * listed (a machine's cores are alike for our purpose); {@code fallbackModel} where it names no
     * model.
     */
    static CpuInfo parse(String cpuinfo, String fallbackModel) {
        String model = null;
        String flags = null;
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (model == null && key.equals("model name") && !value.isEmpty()) {
                model = value;
            } else if (flags == null && (key.equals("flags") || key.equals("features"))) {
                flags = value;
            }
        }
        Avx512 avx512 = flags == null ? Avx512.UNKNOWN
                : Arrays.asList(flags.split("\\s+")).contains("avx512f") ? Avx512.PRESENT : Avx512.ABSENT;
        return new CpuInfo(model == null ? fallbackModel : model, avx512);
    }

    /** As a speed figure's header shows it: {@code AMD EPYC 9R14 · AVX-512}, or {@code … · no AVX-512}. */
    public String describe() {
        return switch (avx512) {
            case PRESENT -> model + " · AVX-512";
            case ABSENT -> model + " · no AVX-512";
            case UNKNOWN -> model;
        };
    }
}
