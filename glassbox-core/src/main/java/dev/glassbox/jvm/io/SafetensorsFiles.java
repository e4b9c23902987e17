package dev.glassbox.jvm.io;

import dev.glassbox.io.ModelFileException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The file half of {@link ModelFiles} and {@link CheckpointFiles}: what the codecs cannot know.
 * Reading refuses what is not a regular file before opening it and checks the size before
 * allocating; writing goes to a temporary file beside the target, forced to disk, then renamed
 * over it. Every failure is a {@link ModelFileException} naming the file.
 */
final class SafetensorsFiles {
    /** The most bytes one Java array holds: larger model files are refused before reading. */
    private static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 8;

    private SafetensorsFiles() {}

    /** Writes the codec's bytes to {@code out}. */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** The whole of {@code file}, for a codec. {@code kind} is {@code model} or {@code checkpoint}. */
    static ByteBuffer read(Path file, String kind) {
        if (Files.isDirectory(file)) {
            throw ModelFileException.reading(kind, file.toString(), "it is a directory, expected a .safetensors file");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            // Opening a FIFO would wait for a writer forever; a device may never end.
            throw ModelFileException.reading(kind, file.toString(),
                    "it is not a regular file (a device, FIFO or socket), expected a .safetensors file");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > MAX_FILE_BYTES) {
                throw ModelFileException.reading(kind, file.toString(), "the file is " + size
                        + " bytes long, more than the " + MAX_FILE_BYTES + " Glassbox reads");
            }
            ByteBuffer bytes = ByteBuffer.allocate((int) size);
            while (bytes.hasRemaining()) {
                if (channel.read(bytes, bytes.position()) < 0) {
                    throw ModelFileException.reading(kind, file.toString(), "the file ended at byte "
                            + bytes.position() + " of " + size + "; was it changed while being read?");
                }
            }
            return bytes.flip();
        } catch (NoSuchFileException e) {
            throw ModelFileException.reading(kind, file.toString(), "no such file. Check the path");
        } catch (IOException e) {
            throw ModelFileException.reading(kind, file.toString(), describe(e));
        }
    }

    /**
     * Replaces {@code file} with what {@code content} writes, creating missing parent folders. On
     * failure an existing file is left untouched and no temporary file remains.
     */
    static void write(Path file, String kind, Content content) {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        if (Files.isDirectory(target)) {
            throw ModelFileException.writing(kind, file.toString(),
                    "it is a directory, expected a file path such as model.safetensors", null);
        }
        try {
            AtomicFiles.requireReplaceable(target);
        } catch (FileSystemException e) {
            throw ModelFileException.writing(kind, file.toString(), e.getReason(), e);
        }
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw ModelFileException.writing(kind, file.toString(),
                    e.getFile() + " is a file, expected a directory (or nothing) there", e);
        } catch (IOException e) {
            throw ModelFileException.writing(kind, file.toString(), describe(e), e);
        }
        // The random part only keeps concurrent savers apart; it has no effect on results.
        String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong());
        Path temp = dir.resolve(target.getFileName() + ".tmp-" + suffix);
        boolean moved = false;
        try {
            try (FileChannel channel =
                    FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                content.writeTo(Channels.newOutputStream(channel));
                channel.force(true); // the data must be on disk before the rename makes it visible
            }
            AtomicFiles.moveAtomically(temp, target);
            moved = true;
            syncDirectory(dir);
        } catch (ModelFileException e) {
            throw e.file() == null ? e.naming(file.toString()) : e;
        } catch (IOException e) {
            throw ModelFileException.writing(kind, file.toString(), describe(e), e);
        } finally {
            if (!moved) {
                AtomicFiles.deleteQuietly(temp);
            }
        }
    }

    /** Makes the rename itself durable; best effort, since not every platform can sync a directory. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            // The model is already in place; only durability across a power cut is weaker.
        }
    }

    /** A one-line reason: Java's own messages for these are often just the path. */
    static String describe(IOException e) {
        return switch (e) {
            case NoSuchFileException x -> "no such file or directory: " + x.getFile();
            case AccessDeniedException x -> "permission denied: " + x.getFile();
            case FileAlreadyExistsException x -> "already exists: " + x.getFile();
            case FileSystemException x when x.getReason() != null -> x.getReason() + ": " + x.getFile();
            default -> e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        };
    }
}
