package dev.glassbox.lab;

import dev.glassbox.io.Json;
import io.javalin.http.sse.SseClient;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The pages listening for training events (Server-Sent Events), and sending to all of them.
 *
 * <p>Sending never waits for a page. A write to a page that does not read (a sleeping tab, a stalled
 * connection) blocks once the socket's buffers are full; were the training thread to make that
 * write, one such page would stop training and every other page's stream. So {@link #send} only
 * turns the event into JSON once and appends it to each page's own outbox, and each page has a
 * thread of its own that writes its outbox to its socket; that thread alone may block.
 *
 * <p>What a page may have waiting is bounded: once its outbox holds {@value #MAX_QUEUED_BYTES}
 * bytes (the bound is checked before each event is added, so it is exceeded by at most one event),
 * the page has fallen behind by minutes of training and is disconnected: its outbox is emptied at
 * once and its stream ends as soon as its thread is free (a blocked write fails at the server's
 * idle timeout). Disconnecting, not skipping events, because a page that missed some would draw
 * curves with silent gaps; a browser's {@code EventSource} reconnects by itself and is sent the
 * status and the whole history again. At most {@value #MAX_PAGES} pages listen at once, so memory
 * for events stays below {@code MAX_PAGES × (MAX_QUEUED_BYTES + largest event)} however many
 * clients come, and the largest event, the history, is capped by {@link TrainingSession}. A new
 * page always gets its stream: when all places are taken, the page that has listened longest with
 * nothing waiting (else simply the oldest) makes room. Refusing the newcomer instead would let any
 * {@value #MAX_PAGES} idle connections lock every new page out; a displaced page that still reads
 * reconnects by itself.
 *
 * <p>A page that went away is noticed only when a write to it fails, so every
 * {@value #HEARTBEAT_MILLIS} ms without events a page is sent a comment line: while nothing
 * trains, closed tabs and reloads would otherwise hold places among the {@value #MAX_PAGES}.
 */
final class Events {
    /** Far more than a page that reads falls behind by: a training point is about a hundred bytes. */
    static final int MAX_QUEUED_BYTES = 1 << 20;
    static final int MAX_PAGES = 32;
    static final long HEARTBEAT_MILLIS = 3_000;

    /** One event as it goes out: its name and its data as JSON text. */
    record Event(String name, String data) {
        int bytes() {
            return name.length() + data.length();
        }
    }

    private static final Event HEARTBEAT = new Event("", "");

    private final int maxQueuedBytes;
    private final List<Page> pages = new CopyOnWriteArrayList<>();
    private final AtomicLong pageNumbers = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong displaced = new AtomicLong();
    private boolean closed; // guarded by this

    Events() {
        this(MAX_QUEUED_BYTES);
    }

    /** @param maxQueuedBytes what one page may have waiting before it is disconnected */
    Events(int maxQueuedBytes) {
        if (maxQueuedBytes < 1) {
            throw new IllegalArgumentException("Events: maxQueuedBytes must be positive, got " + maxQueuedBytes);
        }
        this.maxQueuedBytes = maxQueuedBytes;
    }

    /** {@code data} as it is sent: JSON, written once for every page. */
    Event event(String name, Object data) {
        return new Event(name, Json.write(data));
    }

    /**
     * Keeps {@code client} open and sends it the events {@code first} returns before any others;
     * {@code first} runs while no other event is being sent, so nothing falls between the two.
     * At the limit of {@value #MAX_PAGES} pages, the oldest idle one is disconnected to make room.
     */
    void add(SseClient client, Supplier<List<Event>> first) {
        Page page = new Page(client, pageNumbers.incrementAndGet());
        synchronized (this) {
            if (closed) {
                client.close();
                return;
            }
            while (pages.size() >= MAX_PAGES) {
                makeRoom();
            }
            for (Event event : first.get()) {
                page.offer(event);
            }
            pages.add(page);
        }
        client.keepAlive();
        client.onClose(page::close);
        page.thread.start();
    }

    /** Disconnects the page that has listened longest with nothing waiting, else the oldest page. */
    private void makeRoom() {
        Page leaving = pages.getFirst(); // pages are kept in the order they came
        for (Page page : pages) {
            if (page.queuedBytes() == 0) {
                leaving = page;
                break;
            }
        }
        displaced.incrementAndGet();
        leaving.close(); // its thread ends its stream
    }

        /** Sends one named event, as JSON, to every page; a page that has fallen behind is disconnected. */
    synchronized void send(String name, Object data) {
        if (pages.isEmpty()) {
            return;
        }
        Event event = event(name, data);
        for (Page page : pages) {
            if (!page.offer(event)) {
                dropped.incrementAndGet();
                page.close();
            }
        }
    }

    /** The pages listening now. */
    int pages() {
        return pages.size();
    }

    /** How many pages were disconnected for falling behind. */
    long dropped() {
        return dropped.get();
    }

    /** How many pages were disconnected to make room for a new one. */
    long displaced() {
        return displaced.get();
    }

    /** The most any listening page has waiting, in bytes. */
    int mostQueuedBytes() {
        int most = 0;
        for (Page page : pages) {
            most = Math.max(most, page.queuedBytes());
        }
        return most;
    }

    /**
     * Ends every stream, so the server can stop. The streams are ended here rather than by their
     * pages' threads: ending one after the server has stopped fails inside the server.
     */
    void close() {
        List<Page> open;
        synchronized (this) {
            closed = true;
            open = List.copyOf(pages);
        }
        for (Page page : open) {
            page.close();
            page.client.close();
        }
    }

    /** One listening page: its outbox, and the thread that writes it to the page's socket. */
    private final class Page {
        private final SseClient client;
        private final Thread thread;
        private final ArrayDeque<Event> outbox = new ArrayDeque<>(); // guarded by this
        private int queuedBytes; // guarded by this
        private boolean closed; // guarded by this

        Page(SseClient client, long number) {
            this.client = client;
            this.thread = new Thread(this::write, "glassbox-lab-events-" + number);
            thread.setDaemon(true);
        }

        /** Adds {@code event} to the outbox; false if the page has fallen too far behind (a closed page ignores it). */
        synchronized boolean offer(Event event) {
            if (closed) {
                return true;
            }
            if (queuedBytes >= maxQueuedBytes) {
                return false;
            }
            outbox.add(event);
            queuedBytes += event.bytes();
            notifyAll();
            return true;
        }

        synchronized int queuedBytes() {
            return queuedBytes;
        }

        /** The next event to write, {@link #HEARTBEAT} after a quiet spell, or null once closed. */
        private synchronized Event next() throws InterruptedException {
            long deadline = System.currentTimeMillis() + HEARTBEAT_MILLIS;
            while (outbox.isEmpty() && !closed) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return HEARTBEAT;
                }
                wait(left);
            }
            if (closed) {
                return null;
            }
            Event event = outbox.poll();
            queuedBytes -= event.bytes();
            return event;
        }

        /** The page's own thread: writes until the page is closed or its connection fails. */
        private void write() {
            try {
                for (Event event = next(); event != null && !client.terminated(); event = next()) {
                    if (event == HEARTBEAT) {
                        client.sendComment("");
                    } else {
                        client.sendEvent(event.name(), event.data());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                // The connection failed in a way the client did not report itself: drop the page.
            } finally {
                close();
                client.close(); // safe to repeat; ends the response on this thread, never the trainer's
            }
        }

        /** Stops the page: its outbox is freed now, its stream ends once its thread is free. */
        void close() {
            synchronized (this) {
                closed = true;
                outbox.clear();
                queuedBytes = 0;
                notifyAll();
            }
            pages.remove(this);
        }
    }
}
