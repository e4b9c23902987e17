package dev.glassbox.lab;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The file the page's Save writes must be a regular file or not exist yet. Saving renames a new
 * file over the target, which would silently replace a device node such as {@code /dev/null}, a
 * pipe or a folder's entry with a model; so anything else is refused, at start-up and again at each
 * save (the path may have changed in between), before anything is written.
 */
public final class SaveTarget {
    private SaveTarget() {}

    /**
     * Returns {@code file} if it is a regular file (a link to one counts) or absent.
     *
     * @throws IllegalStateException naming the problem, otherwise
     */
    public static Path check(Path file) {
        if (Files.isDirectory(file)) {
            throw new IllegalStateException("lab: cannot save to " + file + ": it is a directory, expected a file"
                    + " such as model.safetensors. Choose another with --save");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new IllegalStateException("lab: cannot save to " + file + ": it is not a regular file (a device,"
                    + " pipe or socket), and saving would replace it. Choose another with --save");
        }
        return file;
    }
}
