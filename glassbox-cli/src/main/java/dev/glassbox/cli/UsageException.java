package dev.glassbox.cli;

import java.util.function.Supplier;

/** A command-line value that parsed but cannot be used; reported with exit code 2. */
public final class UsageException extends IllegalArgumentException {
    public UsageException(String message) {
        super(message);
    }

    /**
     * Runs {@code body}, which turns option values into settings, and reports a value it refuses
     * ({@link IllegalArgumentException}) as a usage error rather than a failure of the work.
     */
    public static <T> T wrap(Supplier<T> body) {
        try {
            return body.get();
        } catch (UsageException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
