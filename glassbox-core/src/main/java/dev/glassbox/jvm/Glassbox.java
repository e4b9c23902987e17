package dev.glassbox.jvm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Facts about this build of Glassbox, read from the jar: the engine records the version only when a host passes it. */
public final class Glassbox {
    private static final String VERSION = readVersion();

    private Glassbox() {}

    /** The version, e.g. {@code 0.1.0}; recorded in every model file. */
    public static String version() {
        return VERSION;
    }

    private static String readVersion() {
        try (InputStream in = Glassbox.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
