package dev.glassbox.jvm.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
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
        requireReplaceable(target);
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

    /**
     * Refuses a target that exists but is not a regular file. A rename would put a regular file in
     * the place of a device, FIFO or socket — as root, {@code /dev/null} itself — and over a folder
     * it fails only after all the work. A symbolic link counts as what it points to.
     *
     * @throws FileSystemException naming the target and what it is
     */
    public static void requireReplaceable(Path target) throws FileSystemException {
        if (Files.isDirectory(target)) {
            throw new FileSystemException(target.toString(), null, "it is a directory, expected a file (or nothing)");
        }
        if (Files.exists(target) && !Files.isRegularFile(target)) {
            throw new FileSystemException(target.toString(), null,
                    "it is not a regular file (a device, FIFO or socket); refusing to replace it");
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
