package dev.glassbox.io;

/**
 * Model or checkpoint bytes that cannot be read or written: truncated, malformed, not matching
 * their spec; or, from a host, a file that is missing or a write that failed. The message is one
 * line naming the file (when the host knows it) and the problem, e.g. {@code cannot read model from
 * m.safetensors: tensor layers.0.weight has dtype F16; Glassbox reads F32 only}. The codecs see
 * bytes only, so they throw without a file ({@code cannot read model: ...}) and the host that read
 * the file throws {@link #naming(String)} in their place. Bad arguments (such as a null network)
 * are {@link IllegalArgumentException}s instead.
 */
public final class ModelFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean reading;
    private final String kind;
    private final String file;
    private final String problem;

    private ModelFileException(boolean reading, String kind, String file, String problem, Throwable cause) {
        super((reading ? "cannot read " + kind + (file == null ? "" : " from " + file)
                : "cannot write " + kind + (file == null ? "" : " to " + file)) + ": " + problem, cause);
        this.reading = reading;
        this.kind = kind;
        this.file = file;
        this.problem = problem;
    }

    /**
     * @param kind what the bytes were meant to hold: {@code model} or {@code checkpoint}
     * @param file where they came from, for the message; null when unknown (the codecs)
     */
    public static ModelFileException reading(String kind, String file, String problem) {
        return new ModelFileException(true, kind, file, problem, null);
    }

    /** As {@link #reading}, for a write; {@code cause} may be null. */
    public static ModelFileException writing(String kind, String file, String problem, Throwable cause) {
        return new ModelFileException(false, kind, file, problem, cause);
    }

    /** The same problem, naming {@code file}: what a host throws when a codec refused a file's bytes. */
    public ModelFileException naming(String file) {
        return new ModelFileException(reading, kind, file, problem, this);
    }

    /** The file the operation was about, or null if the exception came from bytes alone. */
    public String file() {
        return file;
    }

    /** What is wrong, without the file: the part after {@code cannot read model from <file>: }. */
    public String problem() {
        return problem;
    }
}
