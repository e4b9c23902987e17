package dev.glassbox.cli;

import dev.glassbox.jvm.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The checks a command makes on its outputs before any work, so that a mistyped path fails in a
 * second rather than after an hour of training, and so that saving never destroys what is not
 * ours: every output is absent or a regular file (never a folder, device, FIFO or socket), in a
 * folder that can be written, and no two outputs are the same file.
 */
public final class OutputFiles {
    private OutputFiles() {}

    /**
     * {@code file} can be replaced: a folder is a usage error (exit 2), a device, FIFO or socket a
     * refusal (exit 1), an unwritable folder an I/O error (exit 1).
     *
     * @param example a file name to suggest inside a folder given by mistake
     */
    public static void requireReplaceable(String option, Path file, String example) {
        if (Files.isDirectory(file)) {
            throw new UsageException(option + " " + file + " is a directory; give a file name such as "
                    + file.resolve(example));
        }
        try {
            AtomicFiles.requireReplaceable(file);
        } catch (FileSystemException e) {
            throw new IllegalArgumentException(option + " " + file + ": " + e.getReason()
                    + ". Give a file name to write");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && Files.exists(parent) && !Files.isDirectory(parent)) {
            throw new UsageException(option + " " + file + ": " + parent + " is not a directory");
        }
        requireWritableDirectory(parent, option);
    }

    /**
     * No two of {@code outputs} (option → file; null files are skipped) are the same file, by
     * path or, for files that exist, by identity (links).
     */
    static void requireDistinct(Map<String, Path> outputs) {
        List<Map.Entry<String, Path>> given = new ArrayList<>();
        outputs.forEach((option, file) -> {
            if (file != null) {
                given.add(Map.entry(option, file));
            }
        });
        for (int i = 0; i < given.size(); i++) {
            for (int j = i + 1; j < given.size(); j++) {
                if (sameFile(given.get(i).getValue(), given.get(j).getValue())) {
                    throw new UsageException(given.get(i).getKey() + " and " + given.get(j).getKey() + " are the same"
                            + " file (" + given.get(j).getValue() + "): one would overwrite the other. Give each its"
                            + " own file");
                }
            }
        }
    }

    /** Whether two paths name the same file, following links; false when in doubt. */
    static boolean sameFile(Path a, Path b) {
        if (a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())) {
            return true;
        }
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Creates and deletes a file in {@code dir} (or its nearest existing ancestor): better to fail
     * now than after training.
     */
    static void requireWritableDirectory(Path dir, String option) {
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return;
        }
        try {
            Files.delete(Files.createTempFile(existing, ".glassbox-write-check", ".tmp"));
        } catch (IOException e) {
            String problem = option + ": cannot write in " + existing + " (" + Errors.describe(e)
                    + "). Choose a writable folder";
            throw new UncheckedIOException(problem, new IOException(problem, e));
        }
    }
}
