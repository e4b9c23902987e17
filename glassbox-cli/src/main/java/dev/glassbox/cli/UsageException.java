package dev.glassbox.cli;

/** A command-line value that parsed but cannot be used; reported with exit code 2. */
public final class UsageException extends IllegalArgumentException {
    public UsageException(String message) {
        super(message);
    }
}
