package dev.glassbox.io;

/**
 * Text that is not the strict JSON {@link Json} reads, or a value it cannot write.
 *
 * <p>The message reads {@code JSON: at offset 17: expected ':' after object key, got 'x'} for
 * parse errors (the offset counts {@code char}s from the start of the text) and
 * {@code JSON: cannot write $.loss: ...} for write errors.
 */
public final class JsonException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int offset;
    private final String problem;

    JsonException(int offset, String problem) {
        super("JSON: at offset " + offset + ": " + problem);
        this.offset = offset;
        this.problem = problem;
    }

    JsonException(String problem) {
        super("JSON: " + problem);
        this.offset = -1;
        this.problem = problem;
    }

    /** Where parsing failed, in {@code char}s from the start of the text; -1 for write errors. */
    public int offset() {
        return offset;
    }

    /** The message without the {@code JSON: at offset N:} prefix, for callers that add their own context. */
    public String problem() {
        return problem;
    }
}
