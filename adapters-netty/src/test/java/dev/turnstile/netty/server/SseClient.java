package dev.turnstile.netty.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A test client for the server's event streams on the JDK HTTP client: parses frames (id, event,
 * data) into a queue as they arrive, counts comment lines (heartbeats), and reports the end of the
 * stream as a frame of type {@code <eof>}.
 */
final class SseClient implements AutoCloseable {

    /** One event-stream frame. */
    record Frame(String id, String event, String data) {
        boolean isEof() {
            return event.equals("<eof>");
        }
    }

    private final LinkedBlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final AtomicInteger comments = new AtomicInteger();
    private final LinkedBlockingQueue<String> commentLines = new LinkedBlockingQueue<>();
    private final InputStream body;
    private final int status;
    private final String contentType;

    private SseClient(HttpResponse<InputStream> response) {
        this.status = response.statusCode();
        this.contentType = response.headers().firstValue("content-type").orElse("");
        this.body = response.body();
        Thread.ofVirtual().name("sse-client").start(this::read);
    }

    static SseClient open(HttpClient http, URI uri, String token, String lastEventId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().header("Accept", "text/event-stream");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return new SseClient(http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
    }

    int status() {
        return status;
    }

    String contentType() {
        return contentType;
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String id = "";
            String event = "message";
            StringBuilder data = new StringBuilder();
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        frames.add(new Frame(id, event, data.toString()));
                    }
                    event = "message";
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    comments.incrementAndGet();
                    commentLines.add(line);
                } else if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    if (!data.isEmpty()) {
                        data.append('\n');
                    }
                    data.append(line.substring(6));
                }
            }
        } catch (IOException e) {
            // closed by the test or the server: end of stream either way
        }
        frames.add(new Frame("", "<eof>", ""));
    }

    /** The next frame; fails after 30 s. */
    Frame next() throws InterruptedException {
        Frame frame = frames.poll(30, TimeUnit.SECONDS);
        if (frame == null) {
            throw new AssertionError("no event-stream frame within 30 s");
        }
        return frame;
    }

    /** Frames up to and including the first that matches; fails at the end of the stream. */
    List<Frame> until(Predicate<Frame> last) throws InterruptedException {
        List<Frame> seen = new ArrayList<>();
        while (true) {
            Frame frame = next();
            seen.add(frame);
            if (last.test(frame)) {
                return seen;
            }
            if (frame.isEof()) {
                throw new AssertionError("the stream ended before the awaited frame; saw " + seen);
            }
        }
    }

    /** Frames up to and including the first of {@code event} type. */
    List<Frame> until(String event) throws InterruptedException {
        return until(f -> f.event().equals(event));
    }

    /** Heartbeat comments seen so far. */
    int comments() {
        return comments.get();
    }

    /** Waits for the next comment line (a heartbeat), failing after 30 s. */
    String nextComment() throws InterruptedException {
        String line = commentLines.poll(30, TimeUnit.SECONDS);
        if (line == null) {
            throw new AssertionError("no heartbeat within 30 s");
        }
        return line;
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}
