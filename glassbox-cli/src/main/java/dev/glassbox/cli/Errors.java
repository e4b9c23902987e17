package dev.glassbox.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;

/** Turns exceptions into the one line the user reads. */
final class Errors {
    private Errors() {}

    static String describe(Throwable e) {
        if (e instanceof OutOfMemoryError) {
            return String.format(Locale.ROOT, "out of memory (Java may use %.1f GiB). Try a smaller --batch-size or"
                    + " narrower --layers, or give Java more memory, e.g. JAVA_OPTS=-Xmx8g ./glassbox …",
                    Runtime.getRuntime().maxMemory() / (double) (1L << 30));
        }
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        if (cause instanceof NoSuchFileException f) {
            return f.getFile() + ": no such file";
        }
        if (cause instanceof AccessDeniedException f) {
            return f.getFile() + ": permission denied";
        }
        if (cause instanceof FileSystemException f) {
            return f.getFile() + ": " + (f.getReason() == null ? "file system error" : f.getReason());
        }
        String message = e.getMessage();
        if (isUnexpected(e) || message == null || message.isBlank()) {
            return "internal error: " + e;
        }
        return firstLine(message);
    }

    /** Programming errors, as opposed to problems with the user's input or machine. */
    static boolean isUnexpected(Throwable e) {
        return !(e instanceof IllegalArgumentException
                || e instanceof IllegalStateException
                || e instanceof IOException
                || e instanceof UncheckedIOException
                || e instanceof OutOfMemoryError
                || e.getClass().getPackageName().startsWith("dev.glassbox"));
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
