package dev.glassbox.jvm.kernels;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The processor this JVM runs on, as far as kernel tuning cares: its model name. */
final class Processor {
    private static final Path CPUINFO = Path.of("/proc/cpuinfo");
    private static final int MAX_CPUINFO_BYTES = 4 << 20;

    private Processor() {}

    /** What kernel shapes are remembered under: the model name (or the architecture where none is known). */
    static String key() {
        return model(cpuinfo());
    }

    /** The first {@code model name} of a Linux {@code /proc/cpuinfo}, else the JVM's {@code os.arch}. */
    static String model(String cpuinfo) {
        for (String line : cpuinfo.split("\n", 200)) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals("model name")) {
                String model = line.substring(colon + 1).trim().replaceAll("\\s+", " ");
                if (!model.isEmpty()) {
                    return model.length() > 200 ? model.substring(0, 200) : model;
                }
            }
        }
        return System.getProperty("os.arch", "unknown");
    }

    private static String cpuinfo() {
        try {
            if (Files.isReadable(CPUINFO)) {
                byte[] bytes = Files.readAllBytes(CPUINFO);
                return new String(bytes, 0, Math.min(bytes.length, MAX_CPUINFO_BYTES), StandardCharsets.UTF_8);
            }
        } catch (IOException | RuntimeException e) {
            // no model name: the architecture stands in
        }
        return "";
    }
}
