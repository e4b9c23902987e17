package dev.glassbox.jvm.data;

/**
 * Hears how a download advances, e.g. to draw a progress bar.
 *
 * <p>Call order, per file: {@link #started} once, {@link #advanced} zero or more times, then
 * {@link #finished} once, also when the transfer fails (so a bar can be closed). Calls come from
 * the downloading thread; implementations must not throw.
 */
public interface DownloadProgress {
    /** Does nothing. */
    DownloadProgress NONE = new DownloadProgress() {
        @Override
        public void started(String file, long totalBytesOrMinus1) {}

        @Override
        public void advanced(long bytes) {}

        @Override
        public void finished() {}
    };

    /** @param totalBytesOrMinus1 the size announced by the server, or −1 when unknown */
    void started(String file, long totalBytesOrMinus1);

    /** {@code bytes} more arrived (an increment, not a total). */
    void advanced(long bytes);

    void finished();
}
