package dev.glassbox.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files that are not regular files, for tests of what a command refuses to read or replace. */
final class SpecialFiles {
    private SpecialFiles() {}

    /** A named pipe: opening it for reading waits for a writer, forever. */
    static Path fifo(Path file) throws IOException {
        try {
            Process mkfifo = new ProcessBuilder("mkfifo", file.toString()).inheritIO().start();
            if (mkfifo.waitFor() != 0) {
                throw new IOException("mkfifo " + file + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return file;
    }

    /** A link to a character device ({@code /dev/null}): what a rename would replace, run as root, is the device. */
    static Path deviceLink(Path file) throws IOException {
        return Files.createSymbolicLink(file, Path.of("/dev/null"));
    }
}
