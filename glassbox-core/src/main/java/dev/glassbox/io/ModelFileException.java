package dev.glassbox.io;

import java.nio.file.Path;

/**
 * A model or checkpoint file that cannot be read or written: missing, truncated, malformed, not matching its
 * spec, or a write that failed. The message is one line naming the file and the problem, e.g.
 * {@code cannot read model from m.safetensors: tensor layers.0.weight has dtype F16; Glassbox reads F32 only}.
 * Bad arguments (such as a null network) are {@link IllegalArgumentException}s instead.
 */
public final class ModelFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    ModelFileException(String message, Path file, Throwable cause) {
        super(message, cause);
        this.file = file;
    }

    static ModelFileException reading(Path file, String problem) {
        return reading("model", file, problem);
    }

    /** @param kind what the file was meant to hold: {@code model} or {@code checkpoint} */
    static ModelFileException reading(String kind, Path file, String problem) {
        return new ModelFileException("cannot read " + kind + " from " + file + ": " + problem, file, null);
    }

    static ModelFileException writing(Path file, String problem, Throwable cause) {
        return writing("model", file, problem, cause);
    }

    static ModelFileException writing(String kind, Path file, String problem, Throwable cause) {
        return new ModelFileException("cannot write " + kind + " to " + file + ": " + problem, file, cause);
    }

    /** The model file the operation was about. */
    public Path file() {
        return file;
    }
}
