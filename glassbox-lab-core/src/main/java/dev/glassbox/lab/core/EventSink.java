package dev.glassbox.lab.core;

/** Where training events go: the server's event streams, or the page's worker. */
@FunctionalInterface
public interface EventSink {
    /** @param data a JSON-ready tree, written with {@link dev.glassbox.io.Json} */
    void send(String event, Object data);
}
