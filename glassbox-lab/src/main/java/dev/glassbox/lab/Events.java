package dev.glassbox.lab;

import io.javalin.http.sse.SseClient;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The pages listening for training events (Server-Sent Events), and sending to all of them. */
final class Events {
    private final List<SseClient> clients = new CopyOnWriteArrayList<>();

    /** Keeps {@code client} open and sends it {@code first} events before any others. */
    void add(SseClient client, Runnable first) {
        client.keepAlive();
        client.onClose(() -> clients.remove(client));
        synchronized (this) {
            first.run();
            clients.add(client);
        }
    }

    /** Sends one named event, as JSON, to every page; a page that has gone away is dropped. */
    synchronized void send(String name, Object data) {
        for (SseClient client : clients) {
            send(client, name, data);
        }
    }

    synchronized void send(SseClient client, String name, Object data) {
        try {
            if (client.terminated()) {
                clients.remove(client);
            } else {
                client.sendEvent(name, data);
            }
        } catch (RuntimeException e) {
            clients.remove(client);
        }
    }

    /** Ends every stream, so the server can stop. */
    synchronized void close() {
        for (SseClient client : clients) {
            client.close();
        }
        clients.clear();
    }
}
