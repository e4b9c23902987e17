package dev.glassbox.jvm.data;

import dev.glassbox.data.DatasetException;
import dev.glassbox.data.Idx;
import dev.glassbox.data.IdxArray;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * An IDX file read with {@link Idx}, streamed (a gzip file is never held compressed and
 * uncompressed at once) and with the file's size given, so a raw file whose length disagrees with
 * its header is refused before anything is allocated.
 */
public final class IdxFiles {
    private IdxFiles() {}

    /** Reads {@code file}, raw or gzip; every problem is a {@link DatasetException} naming it. */
    public static IdxArray read(Path file) {
        String name = file.toString();
        try (InputStream in = Files.newInputStream(file)) {
            return Idx.read(in, name, Files.size(file));
        } catch (NoSuchFileException e) {
            throw new DatasetException(name + ": file not found");
        } catch (IOException e) {
            throw new DatasetException(name + ": cannot read (" + e + ")", e);
        }
    }
}
