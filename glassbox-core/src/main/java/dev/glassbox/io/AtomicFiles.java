package dev.glassbox.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Replacing a file so that a crash, a full disk or an error midway never leaves it half written:
 * write a temporary file beside it, sync it, then rename it over the target. Until the rename the
 * old file stays as it was.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Writes the content of a file at {@code temp}. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Path temp) throws IOException;
    }

    /**
     * Replaces {@code target} with what {@code content} writes. The temporary file is in the same
     * folder (created if missing) and its name ends with {@code suffix} (some writers insist on an
     * extension); on any failure it is deleted and {@code target} is untouched.
     */
    public static void replace(Path target, String suffix, Content content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        // Not Files.createTempFile: its files are private (0600), and the result should be as
        // readable as any file the user creates. The random part only keeps writers apart.
        Path temp = Files.createFile(dir.resolve(absolute.getFileName() + ".tmp-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + suffix));
        try {
            content.writeTo(temp);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            moveAtomically(temp, absolute);
        } finally {
            deleteQuietly(temp);
        }
    }

    /** Renames {@code from} over {@code to}, atomically where the file system can. */
    public static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // Same folder, so this is rare (some network file systems); a plain move is the best left.
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Deletes {@code file} if it exists, ignoring failures: the error being reported matters more. */
    public static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // A stray temporary file is harmless: it never has the target's name.
            }
        }
    }
}
