package dev.glassbox.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training event stream: however many idle connections there are, a new page gets its stream. */
class EventStreamTest {
    @TempDir
    Path dir;

    @Test
    void aNewPageAlwaysGetsItsStreamTheOldestIdleOneMakesRoom() throws IOException {
        List<Socket> idle = new ArrayList<>();
        try (LabServer server = TestLab.start(dir)) {
            Events events = server.lab().events();
            for (int i = 0; i < Events.MAX_PAGES; i++) {
                Socket socket = LoadScenario.openEvents(server.port(), 0);
                idle.add(socket);
                assertThat(firstEvent(socket)).as("page " + i).isEqualTo("event: status");
            }
            assertThat(events.pages()).isEqualTo(Events.MAX_PAGES);

            try (Socket newcomer = LoadScenario.openEvents(server.port(), 0)) {
                assertThat(firstEvent(newcomer)).as("the new page").isEqualTo("event: status");
                assertThat(events.displaced()).isEqualTo(1);
                assertThat(events.pages()).isEqualTo(Events.MAX_PAGES);
                assertThat(endsWithin(idle.getFirst())).as("the oldest page's stream ends").isTrue();
                assertThat(TestLab.get(server, "/api/train").status()).isEqualTo(200);
            }
        } finally {
            for (Socket socket : idle) {
                socket.close();
            }
        }
    }

    /** The first event line a stream sends (after the response head). */
    private static String firstEvent(Socket socket) throws IOException {
        socket.setSoTimeout(10_000);
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.startsWith("event:")) {
                return line;
            }
        }
        return null;
    }

    /** Whether the server ends the stream (its chunked body, or the connection) within a few seconds. */
    private static boolean endsWithin(Socket socket) throws IOException {
        socket.setSoTimeout(10_000);
        byte[] buffer = new byte[8192];
        StringBuilder tail = new StringBuilder();
        try {
            for (int n = socket.getInputStream().read(buffer); n >= 0; n = socket.getInputStream().read(buffer)) {
                tail.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                if (tail.toString().endsWith("\r\n0\r\n\r\n")) {
                    return true; // the last chunk: the response is over
                }
                tail.delete(0, Math.max(0, tail.length() - 16));
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }
}
