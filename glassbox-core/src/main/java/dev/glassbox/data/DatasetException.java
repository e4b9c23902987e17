package dev.glassbox.data;

/**
 * Any problem loading data: a malformed or truncated IDX file, a checksum mismatch, a missing
 * file, an unreadable image, a failed download.
 *
 * <p>One type on purpose, so the CLI catches one thing and prints its one-line message. The
 * message always starts with the file, URL or dataset it is about: {@code <where>: <problem>}.
 * It is not used for programming errors (those stay {@link IllegalArgumentException}).
 */
public class DatasetException extends RuntimeException {
    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
